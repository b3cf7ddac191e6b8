package link

import (
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/analyzer/errtype"
	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/internal/spell"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/report"
)

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
	dir string
	// uses are the funcs the code names; reads what each handler reads
	// of its input (summary.go).
	uses     *Uses
	reads    map[*handler.Function]reads
	fset     *token.FileSet
	funcs    []*fnRec
	byName   map[string]*fnRec
	routes   []*routeRec
	graph    *graphext.Graph
	findings []report.Finding
	// origins are where the edges from code were declared, for
	// suppressions.
	origins map[*graphext.Edge]origin

	// payloads are what consumers decode out of their envelopes.
	payloads map[*handler.Function]*consumer.Payload
	// errors are the error types each handler can return.
	errors map[*handler.Function]*errtype.Set
	// model is the manifests' graph; bound maps its function IDs to the
	// code's functions, manifestNames the others to their node names.
	model         *manifest.Model
	bound         map[string]*fnRec
	manifestOnly  []string
	manifestNames map[string]string
	// entryFns are the entry-point candidates a manifest deploys with no
	// code directory, by the manifest function's ID (deployedEntry).
	entryFns map[string]*handler.Function
	// entryCount counts the candidates of each func name in the tree.
	entryCount map[string]int
	// deployed maps the names manifests deploy code functions under to
	// their nodes ("" where two share a name), once built (deployedAs).
	deployed map[string]string
	// mains are the main packages that register no function (programs),
	// by directory relative to dir; deployedProgs are those a manifest
	// deploys (a Knative Service, a Deployment), each one node named as
	// deployed (bindProgram).
	mains         map[string][]Package
	deployedProgs map[*packages.Package]*fnRec
	// mainAt are the programs' funcs main that their types do not have
	// (Package.Main).
	mainAt map[*packages.Package]token.Pos
	// aliases are the names of functions renamed because a function of
	// another deployment unit has their name, by unit and old name.
	aliases map[[2]string]string
	unitOf  func(*fnRec) string

	// nodeNames are the graph's node names for unknownTarget's
	// suggestions, collected at the first unknown target: every node
	// that build can route to exists before its first edge.
	nodeNames []string
	dist      spell.Matcher
	// unboundSeen are the unbound sends already reported (unbound.go).
	unboundSeen map[string]bool
	// routesOf and boundIDs index routes and p.bound by function for
	// buildSDK.
	routesOf map[*fnRec][]*routeRec
	boundIDs map[*fnRec][]string
	// copies are the further deployments of a code function, by the
	// code's function (copied marks them), and pinned the manifest
	// functions bound to them, by ID (deploy.go).
	copies map[*fnRec][]*fnRec
	copied map[*fnRec]bool
	pinned map[string]*fnRec
	// topicFeeds are, by queue, the first link from a topic to it
	// (snsDelivery).
	topicFeeds map[string]*manifest.Link
	// machineSends are the edges from a state machine to what its
	// service integrations send to, with the simulated payloads.
	machineSends map[*graphext.Edge]*machineSend
	// feeders is the transpose of the channel-to-channel routes
	// (deliveries, not machine sends), built when publishers first asks.
	feeders *graphext.Graph
	// failureNames name what the failure paths and destinations of
	// functions send (failurePayload); destTypes are the invocation
	// record types made for them.
	failureNames map[*graphext.Edge]string
	destTypes    map[destKey]types.Type
}

