package sdkroute

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/objectpath"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// An index is the package's flow index with what faassdk adds: the
// containers of calls (declarations, and literals outside any) with their
// SDK sites, the JSON encodes and decodes, and the state of the current
// resolution.
type index struct {
	flow.Tracer
	pass *analysis.Pass // faassdk's, which exports its facts
	// paths names objects by objectpath, its traversal of each package
	// done once per pass rather than once per object.
	paths objectpath.Encoder

	fns   []*fnInfo              // containers in source order
	fnOf  map[*flow.Func]*fnInfo // the containers, by function
	anyOp bool

	// encodes holds json.NewEncoder(w).Encode(v) calls; encodedInto maps
	// the variable behind w to the encoded values once the pass is done.
	encodes     []*ast.CallExpr
	encodedInto map[*types.Var][]ast.Expr
	// decodes holds the JSON decodes that may read a callee's answer.
	decodes []*decode
	// callers counts the static calls of each func within the package.
	callers map[*fnInfo]int
	// doCalls are the (*http.Client).Do calls, which send a request.
	doCalls []*ast.CallExpr

	// dispatchOnly says the package imports no SDK and no package with
	// summarised sends: it is indexed only for the calls of its own
	// module's interfaces (callsOwnInterface), which its importers
	// resolve, so its dispatches are not narrowed to concrete values.
	dispatchOnly bool

	// syms are the stand-ins for parameters and receiver fields of a
	// func being summarised (fact.go); symFields the receiver fields'.
	syms      map[ast.Expr]sym
	symFields map[string]ast.Expr
	// symDefaults are the values of the receiver's unexported fields
	// that every assignment in the package agrees on (fieldDefault).
	symDefaults map[string][]Part
	// fixed are stand-ins for values another package's fact gives (a
	// constructor's field set from a constant or the environment).
	fixed map[ast.Expr]strv
	// pkgs indexes the packages the pass can see, by path, once needed;
	// factsByName the summarised methods of imported packages, by name.
	pkgs        map[string]*types.Package
	factsByName map[string][]*types.Func
	// methods are this package's methods with a body, by name, once an
	// interface call needs them (dispatch.go).
	methods map[string][]*fnInfo
	// outboxes are the slice fields that only appends fill, and
	// outSyms the stand-ins for their values and elements (outbox.go),
	// which outlive a summary's.
	outboxes map[*types.Var]*outbox
	outSyms  map[ast.Expr]sym
	outPaths map[string]ast.Expr
	// envPrefix is the envconfig.Process prefix, once looked for.
	envPrefix   *string
	envPrefixOK bool
}

// A fnInfo is a container of calls: a declared func, or a func literal
// outside any declaration (a package-level var).
type fnInfo struct {
	*flow.Func
	sites []*site
	// reaches is set when an SDK call is in the body or in a func that it
	// calls statically.
	reaches bool
}

// A site is a call in a container: an SDK operation, a static call of a
// same-package func with a body, or a call of another package's func
// whose fact summarises the sends it makes.
type site struct {
	call    *ast.CallExpr
	op      *op
	callee  *fnInfo
	in      *fnInfo
	ext     *types.Func // the other package's func, with summary
	summary *SendsFact
	// A call of an interface method (iface) may run any implementation:
	// impls are this package's methods that implement it and reach an
	// SDK call, exts the other packages' that have a summary
	// (class-hierarchy analysis, dispatch.go). tooMany is set, with no
	// candidates, when there are more than maxImpls.
	iface   *types.Func
	impls   []*fnInfo
	exts    []extImpl
	tooMany int
	// open is an interface method that nothing in sight implements,
	// left for the importer (opendispatch.go).
	open *types.Func
	// outbox, for an append to an outbox field, makes the sends of its
	// drain for the appended elements (outbox.go).
	outbox *outbox
}

// An extImpl is a method of another package with its summary.
type extImpl struct {
	fn *types.Func
	f  *SendsFact
}

// A decode is a JSON decode: json.Unmarshal(data, target),
// json.NewDecoder(data).Decode(target), or event.DataAs(target) with data
// the event.
type decode struct {
	call   *ast.CallExpr
	data   ast.Expr
	target ast.Expr
}

func newIndex(pass *analysis.Pass, fx *flow.Index) *index {
	x := &index{
		Tracer:      flow.Tracer{Index: fx},
		pass:        pass,
		fnOf:        map[*flow.Func]*fnInfo{},
		encodedInto: map[*types.Var][]ast.Expr{},
		callers:     map[*fnInfo]int{},
	}
	x.Hooks = x
	return x
}

