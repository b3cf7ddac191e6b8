package consumer

import (
	"cmp"
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/analyzer/handler"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// entryInfo is where a handler's code starts and which of its parameters
// is the envelope.
type entryInfo struct {
	body   *flow.Func // nil when the code is not in this package
	envIdx int
	env    Envelope
	fields []*types.Var // body fields of a user-declared envelope struct
	typed  types.Type   // the payload type a user-declared envelope struct gives its body
	init   map[*types.TypeParam]types.Type
}

// entry finds the handler's code and its envelope parameter.
func (ix *index) entry(fn *handler.Function) entryInfo {
	type cand struct {
		body *flow.Func
		sig  *types.Signature
		init map[*types.TypeParam]types.Type
	}
	var cands []cand
	switch {
	case fn.Handler != nil:
		cands = append(cands, cand{ix.Decl(fn.Handler), fn.Handler.Signature(), ix.handlerSubst(fn)})
	case ix.LitAt(fn.HandlerAt) != nil:
		lit := ix.LitAt(fn.HandlerAt)
		cands = append(cands, cand{lit, lit.Sig, nil})
	case ix.CallAt(fn.Pos) != nil:
		call := ix.CallAt(fn.Pos)
		for i := len(call.Args) - 1; i >= 0; i-- {
			if body, sig := ix.handlerValue(call.Args[i], fn, 0); sig != nil {
				cands = append(cands, cand{body, sig, nil})
			}
		}
	}
	if len(cands) == 0 && fn.Signature != nil {
		cands = append(cands, cand{nil, fn.Signature, nil})
	}
	for _, c := range cands {
		for i := range c.sig.Params().Len() {
			env, fields, typed := classify(c.sig.Params().At(i).Type(), fn)
			if env != "" {
				return entryInfo{body: c.body, envIdx: i, env: env, fields: fields, typed: typed, init: c.init}
			}
		}
	}
	return entryInfo{}
}

// handlerValue finds the code behind a registered value (through
// variables given one value): a func, a literal, a conversion such as http.HandlerFunc(f), or a value whose
// method the platform calls (Invoke of a lambda.Handler, ServeHTTP).
func (ix *index) handlerValue(e ast.Expr, fn *handler.Function, depth int) (*flow.Func, *types.Signature) {
	if depth > 4 || e == nil {
		return nil, nil
	}
	e = ix.ValueOf(e)
	switch x := ast.Unparen(e).(type) {
	case *ast.FuncLit:
		if lit := ix.Lit(x); lit != nil {
			return lit, lit.Sig
		}
		return nil, nil
	case *ast.CallExpr:
		if tv, ok := ix.Info.Types[x.Fun]; ok && tv.IsType() && len(x.Args) == 1 {
			if body, sig := ix.handlerValue(x.Args[0], fn, depth+1); sig != nil {
				return body, sig
			}
		}
	}
	if f := flow.FuncOf(ix.Info, e); f != nil {
		return ix.Decl(f), f.Signature()
	}
	method := ""
	switch fn.Style {
	case handler.Raw:
		method = "Invoke"
	case handler.HTTP:
		method = "ServeHTTP"
	}
	t := ix.Info.TypeOf(e)
	if method == "" || t == nil {
		return nil, nil
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, ix.pass.Pkg, method)
	if m, ok := obj.(*types.Func); ok {
		return ix.Decl(m), m.Signature()
	}
	return nil, nil
}

// handlerSubst is the instantiation of a generic handler: the type
// arguments of its receiver, or of the registration's explicit
// instantiation (lambda.Start(handle[Order])).
func (ix *index) handlerSubst(fn *handler.Function) map[*types.TypeParam]types.Type {
	if call := ix.CallAt(fn.Pos); call != nil {
		for _, a := range call.Args {
			if f := flow.FuncOf(ix.Info, a); f != nil && f.Origin() == fn.Handler.Origin() {
				if m := ix.Instance(a, f); m != nil {
					return m
				}
			}
		}
	}
	return ix.Instance(nil, fn.Handler)
}

// payload infers the payload of one function; nil when its input is no
// envelope. A handler chosen at run time among several
// (handler.Function.Alternatives) has a payload type only when every
// candidate decodes the same.
func (ix *index) payload(fn *handler.Function) *Payload {
	p := ix.payloadOf(fn)
	for _, h := range fn.Alternatives {
		if p == nil || p.Type == nil {
			break
		}
		alt := *fn
		alt.Handler, alt.HandlerAt, alt.Alternatives = h, h.Pos(), nil
		q := ix.payloadOf(&alt)
		if q == nil || q.Type == nil || q.Envelope != p.Envelope || q.Inner != p.Inner || !types.Identical(q.Type, p.Type) {
			p.Type, p.Ambiguous = nil, false
			p.Why = fmt.Sprintf("the handler is chosen at run time among %s and %s, which do not decode one payload type", fn.Handler.Name(), h.Name())
		}
	}
	return p
}

func (ix *index) payloadOf(fn *handler.Function) *Payload {
	ent := ix.entry(fn)
	if ent.env == "" {
		return nil
	}
	p := &Payload{Function: fn, Envelope: ent.env}
	if ent.typed != nil {
		// A user-declared envelope that types its body: the platform's
		// own decode fills it.
		p.Pos = fn.Pos
		if why := opaque(deref(ent.typed)); why != "" {
			p.Why = "the envelope's body field is " + why
		} else {
			p.Type = deref(ent.typed)
		}
		return p
	}
	switch {
	case ent.body == nil:
		p.Why = "the handler's code is not in this package"
		return p
	case ent.env == DynamoDB:
		p.Why = "a DynamoDB stream record carries attribute values, not a JSON body"
		return p
	case ent.env == S3:
		p.Why = "an S3 notification carries object keys, not a payload"
		return p
	}
	reach, cut := ix.reachable(ent.body)
	t := &tracer{Tracer: flow.Tracer{Index: ix.Index}, ix: ix, reach: reach, entry: ent.body, envIdx: ent.envIdx,
		exhausted: cut, perSite: map[*decodeSite]int{}, active: map[any]bool{}}
	all := t.trace(ent.init)
	ix.assemble(p, ent, all)
	if ent.env == HTTP && p.Type != nil && ix.methodDependent(t.reach, all) {
		p.Type, p.Why = nil, "the handler decodes the body only for some HTTP methods (it branches on r.Method), and which method a route's request has is not matched to the branches"
	}
	if t.exhausted && !p.Ambiguous {
		// A decode, or a decode of another type, may lie beyond the
		// bounds: say so rather than guess.
		p.Type, p.Why = nil, "the handler's code is too large to follow within faasvet's bounds"
	}
	return p
}

// wrapper is a decode of the body into an inner envelope.
type wrapper struct {
	env       Envelope
	field     *types.Var
	typed     types.Type
	confirmed bool
}

// assemble turns the findings of one handler into its payload.
func (ix *index) assemble(p *Payload, ent entryInfo, all []finding) {
	primary := func(f finding) bool {
		switch {
		case f.src.root:
			return true
		case f.src.event:
			return ent.env == CloudEvent
		case f.src.field != nil:
			return ix.known[f.src.field] == ent.env || slices.Contains(ent.fields, f.src.field)
		}
		return false
	}
	var prim, rest []finding
	for _, f := range all {
		if primary(f) {
			prim = append(prim, f)
		} else {
			rest = append(rest, f)
		}
	}
	// Inner envelopes, and the decodes of their bodies.
	wraps := map[int]*wrapper{}
	for i, f := range prim {
		if f.typ == nil {
			continue
		}
		if env, field, typed, confirmed := inner(f.typ); env != "" {
			wraps[i] = &wrapper{env: env, field: field, typed: typed, confirmed: confirmed}
		}
	}
	var innerFs []finding
	for _, f := range rest {
		for i := range prim {
			if w := wraps[i]; w != nil && w.field != nil && f.src.field == w.field {
				w.confirmed = true
				innerFs = append(innerFs, f)
				break
			}
		}
	}
	var raw, wrapFs []finding
	innerEnvs := map[Envelope]bool{}
	for i, f := range prim {
		w := wraps[i]
		if w == nil || !w.confirmed {
			raw = append(raw, f)
			continue
		}
		wrapFs = append(wrapFs, f)
		innerEnvs[w.env] = true
		if p.Inner == "" {
			p.Inner = w.env
		}
		if w.typed != nil {
			innerFs = append(innerFs, finding{site: f.site, src: f.src, typ: w.typed})
		}
	}
	p.UnwrapsSNS = p.Inner == SNS
	p.Decodes = decodesOf(wrapFs, true, false)
	p.Decodes = append(p.Decodes, decodesOf(raw, false, false)...)
	p.Decodes = append(p.Decodes, decodesOf(innerFs, false, true)...)
	slices.SortStableFunc(p.Decodes, func(a, b *Decode) int { return cmp.Compare(a.Pos, b.Pos) })

	cands := raw
	if p.Inner != "" {
		cands = append(slices.Clone(innerFs), raw...)
		p.AlsoRaw = len(raw) > 0 && len(innerFs) > 0
	}
	if len(innerEnvs) > 1 {
		p.Ambiguous = true
	}
	ix.decide(p, cands)
}

func decodesOf(fs []finding, wrapper, inner bool) []*Decode {
	var out []*Decode
	for _, f := range fs {
		d := &Decode{Pos: f.site.call.Pos(), Codec: f.site.codec, Wrapper: wrapper, Inner: inner}
		if f.typ != nil {
			d.Type = deref(f.typ)
		}
		if !slices.ContainsFunc(out, func(o *Decode) bool { return o.Pos == d.Pos && sameType(o.Type, d.Type) }) {
			out = append(out, d)
		}
	}
	return out
}

func sameType(a, b types.Type) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return types.Identical(a, b)
}

