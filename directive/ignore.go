package directive

import (
	"go/ast"
	"go/token"
	"slices"
	"sync"
)

// Ignores indexes the //faasvet:ignore directives of a package, and
// remembers which of them suppressed a finding.
type Ignores struct {
	fset *token.FileSet
	// lines maps a file and line to the checks ignored there: the line of
	// the directive and the line after it.
	lines map[fileLine][]IgnoreUse
	// decls are the declarations whose doc comment ignores checks.
	decls []declIgnore
	// all is every (directive, check) pair, in source order.
	all []IgnoreUse

	mu   sync.Mutex // analyzers of one package may run at once
	used map[IgnoreUse]bool
}

// An IgnoreUse is one check named by one ignore directive.
type IgnoreUse struct {
	Directive token.Pos
	Check     string
}

type fileLine struct {
	file string
	line int
}

type declIgnore struct {
	pos, end token.Pos
	uses     []IgnoreUse
}

// NewIgnores indexes the ignore directives among ds, and those in the doc
// comments of the files' declarations.
func NewIgnores(fset *token.FileSet, files []*ast.File, ds []*Directive) *Ignores {
	ig := &Ignores{fset: fset, lines: map[fileLine][]IgnoreUse{}, used: map[IgnoreUse]bool{}}
	trailing := trailingComments(fset, files, ds)
	for _, d := range ds {
		if d.Verb != Ignore {
			continue
		}
		uses := usesOf(d)
		ig.all = append(ig.all, uses...)
		p := fset.Position(d.Pos)
		lines := []int{p.Line, p.Line + 1}
		if trailing[d.Pos] {
			lines = lines[:1] // at the end of a line of code: that line only
		}
		for _, line := range lines {
			k := fileLine{p.Filename, line}
			ig.lines[k] = append(ig.lines[k], uses...)
		}
	}
	for _, f := range files {
		for _, decl := range f.Decls {
			var doc *ast.CommentGroup
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				doc = decl.Doc
			case *ast.GenDecl:
				doc = decl.Doc
				for _, spec := range decl.Specs {
					if ts, ok := spec.(*ast.TypeSpec); ok && ts.Doc != nil {
						ig.addDecl(ts.Pos(), ts.End(), ts.Doc)
					}
				}
			}
			ig.addDecl(decl.Pos(), decl.End(), doc)
		}
	}
	return ig
}

func usesOf(d *Directive) []IgnoreUse {
	uses := make([]IgnoreUse, len(d.Words))
	for i, c := range d.Words {
		uses[i] = IgnoreUse{d.Pos, c}
	}
	return uses
}

func (ig *Ignores) addDecl(pos, end token.Pos, doc *ast.CommentGroup) {
	var uses []IgnoreUse
	for _, d := range InDoc(doc) {
		if d.Verb == Ignore {
			uses = append(uses, usesOf(d)...)
		}
	}
	if len(uses) > 0 {
		// The doc comment belongs to the declaration: an ignore there also
		// covers the directives beside it.
		ig.decls = append(ig.decls, declIgnore{min(pos, doc.Pos()), end, uses})
	}
}

// Ignored reports whether check is suppressed at pos, and records that
// the ignores that suppress it were used. Call it only for a finding that
// would otherwise be reported.
func (ig *Ignores) Ignored(pos token.Pos, check string) bool {
	if ig == nil || !pos.IsValid() {
		return false
	}
	var hits []IgnoreUse
	p := ig.fset.Position(pos)
	for _, u := range ig.lines[fileLine{p.Filename, p.Line}] {
		if u.Check == check {
			hits = append(hits, u)
		}
	}
	for _, d := range ig.decls {
		if d.pos <= pos && pos < d.end {
			for _, u := range d.uses {
				if u.Check == check {
					hits = append(hits, u)
				}
			}
		}
	}
	if len(hits) == 0 {
		return false
	}
	ig.mu.Lock()
	for _, u := range hits {
		ig.used[u] = true
	}
	ig.mu.Unlock()
	return true
}

// MarkUsed records that u has suppressed a finding, as Ignored does:
// for ignores rebuilt from the source of a package whose findings were
// replayed rather than found again.
func (ig *Ignores) MarkUsed(u IgnoreUse) {
	ig.mu.Lock()
	ig.used[u] = true
	ig.mu.Unlock()
}

// Uses returns every check named by every ignore directive, in source
// order, each with whether it has suppressed a finding so far.
func (ig *Ignores) Uses() (uses []IgnoreUse, used []bool) {
	if ig == nil {
		return nil, nil
	}
	ig.mu.Lock()
	defer ig.mu.Unlock()
	used = make([]bool, len(ig.all))
	for i, u := range ig.all {
		used[i] = ig.used[u]
	}
	return slices.Clone(ig.all), used
}

// trailingComments finds the ignore directives that follow code on their
// line. Only files that have ignore directives are walked.
func trailingComments(fset *token.FileSet, files []*ast.File, ds []*Directive) map[token.Pos]bool {
	out := map[token.Pos]bool{}
	for _, d := range ds {
		if d.Verb != Ignore {
			continue
		}
		for _, f := range files {
			if f.FileStart > d.Pos || d.Pos >= f.FileEnd {
				continue
			}
			line := fset.Position(d.Pos).Line
			ast.Inspect(f, func(n ast.Node) bool {
				if n == nil || out[d.Pos] {
					return false
				}
				if _, ok := n.(*ast.File); !ok && fset.Position(n.End()).Line < line || fset.Position(n.Pos()).Line > line {
					return false // no part of this subtree is on the line
				}
				switch n.(type) {
				case *ast.Comment, *ast.CommentGroup, *ast.File:
					return true
				}
				if fset.Position(n.Pos()).Line == line && n.Pos() < d.Pos {
					out[d.Pos] = true
				}
				return true
			})
		}
	}
	return out
}
