// Package svg lays a DOT graph out as SVG with Graphviz's dot layout,
// in-process: github.com/goccy/go-graphviz runs Graphviz compiled to
// WebAssembly on wazero, so no cgo and no dot binary are needed.
//
// It is a package of its own, linked only into the faasvet-svg command
// and into tests, because go-graphviz compiles its WebAssembly module
// when the program starts: tens of milliseconds with a warm cache in
// $TMPDIR, about 2 s without one. faasvet itself is started once per
// package by go vet -vettool; linked into it, the renderer doubled go
// vet's time on examples/orders (4.1 s to 8.4 s with a warm build
// cache). faasvet emit --target svg runs faasvet-svg instead.
package svg
