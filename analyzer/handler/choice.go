package handler

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/analyzer/internal/analysisutil"
	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// A handler chosen at run time: the registrars take the handler as
// interface{}, and a program may pick it among a few funcs before it
// registers it,
//
//	var receiver interface{}
//	if len(sink) == 0 {
//		receiver = h.ReceiveReply
//	} else {
//		receiver = h.ReceiveSend
//	}
//	client.StartReceiver(ctx, receiver)
//
// The registration is certain, only which handler runs is not: it is
// one function, whose handler is each candidate (Function.Handler and
// Function.Alternatives). Each candidate's signature is checked as the
// registrar would check it, the payload types are the candidates' when
// they all agree, and the routes of every candidate are the function's.
// A variable with a value that is not a declared func or method (nil, a
// literal, a computed value), or with more than maxChoices values, is
// not followed: the registration is left out, and an info finding says
// why.

// maxChoices is the most candidates a registration's handler is followed
// to.
const maxChoices = 4

// FuncRef names a func (Recv "") or a method of type Recv in a
// RegistersFact.
type FuncRef struct{ Recv, Func string }

func (r FuncRef) String() string {
	if r.Recv != "" {
		return r.Recv + "." + r.Func
	}
	return r.Func
}

// refOf names h for a fact: false for a method of an unnamed type.
func refOf(h *types.Func) (FuncRef, bool) {
	r := FuncRef{Func: h.Name()}
	if recv := h.Signature().Recv(); recv != nil {
		n, ok := types.Unalias(derefType(recv.Type())).(*types.Named)
		if !ok {
			return FuncRef{}, false
		}
		r.Recv = n.Obj().Name()
	}
	return r, true
}

// choices returns the handlers among which the registration's argument
// arg, a local variable of an empty interface or func type assigned
// several times, is chosen: the values in source order, without repeats, each a
// declared func or method (as handlerDecl reads it). It returns nil and
// "" when arg is no such variable (the finder's other paths decide), and
// nil and the reason when the variable has several values that are not
// all followed.
func (f *finder) choices(arg ast.Expr) ([]ast.Expr, string) {
	id, ok := ast.Unparen(arg).(*ast.Ident)
	if !ok {
		return nil, ""
	}
	v, ok := f.pass.TypesInfo.Uses[id].(*types.Var)
	if _, isFunc := v.Type().Underlying().(*types.Signature); !ok || !isEmptyInterface(v.Type()) && !isFunc {
		return nil, ""
	}
	x := f.flow.Index()
	as := slices.Clone(x.Assigns[v])
	if len(as) < 2 {
		return nil, ""
	}
	switch {
	case v.Parent() == f.pass.Pkg.Scope():
		return nil, fmt.Sprintf("%s is a package-level variable with %d assignments", v.Name(), len(as))
	case x.AddrTaken[v]:
		return nil, fmt.Sprintf("%s has its address taken, so something else may set it", v.Name())
	case len(as) > maxChoices:
		return nil, fmt.Sprintf("%s is assigned %d times, more than the %d candidates faasvet follows", v.Name(), len(as), maxChoices)
	}
	for _, a := range as {
		if a.Value == nil || a.Index >= 0 || a.Range != nil {
			return nil, fmt.Sprintf("%s is assigned a computed value", v.Name())
		}
	}
	slices.SortFunc(as, func(a, b flow.Assign) int { return int(a.Value.Pos() - b.Value.Pos()) })
	var out []ast.Expr
	var seen []*types.Func
	for _, a := range as {
		e := f.valueOf(a.Value)
		if c, ok := ast.Unparen(e).(*ast.CallExpr); ok && len(c.Args) == 1 {
			if tv, ok := f.pass.TypesInfo.Types[c.Fun]; ok && tv.IsType() && types.IsInterface(tv.Type) {
				e = f.valueOf(c.Args[0]) // any(handle)
			}
		}
		h, _ := f.handlerDecl(e)
		if h == nil || len(flow.TypeParams(h.Type())) > 0 {
			return nil, fmt.Sprintf("%s may be %s, which is not a declared func or method", v.Name(), flow.ExprString(a.Value))
		}
		if slices.Contains(seen, h.Origin()) {
			continue
		}
		seen = append(seen, h.Origin())
		out = append(out, e)
	}
	return out, ""
}

// reportChoice says, at info level, what a handler chosen at run time
// leaves unknown.
func (f *finder) reportChoice(out *Function, at ast.Expr, msg string) {
	registrar := out.Registrar
	if out.Wrapper != "" {
		registrar = out.Wrapper + " (" + out.Registrar + ")"
	}
	analysisutil.Report(f.pass, "handler-signature", "runtime-choice", rng{at.Pos(), at.End()}, registrar+" handler "+flow.ExprString(at)+" "+msg)
}

// choose adds the candidates alts, after the first one that out was made
// from, to the function: each is checked as the registrar checks a
// handler (reported when check is set), and the payload types stay only
// when every candidate has the same. It reports whether they agree, or
// one of them is rejected (which the finding about it says).
func (f *finder) choose(out *Function, alts []ast.Expr, rejected, check bool) bool {
	agree := true
	for _, a := range alts {
		t := f.pass.TypesInfo.TypeOf(a)
		o := *out
		o.Handler, o.HandlerAt = f.handlerDecl(a)
		if rej := f.classify(&o, t); rej != nil {
			rejected = true
			if check {
				f.reportSignature(&o, a, t, rej, flow.ExprString(a))
			}
		}
		out.Alternatives = append(out.Alternatives, o.Handler)
		agree = agree && sameShape(out, &o)
	}
	if !agree {
		out.Input, out.Output, out.OutputNull = nil, nil, false
	}
	return agree || rejected
}

// sameShape reports whether two classifications of one registration
// give the wire the same payloads.
func sameShape(a, b *Function) bool {
	same := func(x, y types.Type) bool {
		return x == nil && y == nil || x != nil && y != nil && types.Identical(x, y)
	}
	return a.Style == b.Style && a.OutputNull == b.OutputNull && same(a.Input, b.Input) && same(a.Output, b.Output)
}

// candidateNames lists a function's handlers for a message.
func candidateNames(fn *Function) string {
	var names []string
	for _, h := range append([]*types.Func{fn.Handler}, fn.Alternatives...) {
		if h != nil {
			names = append(names, h.Name())
		}
	}
	return strings.Join(names, ", ")
}
