package handler_test

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// TestFailedImport: registrations through imports that failed are found
// by the registrar's import path and name, with no signature finding
// (the fixture has no // want), and with what is unknown opaque. The
// driver runs the analyzer on such a package although it is ill-typed;
// here a copy that runs despite errors stands in for it.
func TestFailedImport(t *testing.T) {
	a := *handler.Analyzer
	a.RunDespiteErrors = true
	// The index it requires must run despite errors too; the handler
	// finds it in ResultOf by its pointer, so the shared one is set.
	defer func(v bool) { flow.Analyzer.RunDespiteErrors = v }(flow.Analyzer.RunDespiteErrors)
	flow.Analyzer.RunDespiteErrors = true
	results := analysistest.Run(t, filepath.Join(analysistest.TestData(), "failed"), &a, "failedimport")
	var got []string
	for _, r := range results {
		for _, fn := range r.Result.(*handler.Summary).Functions {
			got = append(got, fmt.Sprintf("%s %s %s %s %s wrapper=%s in=%s out=%s", fn.Name, fn.NameSource, fn.Platform, fn.Style, fn.Registrar,
				fn.Wrapper, typeString(fn.Input), typeString(fn.Output)))
		}
	}
	want := []string{
		"failedimport.handle package aws-lambda json lambda.Start wrapper= in=failedimport.Order out=failedimport.Order",
		"failedimport.three package aws-lambda json lambda.Start wrapper= in=invalid type out=invalid type",
		"failedimport.queue package aws-lambda json lambda.StartWithContext wrapper= in=invalid type out=-",
		"failedimport.wrapped package aws-lambda json lambda.Start wrapper=ddlambda.WrapFunction in=failedimport.Order out=-",
		"web registered gcp-functions http functions.HTTP wrapper= in=- out=-",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("functions:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
