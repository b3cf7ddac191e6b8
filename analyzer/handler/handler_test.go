package handler_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/handler"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), handler.Analyzer,
		"lambdabad", "lambdaok", "gcf", "ce", "openfaas/hello", "openfaas/bad", "openfaas/notfaas", "directives", "dup")
}
