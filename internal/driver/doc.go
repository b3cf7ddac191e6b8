// Package driver is the engine of faasvet check: it loads packages with
// go/packages, runs the analyzers with go/analysis/checker, then runs the
// whole-program checks that no per-package driver can (Go cannot import a
// main package, so sibling Lambda mains never see each other), and turns
// everything into sorted report.Findings.
package driver
