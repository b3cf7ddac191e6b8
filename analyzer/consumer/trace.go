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
// likes, and the analysis must stay quick and terminate.
const (
	maxReach    = 512 // functions reachable from one handler
	maxDepth    = 24  // nested expressions and variables followed for one value
	maxClimb    = 8   // call sites climbed from one decode call
	maxFindings = 64  // per decode call
	maxSteps    = 1 << 14
)

// A source is where the data of a decode call comes from: a body field,
// a CloudEvent's data, the handler's raw input, or (still pending) a
// parameter of a function, to be followed to its call sites.
type source struct {
	field *types.Var
	event bool
	root  bool
	param *flow.Param
}

// A target is what a decode call decodes into: a type (which may still
// mention type parameters), a parameter to follow, or unknown.
type target struct {
	typ   types.Type
	param *flow.Param
}

// A finding is one resolved decode: a source and the type decoded into
// (nil when unknown).
type finding struct {
	site *decodeSite
	src  source
	typ  types.Type
}

// A tracer follows values for one handler, within the functions that the
// handler reaches.
type tracer struct {
	ix     *index
	reach  map[*flow.Func]bool
	entry  *flow.Func
	envIdx int
	init   map[*types.TypeParam]types.Type // the handler's own instantiation
	steps  int
	// exhausted is set when a bound cut the tracing short: a decode may
	// have been missed, so no type is certain.
	exhausted bool
	// Variables and function results being followed: meeting one again is
	// a cycle (b = b[1:], a recursive helper), which adds no source.
	activeVars    map[*types.Var]bool
	activeResults map[resultKey]bool
}

