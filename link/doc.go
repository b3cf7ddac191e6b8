// Package link is faasvet's whole-program stage: it links what the
// per-package analyzers found (handler summaries, routes, SDK calls, the
// payloads consumers decode) with the infrastructure model of
// package manifest into one typed function graph, and runs the checks
// that need all of it at once.
//
// No per-package driver can do this: Go cannot import a main package, so
// sibling Lambda mains never see each other, and the manifests that wire
// them together are not Go at all. faasvet check loads and analyses the
// packages (internal/driver), then calls Link.
//
// The stage has two halves. Building (graph.go, infra.go, sdk.go) merges
// the summaries, binds manifest functions to code by directory, resolves
// SDK calls through the manifests, and reports what cannot be linked
// (duplicate-function, unknown-target, manifest, directive). Checking
// (the files named after their checks) runs each whole-program check of
// the catalogue in package checks over the graph. Every finding goes
// through one function, (*program).emit, which asks the catalogue for
// its severity and docs page and whether a //faasvet:ignore suppresses it.
//
// The stage reads no package's syntax or type information (types.Info):
// the driver drops them once a package is analysed, and what the stage
// needs of them is read before, into its Package (summary.go: the
// package's declarations, what its handlers read of their input) and
// Uses (the funcs the code names).
package link
