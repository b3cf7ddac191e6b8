package sdkroute

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// receiverSym reports whether b evaluates to the receiver of the func
// being summarised.
func (x *index) receiverSym(b bound) (sym, bool) {
	return x.boundSym(b, func(s sym) bool { return s.param == 0 })
}

// paramSym reports whether b evaluates to a parameter (not the
// receiver) of the func being summarised.
func (x *index) paramSym(b bound) (sym, bool) {
	return x.boundSym(b, func(s sym) bool { return s.param > 0 })
}

// boundSym reports whether b is a variable bound, through the frames'
// parameters, to a stand-in of the func being summarised that want
// accepts (not one of its fields). It binds variables only, never
// traces values: Selector asks it of the operand of every selector it
// sees, and tracing a chain a.b.c would trace a.b and then a again, at
// every level.
func (x *index) boundSym(b bound, want func(sym) bool) (sym, bool) {
	if x.syms == nil || b.Fr == nil {
		return sym{}, false
	}
	e := ast.Unparen(b.E)
	if st, ok := e.(*ast.StarExpr); ok {
		e = ast.Unparen(st.X)
	}
	id, ok := e.(*ast.Ident)
	if !ok {
		return sym{}, false
	}
	v := x.VarOf(id)
	if v == nil {
		return sym{}, false
	}
	for fr := b.Fr; fr != nil; fr = fr.Parent {
		if p, ok := fr.Params[v]; ok {
			if s, ok := x.symOf(p.E); ok && want(s) && s.field == "" {
				return s, true
			}
			return x.boundSym(p, want)
		}
	}
	return sym{}, false
}

// summaryOf returns the func of another package that call calls
// statically and its summary, when it has one.
func (x *index) summaryOf(call *ast.CallExpr) (*types.Func, *SendsFact) {
	fn, ok := typeutil.Callee(x.Info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg() == x.pass.Pkg && fn.Signature().Recv() == nil {
		return nil, nil
	}
	fn = fn.Origin()
	if recv := fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
		return nil, nil // ifaceCall's
	}
	if fn.Pkg() == x.pass.Pkg {
		return nil, nil
	}
	var f SendsFact
	if !x.pass.ImportObjectFact(fn, &f) {
		return nil, nil
	}
	return fn, &f
}

// summarise walks every exported func and method of the package that
// reaches an SDK call from a frame of stand-ins, and exports what it sends as a
// fact on the func. It reports whether it exported any.
func (x *index) summarise() bool {
	if x.pass.Pkg.Name() == "main" {
		return false // nothing imports it
	}
	any := false
	for _, fi := range x.fns {
		// Only what another package can call: exported funcs, and
		// exported methods (of any type: an interface may reach them).
		if fi.Obj == nil || !fi.Obj.Exported() || !fi.reaches || fi.Decl == nil || fi.Decl.Body == nil {
			continue
		}
		x.syms, x.symFields, x.symDefaults = nil, nil, nil
		fr := x.symbolicFrame(fi)
		w := &walker{x: x, budget: maxFrames, seen: map[string]bool{}}
		var sends []Send
		seen := map[string]bool{}
		w.open = func(s *site, fr *frame) {
			snd := x.dispatchRef(s, fr)
			if k := snd.String(); !seen[k] {
				seen[k] = true
				sends = append(sends, snd)
			}
		}
		w.walk(fi.sites, fr, nil, func(s *site, fr *frame, _ []token.Pos) {
			for _, c := range x.extract(s, fr) {
				if x.drainedBy(c) != 0 {
					continue // an outbox's element: its appender's send
				}
				snd := x.toSend(c, s)
				k := snd.String() + "|" + strings.Join(snd.Unresolved, ",")
				if seen[k] {
					continue
				}
				seen[k] = true
				sends = append(sends, snd)
			}
		})
		x.syms, x.symFields, x.symDefaults = nil, nil, nil
		if len(sends) == 0 {
			continue
		}
		x.pass.ExportObjectFact(fi.Obj, &SendsFact{Sends: sends})
		any = true
	}
	if x.packageVars() {
		any = true
	}
	// Constructors need not reach an SDK call: they build the values
	// whose methods do.
	for _, fi := range x.fns {
		if fi.Obj == nil || !fi.Obj.Exported() || fi.Decl == nil || fi.Decl.Body == nil || fi.Obj.Signature().Recv() != nil {
			continue
		}
		x.syms, x.symFields, x.symDefaults = nil, nil, nil
		if f := x.constructorFields(fi, x.symbolicFrame(fi)); f != nil {
			x.pass.ExportObjectFact(fi.Obj, f)
			any = true
		}
		x.syms, x.symFields, x.symDefaults = nil, nil, nil
	}
	return any
}