// build classifies the calls of the flow index, once every declaration is
// known.
func (x *index) build() {
	for _, f := range x.Funcs {
		if f.Parent == nil {
			fi := &fnInfo{Func: f}
			x.fnOf[f] = fi
			x.fns = append(x.fns, fi)
		}
	}
	for _, c := range x.Calls {
		x.callFacts(c.Call)
	}
	for _, c := range x.Calls {
		if c.In == nil {
			continue
		}
		s := &site{call: c.Call, in: x.fnOf[c.In.Container()]}
		if callee := x.staticCallee(s.call); callee != nil {
			s.callee = callee
			x.callers[callee]++
		} else if s.op = x.recognise(s.call); s.op != nil {
			x.anyOp = true
		} else if x.ifaceCall(s) {
			x.anyOp = x.anyOp || len(s.exts) > 0 || s.tooMany > 0
		} else if fn, f := x.summaryOf(s.call); f != nil {
			s.ext, s.summary = fn, f
			x.anyOp = true
		} else if x.openIface(s) {
			// reaches an SDK call only in an importer's view
		} else {
			continue
		}
		s.in.sites = append(s.in.sites, s)
	}
	for _, call := range x.encodes {
		w := ast.Expr(nil)
		switch recv := ast.Unparen(call.Fun.(*ast.SelectorExpr).X).(type) {
		case *ast.CallExpr: // json.NewEncoder(w).Encode(v)
			w = flow.ArgAt(recv, 0)
		case *ast.Ident: // enc := json.NewEncoder(w); enc.Encode(v)
			if v := x.VarOf(recv); v != nil {
				if as := x.Assigns[v]; len(as) == 1 {
					if c, ok := ast.Unparen(as[0].Value).(*ast.CallExpr); ok && x.IsFunc(c, "NewEncoder", jsonPkgs...) {
						w = flow.ArgAt(c, 0)
					}
				}
			}
		}
		if v := x.VarOf(flow.StripAddr(w)); v != nil && len(call.Args) == 1 {
			x.encodedInto[v] = append(x.encodedInto[v], call.Args[0])
		}
	}
	x.markReaches()
	x.buildOutboxes()
}

// callFacts records what a call tells about variables: method calls on
// them, JSON encodes and decodes.
func (x *index) callFacts(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		if x.IsFunc(call, "Unmarshal", jsonPkgs...) && len(call.Args) == 2 {
			x.decodes = append(x.decodes, &decode{call: call, data: call.Args[0], target: call.Args[1]})
		}
		return
	}
	fn, ok := typeutil.Callee(x.Info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return
	}
	switch {
	case isJSONPkg(fn.Pkg().Path()) && fn.Name() == "Unmarshal" && len(call.Args) == 2:
		x.decodes = append(x.decodes, &decode{call: call, data: call.Args[0], target: call.Args[1]})
	case isJSONPkg(fn.Pkg().Path()) && fn.Name() == "Encode" && flow.RecvNamed(fn, "Encoder"):
		x.encodes = append(x.encodes, call)
	case isJSONPkg(fn.Pkg().Path()) && fn.Name() == "Decode" && flow.RecvNamed(fn, "Decoder") && len(call.Args) == 1:
		var data ast.Expr
		switch recv := ast.Unparen(sel.X).(type) {
		case *ast.CallExpr:
			if x.IsFunc(recv, "NewDecoder", jsonPkgs...) {
				data = flow.ArgAt(recv, 0)
			}
		default:
			data = recv // a decoder variable: followed when matched
		}
		x.decodes = append(x.decodes, &decode{call: call, data: data, target: call.Args[0]})
	case fn.Pkg().Path() == httpPath && fn.Name() == "Do" && flow.RecvNamed(fn, "Client") && len(call.Args) == 1:
		x.doCalls = append(x.doCalls, call)
	case fn.Pkg().Path() == ceEventPath && fn.Name() == "DataAs" && len(call.Args) == 1:
		x.decodes = append(x.decodes, &decode{call: call, data: sel.X, target: call.Args[0]})
	}
}

// staticCallee returns the container of the same-package func with a
// body that call calls statically, or nil.
func (x *index) staticCallee(call *ast.CallExpr) *fnInfo {
	return x.fnOf[x.StaticCallee(call)]
}

// markReaches finds the funcs from which an SDK call is reachable, so that
// walks skip the rest.
func (x *index) markReaches() {
	for _, fi := range x.fns {
		for _, s := range fi.sites {
			if s.op != nil || s.summary != nil || len(s.exts) > 0 || s.tooMany > 0 || s.open != nil || s.outbox != nil {
				fi.reaches = true
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fi := range x.fns {
			if fi.reaches {
				continue
			}
			for _, s := range fi.sites {
				if s.callee != nil && s.callee.reaches || slices.ContainsFunc(s.impls, func(i *fnInfo) bool { return i.reaches }) {
					fi.reaches, changed = true, true
					break
				}
			}
		}
	}
}

// The encoding/json family: drop-in replacements encode the same JSON.
var jsonPkgs = flow.JSONPackages

func isJSONPkg(path string) bool { return slices.Contains(jsonPkgs, path) }
