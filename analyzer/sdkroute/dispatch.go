package sdkroute

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// Calls through interfaces are resolved by class-hierarchy analysis: an
// interface method call may run the method of every type that implements
// the interface, this package's (followed like a static call) and other
// packages' that have a summary (instantiated like a call of a
// summarised func). Where the receiver's values can be followed to
// values of concrete types (a constructor's result, the entries of a
// slice the call ranges over), only their types' methods run, each with
// its own receiver; else every candidate does, with a receiver that
// faasvet does not know.

// maxImpls bounds the implementations one interface call may run: with
// more, faasvet does not guess which, and says so.
const maxImpls = 8

// maxFrames bounds the frames that the walks of one package enter.
const maxFrames = 4000

// ifaceCall classifies a call of an interface method that some
// implementation may send through, and reports whether it is one.
func (x *index) ifaceCall(s *site) bool {
	fn, ok := typeutil.Callee(x.Info, s.call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil || !types.IsInterface(recv.Type()) {
		return false
	}
	iface, ok := recv.Type().Underlying().(*types.Interface)
	if !ok {
		return false
	}
	if x.methods == nil {
		x.methods = map[string][]*fnInfo{}
		for _, fi := range x.fns {
			if fi.Obj != nil && fi.Obj.Signature().Recv() != nil && fi.Decl.Body != nil {
				x.methods[fi.Obj.Name()] = append(x.methods[fi.Obj.Name()], fi)
			}
		}
	}
	for _, fi := range x.methods[fn.Name()] {
		if implements(fi.Obj.Signature().Recv().Type(), iface) {
			s.impls = append(s.impls, fi)
		}
	}
	s.exts = x.implementations(fn.Name(), iface)
	if len(s.exts) > maxImpls {
		s.tooMany, s.exts = len(s.exts), nil
	}
	if len(s.impls) == 0 && len(s.exts) == 0 && s.tooMany == 0 {
		return false
	}
	s.iface = fn
	return true
}

// implements reports whether values of a method's receiver type t (T or
// *T) may be held by iface.
func implements(t types.Type, iface *types.Interface) bool {
	n := flow.NamedOf(t)
	if n == nil {
		return false
	}
	if n.TypeParams().Len() > 0 {
		return genericImplements(n, iface)
	}
	if types.Implements(t, iface) {
		return true
	}
	_, isPtr := t.(*types.Pointer)
	return !isPtr && types.Implements(types.NewPointer(t), iface)
}

// genericImplements reports whether some instantiation of the generic
// type n (T[P] or *T[P]) implements iface: each of iface's methods is
// matched against n's method of that name, binding n's type parameters
// to the types the interface's signature has in their places (Queue[Email]'s
// SendMessage(*Email) binds P to Email in (*SQSQueue[P]).SendMessage(*P)).
// When every type parameter is bound, the instantiation is checked by the
// type checker's own rule; a parameter that no method's signature
// mentions leaves the match to the signatures.
func genericImplements(n *types.Named, iface *types.Interface) bool {
	origin := n.Origin()
	tparams := origin.TypeParams()
	bind := map[*types.TypeParam]types.Type{}
	for i := 0; i < iface.NumMethods(); i++ {
		want := iface.Method(i)
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(origin), false, want.Pkg(), want.Name())
		m, ok := obj.(*types.Func)
		if !ok {
			return false
		}
		sig := m.Signature()
		// The method's own type parameters stand for the type's.
		own := map[*types.TypeParam]*types.TypeParam{}
		if rtp := sig.RecvTypeParams(); rtp != nil && rtp.Len() == tparams.Len() {
			for k := 0; k < rtp.Len(); k++ {
				own[rtp.At(k)] = tparams.At(k)
			}
		}
		u := unifier{bind: bind, own: own}
		ws := want.Signature()
		if sig.Variadic() != ws.Variadic() || !u.unify(sig.Params(), ws.Params()) || !u.unify(sig.Results(), ws.Results()) {
			return false
		}
	}
	args := make([]types.Type, tparams.Len())
	for k := range args {
		if args[k] = bind[tparams.At(k)]; args[k] == nil {
			return true // not constrained by the interface
		}
	}
	inst, err := types.Instantiate(nil, origin, args, true)
	if err != nil {
		return false
	}
	return types.Implements(inst, iface) || types.Implements(types.NewPointer(inst), iface)
}

// A unifier matches a generic method's signature against an interface
// method's, binding the type parameters (own maps a method's receiver
// type parameters to its type's).
type unifier struct {
	bind map[*types.TypeParam]types.Type
	own  map[*types.TypeParam]*types.TypeParam
}

