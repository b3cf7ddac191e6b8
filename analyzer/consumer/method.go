package consumer

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// One HTTP function may serve several methods (a handler switching on
// r.Method, or comparing it), decoding a different type in each. A
// caller's request has one method, and faasvet does not tell which branch
// a route reaches: a decode under such a branch is no payload type for
// every route to the function, so the payload is left unknown rather
// than labelled with another method's type. A guard that rejects the
// other methods (if r.Method != POST { return }) leaves one method, and
// the decode after it stands.

// methodRegion is a part of a function that runs for some HTTP methods
// only: a case clause of a switch on the request's Method, or the body of
// an if (and its else) that compares Method with ==.
type methodRegion struct{ pos, end token.Pos }

// methodRegions lists the method-dependent regions of a function's body.
func (ix *index) methodRegions(fn *flow.Func) []methodRegion {
	var out []methodRegion
	ast.Inspect(fn.Node(), func(n ast.Node) bool {
		switch x := n.(type) {
		case *ast.FuncLit:
			return x == fn.Node()
		case *ast.SwitchStmt:
			if x.Tag != nil && ix.isMethod(x.Tag) {
				for _, c := range x.Body.List {
					out = append(out, methodRegion{c.Pos(), c.End()})
				}
			}
		case *ast.IfStmt:
			if ix.comparesMethod(x.Cond) {
				out = append(out, methodRegion{x.Body.Pos(), x.Body.End()})
				if x.Else != nil {
					out = append(out, methodRegion{x.Else.Pos(), x.Else.End()})
				}
			}
		}
		return true
	})
	return out
}

// comparesMethod: cond contains r.Method == X.
func (ix *index) comparesMethod(cond ast.Expr) bool {
	found := false
	ast.Inspect(cond, func(n ast.Node) bool {
		if b, ok := n.(*ast.BinaryExpr); ok && b.Op == token.EQL && (ix.isMethod(b.X) || ix.isMethod(b.Y)) {
			found = true
		}
		return !found
	})
	return found
}

// isMethod: e is the Method field of a net/http Request.
func (ix *index) isMethod(e ast.Expr) bool {
	sel, ok := ast.Unparen(e).(*ast.SelectorExpr)
	if !ok || sel.Sel.Name != "Method" {
		return false
	}
	v, ok := ix.Info.Uses[sel.Sel].(*types.Var)
	if !ok || !v.IsField() || v.Pkg() == nil || v.Pkg().Path() != "net/http" {
		return false
	}
	return true
}

// methodDependent reports whether a decode of the handler runs only for
// some HTTP methods: it lies in a method region of a function the handler
// reaches, or a call in such a region names the function it lies in.
func (ix *index) methodDependent(reach map[*flow.Func]bool, all []finding) bool {
	var regions []methodRegion
	for fn := range reach {
		regions = append(regions, ix.methodRegions(fn)...)
	}
	if len(regions) == 0 {
		return false
	}
	in := func(p token.Pos) bool {
		for _, r := range regions {
			if p >= r.pos && p < r.end {
				return true
			}
		}
		return false
	}
	for _, f := range all {
		if in(f.site.call.Pos()) {
			return true
		}
		// One level of dispatch: case http.MethodPost: create(w, r).
		if f.site.fn.Obj != nil && slices.ContainsFunc(ix.Calls, func(c *flow.Call) bool { return c.Callee == f.site.fn && in(c.Call.Pos()) }) {
			return true
		}
	}
	return false
}