// toSend turns a call found in a summary walk into its template.
func (x *index) toSend(c *Call, s *site) Send {
	snd := Send{
		SDK: c.SDK, Service: c.Service, Op: c.Op, Kind: c.Target.Kind,
		TargetSet: c.targetSet, TargetField: c.targetField,
		Async: c.Async, Structured: c.Structured,
		Source: c.Source, DetailType: c.DetailType, EventType: c.EventType, EventSource: c.EventSource,
		At: c.ThroughAt, AtPkg: c.ThroughPkg, Sink: c.Sink,
	}
	if snd.At == "" {
		snd.AtPkg = x.pass.Pkg.Path()
		pos := x.pass.Fset.Position(s.call.Pos())
		snd.At = fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line)
	}
	if c.targetSV == nil && c.Target.Value != "" {
		// Targets that extract sets without a string value (the default
		// bus, a CloudEvent type): a constant.
		snd.Target = []Part{{Lit: c.Target.Value}}
		snd.TargetSet = true
	}
	for _, p := range c.targetSV {
		var els []Part
		if p.param == 0 {
			els = x.symDefaults[p.field]
		}
		snd.Target = append(snd.Target, Part{Lit: p.lit, Env: p.env, Unknown: p.unknown, Param: p.param, Field: p.field, Handle: p.handle, Else: els, Note: p.note})
	}
	for _, p := range c.sinkSV {
		snd.SinkParts = append(snd.SinkParts, Part{Lit: p.lit, Env: p.env, Unknown: p.unknown, Param: p.param, Field: p.field, Else: x.symDefaults[p.field]})
	}
	p := c.pay
	switch {
	case p.param > 0:
		snd.Payload = PayloadRef{Param: p.param, Marshal: p.marshal, Deref: p.deref, Field: p.field}
	case p.t != nil:
		if r := typeRef(p.t); r != nil {
			snd.Payload = PayloadRef{Type: r}
		} else {
			snd.Payload = PayloadRef{Why: fmt.Sprintf("the body is a %s, which faasvet does not carry across packages", typeStr(p.t))}
		}
	case p.isRaw:
		snd.Payload = PayloadRef{Raw: p.raw, IsRaw: true}
	case p.none:
		snd.Payload = PayloadRef{None: true}
	default:
		snd.Payload = PayloadRef{Why: p.why}
	}
	for i, u := range c.Unresolved {
		if u == "target" || u == "payload" {
			continue
		}
		snd.Unresolved = append(snd.Unresolved, u)
		snd.Whys = append(snd.Whys, c.whys[i])
	}
	return snd
}

// instantiate makes the calls of a call of a summarised func: each send
// of its summary with the parameters replaced by the call's arguments,
// resolved in the caller's frame.
func (x *index) instantiate(s *site, fr *frame) []*Call {
	var recv bound
	if sel, ok := ast.Unparen(s.call.Fun).(*ast.SelectorExpr); ok {
		recv = flow.At(sel.X, fr)
	}
	return x.instantiateWith(s, fr, s.ext, s.summary, recv)
}

