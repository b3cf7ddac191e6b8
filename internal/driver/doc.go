// Package driver is the engine of faasvet check. It lists the packages
// with go/packages, loads them one at a time in import order as
// go/packages would (stream.go) and runs the analyzers on each as it
// comes, with their facts kept across packages (passes.go), dropping
// each package's syntax and type information once analysed unless the
// link stage reads them; it hands what the analyzers found to the link
// stage (package link), which builds the function graph and runs the
// whole-program checks, and turns everything into sorted
// report.Findings.
package driver
