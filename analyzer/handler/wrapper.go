package handler

import (
	"fmt"
	"go/ast"
	"go/types"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// Handlers registered through a wrapper travel as facts, the way printf
// finds its wrappers: a func that passes one of its parameters to
// lambda.Start (or another registrar, or another wrapper) exports a
// RegistersFact, and a call of it in another package registers its
// argument, with the argument's type checked as the registrar would.

// RegistersFact says that a func registers its Param-th parameter
// (1-based) as a handler with Registrar, and takes the function's name
// from its NameParam-th parameter when that is not 0.
//
// With Param 0 the func is a starter: it registers a handler of its own,
// the func or method HandlerFunc (of type HandlerRecv, when a method) of
// package HandlerPkg, the way a shared server package's Start passes its
// own method to lambda.Start or client.StartReceiver. Each program that
// calls a starter deploys one function with that handler.
type RegistersFact struct {
	Param     int
	NameParam int
	Registrar string
	Platform  Platform
	Style     Style

	HandlerPkg, HandlerRecv, HandlerFunc string
	// Alternatives are the other funcs or methods of HandlerPkg among
	// which the starter chooses its handler at run time (choice.go).
	Alternatives []FuncRef

	// Closure is set when the func registers a func literal that calls
	// the Param-th parameter (closure.go): the runtime sees the
	// literal's signature, ClosureParams and ClosureResults.
	Closure                       bool
	ClosureParams, ClosureResults []TypeSlot
}

// AFact marks RegistersFact as an analysis fact.
func (*RegistersFact) AFact() {}

func (f *RegistersFact) String() string {
	if f.Param == 0 {
		h := f.HandlerFunc
		if f.HandlerRecv != "" {
			h = f.HandlerRecv + "." + h
		}
		for _, a := range f.Alternatives {
			h += "|" + a.String()
		}
		return fmt.Sprintf("starts(%s.%s, %s)", f.HandlerPkg, h, f.Registrar)
	}
	if f.Closure {
		return fmt.Sprintf("registers($%d, %s, closure)", f.Param, f.Registrar)
	}
	return fmt.Sprintf("registers($%d, %s)", f.Param, f.Registrar)
}

// starter reports whether a registration's handler is a func or method
// declared in this package, registered from an exported func of a
// package that is not a program, and if so exports the RegistersFact
// that makes that func a starter: the function is each program that
// calls it (starts), not this package.
func (f *finder) starter(out *Function, arg ast.Expr, alts []ast.Expr, stack []ast.Node) bool {
	decl := enclosingDecl(stack)
	if decl == nil || f.pass.Pkg.Name() == "main" {
		return false
	}
	obj, ok := f.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok || !obj.Exported() {
		return false
	}
	h, _ := f.handlerDecl(arg)
	if h == nil || h.Pkg() != f.pass.Pkg {
		return false // a closure, or a value this package cannot name
	}
	fact := &RegistersFact{Registrar: out.Registrar, Platform: out.Platform, Style: out.Style,
		HandlerPkg: h.Pkg().Path(), HandlerFunc: h.Name()}
	if recv := h.Signature().Recv(); recv != nil {
		n, ok := types.Unalias(derefType(recv.Type())).(*types.Named)
		if !ok {
			return false
		}
		fact.HandlerRecv = n.Obj().Name()
	}
	for _, a := range alts {
		h, _ := f.handlerDecl(a)
		if h == nil || h.Pkg() != f.pass.Pkg {
			return false
		}
		ref, ok := refOf(h)
		if !ok {
			return false
		}
		fact.Alternatives = append(fact.Alternatives, ref)
	}
	f.pass.ExportObjectFact(obj, fact)
	f.addStarter(obj, fact)
	return true
}

// addStarter records a starter of this package.
func (f *finder) addStarter(obj *types.Func, rf *RegistersFact) {
	if f.starters == nil {
		f.starters = map[*types.Func]*RegistersFact{}
	}
	f.starters[obj] = rf
}

// propagateStarters makes every func of the package that calls a
// starter of the package a starter too, to a fixpoint: what a call of
// it starts does not depend on the order of the declarations. Only
// exported ones export the fact; the others pass it on.
func (f *finder) propagateStarters() {
	if f.pass.Pkg.Name() == "main" {
		return // starter never makes a program's funcs starters
	}
	for changed := len(f.starters) > 0; changed; {
		changed = false
		for _, c := range f.flow.Index().Calls {
			if !c.Static || c.In == nil || c.In.Decl == nil {
				continue
			}
			rf, obj := f.starters[c.Callee.Obj], c.In.Obj
			if rf == nil || f.starters[obj] != nil {
				continue
			}
			f.addStarter(obj, rf)
			if obj.Exported() {
				f.pass.ExportObjectFact(obj, rf)
			}
			changed = true
		}
	}
}

// starts makes the function that a call of a starter (RegistersFact with
// Param 0) deploys. In a program that is a function whose handler is the
// starter's; in an exported func of another package the call makes that
// func a starter too. The starter's package checked the signature.
func (f *finder) starts(out *Function, callee *types.Func, rf *RegistersFact, stack []ast.Node) *Function {
	if f.pass.Pkg.Name() != "main" {
		if decl := enclosingDecl(stack); decl != nil {
			if obj, ok := f.pass.TypesInfo.Defs[decl.Name].(*types.Func); ok {
				if obj.Exported() {
					f.pass.ExportObjectFact(obj, rf)
				}
				f.addStarter(obj, rf)
			}
		}
		return nil
	}
	h := lookupFunc(callee.Pkg(), rf.HandlerPkg, rf.HandlerRecv, rf.HandlerFunc)
	if h == nil {
		return nil
	}
	sig := h.Signature()
	t := types.NewSignatureType(nil, nil, nil, sig.Params(), sig.Results(), sig.Variadic())
	out.Handler, out.HandlerAt, out.Signature = h, h.Pos(), t
	out.HandlerName = h.Name()
	if rf.HandlerRecv != "" {
		out.HandlerName = rf.HandlerRecv + "." + h.Name()
	}
	if f.env.context == nil {
		for p := range sig.Params().Variables() {
			if c := asContext(p.Type()); c != nil {
				f.env.context = c
				break
			}
		}
	}
	f.classify(out, t)
	// A handler chosen at run time: the starter's package checked each
	// candidate and said whether their payload types agree.
	agree := true
	for _, a := range rf.Alternatives {
		ah := lookupFunc(callee.Pkg(), rf.HandlerPkg, a.Recv, a.Func)
		if ah == nil {
			return nil
		}
		as := ah.Signature()
		o := *out
		o.Handler, o.HandlerAt = ah, ah.Pos()
		f.classify(&o, types.NewSignatureType(nil, nil, nil, as.Params(), as.Results(), as.Variadic()))
		out.Alternatives = append(out.Alternatives, ah)
		agree = agree && sameShape(out, &o)
	}
	if !agree {
		out.Input, out.Output, out.OutputNull = nil, nil, false
	}
	return out
}

// enclosingDecl returns the func declaration around the innermost node
// of stack, or nil inside a func literal or outside any func.
func enclosingDecl(stack []ast.Node) *ast.FuncDecl {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			return nil
		case *ast.FuncDecl:
			if n.Body == nil {
				return nil
			}
			return n
		}
	}
	return nil
}

