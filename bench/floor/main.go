package main

import (
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/internal/driver"
)

func main() {
	dir := flag.String("C", "", "change to `dir` first")
	resolve := flag.Bool("object-resolution", false, "experiment: parse with go/ast's object resolution, as go/packages does by default")
	strip := flag.Bool("strip-bodies", false, "experiment: drop every function body after parsing (the lower bound of a loader that type-checks only declarations)")
	flag.Parse()
	patterns := flag.Args()
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	cfg := &packages.Config{Mode: driver.LoadMode, Dir: *dir, ParseFile: driver.ParseFile}
	if *resolve || *strip {
		cfg.ParseFile = parseFile(*resolve, *strip)
	}
	pkgs, err := packages.Load(cfg, patterns...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(2)
	}
	n := 0
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			fmt.Fprintln(os.Stderr, e)
			n++
		}
	})
	fmt.Printf("%d packages\n", len(pkgs))
	if n > 0 {
		os.Exit(1)
	}
}

// parseFile is the driver's parser (AllErrors, ParseComments, no object
// resolution) with the experiments' changes.
func parseFile(resolve, strip bool) func(*token.FileSet, string, []byte) (*ast.File, error) {
	m := parser.AllErrors | parser.ParseComments | parser.SkipObjectResolution
	if resolve {
		m &^= parser.SkipObjectResolution
	}
	return func(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
		f, err := parser.ParseFile(fset, filename, src, m)
		if strip && f != nil {
			for _, d := range f.Decls {
				if fd, ok := d.(*ast.FuncDecl); ok {
					fd.Body = nil
				}
			}
		}
		return f, err
	}
}
