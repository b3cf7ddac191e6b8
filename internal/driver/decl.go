package driver

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/token"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/wire"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/directive"
	"github.com/faasvet/faasvet/link"
	"github.com/faasvet/faasvet/report"
)

// A payload type declared in one package and sent or decoded in others
// is reported by faaswire at each use, once per using package: go vet
// and golangci-lint see one package at a time. faasvet check sees them
// all, and reports such a finding once, at the declaration, when the
// package that declares it is analysed: its suggested fix then edits the
// declaration, and the uses are named in the message and as related
// locations. A declaration outside the analysed tree keeps the findings
// at the uses.

// declared is what the findings of a root and those moved to its
// declarations read of its syntax and type information, read while the
// root is analysed: the names of its declarations, for the findings'
// keys; when it is analysed in full, its files (where a fix may edit)
// and what the fixes at its declarations need (wire.Decls).
type declared struct {
	keys  *link.Decls
	files []fileSpan
	fixes *wire.Decls
}

// fileSpan is one file of a package: its extent, and whether it is
// generated (no fix edits it).
type fileSpan struct {
	start, end token.Pos
	generated  bool
}

// read reads what the fixes need of p, analysed in full.
func (d *declared) read(p *packages.Package) {
	for _, f := range p.Syntax {
		d.files = append(d.files, fileSpan{f.FileStart, f.FileEnd, ast.IsGenerated(f)})
	}
	d.fixes = wire.NewDecls(p.Syntax, p.TypesInfo, p.Types)
}

// wireUse is a faaswire report behind one finding, and its package.
type wireUse struct {
	report wire.Report
	pkg    *packages.Package
}

// findingID identifies a finding by its position, check and message.
func findingID(f report.Finding) string {
	return fmt.Sprintf("%s|%d|%d|%s|%s", f.File, f.Line, f.Column, f.Check, f.Message)
}

// recordWire keeps the reports of a faaswire pass that name a
// declaration, by the finding they became.
func (c *collector) recordWire(pkg *packages.Package, r *wire.Result) {
	if r == nil || c.partial[pkg] != "" {
		return
	}
	for _, rep := range r.Reports {
		if rep.DeclKey == "" {
			continue
		}
		c.declReports[pkg] = true
		p := pkg.Fset.Position(rep.Pos)
		id := findingID(report.Finding{File: relPath(c.dir, p.Filename), Line: p.Line, Column: p.Column, Check: rep.Check, Message: rep.Message})
		// The first root's, in the roots' order.
		if at, ok := c.wireAt[id]; !ok || c.index[pkg] < at {
			c.wire[id] = wireUse{rep, pkg}
			c.wireAt[id] = c.index[pkg]
		}
	}
}

// toDeclarations moves the analyzers' findings about a declaration of
// another package to the declaration (see above).
func (c *collector) toDeclarations() {
	type member struct {
		i   int
		use wireUse
	}
	groups := map[string][]member{}
	for i, f := range c.res.Findings {
		if u, ok := c.wire[findingID(f)]; ok {
			groups[u.report.DeclKey] = append(groups[u.report.DeclKey], member{i, u})
		}
	}
	ignores := map[*packages.Package]*directive.Ignores{}
	for _, s := range c.summaries {
		ignores[s.Pkg] = s.Summary.Ignores
	}
	drop := map[int]bool{}
	var moved []report.Finding
	for _, key := range slices.Sorted(maps.Keys(groups)) {
		local := -1
		var uses []member
		for _, m := range groups[key] {
			switch {
			case !m.use.report.Local:
				uses = append(uses, m)
			case local < 0:
				local = m.i
			}
		}
		if len(uses) == 0 {
			continue
		}
		slices.SortFunc(uses, func(a, b member) int {
			fa, fb := c.res.Findings[a.i], c.res.Findings[b.i]
			return cmp.Or(cmp.Compare(fa.File, fb.File), cmp.Compare(fa.Line, fb.Line), cmp.Compare(fa.Column, fb.Column), cmp.Compare(fa.Message, fb.Message))
		})
		var related []report.Related
		var roles []string
		for _, m := range uses {
			f := c.res.Findings[m.i]
			r := report.Related{File: f.File, Line: f.Line, Column: f.Column, Message: "used here: " + m.use.report.Role}
			if !slices.Contains(related, r) {
				related = append(related, r)
			}
			if !slices.Contains(roles, m.use.report.Role) {
				roles = append(roles, m.use.report.Role)
			}
		}
		if local >= 0 {
			// The declaring package reports it too: one finding, there.
			for _, m := range uses {
				drop[m.i] = true
			}
			c.res.Findings[local].Related = append(c.res.Findings[local].Related, related...)
			continue
		}
		first := uses[0].use.report
		fset := uses[0].use.pkg.Fset
		at := fset.Position(first.Decl)
		pkg := c.declFiles[at.Filename]
		if pkg == nil && c.reuse != nil && c.reuse.files[at.Filename] && c.reuse.conflict == "" {
			c.reuse.conflict = "a faaswire finding about a declaration in " + relPath(c.dir, at.Filename)
		}
		if pkg == nil {
			continue // declared outside the analysed tree: reported at the uses
		}
		for _, m := range uses {
			drop[m.i] = true
		}
		if checks.Suppressed(first.Check, checks.Site{Ignores: ignores[pkg], Pos: first.Decl}) {
			continue
		}
		f := c.res.Findings[uses[0].i]
		core, sep := first.Core()
		f.File, f.Line, f.Column, f.EndLine, f.EndColumn = relPath(c.dir, at.Filename), at.Line, at.Column, at.Line, at.Column
		f.Message = joinRoles(roles) + sep + core
		f.Related = related
		f.Fix = nil
		decl := c.declared[pkg]
		f.Keys = decl.keys.Keys(first.Decl)
		if first.Fix != nil {
			f.Fix = fixOf(c.dir, fset, decl.files, analysis.Diagnostic{SuggestedFixes: first.Fix(decl.fixes)})
		}
		moved = append(moved, f)
	}
	if len(drop) == 0 {
		return
	}
	kept := moved
	for i, f := range c.res.Findings {
		if !drop[i] {
			kept = append(kept, f)
		}
	}
	c.res.Findings = kept // sorted by Run
}

// joinRoles joins the uses a finding names: "a", "a and b", "a, b and c".
func joinRoles(roles []string) string {
	if len(roles) <= 1 {
		return strings.Join(roles, "")
	}
	return strings.Join(roles[:len(roles)-1], ", ") + " and " + roles[len(roles)-1]
}
