package golangci_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/suite"
	"github.com/faasvet/faasvet/golangci"
	"github.com/faasvet/faasvet/internal/stubs"
)

func build(t *testing.T, settings any) []*analysis.Analyzer {
	t.Helper()
	newPlugin, err := register.GetPlugin("faasvet")
	if err != nil {
		t.Fatal(err)
	}
	p, err := newPlugin(settings)
	if err != nil {
		t.Fatal(err)
	}
	if p.GetLoadMode() != register.LoadModeTypesInfo {
		t.Errorf("load mode %q", p.GetLoadMode())
	}
	as, err := p.BuildAnalyzers()
	if err != nil {
		t.Fatal(err)
	}
	return as
}

// TestPlugin runs the registered plugin's analyzers: messages end with
// the check ID, related information is folded away.
func TestPlugin(t *testing.T) {
	as := build(t, map[string]any{})
	if len(as) != len(suite.Analyzers()) {
		t.Fatalf("%d analyzers, the suite has %d", len(as), len(suite.Analyzers()))
	}
	for i, a := range as {
		// The suite's own analyzers: a copy of one that declares facts
		// would register its fact types twice, which golangci-lint
		// rejects ("fact type ... registered by two analyzers").
		if orig := suite.Analyzers()[i]; a != orig {
			t.Errorf("analyzer %d: a copy of %s", i, orig.Name)
		}
	}
	if err := analysis.Validate(as); err != nil {
		t.Fatalf("the analyzers do not validate as golangci-lint checks them: %v", err)
	}
	results := analysistest.Run(t, stubs.TestData(t), as[0], "bad")
	for _, r := range results {
		for _, d := range r.Diagnostics {
			if len(d.Related) > 0 {
				t.Errorf("related information kept: %v", d.Related)
			}
		}
	}
}

// TestPluginFixes: the suggested fixes reach golangci-lint (its --fix
// applies them) through the plugin's reporting hook.
func TestPluginFixes(t *testing.T) {
	as := build(t, map[string]any{})
	i := slices.IndexFunc(as, func(a *analysis.Analyzer) bool { return a.Name == "faaswire" })
	analysistest.RunWithSuggestedFixes(t, stubs.TestData(t), as[i], "fixes")
}

func TestDisable(t *testing.T) {
	as := build(t, map[string]any{"disable": []string{"handler-signature"}})
	analysistest.Run(t, stubs.TestData(t), as[0], "disabled")
}

// TestSettings: settings are decoded strictly and validated.
func TestSettings(t *testing.T) {
	newPlugin, _ := register.GetPlugin("faasvet")
	if _, err := newPlugin(map[string]any{"disabled": []string{"cycle"}}); err == nil || !strings.Contains(err.Error(), "unknown field") {
		t.Errorf("a misspelt key: %v", err)
	}
	for settings, want := range map[string]string{
		"no-such-check": `"no-such-check" is not one of the per-package checks (`,
		"cycle":         "the whole-program checks run only in faasvet check",
	} {
		p, err := newPlugin(map[string]any{"disable": []string{settings}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.BuildAnalyzers(); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("disable %s: %v, want %q", settings, err, want)
		}
	}
	if _, err := newPlugin(nil); err != nil {
		t.Errorf("no settings: %v", err)
	}
}

func TestWithCheckID(t *testing.T) {
	for _, c := range [][3]string{
		{"bad handler", "handler-signature", "bad handler (handler-signature)"},
		{"bad handler (handler-signature)", "handler-signature", "bad handler (handler-signature)"},
		{"no category", "", "no category"},
	} {
		if got := golangci.WithCheckID(c[0], c[1]); got != c[2] {
			t.Errorf("WithCheckID(%q, %q) = %q", c[0], c[1], got)
		}
	}
}
