package link

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/internal/spell"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/report"
)

func init() {
	checks.Register(
		&checks.Check{ID: "cycle", Severity: checks.Error, Driver: "graph",
			Summary:  "routes that loop back to where they started",
			Variants: map[string]checks.Severity{"sync": checks.Warning}},
		&checks.Check{ID: "unknown-target", Severity: checks.Error, Driver: "graph",
			Summary: "a route to a function or channel that does not exist in the analysed tree"},
		&checks.Check{ID: "orphan-channel", Severity: checks.Warning, Driver: "graph",
			Summary: "a channel with publishers and no subscriber, or subscribers and no publisher"},
		&checks.Check{ID: "route-without-output", Severity: checks.Warning, Driver: "graph",
			Summary: "a function with no output routes somewhere: it sends null"},
		&checks.Check{ID: "unreachable", Severity: checks.Info, Driver: "graph",
			Summary: "a function that routes elsewhere but that nothing feeds and its manifest gives no trigger"},
	)
}

// maxCycles bounds the cycle search: a dense graph has exponentially many.
const maxCycles = 1000

// A fnRec is one function of the program, with the package it lives in.
type fnRec struct {
	fn  *handler.Function
	pkg *packages.Package
	sum *handler.Summary
}

// A routeRec is one route, bound to its function.
type routeRec struct {
	r   *handler.Route
	fn  *fnRec
	sum *handler.Summary
}

// program is the whole-program phase: every package's summary, merged
// into one graph, and the checks that need all of it.
type program struct {
	dir      string
	fset     *token.FileSet
	funcs    []*fnRec
	byName   map[string]*fnRec
	routes   []*routeRec
	graph    *graphext.Graph
	findings []report.Finding

	// payloads are what consumers decode out of their envelopes.
	payloads map[*handler.Function]*consumer.Payload
	// model is the manifests' graph; bound maps its function IDs to the
	// code's functions, manifestNames the others to their node names.
	model         *manifest.Model
	bound         map[string]*fnRec
	manifestOnly  []string
	manifestNames map[string]string

	// nodeNames are the graph's node names for unknownTarget's
	// suggestions, collected at the first unknown target: every node
	// that build can route to exists before its first edge.
	nodeNames []string
	dist      spell.Matcher
	// routesOf and boundIDs index routes and p.bound by function for
	// buildSDK.
	routesOf map[*fnRec][]*routeRec
	boundIDs map[*fnRec][]string
	// topicFeeds are, by queue, the first link from a topic to it
	// (snsDelivery).
	topicFeeds map[string]*manifest.Link
}

func newProgram(dir string, sums []Package, payloads map[*handler.Function]*consumer.Payload, model *manifest.Model, calls []Call) (p *program) {
	p = &program{dir: dir, byName: map[string]*fnRec{}, graph: graphext.New(),
		payloads: payloads, model: model, bound: map[string]*fnRec{}, manifestNames: map[string]string{}}
	defer func() {
		// The graph phase must not take the run down: report and go on
		// with what the analyzers found. p is the named result, so the
		// caller gets this program, with the graph built so far.
		if r := recover(); r != nil {
			p.add(graphext.Pos{}, report.Finding{Check: "internal-error", Severity: "error", URL: checks.Lookup("internal-error").URL(),
				Message: fmt.Sprintf("internal error: the whole-program phase panicked: %v; the per-package findings stand, the graph findings are incomplete; please report this at https://github.com/faasvet/faasvet/issues", r)})
		}
	}()
	slices.SortFunc(sums, func(a, b Package) int { return strings.Compare(a.Pkg.ID, b.Pkg.ID) })
	seen := map[string]bool{}
	var pkgs []Package
	for _, ps := range sums {
		if seen[ps.Pkg.PkgPath] { // the test variant of a package already seen
			continue
		}
		seen[ps.Pkg.PkgPath] = true
		pkgs = append(pkgs, ps)
		p.fset = ps.Pkg.Fset
	}
	p.merge(pkgs)
	p.duplicates()
	p.build()
	p.buildManifests()
	p.buildSDK(calls, sums)
	p.check()
	return p
}

