package sdkroute

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// Deferred sends (a transactional outbox). A type often collects what it
// will send in a slice field, t.messages = append(t.messages, m), and a
// method of the package (a transaction's Commit) later ranges over the
// slice, directly or through the funcs it passes it to, and makes the
// SDK call with each element's fields. The route is the appender's: the
// code that appends chose the queue and built the body. So the field's
// elements are followed as a stand-in of their own (like a summary's
// parameter), the sends of the funcs that read the field are written
// over that stand-in once (the drain), and each append instantiates the
// drain with the element it appends, as if the append made the send.
// The drain's own calls then make no route: every element it sends was
// appended somewhere, and is sent on that appender's behalf.
//
// A field is an outbox only when nothing but appends can put an element
// in it: an unexported slice field of the package's, every assignment of
// which appends to the field itself or empties it (nil, an empty
// literal, make, s[:0]); and only when live code reads it (a drain that
// nothing calls sends nothing, and its send stays where it is).

// outboxBase numbers the outboxes' stand-ins, far above any parameter.
const outboxBase = 1 << 20

// An outbox is a slice field that only appends fill.
type outbox struct {
	field   *types.Var
	param   int      // its element stand-in's number (outboxBase + k)
	slice   ast.Expr // the stand-in for the field's value
	name    string   // pkg.Type.field, for messages
	appends []*flow.Call
	// roots are the live funcs that read the field; sends the sends
	// they make of its elements, with the element as parameter 1.
	roots []*fnInfo
	sends []Send
}

// buildOutboxes finds the outbox fields, writes their drains, and makes a
// site of each append to one that has sends.
func (x *index) buildOutboxes() {
	if x.dispatchOnly || !x.anyOp {
		return // no SDK call a drain could make
	}
	byField := map[*types.Var]*outbox{}
	var order []*outbox
	for _, c := range x.Calls {
		if c.In == nil {
			continue
		}
		field, sel := x.appendedField(c.Call)
		if field == nil || !slices.ContainsFunc(x.FieldVals[field], func(v ast.Expr) bool { return ast.Unparen(v) == c.Call }) {
			continue // not an append assigned back to the field
		}
		ob := byField[field]
		if ob == nil {
			if !x.onlyAppended(field) {
				continue
			}
			name := field.Name()
			if n := flow.NamedOf(sel.Recv()); n != nil {
				name = n.Obj().Name() + "." + name
			}
			ob = &outbox{field: field, param: outboxBase + len(order), name: x.pass.Pkg.Name() + "." + name,
				slice: &ast.Ident{Name: field.Name(), NamePos: field.Pos()}}
			byField[field] = ob
			order = append(order, ob)
		}
		ob.appends = append(ob.appends, c)
	}
	// A drain that nothing can call sends nothing, and a field that no
	// live code reads is no outbox: its sends, if any, stay where they
	// are, as before. An unexported func is live when the package names
	// it; an unexported method, when it names any method of that name
	// (an interface's may run it).
	used := map[string]bool{}
	for _, obj := range x.Info.Uses {
		if fn, ok := obj.(*types.Func); ok {
			used[usedKey(fn)] = true
		}
	}
	live := order[:0]
	for _, ob := range order {
		if ob.roots = x.drainRoots(ob, used); len(ob.roots) > 0 {
			live = append(live, ob)
		} else {
			delete(byField, ob.field)
		}
	}
	order = live
	if len(order) == 0 {
		return
	}
	x.outboxes = byField
	for _, ob := range order {
		x.registerSym(ob.slice, sym{param: ob.param, name: ob.name, typ: ob.field.Type()})
	}
	for _, ob := range order {
		ob.sends = x.drain(ob)
	}
	for _, ob := range order {
		if len(ob.sends) == 0 {
			continue
		}
		for _, c := range ob.appends {
			fi := x.fnOf[c.In.Container()]
			fi.sites = append(fi.sites, &site{call: c.Call, in: fi, outbox: ob})
			slices.SortStableFunc(fi.sites, func(a, b *site) int { return int(a.call.Pos() - b.call.Pos()) })
			x.anyOp = true
		}
	}
	x.markReaches()
}

