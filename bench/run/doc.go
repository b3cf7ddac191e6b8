// Run is faasvet's benchmark harness. On each tree it times, in one run
// and with a warm build cache:
//
//   - faasvet check --format json ./..., with FAASVET_CACHE=off: its cache
//     is on by default and would replay the warm-up's run
//   - go vet ./..., working: each run passes a fresh -printf.funcs value,
//     which changes vet's cache key (but not the build cache's), so vet
//     analyses every package instead of replaying its cached results
//   - go vet -vettool=faasvet ./..., working: go vet keys its cache on the
//     vet tool's -V=full output, which for a unitchecker tool is a hash
//     of the executable, and faasvet's analyzers have no flag to vary (go
//     vet handles -c and -json itself, so they do not reach the key); so
//     each run uses a copy of the faasvet binary with a few nonce bytes
//     appended, which an ELF file ignores
//   - the load floor (bench/floor): go/packages loading the roots from
//     source with types, dependencies from export data
//
// and reports the medians of wall time, CPU time (user and system of the
// process and the children it waited for) and peak RSS (of the largest
// single process, as /usr/bin/time -v reports it: for go vet that is the
// go command or one vet process, not their sum), and the ratios of
// faasvet check's wall and CPU time to each other tool's, taken per run
// and then the median. The tools run one after the other in each run, so
// a ratio compares measurements taken under the same load; the table also
// gives the load average before and after each tree.
//
// Before the timed runs, go list -export -deps ./... fills the build cache
// with the export data all four tools read (go build ./... would also
// link every main package), and faasvet check and the floor run once
// untimed. A working go vet does the same work every time, so it needs no
// warm-up.
//
// The trees are synthetic monorepos of N functions (package synth,
// written afresh under -out) and copies of real modules from the module
// proxy. With -helpers, the synthetic trees make every send through
// shared helper packages instead of in the handler: a publisher type
// built by a constructor from the client and a target from os.Getenv,
// held by the handler's app through an interface; a generic Send[T any];
// a send to a queue looked up by name. faasvet must then carry the sends
// across packages as facts. On a synthetic tree the harness checks that faasvet check
// reports exactly the seeded findings, and that go vet -vettool reports
// the seeded handler-signature ones; a mismatch fails the run. It fits the
// growth exponent of each tool's median wall time over the sizes (least
// squares on log-log). Results go to OUT/results.json after every run;
// -from prints one table from several such files.
//
// With -cache, each run then times faasvet check with its cache three
// more times, and a second table, "Cache", gives their medians and their
// ratios (per run, then the median) to the cold cache, to faasvet check
// without the cache, and to the load floor's CPU time:
//
//   - cache cold: FAASVET_CACHE names a fresh, empty directory
//   - cache warm: the same directory, now filled, nothing changed: a
//     replay of the whole run
//   - one file edited: a comment line, different in each run, is
//     appended to one Go file, go list -export -deps ./... refreshes the
//     build cache untimed (recompiling the edited package is the go
//     command's cost, not faasvet's), and faasvet check runs with the
//     same directory; the file is restored, and the build cache
//     refreshed again, before the next run
//
// The file is, on a synthetic tree, the first pipeline function's
// main.go (synth.Plan.FunctionFile), an edit of one function; on a real
// module, the first non-test Go file by name of the in-tree non-main
// package with the most in-tree importers (ties by import path), as go
// list ./... reports them: an edit that reaches many packages. The
// results name it. Each of the three must print exactly what faasvet
// check without the cache printed in the same run (--format json, and
// the exit code): a comment changes no finding. A difference stops the
// harness with the first differing line; both outputs are kept under
// OUT/cache-diff. With -check, -cache runs faasvet check without the
// cache and in the three modes once, untimed, for that comparison alone.
//
// Usage, from the repository root:
//
//	go run ./bench/run                                   # N = 10, 100, 1000, 5000 and the real modules, 5 runs each
//	go run ./bench/run -sizes 10 -real '' -check         # the smoke test (.ci/bench-smoke.sh)
//	go run ./bench/run -sizes 10 -real '' -check -cache  # and the cache's output against a run without it
//	go run ./bench/run -sizes 1000 -real '' -runs 7 -md table.md
//	go run ./bench/run -sizes 1000,5000 -runs 3 -helpers    # the sends in helper packages
//	go run ./bench/run -sizes 100,1000 -runs 3 -cache        # also the cache: cold, warm, one file edited
//	go run ./bench/run -from a/results.json,b/results.json
package main
