package driver

import (
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/analyzer/errtype"
	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/directive"
	"github.com/faasvet/faasvet/link"
)

// Reusing a function package's analysis.
//
// An inert package (reuse.go) gives the link stage nothing; a function
// package gives it its functions, what their bodies read of their
// input, the payloads its consumers decode, the errors its handlers
// return, and its SDK calls: the link stage's summary of the package.
// That summary is stored too (funcSummary), its go/types objects and
// types as typecodec.go stores them, its positions as offsets in the
// package's files. A later run with the same key for the package
// type-checks its declarations without the bodies (which gives every
// package-level object and method at its exact position, and what its
// importers need), finds the summary's objects among them and the
// packages it imports, and hands the summary to the link stage as the
// analysis would have. Unlike a package read from export data, its
// positions are its source's: nothing needs a column put back.
//
// Its directives and ignores are read again from the source, as the
// analysis read them; which ignores suppressed a finding of the
// analysis is stored, since the link stage reports those that
// suppressed nothing. A handler declared in another package keeps its
// position and its method value's signature by reference to the
// handler, whose types the later run has. A package is stored so only
// when all of its summary can be: no payload type declared in a body,
// no type parameter, no other position outside its files. Any other is
// analysed every run, as before. The same summary is what go vet writes
// for faasvet link (summaries.go).

// funcSummary is a function package's summary, as the cache holds it.
// Functions are referred to by their index in Functions.
type funcSummary struct {
	Functions []storedFunction
	Routes    []storedRoute `json:",omitempty"`
	// Ignored are the ignore directives' checks that suppressed a
	// finding of the package's analysis. (The directives themselves,
	// and the ignores, are read again from its source.)
	Ignored  []storedIgnoreUse `json:",omitempty"`
	Calls    []storedCall      `json:",omitempty"`
	Payloads []storedPayload   `json:",omitempty"`
	Errors   []storedErrors    `json:",omitempty"`
	Reads    []storedReads     `json:",omitempty"`
}

// storedFunction is a handler.Function (a test keeps the two in step).
type storedFunction struct {
	Name, NameSource, Platform, Style, Registrar string
	Candidate                                    bool
	Wrapper                                      string
	Starter                                      bool
	Pos                                          *fileOffset
	Handler                                      *objRef `json:",omitempty"`
	Alternatives                                 []objRef
	HandlerName                                  string
	HandlerAt                                    handlerAt
	Signature                                    storedSignature
	Input, Output                                *storedType
	OutputNull                                   bool
	Directives                                   []storedDirective `json:",omitempty"`
}

// storedSignature is a function's Signature: none, the Handler's own
// (Handler), the Handler's as a method value, without its receiver
// (Bare: its params are the method's, declared in the method's
// package), or a type literal (Lit).
type storedSignature struct {
	Lit     *storedType `json:",omitempty"`
	Handler bool        `json:",omitempty"`
	Bare    bool        `json:",omitempty"`
}

// handlerAt is a function's HandlerAt: in the package's files, or the
// position of its Handler, declared in another package (whose files a
// summary cannot point into, but whose types the later run has).
type handlerAt struct {
	At      *fileOffset `json:",omitempty"`
	Handler bool        `json:",omitempty"`
}

// storedDirective is a directive.Directive.
type storedDirective struct {
	Pos    *fileOffset
	Verb   string
	Args   map[string]string `json:",omitempty"`
	Words  []string          `json:",omitempty"`
	Reason string            `json:",omitempty"`
}

// storedRoute is a handler.Route (a test keeps the two in step);
// Function is an index, -1 for none.
type storedRoute struct {
	Kind        handler.RouteKind
	Function    int
	Handler     string
	To          []string
	Topic, Via  string
	Payload     *storedType
	PayloadExpr string
	AllowCycle  string
	Source      string
	Pos         *fileOffset
}

type storedIgnoreUse struct {
	Directive *fileOffset
	Check     string
}