// handlerKey identifies a handler across packages: each package sees its
// imports' funcs as distinct objects, but with one full name.
func handlerKey(fn *handler.Function) string {
	if fn.Handler == nil {
		return ""
	}
	return fn.Handler.Origin().FullName()
}

// merge collects the functions and routes, folding a //faas:function
// declaration on a handler into the function that registers it in a main
// package elsewhere, and binding routes declared on such handlers.
func (p *program) merge(pkgs []Package) {
	registered := map[string]*fnRec{}
	for _, ps := range pkgs {
		for _, fn := range ps.Summary.Functions {
			if fn.Platform == handler.Declared {
				continue
			}
			rec := &fnRec{fn, ps.Pkg, ps.Summary}
			p.funcs = append(p.funcs, rec)
			if k := handlerKey(fn); k != "" && registered[k] == nil {
				registered[k] = rec
			}
		}
	}
	folded := map[*handler.Function]*fnRec{}
	for _, ps := range pkgs {
		for _, fn := range ps.Summary.Functions {
			if fn.Platform != handler.Declared {
				continue
			}
			if reg := registered[handlerKey(fn)]; reg != nil && reg.pkg != ps.Pkg {
				if reg.fn.NameSource == handler.NamePackage && fn.NameSource == handler.NameDirective {
					reg.fn.Name, reg.fn.NameSource = fn.Name, fn.NameSource
				}
				folded[fn] = reg
				continue
			}
			p.funcs = append(p.funcs, &fnRec{fn, ps.Pkg, ps.Summary})
		}
	}
	recOf := map[*handler.Function]*fnRec{}
	for _, rec := range p.funcs {
		recOf[rec.fn] = rec
	}
	for _, ps := range pkgs {
		for _, r := range ps.Summary.Routes {
			var rec *fnRec
			switch {
			case r.Function != nil && folded[r.Function] != nil:
				rec = folded[r.Function]
			case r.Function != nil:
				rec = recOf[r.Function]
			default:
				rec = registered[r.Handler]
			}
			if rec == nil {
				if !ps.Summary.Ignores.Ignored(r.Pos, "directive") {
					p.report("directive", r.Pos, []string{r.Handler, string(r.Kind)}, fmt.Sprintf("//faas:%s is on %s, which no package in the analysed tree registers as a function: register it, or declare it with //faas:function", r.Kind, shortName(r.Handler)))
				}
				continue
			}
			p.routes = append(p.routes, &routeRec{r, rec, ps.Summary})
		}
	}
	slices.SortStableFunc(p.funcs, func(a, b *fnRec) int {
		return strings.Compare(a.fn.Name, b.fn.Name)
	})
}

// duplicates reports function names used in more than one package.
func (p *program) duplicates() {
	for _, rec := range p.funcs {
		first, ok := p.byName[rec.fn.Name]
		if !ok {
			p.byName[rec.fn.Name] = rec
			continue
		}
		if first.pkg == rec.pkg || rec.sum.Ignores.Ignored(rec.fn.Pos, "duplicate-function") {
			continue // within one package: the analyzer's business
		}
		at := p.fset.Position(first.fn.Pos)
		p.report("duplicate-function", rec.fn.Pos, []string{rec.fn.Name, rec.pkg.PkgPath},
			fmt.Sprintf("function name %q is also the name of the function in package %s (%s:%d): the graph cannot tell them apart; name one with //faas:function NAME",
				rec.fn.Name, first.pkg.PkgPath, relPath(p.dir, at.Filename), at.Line),
			related(p, first.fn.Pos, "the other function named "+rec.fn.Name))
	}
}

