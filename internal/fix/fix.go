// Package fix applies the suggested fixes of faasvet check's findings
// (--fix) and shows them as unified diffs (--diff).
package fix

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"maps"
	"slices"

	"github.com/rogpeppe/go-internal/diff"

	"github.com/faasvet/faasvet/report"
)

// A Result is what applying a set of fixes gives.
type Result struct {
	// Files maps each changed file (absolute) to its old and new content.
	Files map[string]Change
	// Applied are the fixes applied; Skipped those that conflict with an
	// earlier one, or edit a file that changed since it was analysed
	// (run faasvet again for them), with why.
	Applied []*report.Fix
	Skipped []string
}

// A Change is one file before and after.
type Change struct{ Old, New []byte }

// Apply merges the fixes, in order: a fix whose edit overlaps an edit of
// an earlier fix is skipped whole, and the same edit made by two fixes (a
// package and its test variant) is made once. Each file is gofmt'ed
// after, unless it no longer parses. read reads a file; nothing is
// written.
func Apply(fixes []*report.Fix, read func(string) ([]byte, error)) (*Result, error) {
	res := &Result{Files: map[string]Change{}}
	content := map[string][]byte{}
	edits := map[string][]report.Edit{}
fixes:
	for _, f := range fixes {
		for _, e := range f.Edits {
			if _, ok := content[e.File]; !ok {
				b, err := read(e.File)
				if err != nil {
					return nil, err
				}
				content[e.File] = b
			}
			if len(content[e.File]) != e.Size || e.Start < 0 || e.Start > e.End || e.End > e.Size {
				res.Skipped = append(res.Skipped, fmt.Sprintf("%s: %s: the file changed since it was analysed", e.File, f.Message))
				continue fixes
			}
		}
		var add []report.Edit
		for _, e := range f.Edits {
			dup := false
			for _, o := range edits[e.File] {
				switch {
				case o == e:
					dup = true
				case e.Start < o.End && o.Start < e.End, e.Start == o.Start:
					res.Skipped = append(res.Skipped, fmt.Sprintf("%s: %s: it overlaps another fix; run faasvet again", e.File, f.Message))
					continue fixes
				}
			}
			if !dup {
				add = append(add, e)
			}
		}
		for _, e := range add {
			edits[e.File] = append(edits[e.File], e)
		}
		res.Applied = append(res.Applied, f)
	}
	for _, file := range slices.Sorted(maps.Keys(edits)) {
		es := slices.SortedFunc(slices.Values(edits[file]), func(a, b report.Edit) int { return cmp.Compare(a.Start, b.Start) })
		old := content[file]
		var out bytes.Buffer
		at := 0
		for _, e := range es {
			out.Write(old[at:e.Start])
			out.WriteString(e.New)
			at = e.End
		}
		out.Write(old[at:])
		result := out.Bytes()
		if formatted, err := format.Source(result); err == nil {
			result = formatted
		}
		if !bytes.Equal(old, result) {
			res.Files[file] = Change{Old: old, New: result}
		}
	}
	return res, nil
}

// Diff writes the changes as unified diffs, file by file in order, each
// file named by name(file) with a/ and b/ before it (patch -p1 applies
// them).
func (r *Result) Diff(name func(string) string) []byte {
	var out bytes.Buffer
	for _, file := range slices.Sorted(maps.Keys(r.Files)) {
		c := r.Files[file]
		n := name(file)
		out.Write(diff.Diff("a/"+n, c.Old, "b/"+n, c.New))
	}
	return out.Bytes()
}
