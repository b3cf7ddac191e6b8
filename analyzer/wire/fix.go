package wire

import (
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// This file builds the suggested fixes: one edit, offered only where it
// is certainly the one the code needs. Every fix edits a file of the
// package under analysis; a declaration in another package gets the
// finding at its use, and no fix.

// fieldSyntax finds the struct field that declares v in the package's
// files.
func (c *checker) fieldSyntax(v *types.Var) *ast.Field {
	file := c.fileOf(v.Pos())
	if file == nil {
		return nil
	}
	var found *ast.Field
	ast.Inspect(file, func(n ast.Node) bool {
		if found != nil || n == nil || !(n.Pos() <= v.Pos() && v.Pos() < n.End()) {
			return false
		}
		if st, ok := n.(*ast.StructType); ok {
			for _, f := range st.Fields.List {
				if f.Pos() <= v.Pos() && v.Pos() < f.End() {
					found = f
				}
			}
		}
		return found == nil
	})
	return found
}

func (c *checker) fileOf(p token.Pos) *ast.File {
	for _, f := range c.pass.Files {
		if f.FileStart <= p && p < f.FileEnd {
			return f
		}
	}
	return nil
}

// Decls is what the fixes at a package's declarations read of its
// syntax and type information: the json tags with options of its struct
// fields, with their files' Go versions, and its marshal methods on a
// pointer receiver that only read through it. NewDecls reads them once;
// they outlive the syntax, so that a finding that another package
// reports at one of these declarations gets its fix (Report.Fix).
type Decls struct {
	// tags are the struct fields, outermost first as fieldSyntax finds
	// them, whose json tag has options, in position order.
	tags []fieldTag
	// receivers are the edits that drop the star of such a method's
	// receiver, by the position of its name.
	receivers map[token.Pos]analysis.TextEdit
}

// fieldTag is one struct field (pos, end) and its tag literal: where it
// is, the json value's offsets in raw, and the Go version of the file.
type fieldTag struct {
	pos, end           token.Pos
	at                 token.Pos
	raw                string
	jsonStart, jsonEnd int
	goVersion          string
}

// NewDecls reads the Decls of a package from its files and type
// information.
func NewDecls(files []*ast.File, info *types.Info, pkg *types.Package) *Decls {
	d := &Decls{receivers: map[token.Pos]analysis.TextEdit{}}
	k := &checker{pass: &analysis.Pass{Files: files, TypesInfo: info, Pkg: pkg}}
	for _, file := range files {
		goVersion := info.FileVersions[file]
		if goVersion == "" {
			goVersion = pkg.GoVersion()
		}
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.StructType:
				// fieldSyntax stops at the outermost struct type: the
				// fields of those within are not looked up.
				for _, f := range n.Fields.List {
					if f.Tag == nil {
						continue
					}
					start, end, ok := jsonTagSpan(f.Tag.Value)
					if ok && strings.IndexByte(f.Tag.Value[start:end], ',') >= 0 {
						d.tags = append(d.tags, fieldTag{f.Pos(), f.End(), f.Tag.Pos(), f.Tag.Value, start, end, goVersion})
					}
				}
				return false
			case *ast.FuncDecl:
				if m, ok := info.Defs[n.Name].(*types.Func); ok && n.Recv != nil && isMarshalMethod(m) {
					if fix := k.valueReceiverOf(n); fix != nil {
						d.receivers[n.Name.Pos()] = fix.TextEdits[0]
					}
				}
			}
			return true
		})
	}
	slices.SortFunc(d.tags, func(a, b fieldTag) int { return int(a.pos) - int(b.pos) })
	return d
}

// tag is the field whose tag declares v, as fieldSyntax finds it, when
// that tag has json options.
func (d *Decls) tag(v *types.Var) *fieldTag {
	i, found := slices.BinarySearchFunc(d.tags, v.Pos(), func(t fieldTag, p token.Pos) int { return int(t.pos) - int(p) })
	if found {
		return &d.tags[i]
	}
	if i > 0 && v.Pos() < d.tags[i-1].end {
		return &d.tags[i-1]
	}
	return nil
}

// decls are the Decls of the package under analysis.
func (c *checker) decls() *Decls {
	if c.declared == nil {
		c.declared = NewDecls(c.pass.Files, c.pass.TypesInfo, c.pass.Pkg)
	}
	return c.declared
}

