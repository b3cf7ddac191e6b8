package handler

import (
	"fmt"
	"go/ast"
	"go/types"
)

// Handlers registered through a wrapper travel as facts, the way printf
// finds its wrappers: a func that passes one of its parameters to
// lambda.Start (or another registrar, or another wrapper) exports a
// RegistersFact, and a call of it in another package registers its
// argument, with the argument's type checked as the registrar would.

// RegistersFact says that a func registers its Param-th parameter
// (1-based) as a handler with Registrar, and takes the function's name
// from its NameParam-th parameter when that is not 0.
type RegistersFact struct {
	Param     int
	NameParam int
	Registrar string
	Platform  Platform
	Style     Style
}

// AFact marks RegistersFact as an analysis fact.
func (*RegistersFact) AFact() {}

func (f *RegistersFact) String() string {
	return fmt.Sprintf("registers($%d, %s)", f.Param, f.Registrar)
}

// wrapper reports whether a registration's handler is a parameter of the
// exported func that holds the call, and if so exports the fact that
// makes that func a registrar: the handler is its callers'.
func (f *finder) wrapper(out *Function, arg, nameArg ast.Expr, stack []ast.Node) bool {
	var decl *ast.FuncDecl
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			return false // a closure's parameter is not the wrapper's
		case *ast.FuncDecl:
			decl = n
		}
		if decl != nil {
			break
		}
	}
	if decl == nil || decl.Body == nil {
		return false
	}
	obj, ok := f.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok {
		return false
	}
	k := f.paramIndex(decl, f.valueOf(arg))
	if k == 0 {
		return false
	}
	if !obj.Exported() || f.pass.Pkg.Name() == "main" {
		return false // only this package calls it: the registration stands as it is
	}
	fact := &RegistersFact{Param: k, Registrar: out.Registrar, Platform: out.Platform, Style: out.Style}
	if nameArg != nil {
		fact.NameParam = f.paramIndex(decl, f.valueOf(nameArg))
	}
	f.pass.ExportObjectFact(obj, fact)
	return true
}

// paramIndex returns the 1-based index of the parameter of decl that e
// names, or 0.
func (f *finder) paramIndex(decl *ast.FuncDecl, e ast.Expr) int {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return 0
	}
	v, ok := f.pass.TypesInfo.Uses[id].(*types.Var)
	if !ok {
		return 0
	}
	k := 0
	for _, field := range decl.Type.Params.List {
		if len(field.Names) == 0 {
			k++
			continue
		}
		for _, n := range field.Names {
			k++
			if f.pass.TypesInfo.Defs[n] == v {
				if _, variadic := field.Type.(*ast.Ellipsis); variadic {
					return 0
				}
				return k
			}
		}
	}
	return 0
}
