package sdkroute

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/analyzer/handler"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// A walker follows same-package static calls from the roots, the
// package's handlers first, and collects the SDK calls they reach.
type walker struct {
	x      *index
	sum    *handler.Summary
	budget int // frames left

	calls   []*Call
	group   map[*Call]int // the root a call was found from, in walk order
	root    int
	seen    map[string]bool
	bySite  map[*site][]*Call
	covered map[*site]bool // reached from a handler or an entry point
	// open, in a summary walk, takes the interface calls left for the
	// importer (opendispatch.go).
	open func(*site, *frame)
}

func (w *walker) run() ([]*Call, map[*site][]*Call) {
	w.seen, w.bySite, w.covered, w.group = map[string]bool{}, map[*site][]*Call{}, map[*site]bool{}, map[*Call]int{}
	reached := map[*site]bool{}
	for _, fn := range w.sum.Functions {
		if fn.Candidate {
			continue // an entry point only if a manifest says so: its calls go by its name (Entry)
		}
		root, sites := w.rootOf(fn)
		w.rootAt(fn, root, sites, reached)
		w.builtRoots(fn, root, sites, reached)
		for _, alt := range fn.Alternatives { // a handler chosen at run time: each candidate's calls are the function's
			if fi := w.x.fnOf[w.x.Decl(alt)]; fi != nil {
				w.rootAt(fn, fi, fi.sites, reached)
			}
		}
	}
	// In a program that registers one function, the funcs that its code
	// holds as values run in that function too.
	if fn, root := w.soleFunction(); fn != nil {
		var roots []*flow.Func
		if root != nil {
			roots = append(roots, root)
		}
		funcs, methods := w.x.LiveValues(w.x.pass.Files, roots)
		for _, f := range funcs {
			fi := w.x.fnOf[f]
			if fi == nil || !fi.reaches {
				continue
			}
			w.root++
			w.walk(fi.sites, &frame{Fn: fi.Func}, nil, func(s *site, fr *frame, chain []token.Pos) {
				reached[s] = true
				w.emit(s, fr, chain, fn, "")
			})
		}
		// So do the methods of interface values it holds as values (a
		// controller's methods registered with a router): as if called
		// where the value is taken, on what the interface holds there.
		for _, mv := range methods {
			if mv.In == nil {
				continue
			}
			s := &site{call: &ast.CallExpr{Fun: mv.Sel, Lparen: mv.Sel.End(), Rparen: mv.Sel.End()}, in: w.x.fnOf[mv.In.Container()]}
			if s.in == nil || !w.x.ifaceCall(s) {
				continue
			}
			w.root++
			w.walk([]*site{s}, &frame{Fn: mv.In}, nil, func(s *site, fr *frame, chain []token.Pos) {
				reached[s] = true
				w.emit(s, fr, chain, fn, "")
			})
		}
	}
	// Calls no handler reaches, from the package's entry points.
	for _, fi := range w.x.fns {
		if !fi.reaches || !w.isEntry(fi) {
			continue
		}
		w.root++
		w.walk(fi.sites, &frame{Fn: fi.Func}, nil, func(s *site, fr *frame, chain []token.Pos) {
			if !reached[s] {
				w.emit(s, fr, chain, nil, fi.FullName())
			}
		})
	}
	// What is still uncovered (funcs that only call each other, or walks
	// that ran out of budget): from the func holding the call.
	for _, fi := range w.x.fns {
		w.root++
		for _, s := range fi.sites {
			if s.op != nil && !reached[s] && !w.covered[s] {
				w.emit(s, &frame{Fn: fi.Func}, nil, nil, fi.FullName())
			}
		}
	}
	slices.SortStableFunc(w.calls, func(a, b *Call) int {
		if d := w.group[a] - w.group[b]; d != 0 {
			return d
		}
		return int(a.Pos - b.Pos)
	})
	return w.calls, w.bySite
}

// rootAt walks from a handler of fn, root, the calls in sites.
func (w *walker) rootAt(fn *handler.Function, root *fnInfo, sites []*site, reached map[*site]bool) {
	if root == nil || !root.reaches {
		return
	}
	w.root++
	w.walk(sites, &frame{Fn: root.Func}, nil, func(s *site, fr *frame, chain []token.Pos) {
		reached[s] = true
		w.emit(s, fr, chain, fn, "")
	})
}

