package wire_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/wire"
	"github.com/faasvet/faasvet/internal/stubs"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, stubs.TestData(t), wire.Analyzer, "wirebad", "wireok", "wireforeign", "wireambig")
}
