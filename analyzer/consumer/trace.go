package consumer

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// Bounds on the tracer: user code can be as large and as recursive as it
// likes, and the analysis must stay quick and terminate. The flow
// tracer's own bound the frames (flow.MaxDepth) and the steps of one
// decode call in one frame (flow.MaxSteps).
const (
	maxReach    = 512  // functions reachable from one handler
	maxDepth    = 24   // nested expressions and variables followed for one value
	maxFindings = 64   // per decode call
	maxFrames   = 1024 // frames entered from one handler
)

// A source is where the data of a decode call comes from: a body field,
// a CloudEvent's data, or the handler's raw input.
type source struct {
	field *types.Var
	event bool
	root  bool
}

// A target is the type a decode call decodes into, in the frame whose
// type parameters it may mention; nil when unknown.
type target struct {
	typ types.Type
	fr  *flow.Frame
}

// A finding is one resolved decode: a source and the type decoded into
// (nil when unknown).
type finding struct {
	site *decodeSite
	src  source
	typ  types.Type
}

// A tracer follows values for one handler with the flow tracer's frames:
// it walks from the handler into the functions it calls (binding their
// parameters to the arguments) and resolves each decode call it meets in
// the frame it meets it in.
type tracer struct {
	flow.Tracer
	ix     *index
	reach  map[*flow.Func]bool
	entry  *flow.Func
	envIdx int
	frames int
	// exhausted is set when a bound cut the tracing short: a decode may
	// have been missed, so no type is certain.
	exhausted bool
	found     []finding
	perSite   map[*decodeSite]int
	// Variables (in a frame) and calls being followed: meeting one again
	// is a cycle (b = b[1:], a recursive helper), which adds no source.
	active map[any]bool
}

type varKey struct {
	v  *types.Var
	fr *flow.Frame
}

type resultKey struct {
	call *ast.CallExpr
	idx  int
}

// reachable returns the functions that start reaches through calls and
// references, and whether the bound cut the walk short.
func (ix *index) reachable(start *flow.Func) (map[*flow.Func]bool, bool) {
	seen := map[*flow.Func]bool{}
	queue := []*flow.Func{start}
	for len(queue) > 0 {
		if len(seen) >= maxReach {
			return seen, true
		}
		f := queue[0]
		queue = queue[1:]
		if seen[f] {
			continue
		}
		seen[f] = true
		queue = append(queue, f.Nested...)
		queue = append(queue, f.Refs...)
	}
	return seen, false
}

// trace walks the handler and returns its findings, each decode call's
// in the order of the decode calls.
func (t *tracer) trace(init map[*types.TypeParam]types.Type) []finding {
	t.walk(&flow.Frame{Fn: t.entry, Params: map[*types.Var]flow.Bound{}, Subst: init})
	// The functions that the walk does not enter by a call: passed as
	// values, their parameters are unknown.
	for _, f := range t.ix.Funcs {
		if t.reach[f] && f != t.entry && f.Parent == nil && !t.called(f) {
			t.walk(&flow.Frame{Fn: f, Params: map[*types.Var]flow.Bound{}})
		}
	}
	slices.SortStableFunc(t.found, func(a, b finding) int { return a.site.order - b.site.order })
	return t.found
}

// called reports whether a function of the handler's reach calls f.
func (t *tracer) called(f *flow.Func) bool {
	return slices.ContainsFunc(t.ix.CallersOf(f), func(c *flow.Call) bool { return t.reach[c.In] })
}

// walk resolves the decode calls of fr's function and enters the
// functions it calls and the literals written in it that lead to one.
func (t *tracer) walk(fr *flow.Frame) {
	if t.frames++; t.frames > maxFrames {
		t.exhausted = true
		return
	}
	for _, site := range t.ix.decodesIn[fr.Fn] {
		t.resolve(site, fr)
	}
	for _, c := range t.ix.callsIn[fr.Fn] {
		if !t.ix.live[c.Callee] || onStack(fr, c.Callee) {
			continue
		}
		if !fr.DepthOK() {
			t.exhausted = true
			continue
		}
		callee := t.Bind(c.Callee, c.Call, fr)
		callee.Subst = c.Subst
		t.walk(callee)
	}
	for _, lit := range fr.Fn.Nested {
		if t.ix.live[lit] && !t.called(lit) {
			t.walk(&flow.Frame{Fn: lit, Params: fr.Params, Parent: fr, Depth: fr.Depth})
		}
	}
}

