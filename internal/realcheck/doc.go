// Realcheck runs faasvet on real code that nobody here wrote: a pinned
// list of modules from the Go module proxy, FaaS code (aws-lambda-go, the
// aws-sdk-go-v2 service clients, functions-framework-go, the CloudEvents
// SDK and its protocol bindings, Lambda adapters, knative.dev/eventing)
// and large modules that have nothing to do with FaaS (golang.org/x/tools,
// gRPC, aws-sdk-go v1, staticcheck, golangci-lint, goformation,
// knative.dev/pkg). A linter that
// panics or cries wolf on such code is removed from the pipeline the same
// day, and fixtures written by the linter's authors cannot show that it
// does not.
//
// For each module it
//
//   - downloads it with go mod download and copies it to a writable
//     temporary directory (the module cache is read-only);
//   - counts its packages with go list and warms the build cache the way
//     go/packages will use it (go list -export -deps), so that the timings
//     are faasvet's and not the compiler's;
//   - runs faasvet check --format json and faasvet graph --format json on
//     ./... and records wall time, peak memory (the largest process of
//     faasvet's tree, from the rusage that wait4 returns), the exit
//     status, the findings by check and severity, and any crash: a panic
//     on standard error, an exit status other than 0, 1 or 2, or an
//     internal-error finding;
//   - checks that neither command wrote a file in the tree.
//
// It prints a Markdown table (the one in docs/real-world.md) and writes,
// under -out, results.json, table.md, findings.md (every error- and
// warning-level finding, for a person to read) and each module's raw
// outputs.
//
// Usage, from the repository root:
//
//	go run ./internal/realcheck -out /tmp/realcheck          # the full list (most of it compiling dependencies)
//	go run ./internal/realcheck -short -out /tmp/realcheck   # the CI subset: a few small FaaS modules
//	go run ./internal/realcheck -run 'grpc|tools'            # modules whose path matches a regexp
//	go run ./internal/realcheck -merge a/results.json,b/results.json   # one table of several runs
//
// With -short (and whenever -check is given) it exits 1 when faasvet
// crashed, wrote a file, or reported a finding that the module list does
// not expect: the subset is a regression test of precision on real code.
// A module that cannot be had (not served by the proxy, or needing a
// newer Go) is reported as skipped, never as a failure of faasvet.
package main
