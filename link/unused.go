package link

import (
	"fmt"
	"go/token"
	"slices"

	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/directive"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/report"
)

// unusedIgnores reports each check of an ignore directive that suppressed
// nothing in the whole run. It must run after every other check, since
// the ignore index records a use when a finding is suppressed.
//
// A package may be analysed twice (with --tests, as itself and as its test
// variant), each with its own index: a check of a directive is unused only
// if it is unused in every one. Ignores of whole-program checks are judged
// only when the run saw the whole program (wholeProgram): on a subset of
// the packages, or without the manifests, the other end of an edge may be
// missing and the finding with it.
func unusedIgnores(dir string, sums []Package, wholeProgram bool) []report.Finding {
	type key struct {
		pos   string // file:line:column of the directive
		check string
	}
	type entry struct {
		ps   Package
		use  directive.IgnoreUse
		used bool
	}
	entries := map[key]*entry{}
	var order []key
	for _, ps := range sums {
		if ps.Summary == nil {
			continue
		}
		uses, used := ps.Summary.Ignores.Uses()
		for i, u := range uses {
			k := key{ps.Pkg.Fset.Position(u.Directive).String(), u.Check}
			e := entries[k]
			if e == nil {
				e = &entry{ps: ps, use: u}
				entries[k] = e
				order = append(order, k)
			}
			e.used = e.used || used[i]
		}
	}
	var out []report.Finding
	for _, k := range order {
		e := entries[k]
		c := checks.Lookup(k.check)
		switch {
		case e.used, k.check == "unused-ignore":
		case c == nil:
			// faashandler reports it as an unknown check.
		case c.Driver == checks.WholeProgram && !wholeProgram:
		default:
			if f, ok := judge(unusedFinding(dir, e.ps, e.use)); ok {
				out = append(out, f)
			}
		}
	}
	return out
}

func unusedFinding(dir string, ps Package, u directive.IgnoreUse) finding {
	p := ps.Pkg.Fset.Position(u.Directive)
	fix := "remove the directive"
	if n := checksOfDirective(ps, u.Directive); n > 1 {
		fix = fmt.Sprintf("remove %s from its list", u.Check)
	}
	return finding{
		check: "unused-ignore",
		at:    graphext.Pos{File: relPath(dir, p.Filename), Line: p.Line, Column: p.Column},
		msg: fmt.Sprintf("//faasvet:ignore %s suppresses nothing: no %s finding is reported on this line, the next, or in the declaration the comment documents; %s, or move it to the finding it is for",
			u.Check, u.Check, fix),
		keys:  append(ps.Decls.Keys(u.Directive), "ignore "+u.Check),
		sites: []checks.Site{{Ignores: ignores(ps.Summary), Pos: u.Directive}},
	}
}

// checksOfDirective counts the checks that the ignore directive at pos names.
func checksOfDirective(ps Package, pos token.Pos) int {
	uses, _ := ps.Summary.Ignores.Uses()
	return len(slices.DeleteFunc(uses, func(u directive.IgnoreUse) bool { return u.Directive != pos }))
}
