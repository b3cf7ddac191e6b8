package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
)

// The origin step follows values through the package, context-sensitively:
// a frame binds the parameters of a func that a walk entered to the
// arguments of the call it entered it by, so that a helper's parameter
// resolves to what its caller passed.

// A Frame is one entered func on a walk from a root.
type Frame struct {
	Fn     *Func
	Params map[*types.Var]Bound
	Parent *Frame
	Depth  int
	// Subst maps the func's type parameters to the type arguments of
	// the call that entered it, for the users that follow types.
	Subst map[*types.TypeParam]types.Type
}

// A Bound is an expression in the frame that evaluates it (nil: the
// package level, or no caller known); Index is the result index when the
// expression is a multi-value call, else -1.
type Bound struct {
	E     ast.Expr
	Fr    *Frame
	Index int
}

// At is the single value e in frame fr.
func At(e ast.Expr, fr *Frame) Bound { return Bound{E: e, Fr: fr, Index: -1} }

// Bounds on the work of one resolution: a linter that runs on every
// package must not blow up on a pathological one.
const (
	MaxSteps  = 4000 // resolution steps per call site and frame
	MaxDepth  = 8    // same-package calls from a root
	MaxValues = 8    // candidate values of one expression
	MaxElems  = 16   // entries of one batch
)

// DepthOK reports whether a walk may enter one more func from fr.
func (fr *Frame) DepthOK() bool { return fr == nil || fr.Depth < MaxDepth }

// Hooks are what an analyzer knows better than the tracer: values it
// takes from facts, the environment or a summary's stand-ins, and the
// setters of the SDK types it models.
type Hooks interface {
	// Selector gives the values of a field selection (sel of kind
	// FieldVal) or, with sel nil, of a qualified identifier; ok false
	// leaves it to the tracer.
	Selector(e *ast.SelectorExpr, sel *types.Selection, b Bound) (cands []Bound, why string, ok bool)
	// FieldOfCall gives field name of the value that call makes, when the
	// analyzer knows that call; ok false leaves it to the tracer.
	FieldOfCall(call *ast.CallExpr, base Bound, name string) (val Bound, found bool, why string, ok bool)
	// FieldOfVar gives field name of the variable v set by a call on it
	// (v.SetName(e)); ok false leaves it to the tracer.
	FieldOfVar(v *types.Var, name string, fr *Frame) (val Bound, why string, ok bool)
	// FieldOfValue gives field name of a value the analyzer put in place
	// of another (a summary's stand-in for its caller's argument, whose
	// fields are the argument's); ok false leaves it to the tracer.
	FieldOfValue(base Bound, name string) (val Bound, found bool, why string, ok bool)
	// ElemsOf gives the elements of such a value when it is a slice; ok
	// false leaves it to the tracer.
	ElemsOf(b Bound) (elems []Bound, why string, ok bool)
}

// A Tracer follows values with a budget of steps, which its user resets
// for each value it resolves.
type Tracer struct {
	*Index
	Hooks Hooks
	Steps int
}

// Tick counts a resolution step and reports when the budget is spent.
func (x *Tracer) Tick() bool {
	x.Steps++
	return x.Steps > MaxSteps
}