func bound(fr *flow.Frame, v *types.Var) bool {
	if fr == nil {
		return false
	}
	_, ok := fr.Params[v]
	return ok
}

func onStack(fr *flow.Frame, f *flow.Func) bool {
	for ; fr != nil; fr = fr.Parent {
		if fr.Fn == f {
			return true
		}
	}
	return false
}

// resolve follows a decode call's data and target back to their origins
// in frame fr.
func (t *tracer) resolve(site *decodeSite, fr *flow.Frame) {
	t.Steps = 0
	var srcs []source
	switch {
	case site.event:
		srcs = []source{{event: true}}
	case site.data != nil:
		srcs = t.data(flow.At(site.data, fr), 0)
	}
	if len(srcs) == 0 {
		return
	}
	// Not a pointer: Unmarshal rejects it, and go vet says so.
	for _, g := range t.target(flow.At(site.target, fr), 0) {
		typ := t.typeOf(g)
		for _, s := range srcs {
			f := finding{site, s, typ}
			if slices.ContainsFunc(t.found, func(o finding) bool { return o.site == site && o.src == s && sameType(o.typ, typ) }) {
				continue
			}
			if t.perSite[site]++; t.perSite[site] > maxFindings {
				t.exhausted = true
				return
			}
			t.found = append(t.found, f)
		}
	}
	if t.Steps > flow.MaxSteps {
		t.exhausted = true
	}
}

// typeOf replaces the type parameters of a target by the type arguments
// of the calls that entered the frames, up to the handler's own
// instantiation. A type parameter that a call does not instantiate is
// unknown (nil); one of a function no call enters stays, and is
// reported as such.
func (t *tracer) typeOf(g target) types.Type {
	typ := g.typ
	for fr := g.fr; fr != nil && typ != nil; fr = fr.Parent {
		if !t.ownedBy(typ, fr.Fn) {
			continue
		}
		r, ok := subst(typ, fr.Subst, 0)
		switch {
		case fr.Parent == nil && (!ok || len(flow.TypeParams(r)) > 0):
			return typ
		case !ok || t.ownedBy(r, fr.Fn):
			return nil
		}
		typ = r
	}
	return typ
}

func (t *tracer) ownedBy(typ types.Type, fn *flow.Func) bool {
	for _, tp := range flow.TypeParams(typ) {
		if t.ix.Owner[tp] == fn {
			return true
		}
	}
	return false
}

// passThrough are the functions whose result carries the content of one
// argument: readers, buffers, trimming and base64. A key is
// "path.Func" or "path.Type.Method".
var passThrough = map[string]int{
	"io.ReadAll":                            0,
	"io/ioutil.ReadAll":                     0,
	"io.NopCloser":                          0,
	"io/ioutil.NopCloser":                   0,
	"io.LimitReader":                        0,
	"net/http.MaxBytesReader":               1,
	"bufio.NewReader":                       0,
	"bufio.NewReaderSize":                   0,
	"strings.NewReader":                     0,
	"strings.TrimSpace":                     0,
	"strings.Clone":                         0,
	"bytes.NewReader":                       0,
	"bytes.NewBuffer":                       0,
	"bytes.NewBufferString":                 0,
	"bytes.TrimSpace":                       0,
	"bytes.Clone":                           0,
	"strconv.Unquote":                       0,
	"compress/gzip.NewReader":               0,
	"encoding/base64.NewDecoder":            1,
	"encoding/base64.Encoding.DecodeString": 0,
}