// instantiateWith instantiates the summary f of ext at the call of site
// s, with recv the receiver's value.
func (x *index) instantiateWith(s *site, fr *frame, ext *types.Func, f *SendsFact, recv bound) []*Call {
	x.Steps = 0
	name := ext.Name()
	if recv := ext.Signature().Recv(); recv != nil {
		if n := flow.NamedOf(recv.Type()); n != nil {
			name = n.Obj().Name() + "." + name
		}
	}
	name = ext.Pkg().Name() + "." + name
	return x.instSends(s.call.Pos(), name, callArgs(s.call, fr), recv, f.Sends)
}

// instSends makes the calls of sends, templates over the parameters of
// the func name, at pos: each with the parameters replaced by arg
// (1-based) and the receiver's fields by recv's.
func (x *index) instSends(pos token.Pos, name string, arg func(int) (bound, bool), recv bound, sends []Send) []*Call {
	var calls []*Call
	for _, snd := range x.expandDispatch(sends, 0) {
		c := &Call{SDK: snd.SDK, Service: snd.Service, Op: snd.Op, Pos: pos,
			Async: snd.Async, Structured: snd.Structured,
			Source: snd.Source, DetailType: snd.DetailType, EventType: snd.EventType, EventSource: snd.EventSource,
			Through: name, ThroughAt: snd.At, ThroughPkg: snd.AtPkg, Sink: snd.Sink}
		sv := x.instStr(snd.Target, arg, recv, name)
		if len(snd.SinkParts) > 0 {
			c.Sink = sinkTarget(snd.Sink.Kind, x.instStr(snd.SinkParts, arg, recv, name))
		}
		if snd.Service == "cloudevents" && snd.Kind == KindCloudEventType {
			c.Target = Target{Kind: snd.Kind, Value: sv.render(), Name: sv.render()}
			if !sv.known() {
				c.unresolve("target", sv.why())
			}
		} else {
			c.setTarget(snd.Kind, sv, snd.TargetSet, snd.TargetField)
		}
		var p pay
		switch r := snd.Payload; {
		case r.Param > 0:
			a, ok := arg(r.Param)
			if !ok {
				p = pay{why: fmt.Sprintf("parameter %d of %s is not passed one value", r.Param, name)}
				break
			}
			vals := []bound{a}
			if r.Field != "" {
				var why string
				if vals, why = x.fieldPaths(a, r.Field); vals == nil {
					if why == "" {
						why = fmt.Sprintf("field %s of parameter %d of %s is not set where it is built", r.Field, r.Param, name)
					}
					p = pay{why: why}
					break
				}
			}
			var pays []pay
			for _, v := range vals {
				switch {
				case v.E == nil:
					pays = append(pays, pay{none: true})
				case r.Marshal:
					q := x.marshalled(v)
					if ptr, ok := types.Unalias(q.t).(*types.Pointer); ok && r.Deref {
						q.t = ptr.Elem()
					}
					pays = append(pays, q)
				default:
					pays = append(pays, x.payload(v))
				}
			}
			p = pays[0]
			if len(pays) > 1 {
				p = mergeLiveReturns(pays)
			}
		case r.Type != nil:
			if t := x.resolveType(r.Type); t != nil {
				p = pay{t: t}
			} else {
				p = pay{why: fmt.Sprintf("%s sends %s%s, which is not visible here", name, r.Type.Wrap, r.Type.Name)}
			}
		case r.IsRaw:
			p = pay{raw: r.Raw, isRaw: true}
		case r.None:
			p = pay{none: true}
		default:
			p = pay{why: r.Why + " (in " + name + ")"}
		}
		c.setPayload(p)
		for i, u := range snd.Unresolved {
			c.unresolve(u, snd.Whys[i])
		}
		calls = append(calls, c)
	}
	return calls
}

