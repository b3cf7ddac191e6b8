package analysisutil

import (
	"fmt"
	"go/token"
	"os"

	"golang.org/x/tools/go/analysis"

	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/directive"
)

// Safe wraps an analyzer's run function so that a panic becomes an
// internal-error diagnostic naming the package, and the analyzer returns
// the zero result that its dependents can still use. A linter must never
// take down someone's build.
func Safe[T any](run func(*analysis.Pass) (T, error), zero func() T) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (result any, err error) {
		defer func() {
			if r := recover(); r != nil {
				if os.Getenv("FAASVET_PANIC") != "" {
					panic(r) // for faasvet's developers: the stack, not a finding
				}
				pos := token.NoPos
				if len(pass.Files) > 0 {
					pos = pass.Files[0].Package
				}
				pass.Report(analysis.Diagnostic{
					Pos:      pos,
					Category: "internal-error",
					URL:      checks.Lookup("internal-error").URL(),
					Message: fmt.Sprintf("internal error: analyzer %s panicked on package %s: %v; please report this at https://github.com/faasvet/faasvet/issues",
						pass.Analyzer.Name, pass.Pkg.Path(), r),
				})
				result, err = zero(), nil
			}
		}()
		return run(pass)
	}
}

// Report reports a diagnostic of a catalogued check, with the check's docs
// URL (or the URL of one of its variants, when variant is not empty).
func Report(pass *analysis.Pass, check, variant string, rng analysis.Range, msg string, related ...analysis.RelatedInformation) {
	ReportFix(pass, check, variant, rng, msg, nil, related...)
}

// ReportFix is Report with suggested fixes: edits of the package's own
// files, each certain to be the one the code needs (a driver applies the
// first). faasvet check --fix, go vet -fix, go fix, golangci-lint --fix
// and gopls all take them from the diagnostic.
func ReportFix(pass *analysis.Pass, check, variant string, rng analysis.Range, msg string, fixes []analysis.SuggestedFix, related ...analysis.RelatedInformation) {
	c := checks.Lookup(check)
	if c == nil {
		panic("analysisutil: unknown check " + check)
	}
	url := c.URL()
	if variant != "" {
		url = c.VariantURL(variant)
	}
	pass.Report(analysis.Diagnostic{
		Pos: rng.Pos(), End: rng.End(), Category: check, URL: url, Message: msg, Related: related, SuggestedFixes: fixes,
	})
}

// Filter wraps pass.Report so that diagnostics that a //faasvet:ignore
// suppresses are dropped. Diagnostics carry their check ID in Category.
func Filter(pass *analysis.Pass, ig *directive.Ignores) {
	report := pass.Report
	pass.Report = func(d analysis.Diagnostic) {
		if checks.Suppressed(d.Category, checks.Site{Ignores: ig, Pos: d.Pos}) {
			return
		}
		if hook := checks.PluginReport; hook != nil {
			msg, keep, dropRelated := hook(d.Category, d.Message)
			if !keep {
				return
			}
			d.Message = msg
			if dropRelated {
				d.Related = nil
			}
		}
		report(d)
	}
}

// Ignores returns ig, the package's ignore index from faashandler's
// summary, so that every analyzer records its suppressions in the one
// index that faasvet check reads unused ignores from. When faashandler
// failed (ig is nil), it builds one from the files.
func Ignores(pass *analysis.Pass, ig *directive.Ignores) *directive.Ignores {
	if ig != nil {
		return ig
	}
	return directive.NewIgnores(pass.Fset, pass.Files, directive.Collect(pass.Files).Directives)
}