// build adds the nodes and edges.
func (p *program) build() {
	for _, rec := range p.funcs {
		if p.byName[rec.fn.Name] != rec {
			continue // a duplicate name: the first one stands for both
		}
		_ = p.graph.AddNode(&graphext.Node{
			ID: graphext.FunctionID(rec.fn.Name), Name: rec.fn.Name, Kind: graphext.FunctionNode,
			Platform: string(rec.fn.Platform), Package: rec.pkg.PkgPath, Func: funcName(rec),
			Input: rec.fn.Input, Output: rec.fn.Output, Pos: p.pos(rec.fn.Pos),
		})
	}
	// Channels are the topics that anything publishes or subscribes to.
	for _, rr := range p.routes {
		if rr.r.Kind == handler.Publish || rr.r.Kind == handler.Subscribe {
			if p.graph.Node(graphext.ChannelID(rr.r.Topic)) == nil {
				_ = p.graph.AddNode(&graphext.Node{ID: graphext.ChannelID(rr.r.Topic), Name: rr.r.Topic, Kind: graphext.ChannelNode, ChannelKind: "topic", Pos: p.pos(rr.r.Pos)})
			}
		}
	}
	for _, rr := range p.routes {
		r := rr.r
		self := graphext.FunctionID(rr.fn.fn.Name)
		switch r.Kind {
		case handler.RouteTo:
			for _, to := range r.To {
				target := graphext.FunctionID(to)
				var consumes types.Type
				if n := p.graph.Node(target); n != nil {
					if rec := p.byName[to]; rec != nil {
						consumes = p.consumes(rec)
					}
				} else if p.graph.Node(graphext.ChannelID(to)) != nil {
					target = graphext.ChannelID(to)
				} else {
					p.unknownTarget(rr, to)
					continue
				}
				via := cmpOr(r.Via, "direct")
				p.addEdge(&graphext.Edge{From: self, To: target, Via: via, Async: graphext.IsAsync(via),
					Producer: producer(rr), Consumer: consumes, Payload: r.PayloadExpr, Source: r.Source,
					Pos: p.pos(r.Pos), AllowCycle: r.AllowCycle, Data: rr})
			}
		case handler.Publish:
			p.addEdge(&graphext.Edge{From: self, To: graphext.ChannelID(r.Topic), Via: "topic", Async: true,
				Producer: producer(rr), Payload: r.PayloadExpr, Source: r.Source, Pos: p.pos(r.Pos), AllowCycle: r.AllowCycle, Data: rr})
		case handler.Subscribe:
			consumes := p.consumes(rr.fn)
			if r.Payload != nil {
				consumes = r.Payload
			}
			p.addEdge(&graphext.Edge{From: graphext.ChannelID(r.Topic), To: self, Via: "topic", Async: true,
				Consumer: consumes, Payload: r.PayloadExpr, Source: r.Source, Pos: p.pos(r.Pos), AllowCycle: r.AllowCycle, Data: rr})
		}
	}
}

func (p *program) addEdge(e *graphext.Edge) {
	if err := p.graph.AddEdge(e); err != nil {
		panic(err) // both ends were just added: a bug here, not in user code
	}
}

// producer is what a route sends: the payload= type, else the output.
func producer(rr *routeRec) types.Type {
	if rr.r.Payload != nil {
		return rr.r.Payload
	}
	return rr.fn.fn.Output
}

func (p *program) unknownTarget(rr *routeRec, to string) {
	if rr.sum.Ignores.Ignored(rr.r.Pos, "unknown-target") {
		return
	}
	if p.nodeNames == nil {
		nodes, _ := p.graph.Len()
		p.nodeNames = make([]string, 0, nodes)
		for _, n := range p.graph.Nodes() {
			p.nodeNames = append(p.nodeNames, n.Name)
		}
	}
	msg := fmt.Sprintf("%s routes to %q, but no function or channel of that name exists in the analysed tree: the route goes nowhere", rr.fn.fn.Name, to)
	if near := p.dist.Nearest(to, p.nodeNames); near != "" {
		msg += fmt.Sprintf("; did you mean %q?", near)
	} else {
		msg += "; name the target as its //faas:function directive, registration or package directory does"
	}
	p.report("unknown-target", rr.r.Pos, []string{rr.fn.fn.Name, to}, msg)
}

// check runs the graph checks.
func (p *program) check() {
	p.checkCycles()
	p.checkChannels()
	p.checkOutputs()
	p.checkEnvelopes()
	p.checkUnreachable()
	if wireCheck != nil {
		wireCheck(p)
	}
}