// instStr instantiates a string template with a call's arguments (arg,
// 1-based) and receiver, resolved in the caller's frame.
func (x *index) instStr(parts []Part, arg func(int) (bound, bool), recv bound, name string) strv {
	var sv strv
	for _, p := range parts {
		switch {
		case p.Param > 0:
			a, ok := arg(p.Param)
			if !ok {
				sv = concat(sv, unknownStr(fmt.Sprintf("parameter %d of %s is not passed one value", p.Param, name)))
				break
			}
			vals := []bound{a}
			if p.Field != "" {
				var why string
				if vals, why = x.setPaths(a, p.Field); vals == nil {
					if why == "" {
						why = fmt.Sprintf("field %s of parameter %d of %s is not set where it is built", p.Field, p.Param, name)
					}
					sv = concat(sv, unknownStr(why))
					break
				}
			}
			sv = concat(sv, x.strs(vals, p.Handle, a.E))
		case p.Field != "":
			if recv.E == nil {
				if len(p.Else) > 0 {
					sv = concat(sv, x.instStr(p.Else, arg, recv, name))
					break
				}
				sv = concat(sv, unknownStr(fmt.Sprintf("%s has no receiver here", name)))
				break
			}
			if s, ok := x.symBehind(recv); ok {
				// The receiver is itself a stand-in of the func being
				// summarised (a field of its own receiver, an interface
				// it holds): the path grows, for its caller to follow.
				field := p.Field
				if s.field != "" {
					field = s.field + "." + p.Field
				}
				sv = concat(sv, strv{{param: s.param, field: field, handle: p.Handle}})
				break
			}
			vals, why := x.setPaths(recv, p.Field)
			switch {
			case vals == nil && len(p.Else) > 0:
				sv = concat(sv, x.instStr(p.Else, arg, recv, name))
			case vals == nil:
				if why == "" {
					why = fmt.Sprintf("field %s of %s's receiver is not set where it is built", p.Field, name)
				}
				sv = concat(sv, unknownStr(why))
			default:
				sv = concat(sv, x.strs(vals, p.Handle, recv.E))
			}
		case p.Unknown != "":
			sv = concat(sv, unknownStr(p.Unknown+" (in "+name+")"))
		case p.Env != "":
			sv = concat(sv, strv{{env: p.Env}})
		default:
			sv = concat(sv, strv{{lit: p.Lit, note: p.Note}})
		}
	}
	return sv
}

// fieldPaths finds the values of a field path ("topic" or "topic.topic":
// a field of a field; "[]" the elements of a slice) in base: a nil
// expression among them is the zero value; none, with why, when one
// step cannot be followed or a field on the way is the zero value.
func (x *index) fieldPaths(base bound, path string) ([]bound, string) {
	cur := []bound{base}
	for name := range strings.SplitSeq(path, ".") {
		var next []bound
		for _, v := range cur {
			if v.E == nil {
				return nil, "" // a field on the way is not set
			}
			if name == "[]" {
				els, why := x.Elems(v)
				if els == nil {
					if why == "" {
						why = fmt.Sprintf("%s has no elements that faasvet can see", flow.ExprString(v.E))
					}
					return nil, why
				}
				next = append(next, els...)
				continue
			}
			vals, why := x.FieldValues(v, name)
			if vals == nil {
				return nil, why
			}
			next = append(next, vals...)
		}
		if len(next) > flow.MaxValues {
			return nil, fmt.Sprintf("%s has too many values to follow", path)
		}
		cur = next
	}
	return cur, ""
}

// setPaths is fieldPaths without the zero values: none when every one
// is.
func (x *index) setPaths(base bound, path string) ([]bound, string) {
	vals, why := x.fieldPaths(base, path)
	var set []bound
	for _, v := range vals {
		if v.E != nil {
			set = append(set, v)
		}
	}
	return set, why
}

// strs resolves the strings (or Pub/Sub topic handles) vals, the values
// of e, to the one they agree on.
func (x *index) strs(vals []bound, handle bool, e ast.Expr) strv {
	var svs []strv
	for _, v := range vals {
		if handle {
			svs = append(svs, x.pubsubTopic(v))
		} else {
			svs = append(svs, x.str(v))
		}
	}
	return mergeStr(svs, e)
}

