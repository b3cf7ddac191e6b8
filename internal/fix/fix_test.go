package fix

import (
	"strings"
	"testing"

	"github.com/faasvet/faasvet/report"
)

const src = "package p\n\ntype T struct {\n\tA int `json:\"a,omitempy\"`\n}\n"

func edit(old, repl string) report.Edit {
	i := strings.Index(src, old)
	return report.Edit{File: "/p.go", Start: i, End: i + len(old), New: repl, Size: len(src)}
}

func read(string) ([]byte, error) { return []byte(src), nil }

// The same edit from two fixes (a package and its test variant) is made
// once; an overlapping one is skipped whole; a file that changed size is
// not touched.
func TestApply(t *testing.T) {
	fix := &report.Fix{Message: "omitempty", Edits: []report.Edit{edit("omitempy", "omitempty")}}
	twin := &report.Fix{Message: "omitempty", Edits: []report.Edit{edit("omitempy", "omitempty")}}
	clash := &report.Fix{Message: "minus", Edits: []report.Edit{edit("a,omitempy", "-")}}
	r, err := Apply([]*report.Fix{fix, twin, clash}, read)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(r.Files["/p.go"].New), strings.Replace(src, "omitempy", "omitempty", 1); got != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", got, want)
	}
	if len(r.Applied) != 2 || len(r.Skipped) != 1 || !strings.Contains(r.Skipped[0], "overlaps") {
		t.Errorf("applied %d, skipped %q", len(r.Applied), r.Skipped)
	}
	if d := string(r.Diff(func(string) string { return "p.go" })); !strings.Contains(d, "+\tA int `json:\"a,omitempty\"`") {
		t.Errorf("diff:\n%s", d)
	}

	stale := &report.Fix{Message: "stale", Edits: []report.Edit{{File: "/p.go", Start: 0, End: 1, Size: len(src) + 1}}}
	r, err = Apply([]*report.Fix{stale}, read)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Files) != 0 || len(r.Skipped) != 1 || !strings.Contains(r.Skipped[0], "changed since") {
		t.Errorf("stale fix: files %d, skipped %q", len(r.Files), r.Skipped)
	}
}