func newProgram(dir string, sums []Package, payloads map[*handler.Function]*consumer.Payload, errs map[*handler.Function]*errtype.Set,
	model *manifest.Model, calls []Call, uses *Uses) (p *program) {
	if uses == nil {
		uses = NewUses()
	}
	p = &program{dir: dir, byName: map[string]*fnRec{}, graph: graphext.New(), origins: map[*graphext.Edge]origin{}, uses: uses, reads: map[*handler.Function]reads{},
		payloads: payloads, errors: errs, model: model, bound: map[string]*fnRec{}, manifestNames: map[string]string{},
		machineSends: map[*graphext.Edge]*machineSend{}, failureNames: map[*graphext.Edge]string{}, destTypes: map[destKey]types.Type{}}
	defer func() {
		// The graph phase must not take the run down: report and go on
		// with what the analyzers found. p is the named result, so the
		// caller gets this program, with the graph built so far.
		if r := recover(); r != nil {
			p.emit(finding{check: "internal-error",
				msg: fmt.Sprintf("internal error: the whole-program phase panicked: %v; the per-package findings stand, the graph findings are incomplete; please report this at https://github.com/faasvet/faasvet/issues", r)})
		}
	}()
	slices.SortFunc(sums, func(a, b Package) int { return strings.Compare(a.Pkg.ID, b.Pkg.ID) })
	seen := map[string]bool{}
	var pkgs []Package
	for _, ps := range sums {
		maps.Copy(p.reads, ps.reads)
		// The test variant of a package already seen has its path and its
		// directory; modules loaded apart may share a path (OpenFaaS
		// templates name every function's module handler/function), and
		// each of those is a package of its own.
		key := ps.Pkg.PkgPath + "\x00" + pkgDir(ps.Pkg)
		if seen[key] {
			continue
		}
		seen[key] = true
		pkgs = append(pkgs, ps)
		p.fset = ps.Pkg.Fset
	}
	p.indexMains(pkgs)
	p.merge(pkgs)
	p.disambiguate()
	p.duplicates()
	p.deployTwice()
	p.build()
	p.buildManifests()
	p.buildMachineFlows()
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

// handlerKeys are the keys of all of fn's handlers: its handler's first,
// then those of the handlers chosen at run time in its place
// (handler.Function.Alternatives).
func handlerKeys(fn *handler.Function) []string {
	var keys []string
	if k := handlerKey(fn); k != "" {
		keys = append(keys, k)
	}
	for _, h := range fn.Alternatives {
		keys = append(keys, h.Origin().FullName())
	}
	return keys
}

// merge collects the functions and routes, folding a //faas:function
// declaration on a handler into the function that registers it in a main
// package elsewhere, and binding routes declared on such handlers.
func (p *program) merge(pkgs []Package) {
	p.entryFns, p.entryCount = map[string]*handler.Function{}, map[string]int{}
	for _, ps := range pkgs {
		for _, fn := range ps.Summary.Functions {
			if fn.Candidate && fn.Handler != nil {
				p.entryCount[fn.Handler.Name()]++
			}
		}
	}
	// The handlers that programs deploy through a starter: the starter's
	// own function, in its library package, stands for them only when no
	// analysed program calls it.
	started := map[string]bool{}
	for _, ps := range pkgs {
		for _, fn := range ps.Summary.Functions {
			if !fn.Starter && fn.Wrapper != "" {
				for _, k := range handlerKeys(fn) {
					started[k] = true
				}
			}
		}
	}
	registered := map[string]*fnRec{}
	for _, ps := range pkgs {
		for _, fn := range ps.Summary.Functions {
			if fn.Platform == handler.Declared || fn.Starter && started[handlerKey(fn)] {
				continue
			}
			if fn.Candidate && !p.deployedEntry(ps.Pkg, fn) {
				continue // an exported func that no deploy configuration names
			}
			rec := &fnRec{fn, ps.Pkg, ps.Summary}
			p.funcs = append(p.funcs, rec)
			for _, k := range handlerKeys(fn) {
				if registered[k] == nil {
					registered[k] = rec
				}
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
				p.report("directive", r.Pos, []string{r.Handler, string(r.Kind)}, fmt.Sprintf("//faas:%s is on %s, which no package in the analysed tree registers as a function: register it, or declare it with //faas:function", r.Kind, shortName(r.Handler)),
					[]checks.Site{{Ignores: ignores(ps.Summary), Pos: r.Pos}})
				continue
			}
			p.routes = append(p.routes, &routeRec{r, rec, ps.Summary})
		}
	}
	slices.SortStableFunc(p.funcs, func(a, b *fnRec) int {
		return strings.Compare(a.fn.Name, b.fn.Name)
	})
}

// disambiguate renames functions that are named after their package's
// directory when another package's function has the same derived name:
// each takes the shortest suffix of its directory path that tells it
// apart (posts/delete and applications/delete; orders/cmd and
// billing/cmd). Independent programs that keep main in a directory of the
// same name are not a problem of the app, and each stays in the graph. A
// name someone gave (a platform registration, a //faas:function
// directive) is never changed, and a collision with one is still
// duplicate-function's.
func (p *program) disambiguate() {
	byName := map[string][]*fnRec{}
	var names []string
	for _, rec := range p.funcs {
		if byName[rec.fn.Name] == nil {
			names = append(names, rec.fn.Name)
		}
		byName[rec.fn.Name] = append(byName[rec.fn.Name], rec)
	}
	taken := func(n string) bool { return byName[n] != nil }
	for _, name := range names {
		recs := byName[name]
		if len(recs) < 2 {
			continue
		}
		pkgs := map[*packages.Package]bool{}
		derived := true
		for _, r := range recs {
			pkgs[r.pkg] = true
			derived = derived && r.fn.NameSource == handler.NamePackage
		}
		if !derived || len(pkgs) != len(recs) {
			continue
		}
		dirs := make([][]string, len(recs))
		for i, r := range recs {
			dirs[i] = strings.Split(path.Dir(relPath(p.dir, p.fset.Position(r.fn.Pos).Filename)), "/")
		}
		for k := 2; ; k++ {
			seen := map[string]bool{}
			renamed := make([]string, len(recs))
			ok, exhausted := true, true
			for i, d := range dirs {
				n := strings.Join(d[max(0, len(d)-k):], "/")
				if k < len(d) {
					exhausted = false
				}
				if seen[n] || taken(n) {
					ok = false
				}
				seen[n], renamed[i] = true, n
			}
			if ok {
				for i, r := range recs {
					r.fn.Name = renamed[i]
					byName[renamed[i]] = []*fnRec{r}
				}
				break
			}
			if exhausted {
				break // the same path in two modules: duplicates says so
			}
		}
	}
	slices.SortStableFunc(p.funcs, func(a, b *fnRec) int {
		return strings.Compare(a.fn.Name, b.fn.Name)
	})
}

// duplicates reports function names used in more than one package of
// one deployment unit (units): names need be unique only within what one
// deployment joins. The one that stands for the name in the graph is the
// first by name whose name someone gave, else the first: the finding goes
// on the other. A function of another unit that has the name is no
// duplicate: it is renamed by its path (aliasName) and stays in the graph.
func (p *program) duplicates() {
	for _, rec := range p.funcs {
		cur, ok := p.byName[rec.fn.Name]
		if !ok || cur.fn.NameSource == handler.NamePackage && rec.fn.NameSource != handler.NamePackage {
			p.byName[rec.fn.Name] = rec
		}
	}
	unitOf := p.units()
	p.unitOf = unitOf
	for _, rec := range p.funcs {
		first := p.byName[rec.fn.Name]
		if first == rec || first.pkg == rec.pkg {
			continue // within one package: the analyzer's business
		}
		if u := unitOf(rec); u != unitOf(first) {
			p.aliasName(rec, u)
			continue
		}
		at := p.fset.Position(first.fn.Pos)
		p.report("duplicate-function", rec.fn.Pos, []string{rec.fn.Name, rec.pkg.PkgPath},
			fmt.Sprintf("function name %q is also the name of the function in package %s (%s:%d): the graph cannot tell them apart; name one with //faas:function NAME",
				rec.fn.Name, first.pkg.PkgPath, relPath(p.dir, at.Filename), at.Line),
			[]checks.Site{{Ignores: ignores(rec.sum), Pos: rec.fn.Pos}},
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
				if alias := p.aliasIn(rr.fn, to); alias != "" {
					to = alias
				}
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
				p.addRouteEdge(rr, &graphext.Edge{From: self, To: target, Via: via, Async: graphext.IsAsync(via),
					Producer: producer(rr), Consumer: consumes, Payload: r.PayloadExpr, Source: r.Source,
					Pos: p.pos(r.Pos), AllowCycle: r.AllowCycle})
			}
		case handler.Publish:
			p.addRouteEdge(rr, &graphext.Edge{From: self, To: graphext.ChannelID(r.Topic), Via: "topic", Async: true,
				Producer: producer(rr), Payload: r.PayloadExpr, Source: r.Source, Pos: p.pos(r.Pos), AllowCycle: r.AllowCycle})
		case handler.Subscribe:
			consumes := p.consumes(rr.fn)
			if r.Payload != nil {
				consumes = r.Payload
			}
			p.addRouteEdge(rr, &graphext.Edge{From: graphext.ChannelID(r.Topic), To: self, Via: "topic", Async: true,
				Consumer: consumes, Payload: r.PayloadExpr, Source: r.Source, Pos: p.pos(r.Pos), AllowCycle: r.AllowCycle})
		}
	}
}