type resultKey struct {
	fn  *flow.Func
	idx int
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

func (t *tracer) spend() bool {
	t.steps++
	if t.steps > maxSteps {
		t.exhausted = true
		return true
	}
	return false
}

// resolve follows a decode call's data and target back to their origins.
func (t *tracer) resolve(site *decodeSite) []finding {
	var srcs []source
	switch {
	case site.event:
		srcs = []source{{event: true}}
	case site.data != nil:
		srcs = t.data(site.data, 0)
	}
	if len(srcs) == 0 {
		return nil
	}
	tgts := t.target(site.target, 0)
	if len(tgts) == 0 {
		return nil // not a pointer: Unmarshal rejects it, and go vet says so
	}
	var out []finding
	for _, s := range srcs {
		for _, g := range tgts {
			t.climb(site, s, g, 0, &out)
		}
	}
	return out
}

// climb resolves what is still pending in a decode: a parameter is
// replaced by the argument of each call of its function (within the
// handler's reach), and type parameters by the call's type arguments.
// Data and target pending in the same function climb through the same
// call, so that decode(body, &v) pairs each body with its own v.
func (t *tracer) climb(site *decodeSite, s source, g target, depth int, out *[]finding) {
	if len(*out) >= maxFindings {
		t.exhausted = true
		return
	}
	if t.spend() {
		return
	}
	if s.param != nil && s.param.Fn == t.entry && s.param.I == t.envIdx {
		s = source{root: true}
	}
	at := t.pending(s, g)
	if at == nil {
		*out = append(*out, finding{site, s, g.typ})
		return
	}
	if depth >= maxClimb && at != t.entry {
		t.exhausted = true
	}
	if at == t.entry || depth >= maxClimb {
		// The platform calls the handler: what is still pending here has
		// no value in the code, except the handler's own instantiation.
		if s.param != nil {
			return
		}
		typ := g.typ
		if typ != nil && g.param == nil {
			if r, ok := subst(typ, t.init, 0); ok && len(flow.TypeParams(r)) == 0 {
				*out = append(*out, finding{site, s, r})
				return
			}
		}
		*out = append(*out, finding{site, s, genericOrNil(g)})
		return
	}
	calls := 0
	for _, cs := range t.ix.CallersOf(at) {
		if !t.reach[cs.In] {
			continue
		}
		calls++
		srcs := []source{s}
		if s.param != nil && s.param.Fn == at {
			srcs = t.data(cs.ArgFor(s.param.I), 0)
		}
		tgts := []target{g}
		switch {
		case g.param != nil && g.param.Fn == at:
			tgts = t.target(cs.ArgFor(g.param.I), 0)
		case g.typ != nil && t.ownedBy(g.typ, at):
			r, ok := subst(g.typ, cs.Subst, 0)
			if !ok || t.ownedBy(r, at) {
				r = nil // no type arguments at this call: unknown, and no loop
			}
			tgts = []target{{typ: r}}
		}
		for _, s2 := range srcs {
			for _, g2 := range tgts {
				t.climb(site, s2, g2, depth+1, out)
			}
		}
	}
	if calls == 0 && s.param == nil {
		// A function passed as a value: the body is known, the target's
		// type is not.
		*out = append(*out, finding{site, s, genericOrNil(g)})
	}
}

// genericOrNil is the type of a target that could not be resolved
// further: its type when that still has type parameters (reported as
// such), else nil.
func genericOrNil(g target) types.Type {
	if g.param != nil {
		return nil
	}
	return g.typ
}

// pending returns the function whose callers must be visited to resolve
// s and g, or nil when both are resolved.
func (t *tracer) pending(s source, g target) *flow.Func {
	if s.param != nil {
		return s.param.Fn
	}
	if g.param != nil {
		return g.param.Fn
	}
	if g.typ != nil {
		for _, tp := range flow.TypeParams(g.typ) {
			if f := t.ix.Owner[tp]; f != nil {
				return f
			}
		}
	}
	return nil
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

// data follows an expression that holds JSON back to its sources.
func (t *tracer) data(e ast.Expr, depth int) []source {
	if e == nil || t.spend() {
		return nil
	}
	if depth > maxDepth {
		t.exhausted = true
		return nil
	}
	info := t.ix.Info
	switch x := ast.Unparen(e).(type) {
	case *ast.SelectorExpr:
		if s, ok := info.Selections[x]; ok && s.Kind() == types.FieldVal {
			if v, ok := s.Obj().(*types.Var); ok {
				return []source{{field: v}}
			}
		}
	case *ast.Ident:
		v, ok := info.Uses[x].(*types.Var)
		if !ok {
			return nil
		}
		if t.activeVars[v] {
			return nil
		}
		t.activeVars[v] = true
		defer delete(t.activeVars, v)
		var out []source
		if p, ok := t.ix.Params[v]; ok {
			out = append(out, source{param: &p})
		}
		for _, a := range t.ix.LocalAssigns(v) {
			if a.Index >= 0 {
				out = append(out, t.result(ast.Unparen(a.Value).(*ast.CallExpr), a.Index, depth+1)...)
				continue
			}
			out = append(out, t.data(a.Value, depth+1)...)
		}
		return out
	case *ast.CallExpr:
		if tv, ok := info.Types[x.Fun]; ok && tv.IsType() {
			if len(x.Args) == 1 {
				return t.data(x.Args[0], depth+1) // []byte(s), string(b), json.RawMessage(b)
			}
			return nil
		}
		return t.result(x, 0, depth+1)
	case *ast.SliceExpr:
		return t.data(x.X, depth+1)
	case *ast.StarExpr:
		return t.data(x.X, depth+1)
	}
	return nil
}

// result follows result idx of a call: through the pass-through functions
// of the standard library, and into the return statements of the
// package's own functions, binding their parameters to the arguments.
func (t *tracer) result(call *ast.CallExpr, idx, depth int) []source {
	if depth > maxDepth {
		t.exhausted = true
		return nil
	}
	var callee *flow.Func
	shift := 0
	switch fn := typeutil.Callee(t.ix.Info, call).(type) {
	case *types.Func:
		key := flow.FuncKey(fn)
		if key == ceEventPath+".Event.Data" {
			return []source{{event: true}}
		}
		if i, ok := passThrough[key]; ok {
			if idx == 0 && i < len(call.Args) {
				return t.data(call.Args[i], depth+1)
			}
			return nil
		}
		callee = t.ix.Decl(fn)
		if callee == nil {
			return t.getter(fn, call)
		}
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s, ok := t.ix.Info.Selections[sel]; ok && s.Kind() == types.MethodExpr {
				shift = 1
			}
		}
	default:
		callee, _ = t.ix.LocalCallee(call.Fun)
	}
	if callee == nil {
		return nil
	}
	// The returns are followed with the callee marked, and the arguments
	// after: trim(trim(b)) is no recursion.
	key := resultKey{callee, idx}
	if t.activeResults[key] {
		return nil
	}
	t.activeResults[key] = true
	var out []source
	var params []int
	for _, ret := range callee.Returns {
		if len(ret.Results) != callee.Sig.Results().Len() || idx >= len(ret.Results) {
			continue
		}
		for _, s := range t.data(ret.Results[idx], depth+1) {
			if s.param != nil && s.param.Fn == callee {
				if !slices.Contains(params, s.param.I) {
					params = append(params, s.param.I)
				}
				continue
			}
			out = append(out, s)
		}
	}
	delete(t.activeResults, key)
	cs := &flow.Call{Call: call, Callee: callee, Shift: shift}
	for _, i := range params {
		out = append(out, t.data(cs.ArgFor(i), depth+1)...)
	}
	return out
}

// getter reads a call of GetF() on a type with a field F, declared in
// another package, as the field itself: the nil-safe getters that
// protoc-gen-go writes (msg.GetMessage().GetData()).
func (t *tracer) getter(fn *types.Func, call *ast.CallExpr) []source {
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

// target follows what a decode call decodes into to its type.
func (t *tracer) target(e ast.Expr, depth int) []target {
	if e == nil || t.spend() {
		return []target{{}}
	}
	if depth > maxDepth {
		t.exhausted = true
		return []target{{}}
	}
	e = ast.Unparen(e)
	tv := t.ix.Info.TypeOf(e)
	if tv == nil {
		return []target{{}}
	}
	if p, ok := tv.Underlying().(*types.Pointer); ok {
		return []target{{typ: p.Elem()}}
	}
	if !types.IsInterface(tv) {
		return nil
	}
	// An interface value: a helper's parameter, or a variable that holds
	// a pointer.
	if id, ok := e.(*ast.Ident); ok {
		if v, ok := t.ix.Info.Uses[id].(*types.Var); ok {
			var out []target
			if p, ok := t.ix.Params[v]; ok {
				out = append(out, target{param: &p})
			}
			for _, a := range t.ix.LocalAssigns(v) {
				if a.Index < 0 {
					out = append(out, t.target(a.Value, depth+1)...)
				}
			}
			if len(out) > 0 {
				return out
			}
		}
	}
	return []target{{}}
}