// symBehind reports whether b evaluates to one stand-in of the func
// being summarised.
func (x *index) symBehind(b bound) (sym, bool) {
	if x.syms == nil {
		return sym{}, false
	}
	bs, _ := x.Origins(b)
	if len(bs) != 1 {
		return sym{}, false
	}
	return x.symOf(bs[0].E)
}

// FieldsFact summarises a constructor: an exported func that returns a
// struct (or a pointer to one, or an interface holding one) whose string fields, or Pub/Sub topic
// handles, it sets from its parameters, constants or the environment.
// A caller that builds a value with it and calls a summarised method on
// that value resolves the method's receiver fields through it.
type FieldsFact struct {
	Fields []FieldTemplate
}

// AFact marks FieldsFact as an analysis fact.
func (*FieldsFact) AFact() {}

func (f *FieldsFact) String() string {
	var parts []string
	for _, t := range f.Fields {
		if t.Value > 0 {
			parts = append(parts, fmt.Sprintf("%s=value($%d)", t.Name, t.Value))
			continue
		}
		var b strings.Builder
		for _, p := range t.Parts {
			b.WriteString(p.String())
		}
		parts = append(parts, t.Name+"="+b.String())
	}
	return "fields(" + strings.Join(parts, ", ") + ")"
}

// A FieldTemplate is one field a constructor sets: to a string (or
// topic handle) written as Parts, or to the value of its parameter Value
// (1-based), whatever its type: an interface its caller implements.
type FieldTemplate struct {
	Name  string
	Parts []Part
	Value int
}

// constructorFields summarises fi as a constructor, or returns nil.
func (x *index) constructorFields(fi *fnInfo, fr *frame) *FieldsFact {
	res := fi.Obj.Signature().Results()
	if res.Len() == 0 {
		return nil
	}
	var rets []ast.Expr
	for _, r := range fi.Returns {
		if len(r.Results) != res.Len() {
			return nil // a bare return or a multi-value call
		}
		if tv, ok := x.Info.Types[r.Results[0]]; ok && tv.IsNil() {
			continue
		}
		rets = append(rets, r.Results[0])
	}
	if len(rets) != 1 {
		return nil
	}
	// The struct it builds: its result's, or, for a constructor that
	// returns an interface, that of the one value it returns (a
	// NewQueue[T](url) Queue[T] returning &sqsQueue[T]{url: url}).
	built := res.At(0).Type()
	if types.IsInterface(built) {
		built = x.Info.TypeOf(rets[0])
	}
	st, ok := flow.Under(built).(*types.Struct)
	if !ok || flow.NamedOf(built) == nil {
		return nil
	}
	var f FieldsFact
	for i := 0; i < st.NumFields(); i++ {
		field := st.Field(i)
		handle := isTopicHandle(field.Type())
		if !handle && !isStringish(field.Type()) {
			// Another field the constructor sets to a parameter: the
			// caller's argument (an implementation of an interface, a
			// publisher of the app's). An SDK's client says nothing.
			if !carriesTargets(field.Type()) {
				continue
			}
			x.Steps = 0
			if v, found, _ := x.FieldExpr(flow.At(rets[0], fr), field.Name()); found && v.E != nil {
				if s, ok := x.symBehind(v); ok && s.param > 0 && s.field == "" {
					f.Fields = append(f.Fields, FieldTemplate{Name: field.Name(), Value: s.param})
				}
			}
			continue
		}
		x.Steps = 0
		v, found, _ := x.FieldExpr(flow.At(rets[0], fr), field.Name())
		if !found || v.E == nil {
			continue
		}
		var sv strv
		if handle {
			sv = x.pubsubTopic(v)
		} else {
			sv = x.str(v)
		}
		if !sv.known() {
			continue
		}
		t := FieldTemplate{Name: field.Name()}
		for _, p := range sv {
			t.Parts = append(t.Parts, Part{Lit: p.lit, Env: p.env, Param: p.param, Field: p.field, Handle: p.handle, Note: p.note})
		}
		f.Fields = append(f.Fields, t)
	}
	if len(f.Fields) == 0 {
		return nil
	}
	return &f
}

