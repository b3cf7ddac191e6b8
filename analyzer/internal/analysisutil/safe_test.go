package analysisutil_test

import (
	"reflect"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/internal/analysisutil"
)

type result struct{ ok bool }

// A panicking analyzer reports internal-error and returns its zero
// result, which a dependent analyzer still receives.
func TestSafe(t *testing.T) {
	panicky := &analysis.Analyzer{
		Name:       "panicky",
		Doc:        "panics",
		ResultType: reflectType(),
		Run: analysisutil.Safe(func(*analysis.Pass) (*result, error) { panic("boom") },
			func() *result { return &result{ok: true} }),
	}
	var got *result
	dependent := &analysis.Analyzer{
		Name:     "dependent",
		Doc:      "uses the result",
		Requires: []*analysis.Analyzer{panicky},
		Run: func(pass *analysis.Pass) (any, error) {
			got = pass.ResultOf[panicky].(*result)
			return nil, nil
		},
	}
	analysistest.Run(t, analysistest.TestData(), panicky, "a")
	analysistest.Run(t, analysistest.TestData(), dependent, "b")
	if got == nil || !got.ok {
		t.Fatalf("dependent analyzer got %v, want the zero result", got)
	}
}

func reflectType() reflect.Type { return reflect.TypeOf((*result)(nil)) }