// data follows an expression that holds JSON back to its sources: a
// field is one, the handler's envelope parameter (unbound) is the root.
func (t *tracer) data(b flow.Bound, depth int) []source {
	if b.E == nil {
		return nil
	}
	if depth > maxDepth {
		t.exhausted = true
		return nil
	}
	info := t.Info
	switch x := ast.Unparen(b.E).(type) {
	case *ast.SelectorExpr:
		if s, ok := info.Selections[x]; ok && s.Kind() == types.FieldVal {
			return []source{{field: s.Obj().(*types.Var)}}
		}
	case *ast.Ident:
		v := t.VarOf(x)
		if v == nil || t.active[varKey{v, b.Fr}] {
			return nil
		}
		t.active[varKey{v, b.Fr}] = true
		defer delete(t.active, varKey{v, b.Fr})
		var out []source
		if !bound(b.Fr, v) && t.Params[v] == (flow.Param{Fn: t.entry, I: t.envIdx}) {
			out = append(out, source{root: true})
		}
		cands, _, _ := t.Step(b)
		for _, c := range cands {
			out = append(out, t.data(c, depth+1)...)
		}
		return out
	case *ast.CallExpr:
		if b.Index >= 0 {
			return t.result(x, b.Index, b.Fr, depth+1)
		}
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() {
			if len(x.Args) == 1 {
				return t.data(flow.At(x.Args[0], b.Fr), depth+1) // []byte(s), string(b), json.RawMessage(b)
			}
			return nil
		}
		return t.result(x, 0, b.Fr, depth+1)
	case *ast.SliceExpr:
		return t.data(flow.At(x.X, b.Fr), depth+1)
	case *ast.StarExpr:
		return t.data(flow.At(x.X, b.Fr), depth+1)
	}
	return nil
}

// result follows result idx of a call made in frame fr: through the
// pass-through functions of the standard library, and into the return
// statements of the package's own functions, in the frame of the call.
func (t *tracer) result(call *ast.CallExpr, idx int, fr *flow.Frame, depth int) []source {
	if depth > maxDepth {
		t.exhausted = true
		return nil
	}
	var callee *flow.Func
	switch fn := typeutil.Callee(t.Info, call).(type) {
	case *types.Func:
		key := flow.FuncKey(fn)
		if key == ceEventPath+".Event.Data" {
			return []source{{event: true}}
		}
		if i, ok := passThrough[key]; ok {
			if idx == 0 {
				return t.data(flow.At(flow.ArgAt(call, i), fr), depth+1)
			}
			return nil
		}
		if callee = t.Decl(fn); callee == nil {
			return getter(fn, call)
		}
	default:
		callee, _ = t.LocalCallee(call.Fun)
	}
	key := resultKey{call, idx}
	if callee == nil || t.active[key] {
		return nil
	}
	t.active[key] = true
	defer delete(t.active, key)
	cfr := t.Bind(callee, call, fr)
	var out []source
	for _, ret := range callee.Returns {
		if len(ret.Results) == callee.Sig.Results().Len() && idx < len(ret.Results) {
			out = append(out, t.data(flow.At(ret.Results[idx], cfr), depth+1)...)
		}
	}
	return out
}

// getter reads a call of GetF() on a type with a field F, declared in
// another package, as the field itself: the nil-safe getters that
// protoc-gen-go writes (msg.GetMessage().GetData()).
func getter(fn *types.Func, call *ast.CallExpr) []source {
	recv := fn.Signature().Recv()
	name, ok := strings.CutPrefix(fn.Name(), "Get")
	if recv == nil || !ok || name == "" || len(call.Args) != 0 || fn.Signature().Results().Len() != 1 {
		return nil
	}
	if v := fieldVar(recv.Type(), name); v != nil && types.Identical(v.Type(), fn.Signature().Results().At(0).Type()) {
		return []source{{field: v}}
	}
	return nil
}

// target follows what a decode call decodes into to its type: a
// pointer's element, or the values of an interface variable (a helper's
// parameter bound to its caller's argument, or a variable that holds a
// pointer). An unknown target has no type.
func (t *tracer) target(b flow.Bound, depth int) []target {
	e := ast.Unparen(b.E)
	if e == nil || t.Info.TypeOf(e) == nil || t.Tick() {
		return []target{{}}
	}
	tv := t.Info.TypeOf(e)
	if depth > maxDepth {
		t.exhausted = true
		return []target{{}}
	}
	if p, ok := tv.Underlying().(*types.Pointer); ok {
		return []target{{p.Elem(), b.Fr}}
	}
	if !types.IsInterface(tv) {
		return nil
	}
	var out []target
	if v := t.VarOf(e); v != nil {
		if _, param := t.Params[v]; param && !bound(b.Fr, v) {
			out = append(out, target{}) // a parameter no call binds
		}
		cands, _, _ := t.Step(b)
		for _, c := range cands {
			if c.Index < 0 {
				out = append(out, t.target(c, depth+1)...)
			}
		}
	}
	if len(out) == 0 {
		return []target{{}}
	}
	return out
}
