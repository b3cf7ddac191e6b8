package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"

	"golang.org/x/tools/go/types/typeutil"
)

// A strings.Builder or bytes.Buffer whose writes are all known is a
// concatenation: builder.String() is what was written into it, in order.
// The order is certain only in straight-line code: every write a
// statement of the block that declares the builder, none inside a branch,
// a loop or a func literal, and the builder not handed to anything that
// might write it. Anything else is said, not guessed.

// A Write is one write into a builder, in the order the code makes it.
type Write struct {
	Call *ast.CallExpr // nil for the value the builder starts with
	// Method is the builder's method (WriteString, Write, WriteByte,
	// WriteRune), "Fprintf" for fmt.Fprintf(&b, format, args...), or
	// "New" for the contents a bytes.NewBufferString or
	// bytes.NewBuffer call starts it with.
	Method string
	// Args are the written value (one), or Fprintf's format and
	// arguments.
	Args []ast.Expr
}

// IsBuilderRead reports whether call reads a strings.Builder's or a
// bytes.Buffer's contents: String() or Bytes().
func (x *Index) IsBuilderRead(call *ast.CallExpr) bool {
	fn, ok := typeutil.Callee(x.Info, call).(*types.Func)
	if !ok || len(call.Args) != 0 {
		return false
	}
	switch {
	case PkgPath(fn) == "strings" && RecvNamed(fn, "Builder"):
		return fn.Name() == "String"
	case PkgPath(fn) == "bytes" && RecvNamed(fn, "Buffer"):
		return fn.Name() == "String" || fn.Name() == "Bytes"
	}
	return false
}

// BuilderWrites returns the writes into the builder that read (an
// IsBuilderRead call) reads, in order, when that order is certain; else
// why it is not, for an info finding.
func (x *Index) BuilderWrites(read *ast.CallExpr) ([]Write, string) {
	sel, ok := ast.Unparen(read.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, "the builder is not a variable"
	}
	v := x.VarOf(StripAddr(sel.X))
	name := ExprString(sel.X)
	if v == nil || v.Parent() == nil || v.Parent() == x.Pkg.Scope() {
		return nil, fmt.Sprintf("%s is not a local variable, so the order of its writes is not known", name)
	}
	fi := x.FuncHolding(v.Pos())
	if fi == nil {
		return nil, fmt.Sprintf("%s is not declared in a function", name)
	}
	// The statement list that declares v, and where in it.
	var list []ast.Stmt
	decl := -1
	ast.PreorderStack(fi.Node(), nil, func(n ast.Node, _ []ast.Node) bool {
		if decl >= 0 {
			return false
		}
		var stmts []ast.Stmt
		switch b := n.(type) {
		case *ast.BlockStmt:
			stmts = b.List
		case *ast.CaseClause:
			stmts = b.Body
		case *ast.CommClause:
			stmts = b.Body
		default:
			return true
		}
		for i, s := range stmts {
			if s.Pos() <= v.Pos() && v.Pos() < s.End() && declares(x.Info, s, v) {
				list, decl = stmts, i
				return false
			}
		}
		return true
	})
	if decl < 0 {
		return nil, fmt.Sprintf("%s is not declared by a statement faasvet follows", name)
	}
	var writes []Write
	if w, why := x.builderStart(list[decl], v); why != "" {
		return nil, why
	} else if w != nil {
		writes = append(writes, *w)
	}
	// Where the read is: the statement of the list that holds it.
	at := -1
	for i := decl + 1; i < len(list); i++ {
		if list[i].Pos() <= read.Pos() && read.End() <= list[i].End() {
			at = i
			break
		}
	}
	if at < 0 {
		return nil, fmt.Sprintf("%s is read outside the block that declares it", name)
	}
	var why string
	ast.PreorderStack(fi.Node(), nil, func(n ast.Node, stack []ast.Node) bool {
		if why != "" {
			return false
		}
		id, ok := n.(*ast.Ident)
		if !ok || x.Info.Uses[id] != v {
			return true
		}
		if inNestedLit(fi, stack) {
			why = fmt.Sprintf("%s is used in a func literal, so the order of its writes is not certain", name)
			return false
		}
		w, use := x.builderUse(id, stack)
		switch use {
		case useRead, useHarmless:
			return false
		case useOther:
			why = fmt.Sprintf("%s is used at %s in a way faasvet does not follow (%s)", name, x.shortPos(id.Pos()), w.Method)
			return false
		}
		// A write: it must be a statement of the declaring list.
		i := stmtIndex(list, stack)
		switch {
		case i < 0:
			why = fmt.Sprintf("%s is written inside a branch or a loop at %s, so the order of its writes is not certain", name, x.shortPos(id.Pos()))
		case i > decl && i < at:
			writes = append(writes, w)
		case i == at:
			why = fmt.Sprintf("%s is written in the statement that reads it", name)
		}
		return false
	})
	if why != "" {
		return nil, why
	}
	return writes, ""
}

// shortPos is file:line with the file's base name, as messages cite
// places in the code they are about.
func (x *Index) shortPos(pos token.Pos) string {
	p := x.Fset.Position(pos)
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}

// FuncHolding is the innermost function whose body holds pos.
func (x *Index) FuncHolding(pos token.Pos) *Func {
	var best *Func
	for _, fi := range x.Funcs {
		n := fi.Node()
		if n.Pos() <= pos && pos < n.End() && (best == nil || best.Node().Pos() < n.Pos()) {
			best = fi
		}
	}
	return best
}