// soleFunction returns the function of a main package that registers
// exactly one, with the container of its handler's code (nil when the
// handler is no func of the package); nil otherwise.
// A program is one process: whatever runs in it runs on that function's
// invocations (or its cold start), so a func it holds as a value, such as
// an entry of a route table that the handler's router dispatches to,
// sends on that function's behalf. With two functions registered, the
// program picks one at run time and a func value belongs to neither for
// certain; a package that is not main may be linked into several
// programs.
func (w *walker) soleFunction() (*handler.Function, *flow.Func) {
	if w.x.pass.Pkg.Name() != "main" {
		return nil, nil
	}
	var sole *handler.Function
	for _, fn := range w.sum.Functions {
		if fn.Candidate {
			continue
		}
		if sole != nil {
			return nil, nil
		}
		sole = fn
	}
	if sole == nil {
		return nil, nil
	}
	// A handler that is no func of the package (a func value built by
	// another package's adapter) roots nothing more than init and main.
	root, _ := w.rootOf(sole)
	if root == nil {
		return sole, nil
	}
	return sole, root.Func
}

// rootOf returns the container of a handler's code and the call sites in
// the handler: all of a declared func's, or those inside a literal.
func (w *walker) rootOf(fn *handler.Function) (*fnInfo, []*site) {
	if fn.Handler != nil {
		if fi := w.x.fnOf[w.x.Decl(fn.Handler)]; fi != nil {
			return fi, fi.sites
		}
		return nil, nil
	}
	lit := w.x.LitAt(fn.HandlerAt)
	if lit == nil {
		return nil, nil
	}
	fi := w.x.fnOf[lit.Container()]
	var sites []*site
	for _, s := range fi.sites {
		if within(lit.Lit, s.call) {
			sites = append(sites, s)
		}
	}
	return fi, sites
}

// isEntry reports whether code outside the package may call fi, or
// nothing inside it does.
func (w *walker) isEntry(fi *fnInfo) bool {
	return fi.Obj == nil || fi.Obj.Exported() || w.x.callers[fi] == 0
}

func (w *walker) walk(sites []*site, fr *frame, chain []token.Pos, visit func(*site, *frame, []token.Pos)) {
	for _, s := range sites {
		switch {
		case s.open != nil:
			if w.open != nil {
				w.open(s, fr)
			}
		case s.iface != nil:
			ds, n := w.x.dispatch(s, fr)
			if n > maxImpls || slices.ContainsFunc(ds, func(d dispatch) bool { return d.ext.fn != nil }) {
				visit(s, fr, chain)
			}
			for _, d := range ds {
				if d.impl == nil || fr.Depth >= flow.MaxDepth || w.budget <= 0 || onStack(fr, d.impl) {
					continue
				}
				w.budget--
				w.walk(d.impl.sites, w.x.BindRecv(d.impl.Func, s.call, fr, d.recv), append(slices.Clip(chain), s.call.Pos()), visit)
			}
		case s.op != nil, s.summary != nil, s.outbox != nil:
			visit(s, fr, chain)
		case s.callee != nil && s.callee.reaches:
			if fr.Depth >= flow.MaxDepth || w.budget <= 0 || onStack(fr, s.callee) {
				continue
			}
			w.budget--
			w.walk(s.callee.sites, w.x.Bind(s.callee.Func, s.call, fr), append(slices.Clip(chain), s.call.Pos()), visit)
		}
	}
}

func onStack(fr *frame, fi *fnInfo) bool {
	for ; fr != nil; fr = fr.Parent {
		if fr.Fn == fi.Func {
			return true
		}
	}
	return false
}

func (w *walker) emit(s *site, fr *frame, chain []token.Pos, fn *handler.Function, entry string) {
	w.covered[s] = true
	for _, c := range w.x.extract(s, fr) {
		if w.x.drainedBy(c) != 0 {
			continue // an outbox's element: its appender sends it (outbox.go)
		}
		c.Function, c.Entry, c.Enclosing = fn, entry, s.in.FullName()
		c.Chain = chain
		if fn != nil {
			c.Entry = ""
		}
		k := key(c)
		if w.seen[k] {
			continue
		}
		w.seen[k] = true
		w.calls = append(w.calls, c)
		w.group[c] = w.root
		w.bySite[s] = append(w.bySite[s], c)
	}
}

// key identifies a call for deduplication: one site reached on several
// paths, or batch entries alike, is one call.
func key(c *Call) string {
	return fmt.Sprintf("%p|%s|%d|%s|%+v|%+v|%s|%q|%v|%v|%s|%s|%s|%s|%s|%s", c.Function, c.Entry, c.Pos, c.Op, c.Target, c.Sink,
		typeStr(c.Payload), c.RawPayload, c.Async, c.Structured, typeStr(c.Response), c.Source, c.DetailType, c.EventType,
		c.EventSource, strings.Join(c.Unresolved, ","))
}
