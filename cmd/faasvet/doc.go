// Command faasvet checks the function graph of a FaaS application.
//
// It is two tools in one binary. Run by go vet (go vet
// -vettool=$(which faasvet) ./...), it speaks the vet protocol through
// unitchecker and runs the per-package analyzers; with
// -faassummary.dir=DIR it also writes each package's summary for the
// whole-program checks into DIR. Run directly, it is a CLI:
//
//	faasvet [-C dir] check [--format text|json] [--fail-on error|warning|info|never] [packages]
//	faasvet [-C dir] link [--format text|json] [--fail-on ...] DIR
//	faasvet checks
//	faasvet version
//
// faasvet check exits 0 when nothing at or above --fail-on was found, 1
// when something was, and 2 when it could not do its job.
package main