// wireCheck compares producer and consumer payloads on every edge; it is
// set by wire.go.
var wireCheck func(*program)

func (p *program) checkCycles() {
	cycles, truncated := p.graph.Cycles(maxCycles)
	for _, c := range cycles {
		var allowed bool
		for _, hop := range c.Hops {
			for _, e := range hop {
				allowed = allowed || e.AllowCycle != ""
			}
		}
		if allowed {
			continue
		}
		names := make([]string, 0, len(c.Nodes)+1)
		for _, id := range c.Nodes {
			names = append(names, p.graph.Node(id).Name)
		}
		names = append(names, names[0])
		first := c.Hops[0][0]
		rr, _ := first.Data.(*routeRec)
		if rr != nil && rr.sum.Ignores.Ignored(rr.r.Pos, "cycle") {
			continue
		}
		var rel []report.Related
		for _, hop := range c.Hops[1:] {
			e := hop[0]
			rel = append(rel, report.Related{File: e.Pos.File, Line: e.Pos.Line, Column: e.Pos.Column,
				Message: fmt.Sprintf("%s → %s (%s)", p.graph.Node(e.From).Name, p.graph.Node(e.To).Name, e.Via)})
		}
		path := strings.Join(names, " → ")
		if c.Async() {
			p.add(first.Pos, report.Finding{Check: "cycle", Severity: "error", URL: checks.Lookup("cycle").URL(), Related: rel, Keys: c.Nodes,
				Message: fmt.Sprintf("routes loop: %s; an asynchronous hop lets the loop run on its own, every message producing the next, until something breaks it: break the loop, or mark an intended one with //faas:allow-cycle REASON", path)})
		} else {
			p.add(first.Pos, report.Finding{Check: "cycle", Severity: "warning", URL: checks.Lookup("cycle").VariantURL("sync"), Related: rel, Keys: c.Nodes,
				Message: fmt.Sprintf("routes loop: %s; every hop is synchronous, so each call waits on the next and the loop ends only by timeout or recursion limit: break the loop, or mark an intended one with //faas:allow-cycle REASON", path)})
		}
	}
	if truncated {
		p.add(graphext.Pos{}, report.Finding{Check: "cycle", Severity: "error", URL: checks.Lookup("cycle").URL(),
			Message: fmt.Sprintf("the graph has more than %d elementary cycles; only the first %d are reported", maxCycles, maxCycles)})
	}
}

func (p *program) checkChannels() {
	for _, n := range p.graph.Nodes() {
		if n.Kind != graphext.ChannelNode {
			continue
		}
		in, out := p.graph.In(n.ID), p.graph.Out(n.ID)
		// Only channels that directives alone declare can be orphans: one
		// that a manifest declares or an SDK call names may have its
		// other end outside the analysed tree (a subscription made with
		// gcloud, another team's consumer).
		fromCode := func(es []*graphext.Edge) bool {
			return len(es) > 0 && !slices.ContainsFunc(es, func(e *graphext.Edge) bool { return e.Source != "directive" })
		}
		var edges []*graphext.Edge
		var msg string
		switch {
		case len(out) == 0 && fromCode(in):
			edges, msg = in, fmt.Sprintf("channel %q has publishers (%s) but no subscriber in the analysed tree: what is published there is not consumed by any function faasvet knows", n.Name, names(p, in, true))
		case len(in) == 0 && fromCode(out):
			edges, msg = out, fmt.Sprintf("channel %q has subscribers (%s) but no publisher in the analysed tree: they never receive anything from the functions faasvet knows", n.Name, names(p, out, false))
		default:
			continue
		}
		if rr, ok := edges[0].Data.(*routeRec); ok && rr.sum.Ignores.Ignored(rr.r.Pos, "orphan-channel") {
			continue
		}
		p.add(edges[0].Pos, report.Finding{Check: "orphan-channel", Severity: "warning", URL: checks.Lookup("orphan-channel").URL(), Message: msg, Keys: []string{n.ID}})
	}
}

