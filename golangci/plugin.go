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

// BuildAnalyzers validates the settings and returns the suite's
// analyzers, with the plugin's reporting conventions installed: messages
// end with " (check-id)", the disabled checks are dropped, and related
// information is folded away (golangci-lint reports it as issues of its
// own, which a //nolint on the finding's line does not silence). The
// analyzers are the suite's own, not copies: faashandler and faassdk
// declare facts, and a fact type may be registered by one analyzer only.
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
	disabled := slices.Clone(p.settings.Disable)
	checks.PluginReport = func(check, msg string) (string, bool, bool) {
		if slices.Contains(disabled, check) {
			return "", false, false
		}
		return WithCheckID(msg, check), true, true
	}
	return suite.Analyzers(), nil
}

// GetLoadMode says that the analyzers need type information.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// WithCheckID appends " (id)" to a message, unless it already ends so.
func WithCheckID(msg, id string) string {
	if id == "" || strings.HasSuffix(msg, " ("+id+")") {
		return msg
	}
	return msg + " (" + id + ")"
}