// storedCall is an sdkroute.Call's exported fields (a test keeps the
// two in step); Function is an index, -1 for none.
type storedCall struct {
	Function                           int
	Entry, Enclosing, SDK, Service, Op string
	Target                             sdkroute.Target
	Async                              bool
	Payload                            *storedType
	RawPayload                         string
	Structured                         bool
	Response                           *storedType
	Source, DetailType                 string
	EventType, EventSource             string
	Sink                               sdkroute.Target
	Assumed, Unresolved                []string
	Why                                string
	Pos                                *fileOffset
	Through, ThroughAt, ThroughPkg     string
	Chain                              []*fileOffset
}

// storedPayload is a consumer.Payload (a test keeps the two in step).
type storedPayload struct {
	Function            int
	Envelope, Inner     consumer.Envelope
	UnwrapsSNS, AlsoRaw bool
	Type                *storedType
	Pos                 *fileOffset
	Ambiguous           bool
	Why                 string
	Decodes             []storedDecode
}

type storedDecode struct {
	Pos            *fileOffset
	Type           *storedType
	Codec          string
	Wrapper, Inner bool
}

type storedErrors struct {
	Function int
	Set      *errtype.Set
}

// storedReads are the fields a handler's body reads of its input, each
// by its path of field indices in the function's Input type, through
// pointers and embedded structs (so that a field of a struct literal,
// which has no objectpath, is found again in the Input restored).
type storedReads struct {
	Function int
	Fields   []fieldRef
	OK       bool
}

// fieldRef is a field: its Path in the function's Input, or, for one
// of a parameter that is not the input (an HTTP request), the field
// itself.
type fieldRef struct {
	Path []int   `json:",omitempty"`
	Obj  *objRef `json:",omitempty"`
}

// fieldPath is the path of field v in t, breadth first; false when t
// has no such field.
func fieldPath(t types.Type, v *types.Var) ([]int, bool) {
	type item struct {
		t    types.Type
		path []int
	}
	queue := []item{{t, nil}}
	seen := map[types.Type]bool{}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		st, ok := structOf(it.t)
		if !ok || seen[st] {
			continue
		}
		seen[st] = true
		for i := range st.NumFields() {
			f := st.Field(i)
			path := append(slices.Clone(it.path), i)
			if f == v {
				return path, true
			}
			if f.Embedded() {
				queue = append(queue, item{f.Type(), path})
			}
		}
	}
	return nil, false
}

// fieldAt is the field at path in t (fieldPath).
func fieldAt(t types.Type, path []int) (*types.Var, bool) {
	var f *types.Var
	for _, i := range path {
		st, ok := structOf(t)
		if !ok || i < 0 || i >= st.NumFields() {
			return nil, false
		}
		f = st.Field(i)
		t = f.Type()
	}
	return f, f != nil
}