// Bind makes the frame of callee entered by call from parent: its
// receiver and parameters bound to the call's arguments (the first one
// for a method expression T.m(recv, args...)). A literal also sees the
// parameters of the frame that calls it, which it may capture.
func (x *Tracer) Bind(callee *Func, call *ast.CallExpr, parent *Frame) *Frame {
	fr := &Frame{Fn: callee, Parent: parent, Params: map[*types.Var]Bound{}}
	if parent != nil {
		fr.Depth = parent.Depth + 1
	}
	var ft *ast.FuncType
	args := call.Args
	switch d := callee.Decl; {
	case d != nil:
		ft = d.Type
		var recv ast.Expr
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			switch s, ok := x.Info.Selections[sel]; {
			case ok && s.Kind() == types.MethodVal:
				recv = sel.X
			case ok && s.Kind() == types.MethodExpr && len(args) > 0:
				recv, args = args[0], args[1:]
			}
		}
		if recv != nil && d.Recv != nil && len(d.Recv.List) == 1 && len(d.Recv.List[0].Names) == 1 {
			if v, ok := x.Info.Defs[d.Recv.List[0].Names[0]].(*types.Var); ok {
				fr.Params[v] = At(recv, parent)
			}
		}
	case callee.Lit != nil:
		ft = callee.Lit.Type
		if parent != nil {
			maps.Copy(fr.Params, parent.Params)
		}
	default:
		return fr
	}
	var params []*ast.Ident // nil entries for unnamed parameters
	variadic := false
	for _, f := range ft.Params.List {
		if _, ok := f.Type.(*ast.Ellipsis); ok {
			variadic = true
		}
		if len(f.Names) == 0 {
			params = append(params, nil)
		}
		params = append(params, f.Names...)
	}
	n := len(params)
	if variadic && call.Ellipsis == token.NoPos {
		n-- // the variadic parameter is a slice of the rest: not followed
		if len(args) < n {
			return fr
		}
	} else if len(args) != len(params) {
		return fr // f(g()) with a multi-value g
	}
	for i := range n {
		if params[i] == nil {
			continue
		}
		if v, ok := x.Info.Defs[params[i]].(*types.Var); ok {
			fr.Params[v] = At(args[i], parent)
		}
	}
	return fr
}

// BindRecv makes the frame of the method callee that an interface call
// runs on the receiver value recv.
func (x *Tracer) BindRecv(callee *Func, call *ast.CallExpr, parent *Frame, recv Bound) *Frame {
	fr := x.Bind(callee, call, parent)
	if d := callee.Decl; d.Recv != nil && len(d.Recv.List) == 1 && len(d.Recv.List[0].Names) == 1 {
		if v, ok := x.Info.Defs[d.Recv.List[0].Names[0]].(*types.Var); ok {
			fr.Params[v] = recv
		}
	}
	return fr
}

// Origins follows variables, parameters and fields to the expressions
// that define b's value. It returns b itself when b is no variable or
// field, and no bound but a reason when it cannot follow.
func (x *Tracer) Origins(b Bound) ([]Bound, string) {
	cands, why, ok := x.Step(b)
	if !ok {
		return []Bound{b}, ""
	}
	if cands == nil {
		return nil, why
	}
	var out []Bound
	for _, c := range cands {
		bs, why := x.Origins(c)
		if bs == nil {
			return nil, why
		}
		out = append(out, bs...)
		if len(out) > MaxValues {
			return nil, "the value is assigned in too many places"
		}
	}
	return out, ""
}

