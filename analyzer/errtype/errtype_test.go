package errtype_test

import (
	"fmt"
	"slices"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/errtype"
	"github.com/faasvet/faasvet/internal/stubs"
)

// TestFacts checks the ErrorsFact of every func and error variable:
// what is known, through facts of another package, and what stays open.
func TestFacts(t *testing.T) {
	analysistest.Run(t, stubs.TestData(t), errtype.Analyzer, "errs", "known", "open")
}

// TestHandlers checks the result the link stage reads: each handler's set.
func TestHandlers(t *testing.T) {
	results := analysistest.Run(t, stubs.TestData(t), errtype.Analyzer, "known", "open")
	var got []string
	for _, r := range results {
		res := r.Result.(*errtype.Result)
		for fn, set := range res.Handlers {
			got = append(got, fmt.Sprintf("%s %s known=%v: %s", r.Pass.Pkg.Path(), fn.HandlerName, set.Known(), set))
		}
	}
	slices.Sort(got)
	// The standard library is analysed from source here, so its panics
	// (reflect's ValueError, strings) join the sets.
	want := []string{
		"known handle known=true: Declined, ErrOutOfStock, InsufficientFunds, NotFound, ValueError, errorString, string, wrapError",
		"open  known=false: InvalidUnmarshalError, ValueError, errorString, string; open: d.savedError, a field; scan.err, a field; the parameter err",
	}
	if !slices.Equal(got, want) {
		t.Errorf("handler sets:\n got %q\nwant %q", got, want)
	}
}
