package sdkroute

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// A function's handler is often a value built at its registration, not a
// func of the package: middleware around an adapter around a method
// value (functions.HTTP(name, otel.NewHandler(web.Build(h.Start),
// name).ServeHTTP)), inside a wrapper of the registrar. Whatever funcs
// that value is built from run, if at all, in that function's
// invocations: the values are the function's own. builtFrom follows the
// registration's arguments back through variables, the wrapper's
// parameters (when one call site calls the wrapper: with several, each
// registers another function and faasvet does not guess which), calls'
// arguments and receivers, and composite literals, to the func values
// they hold; this package's are walked as the function's roots, and the
// methods and funcs of other packages that have a summary are
// instantiated with the receiver the value is built on. Sends reached
// only otherwise stay entry points of their own, which the whole-program
// phase gives to a function or reports.

// maxBuiltDepth bounds the nesting builtFrom follows.
const maxBuiltDepth = 8

// A builtValue is a func value a handler is built from.
type builtValue struct {
	fi    *fnInfo // this package's func (its container, for a literal), or
	sites []*site // the func's sites (a literal's, within its container)
	// another package's func with a summary, named by expression e
	// (a method value's receiver is e's X)
	ext *types.Func
	f   *SendsFact
	e   ast.Expr
	fr  *frame
}

// builtRoots walks, for fn, the func values its registration builds
// its handler from, other than the handler's own code (root).
func (w *walker) builtRoots(fn *handler.Function, root *fnInfo, rootSites []*site, reached map[*site]bool) {
	reg := w.x.CallAt(fn.Pos)
	if reg == nil {
		return
	}
	in := w.x.FuncHolding(reg.Pos())
	if in == nil {
		return
	}
	fr := &frame{Fn: in}
	if in.Decl != nil && in.Decl.Type.Params.NumFields() > 0 {
		if callers := w.x.CallersOf(in); len(callers) == 1 && callers[0].In != nil {
			fr = w.x.Bind(in, callers[0].Call, &frame{Fn: callers[0].In})
		}
	}
	x := w.x
	x.Steps = 0
	var vals []builtValue
	seen := map[ast.Expr]bool{}
	for _, a := range reg.Args {
		x.builtFrom(flow.At(a, fr), 0, seen, &vals)
	}
	chain := []token.Pos{reg.Pos()}
	for _, v := range vals {
		switch {
		case v.fi != nil:
			if v.fi == root && len(v.sites) == len(rootSites) || !v.fi.reaches {
				continue
			}
			w.root++
			w.walk(v.sites, &frame{Fn: v.fi.Func}, chain, func(s *site, fr *frame, ch []token.Pos) {
				reached[s] = true
				w.emit(s, fr, ch, fn, "")
			})
		case isHandler(fn, v.ext):
			// The registered func itself, of another package: its
			// sends go to every function that registers it, by its
			// entry (the whole-program phase prefers the deployed one
			// to a local runner's).
		default:
			s := &site{call: &ast.CallExpr{Fun: v.e, Lparen: v.e.End(), Rparen: v.e.End()}, ext: v.ext, summary: v.f, in: x.fnOf[in]}
			w.root++
			w.emit(s, v.fr, chain, fn, "")
		}
	}
}

// isHandler reports whether f is fn's handler or one of its alternatives.
func isHandler(fn *handler.Function, f *types.Func) bool {
	if fn.Handler != nil && fn.Handler.Origin() == f.Origin() {
		return true
	}
	return slices.ContainsFunc(fn.Alternatives, func(a *types.Func) bool { return a.Origin() == f.Origin() })
}

// builtFrom collects the func values that b is built from.
func (x *index) builtFrom(b bound, depth int, seen map[ast.Expr]bool, out *[]builtValue) {
	if depth > maxBuiltDepth || b.E == nil || seen[b.E] || len(*out) > flow.MaxValues || x.Tick() {
		return
	}
	seen[b.E] = true
	bs, _ := x.Origins(b)
	for _, o := range bs {
		switch e := ast.Unparen(o.E).(type) {
		case *ast.FuncLit:
			if f := x.Lit(e); f != nil {
				if fi := x.fnOf[f.Container()]; fi != nil {
					var sites []*site
					for _, s := range fi.sites {
						if within(e, s.call) {
							sites = append(sites, s)
						}
					}
					x.addBuilt(builtValue{fi: fi, sites: sites, fr: o.Fr}, out)
				}
			}
		case *ast.Ident, *ast.SelectorExpr, *ast.IndexExpr, *ast.IndexListExpr:
			fn := flow.FuncOf(x.Info, e)
			if fn == nil {
				continue
			}
			if fn.Pkg() == x.pass.Pkg {
				if f := x.Decl(fn); f != nil && x.fnOf[f] != nil {
					x.addBuilt(builtValue{fi: x.fnOf[f], sites: x.fnOf[f].sites, fr: o.Fr}, out)
				}
			} else {
				var f SendsFact
				if x.pass.ImportObjectFact(fn.Origin(), &f) {
					x.addBuilt(builtValue{ext: fn, f: &f, e: e, fr: o.Fr}, out)
				}
			}
			if sel, ok := e.(*ast.SelectorExpr); ok && fn.Signature().Recv() != nil {
				x.builtFrom(flow.At(sel.X, o.Fr), depth+1, seen, out) // the value the method is bound to
			}
		case *ast.CallExpr:
			if tv, ok := x.Info.Types[e.Fun]; ok && tv.IsType() {
				for _, a := range e.Args {
					x.builtFrom(flow.At(a, o.Fr), depth+1, seen, out)
				}
				continue
			}
			if callee := x.staticCallee(e); callee != nil && o.Fr.DepthOK() {
				fr := x.Bind(callee.Func, e, o.Fr)
				idx := max(o.Index, 0)
				for _, r := range x.LiveReturns(callee.Func) {
					if idx < len(r.Results) {
						x.builtFrom(flow.At(r.Results[idx], fr), depth+1, seen, out)
					}
				}
				continue
			}
			for _, a := range e.Args {
				x.builtFrom(flow.At(a, o.Fr), depth+1, seen, out)
			}
			if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok {
				if s, ok := x.Info.Selections[sel]; ok && s.Kind() == types.MethodVal {
					x.builtFrom(flow.At(sel.X, o.Fr), depth+1, seen, out)
				}
			}
		case *ast.UnaryExpr:
			if e.Op == token.AND {
				x.builtFrom(flow.At(e.X, o.Fr), depth+1, seen, out)
			}
		case *ast.CompositeLit:
			for _, el := range e.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				x.builtFrom(flow.At(el, o.Fr), depth+1, seen, out)
			}
		}
	}
}

func (x *index) addBuilt(v builtValue, out *[]builtValue) {
	if v.fi == nil && v.ext == nil {
		return
	}
	if slices.ContainsFunc(*out, func(u builtValue) bool {
		return v.fi != nil && u.fi == v.fi && len(u.sites) == len(v.sites) || v.ext != nil && u.ext == v.ext && u.e == v.e
	}) {
		return
	}
	*out = append(*out, v)
}