func (u unifier) unify(p, q types.Type) bool {
	p, q = types.Unalias(p), types.Unalias(q)
	if tp, ok := p.(*types.TypeParam); ok {
		if o, ok := u.own[tp]; ok {
			tp = o
		}
		if b, ok := u.bind[tp]; ok {
			return types.Identical(b, q)
		}
		u.bind[tp] = q
		return true
	}
	switch p := p.(type) {
	case *types.Pointer:
		q, ok := q.(*types.Pointer)
		return ok && u.unify(p.Elem(), q.Elem())
	case *types.Slice:
		q, ok := q.(*types.Slice)
		return ok && u.unify(p.Elem(), q.Elem())
	case *types.Array:
		q, ok := q.(*types.Array)
		return ok && p.Len() == q.Len() && u.unify(p.Elem(), q.Elem())
	case *types.Map:
		q, ok := q.(*types.Map)
		return ok && u.unify(p.Key(), q.Key()) && u.unify(p.Elem(), q.Elem())
	case *types.Chan:
		q, ok := q.(*types.Chan)
		return ok && p.Dir() == q.Dir() && u.unify(p.Elem(), q.Elem())
	case *types.Tuple:
		q, ok := q.(*types.Tuple)
		if !ok || p.Len() != q.Len() {
			return false
		}
		for i := 0; i < p.Len(); i++ {
			if !u.unify(p.At(i).Type(), q.At(i).Type()) {
				return false
			}
		}
		return true
	case *types.Signature:
		q, ok := q.(*types.Signature)
		return ok && p.Variadic() == q.Variadic() && u.unify(p.Params(), q.Params()) && u.unify(p.Results(), q.Results())
	case *types.Named:
		q, ok := q.(*types.Named)
		if !ok || p.Origin().Obj() != q.Origin().Obj() || p.TypeArgs().Len() != q.TypeArgs().Len() {
			return false
		}
		if p.TypeArgs().Len() == 0 {
			return true
		}
		for i := 0; i < p.TypeArgs().Len(); i++ {
			if !u.unify(p.TypeArgs().At(i), q.TypeArgs().At(i)) {
				return false
			}
		}
		return true
	}
	return types.Identical(p, q)
}

// implementations are the methods of other packages named name, with a
// summary, whose receivers implement iface.
func (x *index) implementations(name string, iface *types.Interface) []extImpl {
	if x.factsByName == nil {
		x.factsByName = map[string][]*types.Func{}
		for _, of := range x.pass.AllObjectFacts() {
			if fn, ok := of.Object.(*types.Func); ok && fn.Signature().Recv() != nil {
				if _, ok := of.Fact.(*SendsFact); ok {
					x.factsByName[fn.Name()] = append(x.factsByName[fn.Name()], fn)
				}
			}
		}
	}
	var out []extImpl
	for _, cand := range x.factsByName[name] {
		if cand.Pkg() == x.pass.Pkg || !implements(cand.Signature().Recv().Type(), iface) {
			continue
		}
		var f SendsFact
		if x.pass.ImportObjectFact(cand, &f) {
			out = append(out, extImpl{cand, &f})
		}
	}
	// Facts come in no fixed order: sort, for deterministic output.
	slices.SortFunc(out, func(a, b extImpl) int { return strings.Compare(a.fn.FullName(), b.fn.FullName()) })
	return out
}

// A dispatch is one method an interface call runs, with the receiver it
// runs on.
type dispatch struct {
	impl *fnInfo // this package's method, or
	ext  extImpl // another package's
	recv bound
}

// dispatch resolves the methods an interface call site runs in a frame:
// the candidates of the receiver's concrete types when they are known,
// else all of them. n counts them; more than maxImpls are not returned.
func (x *index) dispatch(s *site, fr *frame) (ds []dispatch, n int) {
	x.Steps = 0
	sel, ok := ast.Unparen(s.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, 0
	}
	recv := flow.At(sel.X, fr)
	var vals []bound
	var ts []types.Type
	if !x.dispatchOnly {
		// Following the receiver to its concrete values costs a budget
		// per call: a package that can only hand its dispatches on
		// (most of a large module's) pays none.
		vals, ts = x.concreteValues(recv)
	}
	add := func(impl *fnInfo, ext extImpl, rt types.Type) {
		if vals == nil {
			ds = append(ds, dispatch{impl, ext, recv})
			return
		}
		for i, t := range ts {
			if sameNamed(t, rt) {
				ds = append(ds, dispatch{impl, ext, vals[i]})
			}
		}
	}
	for _, fi := range s.impls {
		if fi.reaches {
			add(fi, extImpl{}, fi.Obj.Signature().Recv().Type())
		}
	}
	for _, e := range s.exts {
		add(nil, e, e.fn.Signature().Recv().Type())
	}
	if s.tooMany > 0 {
		return nil, s.tooMany
	}
	if len(ds) > maxImpls {
		return nil, len(ds)
	}
	return ds, len(ds)
}