// structOf is t's struct, through pointers and names.
func structOf(t types.Type) (*types.Struct, bool) {
	if t == nil {
		return nil, false
	}
	if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
		t = ptr.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// summaryOf is root p's summary as the cache stores it, from what its
// analysis found; false when some of it cannot be stored.
func (c *collector) summaryOf(p *packages.Package, found *rootFound) (*funcSummary, bool) {
	calls := make([]*sdkroute.Call, len(found.calls))
	for i, call := range found.calls {
		calls[i] = call.SDK
	}
	sum, why := encodeSummary(p, *found.summary, calls, c.payloads, c.errors)
	return sum, why == ""
}

// encodeSummary is p's summary as a cache entry or a summary file holds
// it: ps as Summarise gave it, its SDK calls, and its functions' entries
// in payloads and errs (which may hold other packages' too); when some
// of it cannot be stored, why it cannot. p's syntax and types must be
// there.
func encodeSummary(p *packages.Package, ps link.Package, calls []*sdkroute.Call, payloads map[*handler.Function]*consumer.Payload, errs map[*handler.Function]*errtype.Set) (*funcSummary, string) {
	e := newTypeEncoder(p)
	out, ok := e.summary(ps, calls, payloads, errs)
	if !ok {
		if e.why == "" {
			e.why = "a part of it that has no stored form"
		}
		return nil, e.why
	}
	return out, ""
}

func (e *typeEncoder) summary(ps link.Package, calls []*sdkroute.Call, payloads map[*handler.Function]*consumer.Payload, errs map[*handler.Function]*errtype.Set) (*funcSummary, bool) {
	sum := ps.Summary
	index := map[*handler.Function]int{}
	for i, fn := range sum.Functions {
		index[fn] = i
	}
	out := &funcSummary{}
	if sum.Ignores != nil {
		uses, used := sum.Ignores.Uses()
		for i, u := range uses {
			if used[i] {
				at, ok := e.at(u.Directive)
				if !ok {
					return nil, false
				}
				out.Ignored = append(out.Ignored, storedIgnoreUse{at, u.Check})
			}
		}
	}
	for _, r := range sum.Routes {
		sr, ok := e.route(r, index)
		if !ok {
			return nil, false
		}
		out.Routes = append(out.Routes, sr)
	}
	for _, fn := range sum.Functions {
		sf, ok := e.function(fn)
		if !ok {
			return nil, false
		}
		out.Functions = append(out.Functions, sf)
		if pl, present := payloads[fn]; present {
			sp, ok := e.payload(pl, index)
			if !ok {
				return nil, false
			}
			out.Payloads = append(out.Payloads, sp)
		}
		if set, present := errs[fn]; present {
			out.Errors = append(out.Errors, storedErrors{index[fn], set})
		}
		if fields, ok, known := ps.Reads(fn); known {
			sr := storedReads{Function: index[fn], OK: ok}
			for _, v := range fields {
				if path, ok := fieldPath(fn.Input, v); ok {
					sr.Fields = append(sr.Fields, fieldRef{Path: path})
					continue
				}
				ref, ok := e.obj(v)
				if !ok {
					return nil, false
				}
				sr.Fields = append(sr.Fields, fieldRef{Obj: &ref})
			}
			out.Reads = append(out.Reads, sr)
		}
	}
	for _, call := range calls {
		sc, ok := e.call(call, index)
		if !ok {
			return nil, false
		}
		out.Calls = append(out.Calls, sc)
	}
	return out, true
}

func (e *typeEncoder) at(pos token.Pos) (*fileOffset, bool) {
	at, ok := e.pos(pos)
	return optional(at), ok
}

func (e *typeEncoder) function(fn *handler.Function) (storedFunction, bool) {
	sf := storedFunction{Name: fn.Name, NameSource: string(fn.NameSource), Platform: string(fn.Platform), Style: string(fn.Style),
		Registrar: fn.Registrar, Candidate: fn.Candidate, Wrapper: fn.Wrapper, Starter: fn.Starter,
		HandlerName: fn.HandlerName, OutputNull: fn.OutputNull}
	var ok [6]bool
	sf.Pos, ok[0] = e.at(fn.Pos)
	if fn.Handler != nil && fn.HandlerAt == fn.Handler.Pos() {
		sf.HandlerAt.Handler, ok[1] = true, true
	} else {
		sf.HandlerAt.At, ok[1] = e.at(fn.HandlerAt)
	}
	ok[2] = true
	if fn.Handler != nil {
		ref, found := e.obj(fn.Handler)
		sf.Handler, ok[2] = &ref, found
	}
	for _, alt := range fn.Alternatives {
		ref, found := e.obj(alt)
		if !found {
			return storedFunction{}, false
		}
		sf.Alternatives = append(sf.Alternatives, ref)
	}
	ok[3] = true
	switch sig := fn.Signature; {
	case sig == nil:
	case fn.Handler != nil && sig == fn.Handler.Signature():
		sf.Signature.Handler = true
	case fn.Handler != nil && sig.Recv() == nil && sig.Params() == fn.Handler.Signature().Params() &&
		sig.Results() == fn.Handler.Signature().Results() && sig.Variadic() == fn.Handler.Signature().Variadic():
		sf.Signature.Bare = true
	default:
		sf.Signature.Lit, ok[3] = e.typ(sig)
	}
	sf.Input, ok[4] = e.typ(fn.Input)
	sf.Output, ok[5] = e.typ(fn.Output)
	for _, d := range fn.Directives {
		at, found := e.at(d.Pos)
		if !found {
			return storedFunction{}, false
		}
		sf.Directives = append(sf.Directives, storedDirective{at, d.Verb, d.Args, d.Words, d.Reason})
	}
	return sf, ok == [6]bool{true, true, true, true, true, true}
}

func (e *typeEncoder) route(r *handler.Route, index map[*handler.Function]int) (storedRoute, bool) {
	sr := storedRoute{Kind: r.Kind, Function: fnIndex(index, r.Function), Handler: r.Handler, To: r.To, Topic: r.Topic, Via: r.Via,
		PayloadExpr: r.PayloadExpr, AllowCycle: r.AllowCycle, Source: r.Source}
	if r.Function != nil && sr.Function < 0 {
		return storedRoute{}, false
	}
	var ok1, ok2 bool
	sr.Payload, ok1 = e.typ(r.Payload)
	sr.Pos, ok2 = e.at(r.Pos)
	return sr, ok1 && ok2
}

func (e *typeEncoder) payload(pl *consumer.Payload, index map[*handler.Function]int) (storedPayload, bool) {
	sp := storedPayload{Function: fnIndex(index, pl.Function), Envelope: pl.Envelope, Inner: pl.Inner, UnwrapsSNS: pl.UnwrapsSNS,
		AlsoRaw: pl.AlsoRaw, Ambiguous: pl.Ambiguous, Why: pl.Why}
	var ok1, ok2 bool
	sp.Type, ok1 = e.typ(pl.Type)
	sp.Pos, ok2 = e.at(pl.Pos)
	if !ok1 || !ok2 || sp.Function < 0 {
		return storedPayload{}, false
	}
	for _, d := range pl.Decodes {
		sd := storedDecode{Codec: d.Codec, Wrapper: d.Wrapper, Inner: d.Inner}
		sd.Type, ok1 = e.typ(d.Type)
		sd.Pos, ok2 = e.at(d.Pos)
		if !ok1 || !ok2 {
			return storedPayload{}, false
		}
		sp.Decodes = append(sp.Decodes, sd)
	}
	return sp, true
}

func (e *typeEncoder) call(call *sdkroute.Call, index map[*handler.Function]int) (storedCall, bool) {
	sc := storedCall{Function: fnIndex(index, call.Function), Entry: call.Entry, Enclosing: call.Enclosing,
		SDK: call.SDK, Service: call.Service, Op: call.Op, Target: call.Target, Async: call.Async,
		RawPayload: call.RawPayload, Structured: call.Structured, Source: call.Source, DetailType: call.DetailType,
		EventType: call.EventType, EventSource: call.EventSource, Sink: call.Sink, Assumed: call.Assumed,
		Unresolved: call.Unresolved, Why: call.Why, Through: call.Through, ThroughAt: call.ThroughAt, ThroughPkg: call.ThroughPkg}
	if call.Function != nil && sc.Function < 0 {
		return storedCall{}, false
	}
	var ok [3]bool
	sc.Payload, ok[0] = e.typ(call.Payload)
	sc.Response, ok[1] = e.typ(call.Response)
	sc.Pos, ok[2] = e.at(call.Pos)
	if ok != [3]bool{true, true, true} {
		return storedCall{}, false
	}
	for _, pos := range call.Chain {
		at, ok := e.at(pos)
		if !ok {
			return storedCall{}, false
		}
		sc.Chain = append(sc.Chain, at)
	}
	return sc, true
}

func fnIndex(index map[*handler.Function]int, fn *handler.Function) int {
	if i, ok := index[fn]; ok && fn != nil {
		return i
	}
	return -1
}

// restoreSummary gives root p, whose declarations were just checked
// (its syntax is still there), the summary stored with its analysis:
// its link.Package and calls in found, its payloads, errors and
// functions in the collector; false when an object or position is not
// found again. A summary that does not fit the types it is decoded
// against so badly that go/types panics (a bug, or a summary file
// edited by hand) is false too, never a crash: the collector is written
// to only once all of the summary is decoded.
func (c *collector) restoreSummary(p *packages.Package, fs *funcSummary, found *rootFound) (ok bool) {
	defer func() {
		if r := recover(); r != nil {
			ok = false
		}
	}()
	d := newTypeDecoder(p)
	var fns []*handler.Function
	for _, sf := range fs.Functions {
		fn, ok := d.function(sf)
		if !ok {
			return false
		}
		fns = append(fns, fn)
	}
	fnAt := func(i int) (*handler.Function, bool) {
		if i == -1 {
			return nil, true
		}
		if i < 0 || i >= len(fns) {
			return nil, false
		}
		return fns[i], true
	}
	payloads := map[*handler.Function]*consumer.Payload{}
	for _, sp := range fs.Payloads {
		fn, ok := fnAt(sp.Function)
		if !ok || fn == nil {
			return false
		}
		pl, ok := d.payload(sp)
		if !ok {
			return false
		}
		pl.Function = fn
		payloads[fn] = pl
	}
	errs := map[*handler.Function]*errtype.Set{}
	for _, se := range fs.Errors {
		fn, ok := fnAt(se.Function)
		if !ok || fn == nil {
			return false
		}
		errs[fn] = se.Set
	}
	type readSet struct {
		fields []*types.Var
		ok     bool
	}
	reads := map[*handler.Function]readSet{}
	for _, sr := range fs.Reads {
		fn, ok := fnAt(sr.Function)
		if !ok || fn == nil {
			return false
		}
		rs := readSet{ok: sr.OK}
		for _, ref := range sr.Fields {
			var v *types.Var
			ok := false
			if ref.Obj != nil {
				obj, found := d.obj(*ref.Obj)
				v, ok = obj.(*types.Var)
				ok = ok && found
			} else {
				v, ok = fieldAt(fn.Input, ref.Path)
			}
			if !ok {
				return false
			}
			rs.fields = append(rs.fields, v)
		}
		reads[fn] = rs
	}
	var calls []link.Call
	for _, sc := range fs.Calls {
		fn, ok := fnAt(sc.Function)
		if !ok {
			return false
		}
		call, ok := d.call(sc)
		if !ok {
			return false
		}
		call.Function = fn
		calls = append(calls, link.Call{SDK: call, Pkg: p})
	}
	var routes []*handler.Route
	for _, sr := range fs.Routes {
		fn, ok := fnAt(sr.Function)
		if !ok {
			return false
		}
		r := &handler.Route{Kind: sr.Kind, Function: fn, Handler: sr.Handler, To: sr.To, Topic: sr.Topic, Via: sr.Via,
			PayloadExpr: sr.PayloadExpr, AllowCycle: sr.AllowCycle, Source: sr.Source}
		var ok1, ok2 bool
		r.Payload, ok1 = d.typ(sr.Payload)
		r.Pos, ok2 = d.pos(sr.Pos)
		if !ok1 || !ok2 {
			return false
		}
		routes = append(routes, r)
	}
	// The directives and ignores as the analysis read them: from the
	// source, whose comments the declarations' check parsed too.
	set := directive.Collect(p.Syntax)
	ignores := directive.NewIgnores(p.Fset, p.Syntax, set.Directives)
	for _, u := range fs.Ignored {
		pos, ok := d.pos(u.Directive)
		if !ok || !pos.IsValid() {
			return false
		}
		ignores.MarkUsed(directive.IgnoreUse{Directive: pos, Check: u.Check})
	}
	sum := &handler.Summary{Functions: fns, Routes: routes, Directives: set, Ignores: ignores}
	ps := link.Restore(p, sum, link.NewDecls(p), func(fn *handler.Function) ([]*types.Var, bool, bool) {
		rs, known := reads[fn]
		return rs.fields, rs.ok, known
	})
	found.summary = &ps
	found.calls = calls
	for fn, pl := range payloads {
		c.payloads[fn] = pl
	}
	for fn, set := range errs {
		c.errors[fn] = set
	}
	if len(fns) > 0 {
		c.res.Functions[p.PkgPath] = fns
	}
	return true
}

func (d *typeDecoder) function(sf storedFunction) (*handler.Function, bool) {
	fn := &handler.Function{Name: sf.Name, NameSource: handler.NameSource(sf.NameSource), Platform: handler.Platform(sf.Platform),
		Style: handler.Style(sf.Style), Registrar: sf.Registrar, Candidate: sf.Candidate, Wrapper: sf.Wrapper, Starter: sf.Starter,
		HandlerName: sf.HandlerName, OutputNull: sf.OutputNull}
	var ok [6]bool
	fn.Pos, ok[0] = d.pos(sf.Pos)
	fn.HandlerAt, ok[1] = d.pos(sf.HandlerAt.At)
	ok[2] = true
	if sf.Handler != nil {
		obj, found := d.obj(*sf.Handler)
		f, isFunc := obj.(*types.Func)
		fn.Handler, ok[2] = f, found && isFunc
	}
	if sf.HandlerAt.Handler {
		if fn.Handler == nil {
			return nil, false
		}
		fn.HandlerAt = fn.Handler.Pos()
	}
	for _, ref := range sf.Alternatives {
		obj, found := d.obj(ref)
		f, isFunc := obj.(*types.Func)
		if !found || !isFunc {
			return nil, false
		}
		fn.Alternatives = append(fn.Alternatives, f)
	}
	ok[3] = true
	switch {
	case (sf.Signature.Handler || sf.Signature.Bare) && fn.Handler == nil:
		ok[3] = false
	case sf.Signature.Handler:
		fn.Signature = fn.Handler.Signature()
	case sf.Signature.Bare:
		h := fn.Handler.Signature()
		fn.Signature = types.NewSignatureType(nil, nil, nil, h.Params(), h.Results(), h.Variadic())
	case sf.Signature.Lit != nil:
		t, found := d.typ(sf.Signature.Lit)
		sig, isSig := t.(*types.Signature)
		fn.Signature, ok[3] = sig, found && isSig
	}
	fn.Input, ok[4] = d.typ(sf.Input)
	fn.Output, ok[5] = d.typ(sf.Output)
	for _, sd := range sf.Directives {
		pos, found := d.pos(sd.Pos)
		if !found {
			return nil, false
		}
		fn.Directives = append(fn.Directives, &directive.Directive{Pos: pos, Verb: sd.Verb, Args: sd.Args, Words: sd.Words, Reason: sd.Reason})
	}
	return fn, ok == [6]bool{true, true, true, true, true, true}
}

func (d *typeDecoder) payload(sp storedPayload) (*consumer.Payload, bool) {
	pl := &consumer.Payload{Envelope: sp.Envelope, Inner: sp.Inner, UnwrapsSNS: sp.UnwrapsSNS, AlsoRaw: sp.AlsoRaw,
		Ambiguous: sp.Ambiguous, Why: sp.Why}
	var ok1, ok2 bool
	pl.Type, ok1 = d.typ(sp.Type)
	pl.Pos, ok2 = d.pos(sp.Pos)
	if !ok1 || !ok2 {
		return nil, false
	}
	for _, sd := range sp.Decodes {
		dec := &consumer.Decode{Codec: sd.Codec, Wrapper: sd.Wrapper, Inner: sd.Inner}
		dec.Type, ok1 = d.typ(sd.Type)
		dec.Pos, ok2 = d.pos(sd.Pos)
		if !ok1 || !ok2 {
			return nil, false
		}
		pl.Decodes = append(pl.Decodes, dec)
	}
	return pl, true
}

func (d *typeDecoder) call(sc storedCall) (*sdkroute.Call, bool) {
	call := &sdkroute.Call{Entry: sc.Entry, Enclosing: sc.Enclosing, SDK: sc.SDK, Service: sc.Service, Op: sc.Op,
		Target: sc.Target, Async: sc.Async, RawPayload: sc.RawPayload, Structured: sc.Structured, Source: sc.Source,
		DetailType: sc.DetailType, EventType: sc.EventType, EventSource: sc.EventSource, Sink: sc.Sink,
		Assumed: sc.Assumed, Unresolved: sc.Unresolved, Why: sc.Why, Through: sc.Through, ThroughAt: sc.ThroughAt,
		ThroughPkg: sc.ThroughPkg}
	var ok [3]bool
	call.Payload, ok[0] = d.typ(sc.Payload)
	call.Response, ok[1] = d.typ(sc.Response)
	call.Pos, ok[2] = d.pos(sc.Pos)
	if ok != [3]bool{true, true, true} {
		return nil, false
	}
	for _, at := range sc.Chain {
		pos, ok := d.pos(at)
		if !ok {
			return nil, false
		}
		call.Chain = append(call.Chain, pos)
	}
	return call, true
}
