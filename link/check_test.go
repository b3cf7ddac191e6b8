package link

import (
	"slices"
	"testing"

	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/jsonshape"
)

// TestCatalogue: every whole-program check of the catalogue is run by
// exactly one entry of wholeProgram, or reported while the graph is built,
// or (unused-ignore) by Link after everything else; and nothing here runs
// a check the catalogue does not have as whole-program.
func TestCatalogue(t *testing.T) {
	runs := map[string]int{"unused-ignore": 1}
	for _, id := range buildChecks {
		runs[id]++
	}
	for _, r := range wholeProgram {
		for _, id := range r.checks {
			runs[id]++
		}
	}
	for id, n := range runs {
		c := checks.Lookup(id)
		switch {
		case c == nil:
			t.Errorf("link runs %s, which the catalogue does not have", id)
		case c.Driver != checks.WholeProgram:
			t.Errorf("link runs %s, which the catalogue says is per-package", id)
		case n != 1:
			t.Errorf("link runs %s %d times", id, n)
		}
	}
	for _, c := range checks.All() {
		if c.Driver == checks.WholeProgram && runs[c.ID] == 0 {
			t.Errorf("whole-program check %s has no entry in link's wholeProgram table", c.ID)
		}
	}
}

// TestWireChecks: every kind of wire model problem is reported by a
// whole-program check that the wire runner declares.
func TestWireChecks(t *testing.T) {
	var wire []string
	for _, r := range wholeProgram {
		if slices.Contains(r.checks, "wire-type") {
			wire = r.checks
		}
	}
	for _, k := range jsonshape.ProblemKinds() {
		id := WireCheck(k)
		if c := checks.Lookup(id); c == nil || c.Driver != checks.WholeProgram || !slices.Contains(wire, id) {
			t.Errorf("wire problem %s maps to %q, not a whole-program check that checkWire declares", k, id)
		}
	}
}
