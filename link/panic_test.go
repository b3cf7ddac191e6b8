package link

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestGraphPhasePanic: a panic in the whole-program phase (here a package
// without a summary, which the analyzers never produce) becomes one
// internal-error finding that asks for a bug report, and the program
// still has a graph for the reports to print.
func TestGraphPhasePanic(t *testing.T) {
	pkg := &packages.Package{ID: "example.com/p", PkgPath: "example.com/p"}
	p := newProgram(t.TempDir(), []Package{{Pkg: pkg, Summary: nil}}, nil, nil, nil, nil, nil)
	if p == nil {
		t.Fatal("newProgram returned nil after recovering from a panic")
	}
	if p.graph == nil {
		t.Fatal("no graph after the panic")
	}
	var n int
	for _, f := range p.findings {
		if f.Check != "internal-error" {
			continue
		}
		n++
		if f.Severity != "error" || !strings.Contains(f.Message, "the whole-program phase panicked") ||
			!strings.Contains(f.Message, "please report this") || f.URL == "" {
			t.Errorf("internal-error finding %+v", f)
		}
	}
	if n != 1 {
		t.Errorf("%d internal-error findings, want 1: %+v", n, p.findings)
	}
}
