// Package golangci is faasvet's golangci-lint v2 module plugin. A custom
// golangci-lint binary that blank-imports this package runs faasvet's
// per-package checks (those of analyzer/suite) as the linter "faasvet":
//
//	linters:
//	  enable: [faasvet]
//	  settings:
//	    custom:
//	      faasvet:
//	        type: module
//	        settings:
//	          disable: [duplicate-function]
//
// The whole-program checks (cycles, routes, channels, payloads across
// functions) need every package at once, which golangci-lint never gives
// an analyzer: they run only in faasvet check.
//
// golangci-lint drops a diagnostic's category and shows "analyzer: message",
// so the analyzers are wrapped to end every message with the check ID in
// parentheses, as faasvet check prints it.
package golangci

import (
	"fmt"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/faasvet/faasvet/analyzer/suite"
	"github.com/faasvet/faasvet/checks"
)

func init() {
	register.Plugin("faasvet", New)
}

// Settings are the plugin's settings in .golangci.yml, under
// linters.settings.custom.faasvet.settings. An unknown key is an error.
type Settings struct {
	// Disable lists check IDs whose findings are not reported.
	Disable []string `json:"disable"`
}

// Plugin is the golangci-lint plugin.
type Plugin struct {
	settings Settings
}

// New decodes the settings strictly: a misspelt key fails the run rather
// than being ignored.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("faasvet: %w", err)
	}
	return &Plugin{settings: s}, nil
}

// BuildAnalyzers validates the settings and returns the wrapped analyzers.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	var ids []string
	for _, c := range checks.All() {
		if c.Driver == "analyzer" {
			ids = append(ids, c.ID)
		}
	}
	for _, id := range p.settings.Disable {
		if !slices.Contains(ids, id) {
			return nil, fmt.Errorf("faasvet: disable: %q is not one of the per-package checks (%s); the whole-program checks run only in faasvet check",
				id, strings.Join(ids, ", "))
		}
	}
	var out []*analysis.Analyzer
	for _, a := range suite.Analyzers() {
		out = append(out, Wrap(a, p.settings.Disable))
	}
	return out, nil
}

// GetLoadMode says that the analyzers need type information.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// Wrap returns a copy of a whose diagnostics end with " (check-id)", the
// check ID being the diagnostic's category, and which drops the
// diagnostics of the disabled checks and their related information. The
// copy keeps a's name, requirements,
// facts and result type; a itself is unchanged, so analyzers that require
// it still find its result under the original.
func Wrap(a *analysis.Analyzer, disabled []string) *analysis.Analyzer {
	w := *a
	run := a.Run
	w.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if slices.Contains(disabled, d.Category) {
				return
			}
			d.Message = WithCheckID(d.Message, d.Category)
			// golangci-lint reports related information as issues of their
			// own, which a //nolint on the finding's line does not silence.
			d.Related = nil
			report(d)
		}
		return run(pass)
	}
	return &w
}

// WithCheckID appends " (id)" to a message, unless it already ends so.
func WithCheckID(msg, id string) string {
	if id == "" || strings.HasSuffix(msg, " ("+id+")") {
		return msg
	}
	return msg + " (" + id + ")"
}
