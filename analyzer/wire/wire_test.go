package wire_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/wire"
	"github.com/faasvet/faasvet/internal/stubs"
)

// TestAnalyzer runs every fixture with its suggested fixes: a file whose
// findings have fixes has a .golden file with them applied, and a file
// without one must get no fix.
func TestAnalyzer(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, stubs.TestData(t), wire.Analyzer,
		"wirebad", "wireok", "wireforeign", "wireambig", "wirefix", "wirefixold", "wireedges")
}