// Step follows a variable or a field one level, to the expressions
// assigned to it. ok is false when b is neither.
func (x *Tracer) Step(b Bound) (cands []Bound, why string, ok bool) {
	if x.Tick() {
		return nil, "the expression is too deep to follow", true
	}
	switch e := ast.Unparen(b.E).(type) {
	case *ast.Ident:
		v := x.VarOf(e)
		if v == nil || b.Index >= 0 {
			return nil, "", false
		}
		if b.Fr != nil {
			if p, ok := b.Fr.Params[v]; ok {
				cands = append(cands, p)
			}
		}
		if x.AddrTaken[v] && isBasic(v.Type()) {
			return nil, fmt.Sprintf("variable %s has its address taken, so anything may set it", v.Name()), true
		}
		fr := x.frameOf(v, b.Fr)
		for _, a := range x.Assigns[v] {
			if a.Range != nil {
				// A range variable: each element of the ranged slice.
				els, why := x.Elems(At(a.Range, fr))
				if els == nil {
					if why == "" {
						why = fmt.Sprintf("%s ranges over no entries that faasvet can see", v.Name())
					}
					return nil, why, true
				}
				cands = append(cands, els...)
				continue
			}
			if a.Value == nil {
				return nil, fmt.Sprintf("variable %s is computed at run time", v.Name()), true
			}
			cands = append(cands, Bound{a.Value, fr, a.Index})
		}
		if len(cands) == 0 {
			if fn := x.ParamOwner(v); fn != "" {
				return nil, fmt.Sprintf("it comes from parameter %s of %s, known only at run time", v.Name(), fn), true
			}
			return nil, fmt.Sprintf("variable %s is not assigned a value that faasvet can see", v.Name()), true
		}
		return cands, "", true
	case *ast.IndexExpr:
		if b.Index > 0 {
			return nil, "", false // the ok of v, ok := m[k]
		}
		return x.memoRead(e, b.Fr)
	case *ast.SelectorExpr:
		sel, ok := x.Info.Selections[e]
		if (!ok || sel.Kind() == types.FieldVal) && x.Hooks != nil {
			if cands, why, ok := x.Hooks.Selector(e, sel, b); ok {
				return cands, why, true
			}
		}
		if !ok || sel.Kind() != types.FieldVal {
			return nil, "", false
		}
		fv, found, why := x.FieldExpr(At(e.X, b.Fr), e.Sel.Name)
		if found {
			if fv.E == nil {
				return nil, fmt.Sprintf("field %s is not set", e.Sel.Name), true
			}
			return []Bound{fv}, "", true
		}
		vals := x.FieldVals[sel.Obj().(*types.Var)]
		if len(vals) == 0 {
			if why == "" {
				why = fmt.Sprintf("field %s is never set in this package", e.Sel.Name)
			}
			return nil, why, true
		}
		for _, v := range vals {
			if v == nil {
				return nil, fmt.Sprintf("field %s is set from a multi-value call", e.Sel.Name), true
			}
			cands = append(cands, At(v, nil))
		}
		return cands, "", true
	}
	return nil, "", false
}

// memoRead follows m[k] when m is a memo table: a map that starts empty
// and that only the func reading it writes, under the same key variable
// (v, ok := c.urls[name]; if !ok { v = lookup(name); c.urls[name] = v }).
// What it reads back under k is what it stored under k: the values it
// writes, in the same frame. Any other map read is left to the caller.
func (x *Tracer) memoRead(e *ast.IndexExpr, fr *Frame) ([]Bound, string, bool) {
	m := x.MapVar(e.X)
	key := x.VarOf(e.Index)
	if m == nil || key == nil || fr == nil {
		return nil, "", false
	}
	writes := x.MapWrites[m]
	if len(writes) == 0 || len(writes) > MaxValues {
		return nil, "", false
	}
	for _, w := range writes {
		if w.In != fr.Fn || w.Value == nil || x.VarOf(w.Key) != key {
			return nil, "", false
		}
	}
	// It starts empty: every value given to the map itself is.
	var starts []ast.Expr
	if m.IsField() {
		starts = x.FieldVals[m]
	} else {
		for _, a := range x.Assigns[m] {
			starts = append(starts, a.Value)
		}
	}
	for _, v := range starts {
		if !x.emptyMap(v) {
			return nil, "", false
		}
	}
	var cands []Bound
	for _, w := range writes {
		// v, ok := m[k]; if !ok { v = lookup(k); m[k] = v }: what is
		// stored is v's other values, not this read again.
		if v := x.VarOf(w.Value); v != nil && slices.ContainsFunc(x.Assigns[v], func(a Assign) bool { return a.Value == e }) {
			for _, a := range x.Assigns[v] {
				switch {
				case a.Value == e:
				case a.Value == nil || a.Range != nil:
					return nil, "", false
				default:
					cands = append(cands, Bound{E: a.Value, Fr: x.frameOf(v, fr), Index: a.Index})
				}
			}
			continue
		}
		cands = append(cands, At(w.Value, fr))
	}
	return cands, "", true
}

// emptyMap reports whether e makes an empty map: make, an empty literal,
// nil.
func (x *Tracer) emptyMap(e ast.Expr) bool {
	if e == nil {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.CompositeLit:
		return len(e.Elts) == 0
	case *ast.CallExpr:
		isMake, _ := x.Builtin(e, "make")
		return isMake
	}
	tv, ok := x.Info.Types[ast.Unparen(e)]
	return ok && tv.IsNil()
}

