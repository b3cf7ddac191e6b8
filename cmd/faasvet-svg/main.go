// Command faasvet-svg reads a DOT graph on standard input and writes it
// laid out as SVG on standard output, with Graphviz compiled to
// WebAssembly (package emit/svg): faasvet emit --target svg runs it. It
// is a separate program so that the faasvet binary, which go vet starts
// once per package, does not pay the renderer's start-up cost.
//
// Install it beside faasvet:
//
//	go install github.com/faasvet/faasvet/cmd/faasvet-svg@latest
package main

import (
	"fmt"
	"os"

	"github.com/faasvet/faasvet/emit/svg"
)

func main() {
	if len(os.Args) > 1 {
		fmt.Fprintln(os.Stderr, "usage: faasvet-svg < graph.dot > graph.svg")
		os.Exit(2)
	}
	if err := svg.Filter(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "faasvet-svg:", err)
		os.Exit(1)
	}
}