// checkOutputs: a JSON handler with no result that routes its output
// somewhere sends null.
func (p *program) checkOutputs() {
	for _, rr := range p.routes {
		fn := rr.fn.fn
		if rr.r.Payload != nil || rr.r.Kind == handler.Subscribe || !fn.OutputNull {
			continue
		}
		if rr.sum.Ignores.Ignored(rr.r.Pos, "route-without-output") {
			continue
		}
		target := "topic " + rr.r.Topic
		if rr.r.Kind == handler.RouteTo {
			target = strings.Join(rr.r.To, ", ")
		}
		p.report("route-without-output", rr.r.Pos, []string{fn.Name, target}, fmt.Sprintf(
			"%s routes its output to %s, but its handler %s returns no value: the platform sends null, which the receiver decodes as an empty payload; return the payload, or name it with payload=TYPE if the function sends it another way",
			fn.Name, target, types.TypeString(fn.Signature, qualifier)))
	}
}

func names(p *program, es []*graphext.Edge, from bool) string {
	var out []string
	for _, e := range es {
		id := e.To
		if from {
			id = e.From
		}
		if n := p.graph.Node(id).Name; !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}

func (p *program) pos(at token.Pos) graphext.Pos {
	if !at.IsValid() || p.fset == nil {
		return graphext.Pos{}
	}
	ps := p.fset.Position(at)
	return graphext.Pos{File: relPath(p.dir, ps.Filename), Line: ps.Line, Column: ps.Column}
}

// report adds a finding of a check at its default severity.
func (p *program) report(check string, at token.Pos, keys []string, msg string, rel ...report.Related) {
	url := checks.Lookup(check).URL()
	p.add(p.pos(at), report.Finding{Check: check, Severity: checks.SeverityOf(check, url).String(), URL: url, Message: msg, Related: rel, Keys: keys})
}

func (p *program) add(at graphext.Pos, f report.Finding) {
	f.File, f.Line, f.Column = at.File, at.Line, at.Column
	p.findings = append(p.findings, f)
}

func related(p *program, at token.Pos, msg string) report.Related {
	ps := p.pos(at)
	return report.Related{File: ps.File, Line: ps.Line, Column: ps.Column, Message: msg}
}

func qualifier(p *types.Package) string { return report.Qualifier(p) }

// funcName writes a handler as Go does: validate, (*gateway).charge.
func funcName(rec *fnRec) string {
	h := rec.fn.Handler
	if h == nil {
		return rec.fn.HandlerName
	}
	if recv := h.Signature().Recv(); recv != nil {
		return "(" + types.TypeString(recv.Type(), func(*types.Package) string { return "" }) + ")." + h.Name()
	}
	return h.Name()
}

func shortName(full string) string {
	if i := strings.LastIndex(full, "/"); i >= 0 {
		return full[i+1:]
	}
	return full
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// checkUnreachable: a function that sends on, that no route of the graph
// feeds, and whose manifest gives it no trigger (no event source, API,
// schedule) never runs as part of the app. Without a manifest entry
// nothing is known of its triggers, and nothing is said.
func (p *program) checkUnreachable() {
	if p.model == nil {
		return
	}
	ids := make([]string, 0, len(p.bound))
	for id := range p.bound {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		rec := p.bound[id]
		mf := p.model.Function(id)
		node := graphext.FunctionID(rec.fn.Name)
		// Only a Lambda function needs a trigger: OpenFaaS and Knative
		// functions answer HTTP at their gateway or route.
		if mf == nil || mf.Platform != manifest.PlatformLambda || len(mf.Triggers) > 0 || len(p.graph.In(node)) > 0 || len(p.graph.Out(node)) == 0 {
			continue
		}
		var to []string
		for _, id := range p.graph.Successors(node) {
			to = append(to, p.graph.Node(id).Name)
		}
		p.report("unreachable", rec.fn.Pos, []string{rec.fn.Name}, fmt.Sprintf(
			"%s routes to %s, but nothing in the graph invokes it and its manifest entry %s (%s) declares no trigger: as deployed it never runs, so neither do the routes out of it; add its event source, or the route that feeds it",
			rec.fn.Name, strings.Join(to, ", "), mf.LogicalID, mf.Pos))
	}
}
