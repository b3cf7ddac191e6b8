package flow

import (
	"go/ast"
	"go/types"
	"slices"
)

// FuncValues returns the package's declared functions and methods that
// code which may run refers to as values, not in call position: an entry
// of a route table (api.Route{HandlerFunc: CreateAccount}), an argument
// of http.HandleFunc or of a router's method, a method value, a callback.
// Whoever holds the value may call it, so such a function may run.
//
// Code that may run is the closure, over the functions it names (called
// or referred to), of roots (typically a handler), the package's init
// functions, its main, and its package-level variable initialisers. A
// function that only dead code names is left out. The result is in
// source order and holds no root.
func (x *Index) FuncValues(files []*ast.File, roots []*Func) []*Func {
	fns, _ := x.LiveValues(files, roots)
	return fns
}

// A MethodValue is v.M, M a method of an interface, that code which may
// run refers to as a value (a controller's method registered with a
// router): whoever holds it may call it, so the method of what v holds
// may run. In is the function it is written in, nil at package level.
type MethodValue struct {
	Sel *ast.SelectorExpr
	In  *Func
}

// LiveValues returns FuncValues' functions, and the interface method
// values of the same live code, in source order.
func (x *Index) LiveValues(files []*ast.File, roots []*Func) ([]*Func, []MethodValue) {
	live := map[*Func]bool{}
	var queue []*Func
	add := func(f *Func) {
		if f == nil {
			return
		}
		f = f.Container()
		if !live[f] {
			live[f] = true
			queue = append(queue, f)
		}
	}
	for _, r := range roots {
		add(r)
	}
	valued := map[*Func]bool{}
	var methods []MethodValue
	seenSel := map[*ast.SelectorExpr]bool{}
	// refs visits n and records the declared functions it names: all of
	// them are live, those named outside call position are values; so
	// are interface method values.
	refs := func(n ast.Node) {
		var stack []ast.Node
		ast.Inspect(n, func(n ast.Node) bool {
			if n == nil {
				stack = stack[:len(stack)-1]
				return true
			}
			defer func() { stack = append(stack, n) }()
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			if len(stack) > 0 {
				if sel, ok := stack[len(stack)-1].(*ast.SelectorExpr); ok && sel.Sel == id && !seenSel[sel] {
					if s, ok := x.Info.Selections[sel]; ok && s.Kind() == types.MethodVal && types.IsInterface(s.Recv()) && !called(id, stack) {
						seenSel[sel] = true
						methods = append(methods, MethodValue{Sel: sel, In: x.enclosing(sel)})
					}
				}
			}
			fn, ok := x.Info.Uses[id].(*types.Func)
			if !ok {
				return true
			}
			f := x.Decl(fn)
			if f == nil {
				return true
			}
			add(f)
			if !called(id, stack) {
				valued[f] = true
			}
			return true
		})
	}
	for _, file := range files {
		for _, d := range file.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Body != nil && (d.Name.Name == "init" || d.Name.Name == "main" && x.Pkg.Name() == "main") {
					if fn, ok := x.Info.Defs[d.Name].(*types.Func); ok && x.Decl(fn) != nil {
						add(x.Decl(fn))
					} else {
						refs(d.Body)
					}
				}
			case *ast.GenDecl:
				refs(d) // package-level variables and their initialisers
			}
		}
	}
	for len(queue) > 0 {
		f := queue[0]
		queue = queue[1:]
		refs(f.Node())
	}
	var out []*Func
	for _, f := range x.Funcs {
		if valued[f] && !slices.Contains(roots, f) {
			out = append(out, f)
		}
	}
	slices.SortFunc(methods, func(a, b MethodValue) int { return int(a.Sel.Pos() - b.Sel.Pos()) })
	return out, methods
}

// enclosing returns the innermost function whose body holds n, nil at
// package level.
func (x *Index) enclosing(n ast.Node) *Func {
	var in *Func
	for _, f := range x.Funcs {
		if node := f.Node(); node.Pos() <= n.Pos() && n.End() <= node.End() {
			if in == nil || in.Node().Pos() <= node.Pos() {
				in = f
			}
		}
	}
	return in
}

// called reports whether id, with its ancestors on stack (innermost
// last), is the function of a call: f(...) or v.M(...).
func called(id *ast.Ident, stack []ast.Node) bool {
	var e ast.Expr = id
	i := len(stack) - 1
	if i >= 0 {
		if sel, ok := stack[i].(*ast.SelectorExpr); ok && sel.Sel == id {
			e, i = sel, i-1
		}
	}
	for i >= 0 {
		p, ok := stack[i].(*ast.ParenExpr)
		if !ok {
			break
		}
		e, i = p, i-1
	}
	if i < 0 {
		return false
	}
	call, ok := stack[i].(*ast.CallExpr)
	return ok && call.Fun == e
}