// FieldValues is FieldExpr for a field that may hold one of several
// values: each value of a variable's field set in several places
// (v.f = a on one path, v.f = b on another), or the field of each of the
// base's values (in = &T{...} on one path, in = &T{...} on another, or
// a constructor with several live returns). A nil expression among them
// is the zero value.
func (x *Tracer) FieldValues(base Bound, name string) ([]Bound, string) {
	v, found, why := x.FieldExpr(base, name)
	if found {
		return []Bound{v}, ""
	}
	e := ast.Unparen(base.E)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	} else if s, ok := e.(*ast.StarExpr); ok {
		e = ast.Unparen(s.X)
	}
	var bases []Bound
	switch e := e.(type) {
	case *ast.Ident:
		if v := x.VarOf(e); v != nil {
			if as := x.SelAssigns[VarField{V: v, Field: name}]; len(as) > 1 {
				if len(as) > MaxValues {
					return nil, why
				}
				fr := x.frameOf(v, base.Fr)
				var out []Bound
				for _, a := range as {
					if a == nil {
						return nil, fmt.Sprintf("%s.%s is set from a multi-value call", v.Name(), name)
					}
					out = append(out, At(a, fr))
				}
				return out, ""
			}
		}
		bases, _ = x.Origins(At(e, base.Fr))
	case *ast.SelectorExpr:
		bases, _ = x.Origins(At(e, base.Fr))
	case *ast.CallExpr:
		callee := x.StaticCallee(e)
		if callee == nil || !base.Fr.DepthOK() {
			return nil, why
		}
		fr := x.Bind(callee, e, base.Fr)
		for _, r := range x.LiveReturns(callee) {
			if len(r.Results) <= max(base.Index, 0) {
				return nil, why
			}
			bases = append(bases, At(r.Results[max(base.Index, 0)], fr))
		}
	}
	if len(bases) == 0 || len(bases) > MaxValues || len(bases) == 1 && bases[0].E == base.E {
		return nil, why
	}
	var out []Bound
	for _, b := range bases {
		vals, w := x.FieldValues(b, name)
		if vals == nil {
			if w == "" {
				w = why
			}
			return nil, w
		}
		out = append(out, vals...)
		if len(out) > MaxValues {
			return nil, why
		}
	}
	return out, ""
}

// frameOf is the frame in which v's assignments evaluate: none for a
// package-level variable.
func (x *Tracer) frameOf(v *types.Var, fr *Frame) *Frame {
	if v.Parent() == x.Pkg.Scope() {
		return nil
	}
	return fr
}

func isBasic(t types.Type) bool {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	_, ok := t.Underlying().(*types.Basic)
	return ok
}