// jsonTagSpan finds the value of the json key in a raw (backquoted) tag
// literal: its offsets in raw, the literal's text. ok is false when the
// literal is not a raw string, has no json key, or its value holds an
// escape, where offsets in the source and in the tag would differ.
func jsonTagSpan(raw string) (start, end int, ok bool) {
	if len(raw) < 2 || raw[0] != '`' {
		return 0, 0, false
	}
	// reflect.StructTag.Lookup's scan, keeping offsets.
	tag, base := raw[1:len(raw)-1], 1
	for tag != "" {
		i := 0
		for i < len(tag) && tag[i] == ' ' {
			i++
		}
		tag, base = tag[i:], base+i
		if tag == "" {
			break
		}
		i = 0
		for i < len(tag) && tag[i] > ' ' && tag[i] != ':' && tag[i] != '"' && tag[i] != 0x7f {
			i++
		}
		if i == 0 || i+1 >= len(tag) || tag[i] != ':' || tag[i+1] != '"' {
			return 0, 0, false
		}
		name := tag[:i]
		tag, base = tag[i+1:], base+i+1
		i = 1
		for i < len(tag) && tag[i] != '"' {
			if tag[i] == '\\' {
				i++
			}
			i++
		}
		if i >= len(tag) {
			return 0, 0, false
		}
		value := tag[1:i]
		if name == "json" {
			if strings.ContainsRune(value, '\\') {
				return 0, 0, false
			}
			return base + 1, base + 1 + len(value), true
		}
		tag, base = tag[i+1:], base+i+1
	}
	return 0, 0, false
}

// replaceOption is the fix that replaces the json tag option opt of a
// field with repl.
func (c *checker) replaceOption(v *types.Var, opt, repl, msg string) []analysis.SuggestedFix {
	t := c.decls().tag(v)
	if t == nil {
		return nil
	}
	value := t.raw[t.jsonStart:t.jsonEnd]
	off := strings.IndexByte(value, ',')
	for o := range strings.SplitSeq(value[off+1:], ",") {
		if o == opt {
			at := t.at + token.Pos(t.jsonStart+off+1)
			return []analysis.SuggestedFix{{Message: msg, TextEdits: []analysis.TextEdit{{Pos: at, End: at + token.Pos(len(opt)), NewText: []byte(repl)}}}}
		}
		off += 1 + len(o)
	}
	return nil
}

// hasOption reports whether a json tag holds option opt.
func hasOption(tag, opt string) bool {
	_, opts, _ := strings.Cut(tag, ",")
	for o := range strings.SplitSeq(opts, ",") {
		if o == opt {
			return true
		}
	}
	return false
}

// omitzeroKnown reports whether the code that declares v is built with an
// encoding/json that knows omitzero (Go 1.24): the file's Go version, or
// the package's. An unknown version is not enough.
//
// It is asked before a fix that replaces a tag option (replaceOption),
// so only the files of fields with tag options are known (Decls).
func (c *checker) omitzeroKnown(v *types.Var) bool {
	t := c.decls().tag(v)
	if t == nil {
		return false
	}
	return version.IsValid(t.goVersion) && version.Compare(t.goVersion, "go1.24") >= 0
}

// ignoreField is the fix that tags a field `json:"-"`, offered only when
// nothing in the package refers to the field: code that reads or sets it
// may mean it to travel.
func (c *checker) ignoreField(v *types.Var) []analysis.SuggestedFix {
	if v == nil || v.Embedded() || c.referenced()[v] {
		return nil
	}
	field := c.fieldSyntax(v)
	if field == nil || len(field.Names) != 1 {
		return nil // `A, B chan int`: one tag would cover both
	}
	const msg = "tag the field `json:\"-\"`"
	var edit analysis.TextEdit
	if field.Tag == nil {
		at := field.Type.End()
		edit = analysis.TextEdit{Pos: at, End: at, NewText: []byte(" `json:\"-\"`")}
	} else {
		start, end, ok := jsonTagSpan(field.Tag.Value)
		switch {
		case ok:
			edit = analysis.TextEdit{Pos: field.Tag.Pos() + token.Pos(start), End: field.Tag.Pos() + token.Pos(end), NewText: []byte("-")}
		case strings.HasPrefix(field.Tag.Value, "`") && !strings.Contains(field.Tag.Value, "json:"):
			at := field.Tag.Pos() + 1
			text := "json:\"-\""
			if len(strings.TrimSpace(field.Tag.Value[1:len(field.Tag.Value)-1])) > 0 {
				text += " "
			}
			edit = analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)}
		default:
			return nil
		}
	}
	return []analysis.SuggestedFix{{Message: msg, TextEdits: []analysis.TextEdit{edit}}}
}

// referenced is the set of struct fields that the package's code names.
func (c *checker) referenced() map[*types.Var]bool {
	if c.fieldUses == nil {
		c.fieldUses = map[*types.Var]bool{}
		for _, obj := range c.pass.TypesInfo.Uses {
			if v, ok := obj.(*types.Var); ok && v.IsField() {
				c.fieldUses[v.Origin()] = true
			}
		}
		for _, sel := range c.pass.TypesInfo.Selections {
			if v, ok := sel.Obj().(*types.Var); ok {
				c.fieldUses[v.Origin()] = true
			}
		}
	}
	return c.fieldUses
}