func (p *program) addEdge(e *graphext.Edge) {
	if err := p.graph.AddEdge(e); err != nil {
		panic(err) // both ends were just added: a bug here, not in user code
	}
}

// addRouteEdge adds the edge of a //faas: route.
func (p *program) addRouteEdge(rr *routeRec, e *graphext.Edge) {
	p.addEdge(e)
	p.origins[e] = origin{site: siteOf(rr)[0], directive: true}
}

// producer is what a route sends: the payload= type, else the output.
func producer(rr *routeRec) types.Type {
	if rr.r.Payload != nil {
		return rr.r.Payload
	}
	return rr.fn.fn.Output
}

func (p *program) unknownTarget(rr *routeRec, to string) {
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
	p.report("unknown-target", rr.r.Pos, []string{rr.fn.fn.Name, to}, msg, siteOf(rr))
}

func (p *program) pos(at token.Pos) graphext.Pos {
	if !at.IsValid() || p.fset == nil {
		return graphext.Pos{}
	}
	ps := p.fset.Position(at)
	return graphext.Pos{File: relPath(p.dir, ps.Filename), Line: ps.Line, Column: ps.Column}
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

// pkgDir is the directory of a package's files, "" when it has none.
func pkgDir(p *packages.Package) string {
	if len(p.GoFiles) == 0 {
		return ""
	}
	return filepath.Dir(p.GoFiles[0])
}

// deployedEntry reports whether a manifest deploys an entry-point
// candidate: a function whose code is the candidate's package directory
// and whose entry point is its func. The function then takes the name the
// manifest deploys it under, which callers use.
func (p *program) deployedEntry(pkg *packages.Package, fn *handler.Function) bool {
	if p.model == nil || fn.Handler == nil {
		return false
	}
	dir := pkgDir(pkg)
	if dir == "" {
		return false
	}
	dir = relPath(p.dir, dir)
	for _, mf := range p.model.Functions {
		if mf.Entry != fn.Handler.Name() {
			continue
		}
		switch {
		case mf.CodeDir == dir:
		case mf.CodeDir == "" && p.entryCount[mf.Entry] == 1:
			// The manifest does not say where the code is (a zip built
			// elsewhere), and one candidate in the tree has that name.
			p.entryFns[mf.ID] = fn
		default:
			continue
		}
		if mf.Name != "" {
			fn.Name = mf.Name
		}
		fn.NameSource = handler.NameRegistered
		return true
	}
	return false
}

// units tells which deployment unit a function belongs to: its Go
// module, joined with the other modules whose code one manifest file
// deploys (a SAM template at the root of a repository whose functions
// each have a go.mod is one unit). Independent samples, each its own
// module deployed by its own manifests, are units of their own, and
// their names do not collide. Code outside any module is one unit.
func (p *program) units() func(*fnRec) string {
	modOf := func(rec *fnRec) string {
		if rec.pkg.Module != nil {
			return rec.pkg.Module.Dir
		}
		return ""
	}
	parent := map[string]string{}
	var find func(string) string
	find = func(x string) string {
		if q, ok := parent[x]; ok && q != x {
			r := find(q)
			parent[x] = r
			return r
		}
		return x
	}
	union := func(a, c string) {
		if ra, rc := find(a), find(c); ra != rc {
			if rc < ra {
				ra, rc = rc, ra
			}
			parent[rc] = ra
		}
	}
	if p.model != nil {
		dirMod := map[string]string{}
		for _, rec := range p.funcs {
			dirMod[p.pkgDir(rec)] = modOf(rec)
		}
		for _, ps := range p.mains {
			for _, q := range ps {
				if q.Pkg.Module != nil {
					dirMod[relPath(p.dir, pkgDir(q.Pkg))] = q.Pkg.Module.Dir
				}
			}
		}
		byFile := map[string]string{}
		for _, mf := range p.model.Functions {
			m, ok := dirMod[mf.CodeDir]
			if mf.CodeDir == "" || !ok {
				continue
			}
			if first, ok := byFile[mf.Pos.File]; ok {
				union(first, m)
			} else {
				byFile[mf.Pos.File] = m
			}
		}
	}
	return func(rec *fnRec) string { return find(modOf(rec)) }
}

// aliasName renames a function that shares its name with a function of
// another deployment unit: the shortest suffix of its directory that
// tells it apart, followed by the name when the directory does not end
// in it (samples/b/receiver stays b/receiver; a registered Receive in
// samples/b is b/Receive). Calls by the old name from its own unit
// still reach it (nameIn).
func (p *program) aliasName(rec *fnRec, unit string) {
	old := rec.fn.Name
	parts := strings.Split(path.Dir(relPath(p.dir, p.fset.Position(rec.fn.Pos).Filename)), "/")
	name := ""
	for k := 1; k <= len(parts); k++ {
		n := strings.Join(parts[len(parts)-k:], "/")
		if parts[len(parts)-1] != old {
			n += "/" + old
		}
		if n != old && p.byName[n] == nil {
			name = n
			break
		}
	}
	if name == "" {
		name = strings.Join(parts, "/") + "#" + old
	}
	rec.fn.Name = name
	p.byName[name] = rec
	if p.aliases == nil {
		p.aliases = map[[2]string]string{}
	}
	p.aliases[[2]string{unit, old}] = name
}

// aliasIn is the name that a function of rec's deployment unit, renamed
// by aliasName, now has, when rec calls it by its old name; "" when no
// function of the unit was renamed from name.
func (p *program) aliasIn(rec *fnRec, name string) string {
	if len(p.aliases) == 0 || rec == nil || p.unitOf == nil {
		return ""
	}
	return p.aliases[[2]string{p.unitOf(rec), name}]
}