// FieldExpr finds the value of field name in the struct value base: in
// its composite literal, in v.name = e, in a same-package constructor's
// return, or where the Hooks say. found is set, with a nil expression,
// when the value is the zero value.
func (x *Tracer) FieldExpr(base Bound, name string) (val Bound, found bool, why string) {
	if x.Tick() {
		return Bound{}, false, "the expression is too deep to follow"
	}
	if x.Hooks != nil {
		if v, found, why, ok := x.Hooks.FieldOfValue(base, name); ok {
			return v, found, why
		}
	}
	e := ast.Unparen(base.E)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	} else if s, ok := e.(*ast.StarExpr); ok {
		e = ast.Unparen(s.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		st, _ := Under(x.Info.TypeOf(e)).(*types.Struct)
		for i, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
					return At(kv.Value, base.Fr), true, ""
				}
			} else if st != nil && i < st.NumFields() && st.Field(i).Name() == name {
				return At(el, base.Fr), true, ""
			}
		}
		return Bound{}, true, "" // the zero value
	case *ast.CallExpr:
		if b, ok := x.Builtin(e, "new"); ok && b {
			return Bound{}, true, ""
		}
		if callee := x.StaticCallee(e); callee != nil && base.Fr.DepthOK() {
			// A constructor (return &T{...}), also one that returns
			// early on errors (return nil, err): its one live return.
			rets := x.LiveReturns(callee)
			if len(rets) == 1 && len(rets[0].Results) > max(base.Index, 0) {
				fr := x.Bind(callee, e, base.Fr)
				return x.FieldExpr(At(rets[0].Results[max(base.Index, 0)], fr), name)
			}
		}
		if x.Hooks != nil {
			if v, found, why, ok := x.Hooks.FieldOfCall(e, base, name); ok {
				return v, found, why
			}
		}
		return Bound{}, false, fmt.Sprintf("the value comes from %s", ExprString(e.Fun))
	case *ast.Ident:
		v := x.VarOf(e)
		if v == nil {
			return Bound{}, false, fmt.Sprintf("%s is not a variable", e.Name)
		}
		fr := x.frameOf(v, base.Fr)
		if as := x.SelAssigns[VarField{V: v, Field: name}]; len(as) > 0 {
			if len(as) > 1 {
				return Bound{}, false, fmt.Sprintf("%s.%s is set in %d places", v.Name(), name, len(as))
			}
			return At(as[0], fr), true, ""
		}
		if x.Hooks != nil {
			if v, why, ok := x.Hooks.FieldOfVar(v, name, fr); ok {
				return v, why == "", why
			}
		}
		bs, why := x.Origins(At(e, base.Fr))
		if len(bs) != 1 {
			if why == "" {
				why = fmt.Sprintf("%s has several values", v.Name())
			}
			return Bound{}, false, why
		}
		if id, ok := ast.Unparen(bs[0].E).(*ast.Ident); ok && x.VarOf(id) == v {
			return Bound{}, false, "" // no progress
		}
		return x.FieldExpr(bs[0], name)
	case *ast.SelectorExpr:
		bs, why := x.Origins(At(e, base.Fr))
		if len(bs) != 1 {
			return Bound{}, false, why
		}
		if bs[0].E == base.E {
			return Bound{}, false, ""
		}
		return x.FieldExpr(bs[0], name)
	}
	return Bound{}, false, fmt.Sprintf("%s is computed at run time", ExprString(e))
}

// Elems returns the elements of a slice expression: a composite literal,
// or a variable built from one and from appends.
func (x *Tracer) Elems(b Bound) ([]Bound, string) {
	if b.E == nil {
		return nil, ""
	}
	bs, why := x.Origins(b)
	if bs == nil {
		return nil, why
	}
	var out []Bound
	for _, o := range bs {
		if x.Hooks != nil {
			if els, why, ok := x.Hooks.ElemsOf(o); ok {
				if els == nil {
					return nil, why
				}
				out = append(out, els...)
				continue
			}
		}
		switch e := ast.Unparen(o.E).(type) {
		case *ast.CompositeLit:
			for _, el := range e.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				out = append(out, At(el, o.Fr))
			}
		case *ast.CallExpr:
			isAppend, builtin := x.Builtin(e, "append")
			switch {
			case isAppend && len(e.Args) > 0:
				if id, ok := ast.Unparen(b.E).(*ast.Ident); !ok || x.VarOf(e.Args[0]) != x.VarOf(id) {
					more, why := x.Elems(At(e.Args[0], o.Fr))
					if why != "" {
						return nil, why
					}
					out = append(out, more...)
				}
				rest := e.Args[1:]
				if e.Ellipsis.IsValid() && len(rest) == 1 {
					more, why := x.Elems(At(rest[0], o.Fr))
					if why != "" {
						return nil, why
					}
					out = append(out, more...)
					continue
				}
				for _, r := range rest {
					out = append(out, At(r, o.Fr))
				}
			case builtin: // make
			default:
				return nil, fmt.Sprintf("the entries come from %s", ExprString(e.Fun))
			}
		default:
			if tv, ok := x.Info.Types[e]; ok && tv.IsNil() {
				continue
			}
			return nil, fmt.Sprintf("the entries are %s", ExprString(e))
		}
		if len(out) > MaxElems {
			return nil, "the batch has too many entries to follow"
		}
	}
	return out, ""
}