// inNestedLit reports whether the stack (from fi's node down) passes
// through a func literal written in fi, whose body runs when it is
// called, not where it is written.
func inNestedLit(fi *Func, stack []ast.Node) bool {
	for _, n := range stack {
		if lit, ok := n.(*ast.FuncLit); ok && lit != fi.Lit {
			return true
		}
	}
	return false
}

// declares reports whether the statement s declares v.
func declares(info *types.Info, s ast.Stmt, v *types.Var) bool {
	found := false
	ast.Inspect(s, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Defs[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// builderStart is what the declaration s gives v: nothing (var b
// strings.Builder, b := strings.Builder{}, new, &bytes.Buffer{}), or the
// contents a bytes.NewBufferString or NewBuffer call starts with.
func (x *Index) builderStart(s ast.Stmt, v *types.Var) (*Write, string) {
	var val ast.Expr
	switch s := s.(type) {
	case *ast.DeclStmt:
		gd, _ := s.Decl.(*ast.GenDecl)
		for _, spec := range gd.Specs {
			vs, ok := spec.(*ast.ValueSpec)
			if !ok {
				continue
			}
			for i, n := range vs.Names {
				if x.Info.Defs[n] == v && i < len(vs.Values) && len(vs.Values) == len(vs.Names) {
					val = vs.Values[i]
				}
			}
		}
	case *ast.AssignStmt:
		if len(s.Lhs) != len(s.Rhs) {
			return nil, fmt.Sprintf("%s starts as one result of a call", v.Name())
		}
		for i, l := range s.Lhs {
			if id, ok := l.(*ast.Ident); ok && x.Info.Defs[id] == v {
				val = s.Rhs[i]
			}
		}
	}
	if val == nil {
		return nil, ""
	}
	switch e := StripAddr(val).(type) {
	case *ast.CompositeLit:
		if len(e.Elts) == 0 {
			return nil, ""
		}
	case *ast.CallExpr:
		if isNew, _ := x.Builtin(e, "new"); isNew {
			return nil, ""
		}
		if x.IsFunc(e, "NewBufferString", "bytes") || x.IsFunc(e, "NewBuffer", "bytes") {
			return &Write{Call: e, Method: "New", Args: e.Args}, ""
		}
	}
	return nil, fmt.Sprintf("%s starts from %s, which faasvet does not follow", v.Name(), ExprString(val))
}

type builderUseKind int

const (
	useOther builderUseKind = iota
	useWrite
	useRead
	useHarmless
)

// builderUse classifies the use id (of the builder) at the top of stack:
// a write (its Write), a read, a harmless call (Len, Grow), or another
// use, which may write it in a way not followed (Write.Method says how).
func (x *Index) builderUse(id *ast.Ident, stack []ast.Node) (Write, builderUseKind) {
	parent := func(k int) ast.Node { // k-th enclosing node, ParenExprs skipped
		for i := len(stack) - 1; i >= 0; i-- {
			if _, ok := stack[i].(*ast.ParenExpr); ok {
				continue
			}
			if k == 0 {
				return stack[i]
			}
			k--
		}
		return nil
	}
	switch p := parent(0).(type) {
	case *ast.SelectorExpr:
		call, ok := parent(1).(*ast.CallExpr)
		if !ok || ast.Unparen(call.Fun) != p {
			return Write{Method: "its method value is taken"}, useOther
		}
		switch p.Sel.Name {
		case "String", "Bytes", "Len", "Cap":
			return Write{}, useRead
		case "Grow":
			return Write{}, useHarmless
		case "WriteString", "Write", "WriteByte", "WriteRune":
			if len(call.Args) == 1 {
				return Write{Call: call, Method: p.Sel.Name, Args: call.Args}, useWrite
			}
		}
		return Write{Method: "it calls " + p.Sel.Name}, useOther
	case *ast.UnaryExpr:
		if p.Op != token.AND {
			break
		}
		call, ok := parent(1).(*ast.CallExpr)
		if ok && len(call.Args) >= 2 && ast.Unparen(call.Args[0]) == p && x.IsFunc(call, "Fprintf", "fmt") {
			return Write{Call: call, Method: "Fprintf", Args: call.Args[1:]}, useWrite
		}
		return Write{Method: "its address is passed on"}, useOther
	case *ast.CallExpr:
		if len(p.Args) >= 2 && ast.Unparen(p.Args[0]) == id && x.IsFunc(p, "Fprintf", "fmt") {
			return Write{Call: p, Method: "Fprintf", Args: p.Args[1:]}, useWrite
		}
		return Write{Method: "it is passed to a call"}, useOther
	}
	return Write{Method: "it is assigned or copied"}, useOther
}

// stmtIndex returns the index in list of the statement on the stack that
// makes the write at its top (an expression statement, or an assignment
// of its results), or -1 when the write is not such a statement of list.
func stmtIndex(list []ast.Stmt, stack []ast.Node) int {
	for i := len(stack) - 1; i >= 0; i-- {
		s, ok := stack[i].(ast.Stmt)
		if !ok {
			continue
		}
		switch s.(type) {
		case *ast.ExprStmt, *ast.AssignStmt:
		default:
			return -1
		}
		for k, l := range list {
			if l == s {
				return k
			}
		}
		return -1
	}
	return -1
}