// lookupFunc finds the func name, or the method name of type recv, of
// the package at path among from's transitive imports (flow.FindPackage).
func lookupFunc(from *types.Package, path, recv, name string) *types.Func {
	p := flow.FindPackage(from, path)
	if p == nil {
		return nil
	}
	if recv == "" {
		fn, _ := p.Scope().Lookup(name).(*types.Func)
		return fn
	}
	tn, ok := p.Scope().Lookup(recv).(*types.TypeName)
	if !ok {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(tn.Type()), false, p, name)
	fn, _ := obj.(*types.Func)
	return fn
}

// wrapper reports whether a registration's handler is a parameter of the
// exported func that holds the call, and if so exports the fact that
// makes that func a registrar: the handler is its callers'.
func (f *finder) wrapper(out *Function, arg, nameArg ast.Expr, csig *types.Signature, stack []ast.Node) bool {
	decl := enclosingDecl(stack)
	if decl == nil {
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
	if csig != nil {
		// A wrapper of a closure wrapper: the closure's signature, over
		// this func's type parameters.
		params, pok := encodeTuple(csig.Params(), obj.Signature().TypeParams())
		results, rok := encodeTuple(csig.Results(), obj.Signature().TypeParams())
		if !pok || !rok {
			return true // not expressible: no fact, rather than a wrong one
		}
		fact.Closure, fact.ClosureParams, fact.ClosureResults = true, params, results
	}
	f.pass.ExportObjectFact(obj, fact)
	return true
}

// paramIndex returns the 1-based index of the parameter of decl that e
// names, or 0.
func (f *finder) paramIndex(decl *ast.FuncDecl, e ast.Expr) int {
	p, ok := f.flow.Index().Params[f.flow.Index().VarOf(e)]
	if !ok || p.Fn.Decl != decl || p.Fn.Sig.Variadic() && p.I == p.Fn.Sig.Params().Len()-1 {
		return 0
	}
	return p.I + 1
}
