package link

import (
	"go/token"

	"github.com/faasvet/faasvet/analyzer/handler"

	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/report"
)

// A finding is one whole-program finding before the catalogue has had its
// say: which check, where, what, and where a //faasvet:ignore may
// suppress it. Checks build findings; only judge turns them into
// report.Findings, so that no check picks a severity or applies an
// ignore by hand.
type finding struct {
	check   string // the catalogue ID
	variant string // the docs section of a variant of the check, or ""
	at      graphext.Pos
	msg     string
	keys    []string // what the finding is about, for fingerprints
	related []report.Related
	// sites are where ignores may suppress the finding, asked in order.
	sites []checks.Site
}

// judge asks the catalogue for the finding's severity and docs URL, and
// whether an ignore suppresses it.
func judge(f finding) (report.Finding, bool) {
	v, ok := checks.Judge(f.check, f.variant, f.sites...)
	if !ok {
		return report.Finding{}, false
	}
	return report.Finding{
		Check: f.check, Severity: v.Severity.String(), URL: v.URL,
		File: f.at.File, Line: f.at.Line, Column: f.at.Column,
		Message: f.msg, Related: f.related, Keys: f.keys,
	}, true
}

// emit reports a finding unless an ignore suppresses it.
func (p *program) emit(f finding) {
	if rf, ok := judge(f); ok {
		p.findings = append(p.findings, rf)
	}
}

// report emits a finding of check at a Go position; an ignore at sites
// may suppress it.
func (p *program) report(check string, at token.Pos, keys []string, msg string, sites []checks.Site, rel ...report.Related) {
	p.emit(finding{check: check, at: p.pos(at), keys: keys, msg: msg, related: rel, sites: sites})
}

// origin is where an edge was declared, for suppressions: a //faas:
// directive or an SDK call, in a package with an ignore index. Manifest
// edges have none.
type origin struct {
	site      checks.Site
	directive bool // a //faas: route, not an SDK call
}

// siteOf is where an ignore of a check on the route rr may be.
func siteOf(rr *routeRec) []checks.Site {
	return []checks.Site{{Ignores: ignores(rr.sum), Pos: rr.r.Pos}}
}

// edgeSites are the sites of e's origin; only directive routes, when
// directiveOnly (cycle and orphan-channel are suppressed on the //faas:
// route that declares the first edge, not on SDK calls).
func (p *program) edgeSites(e *graphext.Edge, directiveOnly bool) []checks.Site {
	o, ok := p.origins[e]
	if !ok || directiveOnly && !o.directive {
		return nil
	}
	return []checks.Site{o.site}
}

// ignores is a summary's ignore index, or nil.
func ignores(sum *handler.Summary) checks.Ignorer {
	if sum == nil || sum.Ignores == nil {
		return nil
	}
	return sum.Ignores
}