// constructed resolves field name of the value a call of another
// package's constructor returns, through its FieldsFact: the field's
// value, instantiated with the call's arguments, as a stand-in
// expression whose string is known.
func (x *index) constructed(call *ast.CallExpr, fr *frame, name string) (bound, bool) {
	fn := typeutil.StaticCallee(x.Info, call)
	if fn == nil || fn.Pkg() == nil || fn.Pkg() == x.pass.Pkg {
		return bound{}, false
	}
	var f FieldsFact
	if !x.pass.ImportObjectFact(fn.Origin(), &f) {
		return bound{}, false
	}
	for _, t := range f.Fields {
		if t.Name != name {
			continue
		}
		arg := callArgs(call, fr)
		if t.Value > 0 {
			return arg(t.Value)
		}
		var recv bound
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && fn.Signature().Recv() != nil {
			recv = flow.At(sel.X, fr)
		}
		return x.fixedExpr(x.instStr(t.Parts, arg, recv, fn.Pkg().Name()+"."+fn.Name()), call.Pos()), true
	}
	return bound{}, false
}

// carriesTargets reports whether a value of type t may hold targets
// that a FieldsFact should pass on: an interface, or a named type (or a
// pointer to one) that is no SDK's.
func carriesTargets(t types.Type) bool {
	if types.IsInterface(t) {
		return true
	}
	n := flow.NamedOf(t)
	if n == nil || n.Obj().Pkg() == nil {
		return false
	}
	if _, ok := n.Underlying().(*types.Struct); !ok {
		return false
	}
	p := n.Obj().Pkg().Path()
	return !SendsThrough(p) && !strings.HasPrefix(p, "github.com/aws/") && !strings.HasPrefix(p, "cloud.google.com/")
}

func isStringish(t types.Type) bool {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

// isTopicHandle reports whether t is a Pub/Sub *Topic or *Publisher.
func isTopicHandle(t types.Type) bool {
	n := flow.NamedOf(t)
	if n == nil || n.Obj().Pkg() == nil {
		return false
	}
	p := n.Obj().Pkg().Path()
	return (p == pubsubV1 || p == pubsubV2) && (n.Obj().Name() == "Topic" || n.Obj().Name() == "Publisher")
}

// VarFact summarises an exported package-level variable that holds a
// target: a string or a Pub/Sub topic handle assigned once (in its
// declaration or in an init), from constants and the environment. Code
// in other packages that sends through it resolves through the fact.
type VarFact struct {
	Parts []Part
}

// AFact marks VarFact as an analysis fact.
func (*VarFact) AFact() {}

func (f *VarFact) String() string {
	var b strings.Builder
	for _, p := range f.Parts {
		b.WriteString(p.String())
	}
	return "var(" + b.String() + ")"
}

// packageVars summarises the package's exported variables that hold a
// target.
func (x *index) packageVars() bool {
	any := false
	scope := x.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		v, ok := scope.Lookup(name).(*types.Var)
		if !ok || !v.Exported() {
			continue
		}
		handle := isTopicHandle(v.Type())
		if !handle && !isStringish(v.Type()) {
			continue
		}
		as := x.Assigns[v]
		if len(as) != 1 || as[0].Value == nil {
			continue // never, or more than once: not one value
		}
		x.Steps = 0
		b := bound{E: as[0].Value, Fr: nil, Index: as[0].Index}
		var sv strv
		if handle {
			sv = x.pubsubTopic(b)
		} else {
			sv = x.str(b)
		}
		if !sv.known() || len(sv) == 0 {
			continue
		}
		f := &VarFact{}
		for _, p := range sv {
			if p.isSym() {
				f = nil
				break
			}
			f.Parts = append(f.Parts, Part{Lit: p.lit, Env: p.env})
		}
		if f == nil {
			continue
		}
		x.pass.ExportObjectFact(v, f)
		any = true
	}
	return any
}

