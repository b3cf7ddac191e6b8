package directive

import (
	"go/ast"
	"go/token"
	"slices"
)

// Ignores indexes the //faasvet:ignore directives of a package.
type Ignores struct {
	fset *token.FileSet
	// lines maps a file and line to the checks ignored there: the line of
	// the directive and the line after it.
	lines map[fileLine][]string
	// decls are the declarations whose doc comment ignores checks.
	decls []declIgnore
}

type fileLine struct {
	file string
	line int
}

type declIgnore struct {
	pos, end token.Pos
	checks   []string
}

// NewIgnores indexes the ignore directives among ds, and those in the doc
// comments of the files' declarations.
func NewIgnores(fset *token.FileSet, files []*ast.File, ds []*Directive) *Ignores {
	ig := &Ignores{fset: fset, lines: map[fileLine][]string{}}
	trailing := trailingComments(fset, files, ds)
	for _, d := range ds {
		if d.Verb != Ignore {
			continue
		}
		p := fset.Position(d.Pos)
		lines := []int{p.Line, p.Line + 1}
		if trailing[d.Pos] {
			lines = lines[:1] // at the end of a line of code: that line only
		}
		for _, line := range lines {
			k := fileLine{p.Filename, line}
			ig.lines[k] = append(ig.lines[k], d.Words...)
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

func (ig *Ignores) addDecl(pos, end token.Pos, doc *ast.CommentGroup) {
	var checks []string
	for _, d := range InDoc(doc) {
		if d.Verb == Ignore {
			checks = append(checks, d.Words...)
		}
	}
	if len(checks) > 0 {
		// The doc comment belongs to the declaration: an ignore there also
		// covers the directives beside it.
		ig.decls = append(ig.decls, declIgnore{min(pos, doc.Pos()), end, checks})
	}
}

// Ignored reports whether check is suppressed at pos.
func (ig *Ignores) Ignored(pos token.Pos, check string) bool {
	if ig == nil || !pos.IsValid() {
		return false
	}
	p := ig.fset.Position(pos)
	if slices.Contains(ig.lines[fileLine{p.Filename, p.Line}], check) {
		return true
	}
	for _, d := range ig.decls {
		if d.pos <= pos && pos < d.end && slices.Contains(d.checks, check) {
			return true
		}
	}
	return false
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
