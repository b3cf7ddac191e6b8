package handler

import (
	"go/ast"
	"go/types"
	"reflect"
	"slices"

	"golang.org/x/tools/go/types/typeutil"
)

func reflectTypeOf(v any) reflect.Type { return reflect.TypeOf(v) }

// contextFrom finds context.Context in the signature of an SDK function
// or, for a method, of its interface: the SDKs all take a context.
func contextFrom(fn *types.Func) *types.Interface {
	sig := fn.Signature()
	for i := range sig.Params().Len() {
		if iface := asContext(sig.Params().At(i).Type()); iface != nil {
			return iface
		}
	}
	if obj, ok := fn.Pkg().Scope().Lookup("Handler").(*types.TypeName); ok {
		if iface, ok := obj.Type().Underlying().(*types.Interface); ok {
			for m := range iface.Methods() {
				if p := m.Signature().Params(); p.Len() > 0 {
					if c := asContext(p.At(0).Type()); c != nil {
						return c
					}
				}
			}
		}
	}
	return nil
}

func asContext(t types.Type) *types.Interface {
	if isNamed(t, "context", "Context") {
		return t.Underlying().(*types.Interface)
	}
	return nil
}

func isNamed(t types.Type, pkg, name string) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == pkg && n.Obj().Name() == name
}

func isLambdaHandlerIface(t types.Type, handler *types.Interface) bool {
	iface, ok := t.Underlying().(*types.Interface)
	return ok && handler != nil && types.Identical(iface, handler)
}

func isNewHandlerCall(info *types.Info, e ast.Expr) bool {
	call, ok := ast.Unparen(e).(*ast.CallExpr)
	if !ok {
		return false
	}
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == lambdaPath && (fn.Name() == "NewHandler" || fn.Name() == "NewHandlerWithOptions")
}

func imports(pkg *types.Package, path string) bool {
	return slices.ContainsFunc(pkg.Imports(), func(p *types.Package) bool { return p.Path() == path })
}

// isHTTPHandlerFunc: func(http.ResponseWriter, *http.Request).
func isHTTPHandlerFunc(t types.Type) bool {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok || sig.Params().Len() != 2 || sig.Results().Len() != 0 {
		return false
	}
	p := sig.Params()
	ptr, ok := p.At(1).Type().(*types.Pointer)
	return isNamed(p.At(0).Type(), "net/http", "ResponseWriter") && ok && isNamed(ptr.Elem(), "net/http", "Request")
}

// isGoHTTPHandle: func(handler.Request) (handler.Response, error) of the
// golang-http template.
func isGoHTTPHandle(sig *types.Signature) bool {
	return sig.Params().Len() == 1 && sig.Results().Len() == 2 &&
		isNamed(sig.Params().At(0).Type(), openfaasSDKPath, "Request") &&
		isNamed(sig.Results().At(0).Type(), openfaasSDKPath, "Response") &&
		types.Identical(sig.Results().At(1).Type(), errorType)
}

// isClassicHandle: func([]byte) string of the classic go template.
func isClassicHandle(sig *types.Signature) bool {
	if sig.Params().Len() != 1 || sig.Results().Len() != 1 {
		return false
	}
	s, ok := sig.Params().At(0).Type().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().(*types.Basic)
	r, ok2 := sig.Results().At(0).Type().(*types.Basic)
	return ok && ok2 && b.Kind() == types.Byte && r.Kind() == types.String
}

func derefType(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

func isFuncLit(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.FuncLit)
	return ok
}

// isFuncVar reports whether e names a variable of a func type.
func isFuncVar(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	v, ok := info.Uses[id].(*types.Var)
	if !ok {
		return false
	}
	_, isFunc := v.Type().Underlying().(*types.Signature)
	return isFunc
}
