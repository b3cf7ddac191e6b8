// Package driver is the engine of faasvet check: it loads packages with
// go/packages, runs the analyzers with go/analysis/checker in batches,
// hands what they found to the link stage (package link), which builds
// the function graph and runs the whole-program checks, and turns
// everything into sorted report.Findings.
package driver