// sameNamed reports whether t and u are the same named type, behind a
// pointer or not.
func sameNamed(t, u types.Type) bool {
	a, b := flow.NamedOf(t), flow.NamedOf(u)
	return a != nil && b != nil && a.Origin().Obj() == b.Origin().Obj()
}

// concreteValues follows an interface value to the values of concrete
// types it may hold; nil when one of them is not known.
func (x *index) concreteValues(b bound) ([]bound, []types.Type) {
	bs, _ := x.Origins(b)
	if bs == nil {
		return nil, nil
	}
	var vals []bound
	var ts []types.Type
	for _, o := range bs {
		if _, ok := x.symOf(o.E); ok {
			return nil, nil // the caller's
		}
		if tv, ok := x.Info.Types[ast.Unparen(o.E)]; ok && tv.IsNil() {
			continue // calls through a nil interface panic: no route
		}
		t := x.Info.TypeOf(o.E)
		if o.Index >= 0 {
			tup, ok := t.(*types.Tuple)
			if !ok || o.Index >= tup.Len() {
				return nil, nil
			}
			t = tup.At(o.Index).Type()
		}
		if t == nil {
			return nil, nil
		}
		if types.IsInterface(t) {
			// A same-package func that returns the interface: what
			// it returns.
			call, ok := ast.Unparen(o.E).(*ast.CallExpr)
			callee := (*fnInfo)(nil)
			if ok {
				callee = x.staticCallee(call)
			}
			if callee == nil || !o.Fr.DepthOK() || x.Tick() {
				return nil, nil
			}
			fr := x.Bind(callee.Func, call, o.Fr)
			idx := max(o.Index, 0)
			for _, r := range x.LiveReturns(callee.Func) {
				if len(r.Results) <= idx || len(r.Results) == 1 && idx > 0 {
					return nil, nil
				}
				v, t := x.concreteValues(flow.At(r.Results[idx], fr))
				if v == nil {
					return nil, nil
				}
				vals, ts = append(vals, v...), append(ts, t...)
			}
			continue
		}
		vals, ts = append(vals, o), append(ts, t)
		if len(vals) > flow.MaxValues {
			return nil, nil
		}
	}
	if len(vals) == 0 {
		return nil, nil
	}
	return vals, ts
}

// ifaceCalls makes the calls of an interface call site that other
// packages' methods make, or the unresolved call of one with too many
// candidates. This package's methods are walked (walk.go).
func (x *index) ifaceCalls(s *site, fr *frame) []*Call {
	ds, n := x.dispatch(s, fr)
	name := s.iface.Name()
	if recv := flow.NamedOf(s.iface.Signature().Recv().Type()); recv != nil {
		name = recv.Obj().Name() + "." + name
		if p := recv.Obj().Pkg(); p != nil && p != x.pass.Pkg {
			name = p.Name() + "." + name
		}
	}
	if n > maxImpls {
		c := &Call{Op: s.iface.Name(), Pos: s.call.Pos(), Through: name}
		c.unresolve("target", fmt.Sprintf("%d methods implement %s and send; faasvet does not guess which runs", n, name))
		return []*Call{c}
	}
	var calls []*Call
	for _, d := range ds {
		if d.ext.fn != nil {
			calls = append(calls, x.instantiateWith(s, fr, d.ext.fn, d.ext.f, d.recv)...)
		}
	}
	return calls
}

// elemField returns the values of a slice, array or interface field of
// this package's, unexported, that the package sets (the implementations
// a receiver holds in a []Publisher or a Publisher); nil when it is no
// such field, one of the values is not one expression, or an interface
// field takes a parameter (whoever calls the constructor chooses).
func (x *index) elemField(sel *types.Selection) []bound {
	field, ok := sel.Obj().(*types.Var)
	if !ok || field.Pkg() != x.pass.Pkg || field.Exported() {
		return nil
	}
	iface := false
	switch field.Type().Underlying().(type) {
	case *types.Slice, *types.Array:
	case *types.Interface:
		iface = true
	default:
		return nil
	}
	vals := x.FieldVals[field]
	if len(vals) == 0 || len(vals) > flow.MaxValues {
		return nil
	}
	var out []bound
	for _, v := range vals {
		if v == nil {
			return nil
		}
		if id, ok := ast.Unparen(v).(*ast.Ident); ok && iface {
			if pv := x.VarOf(id); pv == nil || x.ParamOwner(pv) != "" {
				return nil // the constructor's caller chooses: the receiver's own
			}
		}
		out = append(out, flow.At(v, nil))
	}
	return out
}