// otherPackageVar resolves a variable of another package through its
// VarFact, as a stand-in expression whose string is known.
func (x *index) otherPackageVar(sel *ast.SelectorExpr) (bound, bool) {
	v, ok := x.Info.Uses[sel.Sel].(*types.Var)
	if !ok || v.Pkg() == nil || v.Pkg() == x.pass.Pkg || v.Parent() != v.Pkg().Scope() {
		return bound{}, false
	}
	var f VarFact
	if !x.pass.ImportObjectFact(v, &f) {
		return bound{}, false
	}
	var sv strv
	for _, p := range f.Parts {
		if p.Env != "" {
			sv = concat(sv, strv{{env: p.Env}})
		} else {
			sv = concat(sv, lit(p.Lit))
		}
	}
	return x.fixedExpr(sv, sel.Pos()), true
}

// fixedExpr makes a stand-in expression whose string value is sv: what
// a fact or a struct tag says a value is.
func (x *index) fixedExpr(sv strv, pos token.Pos) bound {
	e := &ast.BasicLit{ValuePos: pos}
	if x.fixed == nil {
		x.fixed = map[ast.Expr]strv{}
	}
	x.fixed[e] = sv
	return flow.At(e, nil)
}

// envTagged returns the environment variable a config struct's field is
// filled from, by its tag: env:"NAME" (caarlos0/env, sethvargo's
// go-envconfig, cleanenv) or envconfig:"NAME" (kelseyhightower's
// envconfig, whose Process prefix this package must give as a constant).
func (x *index) envTagged(sel *types.Selection) string {
	t := sel.Recv()
	idx := sel.Index()
	var tag string
	for i, k := range idx {
		st, ok := flow.Under(t).(*types.Struct)
		if !ok || k >= st.NumFields() {
			return ""
		}
		if i == len(idx)-1 {
			tag = st.Tag(k)
			break
		}
		t = st.Field(k).Type()
	}
	if name, ok := reflect.StructTag(tag).Lookup("env"); ok {
		name, _, _ = strings.Cut(name, ",")
		return name
	}
	if name, ok := reflect.StructTag(tag).Lookup("envconfig"); ok {
		name, _, _ = strings.Cut(name, ",")
		prefix, ok := x.envconfigPrefix()
		switch {
		case !ok || name == "":
			return ""
		case prefix != "":
			return strings.ToUpper(prefix) + "_" + name
		}
		return name
	}
	return ""
}

// envconfigPrefix returns the prefix the package's envconfig.Process
// calls give, when they all give the same constant.
func (x *index) envconfigPrefix() (string, bool) {
	if x.envPrefix != nil {
		return *x.envPrefix, x.envPrefixOK
	}
	var prefix string
	found, ok := false, true
	for _, f := range x.pass.Files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, isCall := n.(*ast.CallExpr)
			if !isCall || len(call.Args) != 2 {
				return true
			}
			fn, _ := typeutil.Callee(x.Info, call).(*types.Func)
			if fn == nil || !strings.HasSuffix(flow.PkgPath(fn), "envconfig") || (fn.Name() != "Process" && fn.Name() != "MustProcess") {
				return true
			}
			p, isConst := x.constString(flow.At(call.Args[0], nil))
			if !isConst || found && p != prefix {
				ok = false
			}
			prefix, found = p, true
			return true
		})
	}
	ok = ok && found
	x.envPrefix, x.envPrefixOK = &prefix, ok
	return prefix, ok
}

// callArgs gives a call's k-th argument (1-based) in the caller's frame;
// none for a variadic one passed as a slice, or one the call lacks.
func callArgs(call *ast.CallExpr, fr *frame) func(k int) (bound, bool) {
	return func(k int) (bound, bool) {
		if k < 1 || k > len(call.Args) || call.Ellipsis.IsValid() && k == len(call.Args) {
			return bound{}, false
		}
		return flow.At(call.Args[k-1], fr), true
	}
}