// valueReceiver is the fix that moves a marshal method from *T to T,
// offered only when the method provably does not change its receiver,
// which on a value receiver would change a copy.
func (c *checker) valueReceiver(m *types.Func) []analysis.SuggestedFix {
	edit, ok := c.decls().receivers[m.Pos()]
	if !ok {
		return nil
	}
	return []analysis.SuggestedFix{{Message: "declare " + m.Name() + " on the value receiver", TextEdits: []analysis.TextEdit{edit}}}
}

// valueReceiverOf is valueReceiver's fix for the method decl, read from
// the syntax (NewDecls).
func (c *checker) valueReceiverOf(decl *ast.FuncDecl) *analysis.SuggestedFix {
	if decl.Recv == nil || len(decl.Recv.List) != 1 || decl.Body == nil {
		return nil
	}
	star, ok := decl.Recv.List[0].Type.(*ast.StarExpr)
	if !ok {
		return nil
	}
	if names := decl.Recv.List[0].Names; len(names) == 1 && names[0].Name != "_" {
		if !c.readsOnly(decl.Body, c.pass.TypesInfo.Defs[names[0]]) {
			return nil
		}
	}
	return &analysis.SuggestedFix{TextEdits: []analysis.TextEdit{{Pos: star.Star, End: star.X.Pos()}}}
}

// readsOnly reports whether body only reads through the receiver recv
// (a pointer), so that it means the same on a value receiver: every use
// selects a field or calls a value method, and no selected field is
// assigned, incremented, ranged into, has its address taken, is sliced
// (an array), or has a pointer method called on it.
func (c *checker) readsOnly(body *ast.BlockStmt, recv types.Object) bool {
	if recv == nil {
		return false
	}
	info := c.pass.TypesInfo
	ok := true
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if !ok {
			return false
		}
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		stack = append(stack, n)
		id, isIdent := n.(*ast.Ident)
		if !isIdent || info.Uses[id] != recv {
			return true
		}
		// Climb the selectors, indexes and parentheses that hold the use.
		var e ast.Expr = id
		i := len(stack) - 2
		for ; i >= 0; i-- {
			switch p := stack[i].(type) {
			case *ast.ParenExpr:
				e = p
				continue
			case *ast.SelectorExpr:
				if p.X != e {
					break
				}
				if sel := info.Selections[p]; sel == nil || !safeSelection(sel, e == id || isParenOf(e, id)) {
					ok = false
					return false
				}
				e = p
				continue
			case *ast.IndexExpr:
				if p.X == e && e != id {
					e = p
					continue
				}
			case *ast.SliceExpr:
				if p.X == e {
					if _, isArr := info.TypeOf(e).Underlying().(*types.Array); isArr {
						ok = false
						return false
					}
				}
			}
			break
		}
		if e == id || isParenOf(e, id) {
			ok = false // the receiver itself: compared, passed on, dereferenced
			return false
		}
		if i >= 0 && writes(stack[i], e) {
			ok = false
		}
		return ok
	})
	return ok
}

func isParenOf(e ast.Expr, id *ast.Ident) bool {
	for {
		p, ok := e.(*ast.ParenExpr)
		if !ok {
			return false
		}
		if p.X == id {
			return true
		}
		e = p.X
	}
}

// safeSelection: a field, or a method that a value receiver calls on the
// same value (a value method, or a pointer method on a pointer value).
// onRecv is set when the selection is on the receiver itself, whose
// type becomes a value.
func safeSelection(sel *types.Selection, onRecv bool) bool {
	switch sel.Kind() {
	case types.FieldVal:
		return true
	case types.MethodVal:
		m, _ := sel.Obj().(*types.Func)
		if m == nil {
			return false
		}
		_, ptrMethod := m.Signature().Recv().Type().(*types.Pointer)
		if !ptrMethod {
			return true
		}
		_, ptrOperand := sel.Recv().Underlying().(*types.Pointer)
		return ptrOperand && !onRecv && !sel.Indirect()
	}
	return false
}

// writes reports whether parent changes e: assigns it, increments it,
// ranges into it, or takes its address.
func writes(parent ast.Node, e ast.Expr) bool {
	switch p := parent.(type) {
	case *ast.AssignStmt:
		for _, l := range p.Lhs {
			if l == e {
				return true
			}
		}
	case *ast.IncDecStmt:
		return p.X == e
	case *ast.RangeStmt:
		return p.Key == e || p.Value == e
	case *ast.UnaryExpr:
		return p.Op == token.AND
	}
	return false
}
