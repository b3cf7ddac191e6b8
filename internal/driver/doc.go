// Package driver is the engine of faasvet check: it loads packages with
// go/packages, runs the analyzers with go/analysis/checker in batches,
// hands what they found to the link stage (package link), which builds
// the function graph and runs the whole-program checks, and turns
// everything into sorted report.Findings.
//
// Loading is forgiving, one file per concern: modules.go plans one load
// per module when the patterns span several; unreachable.go loads again,
// with an empty module in its place, when the go command cannot fetch a
// module version that its module graph names (a proxy's 403 or 410, a
// private module), so that one such module does not hide the packages
// that do not need it; recheck.go and partial.go analyse in part a
// package whose imports failed; deps.go reads from source the
// dependencies that wrap an SDK.
package driver
