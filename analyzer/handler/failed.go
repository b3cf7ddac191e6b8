package handler

import (
	"go/ast"
	"go/types"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// An import that fails (a module graph the go command cannot resolve, a
// dependency the proxy refuses, a private module out of reach) leaves the
// type checker a fake package: it has the import's path and no objects,
// and a selector on it has no object. A registration through such an
// import, lambda.Start(handle) where aws-lambda-go did not load, has no
// callee, so the finder's look-up by *types.Func misses it. The fallback
// here recognises the registrar by the import's path and the selector's
// name, in the finder's one table (registrars.go), and takes the handler
// argument as usual. Types that come from a failed import are invalid,
// which the wire model treats as opaque; what the SDK's runtime would
// make of the handler is not known, so its signature is not checked. The
// driver analyses such a package in part and withholds its findings.

// unresolved returns the function that call registers when its callee is
// a func of an import that failed and one of the SDK's registrars; nil
// otherwise.
func (f *finder) unresolved(call *ast.CallExpr, stack []ast.Node) *Function {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok {
		return nil
	}
	pn, ok := f.pass.TypesInfo.Uses[id].(*types.PkgName)
	if !ok || !failedImport(pn.Imported()) {
		return nil
	}
	reg, ok := registrarOf(pn.Imported().Path(), sel.Sel.Name, false)
	if !ok {
		return nil
	}
	argAt := func(i int) ast.Expr {
		if 0 <= i && i < len(call.Args) {
			return call.Args[i]
		}
		return nil
	}
	arg, nameArg := argAt(reg.arg-1), argAt(reg.name-1)
	if arg == nil {
		return nil
	}
	out := &Function{Pos: call.Pos(), Platform: reg.platform, Registrar: reg.label, Style: reg.style}
	// A func that registers its caller's handler (wrapper.go, closure.go)
	// or starts one of its own package is one as the finder has it.
	if f.wrapper(out, arg, nameArg, nil, stack) || f.closureWrapper(out, arg, nameArg, stack) {
		return nil
	}
	out.Starter = f.starter(out, arg, nil, stack)
	t := f.pass.TypesInfo.TypeOf(arg)
	if t != nil && types.IsInterface(t) {
		// The static type hides the handler: trace a variable to its value.
		if v := f.valueOf(arg); v != nil {
			if vt := f.pass.TypesInfo.TypeOf(v); vt != nil && !types.IsInterface(vt) {
				arg, t = v, vt
			}
		}
	}
	if t == nil {
		// lambda.Start(ddlambda.WrapFunction(handle, cfg)) with the
		// instrumenting wrapper's import failed too: the handler is the
		// wrapper call's one func argument.
		if h, wrapper := f.unresolvedWrapper(arg); h != nil {
			arg, t, out.Wrapper = h, f.pass.TypesInfo.TypeOf(h), wrapper
		}
	}
	if t == nil || len(flow.TypeParams(t)) > 0 {
		return nil
	}
	f.nameHandler(out, arg, t, nameArg, sel.Sel.Name)
	out.Directives = f.directivesFor(out.Handler, stack)
	sig, _ := t.Underlying().(*types.Signature)
	out.Signature = sig
	// The payload types as the registrar reads them, with no finding: a
	// handler the SDK's types would reject, or one that is not a func, is
	// not known to be wrong here (lambda.Handler is one of the SDK's
	// types), so its payloads are opaque.
	if rej := f.classify(out, t); rej != nil || sig == nil {
		if out.Style == JSON {
			out.Input, out.Output, out.OutputNull = types.Typ[types.Invalid], types.Typ[types.Invalid], false
		}
	}
	return out
}

// failedImport reports whether pkg is the type checker's stand-in for an
// import that failed: it has no objects and was never completed.
func failedImport(pkg *types.Package) bool {
	return pkg != nil && !pkg.Complete() && pkg.Scope().Len() == 0
}

// unresolvedWrapper returns the handler that arg, a call of a func of an
// import that failed (or of a name that resolves to nothing, a failed
// import declared under another name), wraps: its one func argument; and
// the wrapper's name.
func (f *finder) unresolvedWrapper(arg ast.Expr) (ast.Expr, string) {
	call, ok := ast.Unparen(f.valueOf(arg)).(*ast.CallExpr)
	if !ok {
		return nil, ""
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, ""
	}
	id, ok := ast.Unparen(sel.X).(*ast.Ident)
	if !ok || f.pass.TypesInfo.Uses[sel.Sel] != nil {
		return nil, ""
	}
	if obj := f.pass.TypesInfo.Uses[id]; obj != nil {
		if pn, ok := obj.(*types.PkgName); !ok || !failedImport(pn.Imported()) {
			return nil, ""
		}
	}
	h := f.soleFuncArg(call.Args)
	if h == nil {
		return nil, ""
	}
	return h, id.Name + "." + sel.Sel.Name
}
