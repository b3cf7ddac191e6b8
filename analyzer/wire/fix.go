package wire

import (
	"go/ast"
	"go/token"
	"go/types"
	"go/version"
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

// jsonTagSpan finds the value of the json key in a raw (backquoted) tag
// literal: its offsets in lit.Value. ok is false when the literal is not
// a raw string, has no json key, or its value holds an escape, where
// offsets in the source and in the tag would differ.
func jsonTagSpan(lit *ast.BasicLit) (start, end int, ok bool) {
	raw := lit.Value
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
	field := c.fieldSyntax(v)
	if field == nil || field.Tag == nil {
		return nil
	}
	start, end, ok := jsonTagSpan(field.Tag)
	if !ok {
		return nil
	}
	value := field.Tag.Value[start:end]
	off := strings.IndexByte(value, ',')
	if off < 0 {
		return nil
	}
	for o := range strings.SplitSeq(value[off+1:], ",") {
		if o == opt {
			at := field.Tag.Pos() + token.Pos(start+off+1)
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
func (c *checker) omitzeroKnown(v *types.Var) bool {
	file := c.fileOf(v.Pos())
	if file == nil {
		return false
	}
	goVersion := c.pass.TypesInfo.FileVersions[file]
	if goVersion == "" {
		goVersion = c.pass.Pkg.GoVersion()
	}
	return version.IsValid(goVersion) && version.Compare(goVersion, "go1.24") >= 0
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
		start, end, ok := jsonTagSpan(field.Tag)
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
	file := c.fileOf(m.Pos())
	if file == nil {
		return nil
	}
	var decl *ast.FuncDecl
	for _, d := range file.Decls {
		if fd, ok := d.(*ast.FuncDecl); ok && fd.Name.Pos() == m.Pos() {
			decl = fd
		}
	}
	if decl == nil || decl.Recv == nil || len(decl.Recv.List) != 1 || decl.Body == nil {
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
	return []analysis.SuggestedFix{{
		Message:   "declare " + m.Name() + " on the value receiver",
		TextEdits: []analysis.TextEdit{{Pos: star.Star, End: star.X.Pos()}},
	}}
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