// appendedField returns the field that call appends to, when it is
// append(e.f, ...) with f a field of this package's.
func (x *index) appendedField(call *ast.CallExpr) (*types.Var, *types.Selection) {
	if len(call.Args) < 2 {
		return nil, nil
	}
	if isAppend, _ := x.Builtin(call, "append"); !isAppend {
		return nil, nil
	}
	e, ok := ast.Unparen(call.Args[0]).(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	sel, ok := x.Info.Selections[e]
	if !ok || sel.Kind() != types.FieldVal {
		return nil, nil
	}
	field, _ := sel.Obj().(*types.Var)
	if field == nil || field.Pkg() != x.pass.Pkg || field.Exported() {
		return nil, nil
	}
	if _, ok := field.Type().Underlying().(*types.Slice); !ok {
		return nil, nil
	}
	return field, sel
}

// onlyAppended reports whether every value the package gives field
// appends to it or empties it.
func (x *index) onlyAppended(field *types.Var) bool {
	vals := x.FieldVals[field]
	appends := 0
	for _, v := range vals {
		if v == nil {
			return false
		}
		switch e := ast.Unparen(v).(type) {
		case *ast.CompositeLit:
			if len(e.Elts) > 0 {
				return false
			}
			continue
		case *ast.SliceExpr:
			if s, ok := ast.Unparen(e.X).(*ast.SelectorExpr); ok && x.Info.Uses[s.Sel] == field && e.Low == nil && isZero(x.Info, e.High) {
				continue
			}
			return false
		case *ast.CallExpr:
			if isMake, _ := x.Builtin(e, "make"); isMake && (len(e.Args) < 2 || isZero(x.Info, e.Args[1])) {
				continue
			}
			if f, _ := x.appendedField(e); f == field {
				appends++
				continue
			}
			return false
		}
		if tv, ok := x.Info.Types[ast.Unparen(v)]; ok && tv.IsNil() {
			continue
		}
		return false
	}
	return appends > 0
}

func isZero(info *types.Info, e ast.Expr) bool {
	if e == nil {
		return false
	}
	tv, ok := info.Types[ast.Unparen(e)]
	return ok && tv.Value != nil && tv.Value.String() == "0"
}

// drainRoots are the live funcs that read ob's field other than to
// append to it or assign it: where its elements come out.
func (x *index) drainRoots(ob *outbox, used map[string]bool) []*fnInfo {
	appended := map[ast.Expr]bool{}
	for _, c := range ob.appends {
		appended[c.Call.Args[0]] = true
	}
	var roots []*fnInfo
	for _, fi := range x.fns {
		if !fi.reaches || fi.Obj != nil && !fi.Obj.Exported() && !used[usedKey(fi.Obj)] || !x.readsField(fi, ob.field, appended) {
			continue
		}
		roots = append(roots, fi)
	}
	return roots
}

// drain writes the sends of ob's roots, as far as they send its
// elements, over the element (parameter 1).
func (x *index) drain(ob *outbox) []Send {
	var sends []Send
	seen := map[string]bool{}
	for _, fi := range ob.roots {
		w := &walker{x: x, budget: maxFrames, seen: map[string]bool{}}
		w.walk(fi.sites, &frame{Fn: fi.Func}, nil, func(s *site, fr *frame, _ []token.Pos) {
			for _, c := range x.extract(s, fr) {
				if x.drainedBy(c) != ob.param {
					continue
				}
				snd := ob.overElement(x.toSend(c, s))
				k := snd.String() + "|" + strings.Join(snd.Unresolved, ",")
				if !seen[k] {
					seen[k] = true
					sends = append(sends, snd)
				}
			}
		})
	}
	return sends
}

// usedKey is what a use of fn makes live: the func itself, or any method
// of its name.
func usedKey(fn *types.Func) string {
	if fn.Signature().Recv() != nil {
		return "." + fn.Name()
	}
	return fn.Origin().FullName()
}

// readsField reports whether fi's code reads field other than to append
// to it or to assign it.
func (x *index) readsField(fi *fnInfo, field *types.Var, appended map[ast.Expr]bool) bool {
	skip := maps.Clone(appended)
	ast.Inspect(fi.Node(), func(n ast.Node) bool {
		if as, ok := n.(*ast.AssignStmt); ok {
			for _, l := range as.Lhs {
				skip[l] = true
			}
		}
		return true
	})
	found := false
	ast.Inspect(fi.Node(), func(n ast.Node) bool {
		if found {
			return false
		}
		if e, ok := n.(ast.Expr); ok && skip[e] {
			return false
		}
		if sel, ok := n.(*ast.SelectorExpr); ok && x.Info.Uses[sel.Sel] == field {
			found = true
		}
		return !found
	})
	return found
}

// drainedBy returns the outbox stand-in that c's target, sink or payload
// is written over, or 0.
func (x *index) drainedBy(c *Call) int {
	for _, sv := range []strv{c.targetSV, c.sinkSV} {
		for _, p := range sv {
			if p.param >= outboxBase {
				return p.param
			}
		}
	}
	if c.pay.param >= outboxBase {
		return c.pay.param
	}
	return 0
}

// overElement rewrites a drain's send over the element stand-in as a
// template over parameter 1.
func (ob *outbox) overElement(snd Send) Send {
	elem := func(field string) (string, bool) {
		if field == "[]" {
			return "", true
		}
		return strings.CutPrefix(field, "[].")
	}
	rewrite := func(parts []Part) []Part {
		var out []Part
		for _, p := range parts {
			if p.Param == ob.param {
				f, ok := elem(p.Field)
				if !ok {
					p = Part{Unknown: fmt.Sprintf("it comes from %s, not from one of its elements", ob.name)}
				} else {
					p = Part{Param: 1, Field: f, Handle: p.Handle}
				}
			}
			out = append(out, p)
		}
		return out
	}
	snd.Target = rewrite(snd.Target)
	snd.SinkParts = rewrite(snd.SinkParts)
	if r := snd.Payload; r.Param == ob.param {
		if f, ok := elem(r.Field); ok {
			snd.Payload = PayloadRef{Param: 1, Marshal: r.Marshal, Deref: r.Deref, Field: f}
		} else {
			snd.Payload = PayloadRef{Why: fmt.Sprintf("the body comes from %s, not from one of its elements", ob.name)}
		}
	}
	return snd
}

// appended makes the calls of an append to an outbox: its drain's sends,
// with each appended element in place of the drain's.
func (x *index) appended(s *site, fr *frame) []*Call {
	ob := s.outbox
	var elems []bound
	why := ""
	if rest := s.call.Args[1:]; s.call.Ellipsis.IsValid() {
		x.Steps = 0
		elems, why = x.Elems(flow.At(rest[0], fr))
		if elems == nil && why == "" {
			return nil // appends nothing
		}
	} else {
		for _, e := range rest {
			elems = append(elems, flow.At(e, fr))
		}
	}
	var calls []*Call
	if elems == nil {
		arg := func(int) (bound, bool) { return bound{}, false }
		calls = x.instSends(s.call.Pos(), ob.name, arg, bound{}, ob.sends)
		for _, c := range calls {
			c.unresolve("target", why)
		}
		return calls
	}
	for _, el := range elems {
		arg := func(k int) (bound, bool) { return el, k == 1 }
		calls = append(calls, x.instSends(s.call.Pos(), ob.name, arg, bound{}, ob.sends)...)
	}
	return calls
}

// outboxOf returns the outbox a selection reads, if it is one.
func (x *index) outboxOf(sel *types.Selection) *outbox {
	if x.outboxes == nil || sel == nil || sel.Kind() != types.FieldVal {
		return nil
	}
	field, _ := sel.Obj().(*types.Var)
	return x.outboxes[field]
}