// decide picks the payload type among the candidate decodes: one type,
// or none with the reason.
func (ix *index) decide(p *Payload, cands []finding) {
	slices.SortStableFunc(cands, func(a, b finding) int { return cmp.Compare(a.site.call.Pos(), b.site.call.Pos()) })
	if len(cands) == 0 {
		switch {
		case p.Inner == S3:
			p.Why = "the body is an S3 notification, which carries object keys, not a payload"
		case p.Inner != "":
			p.Why = fmt.Sprintf("the code decodes the %s envelope out of the body but not the payload inside it", p.Inner)
		default:
			p.Why = "no json.Unmarshal, Decoder.Decode or DataAs of the body in the handler or in the functions of this package that it calls"
		}
		return
	}
	p.Pos = cands[0].site.call.Pos()
	type group struct {
		typ   types.Type
		why   string
		first finding
	}
	var groups []*group
	for _, f := range cands {
		var t types.Type
		why := ""
		switch {
		case f.typ != nil && len(flow.TypeParams(f.typ)) > 0:
			why = "a type parameter that no call in this package instantiates"
		case f.typ != nil && f.site.codec == codecProtoJSON:
			t = deref(f.typ)
			why = types.TypeString(t, flow.Qualifier(ix.pass.Pkg)) + " with protojson, whose JSON names and encodings are not encoding/json's"
		default:
			if f.typ != nil {
				t = deref(f.typ)
			}
			why = opaque(t)
		}
		if !slices.ContainsFunc(groups, func(g *group) bool { return sameType(g.typ, t) && g.why == why }) {
			groups = append(groups, &group{t, why, f})
		}
	}
	if len(groups) > 1 || p.Ambiguous {
		p.Ambiguous = true
		var parts []string
		for _, g := range groups {
			s := "a value of unknown type"
			if g.typ != nil {
				s = types.TypeString(g.typ, flow.Qualifier(ix.pass.Pkg))
			}
			parts = append(parts, fmt.Sprintf("%s (line %d)", s, ix.pass.Fset.Position(g.first.site.call.Pos()).Line))
		}
		p.Why = "the code decodes the body into several types: " + strings.Join(parts, ", ")
		return
	}
	g := groups[0]
	if g.why != "" {
		p.Why = "the code decodes the body into " + g.why
		return
	}
	p.Type, p.Pos = g.typ, g.first.site.call.Pos()
}
