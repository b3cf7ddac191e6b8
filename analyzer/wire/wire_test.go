package wire_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/wire"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), wire.Analyzer, "wirebad", "wireok", "wireforeign", "wireambig")
}
