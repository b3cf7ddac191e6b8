package link

import (
	"go/token"
	"go/types"
	"maps"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/manifest"
)

// buildSDK turns the code's SDK calls into edges: to a function by name,
// to a channel or state machine through the manifests (the environment
// variable the code reads, or a literal ARN, URL or name), and through
// EventBridge rules whose patterns match the event. A call whose target
// the tree does not name stays out of the graph: it may well be
// another team's queue.
func (p *program) buildSDK(calls []Call, sums []Package) {
	sumOf := map[*packages.Package]*handler.Summary{}
	for _, ps := range sums {
		sumOf[ps.Pkg] = ps.Summary
	}
	recOf := map[*handler.Function]*fnRec{}
	// byKey: every function whose handler is the entry's. One exported
	// func may be registered several times (two Cloud Functions with one
	// entry point, a deployed one and a local runner): each deployed one
	// sends (deployedFirst).
	byKey := map[string][]*fnRec{}
	// Each call looks at its function's routes and manifest entries:
	// index them once, not per call.
	p.routesOf = map[*fnRec][]*routeRec{}
	for _, rr := range p.routes {
		p.routesOf[rr.fn] = append(p.routesOf[rr.fn], rr)
	}
	p.boundIDs = map[*fnRec][]string{}
	for id, rec := range p.bound {
		p.boundIDs[rec] = append(p.boundIDs[rec], id)
	}
	for _, ids := range p.boundIDs {
		slices.Sort(ids)
	}
	for _, rec := range p.funcs {
		if p.copied[rec] {
			continue // drawn with the code's function (copies)
		}
		recOf[rec.fn] = rec
		for _, k := range handlerKeys(rec.fn) {
			byKey[k] = append(byKey[k], rec)
		}
	}
	var progs *programSet // indexed when the first call that no function makes needs it
	// A library's sends are attributed to the one program that links it
	// after everything else, and only where the program's own code has
	// not already drawn the same edge through the library's summary.
	var deferred []Call
	// The SDK calls some function or program makes (by sendOrigin), and
	// the calls given to none, reported unless another call makes them
	// (unattributed.go).
	made := map[string]bool{}
	var unattributed []Call
	var draw func(sc Call, rec *fnRec, library bool)
	pass := func(sc Call, library bool) {
		c := sc.SDK
		if rec := recOf[c.Function]; rec != nil {
			draw(sc, rec, library)
			return
		}
		if c.Function != nil && c.Function.Starter {
			// A starter's handler, in its library: each program that
			// calls the starter is a function with that handler
			// (merge's started), and sends what it sends.
			var recs []*fnRec
			for _, rec := range byKey[handlerKey(c.Function)] {
				if !rec.fn.Starter {
					recs = append(recs, rec)
				}
			}
			for _, rec := range p.deployedFirst(recs) {
				draw(sc, rec, library)
			}
			if len(recs) > 0 {
				return
			}
		}
		if c.Function == nil && len(byKey[c.Entry]) > 0 {
			for _, rec := range p.deployedFirst(byKey[c.Entry]) {
				draw(sc, rec, library)
			}
			return
		}
		if c.Sink.Kind == sdkroute.KindReply {
			return // a reply of a func that no function registers
		}
		var rec *fnRec
		if c.Function == nil {
			if progs == nil {
				progs = p.programs(sums)
			}
			if _, own := progs.links[sc.Pkg]; !own && !library {
				deferred = append(deferred, sc)
				return
			}
			if progs == nil {
				progs = p.programs(sums)
			}
			rec = progs.of(p, sc.Pkg)
		}
		draw(sc, rec, library)
	}
	var drawOne func(sc Call, rec *fnRec, library bool)
	draw = func(sc Call, rec *fnRec, library bool) {
		// A code deployed several times sends from each deployment.
		drawOne(sc, rec, library)
		for _, c := range p.copies[rec] {
			drawOne(sc, c, library)
		}
	}
	drawOne = func(sc Call, rec *fnRec, library bool) {
		c := sc.SDK
		if rec == nil && c.Function == nil && c.Op != "Receive" && c.Sink.Kind != sdkroute.KindReply {
			unattributed = append(unattributed, sc)
		}
		if rec == nil || p.byName[rec.fn.Name] != rec {
			return
		}
		made[sendOrigin(sc)] = true
		if p.describedByDirective(rec, c) {
			return
		}
		if c.Op == "Receive" {
			p.receive(rec, sc, sumOf[sc.Pkg])
			return
		}
		from := graphext.FunctionID(rec.fn.Name)
		targets := p.sdkTargets(rec, c)
		if len(targets) == 0 {
			p.unbound(rec, sc, sumOf[sc.Pkg])
		}
		if rec.fn.Platform == handler.Program && len(targets) > 0 && p.graph.Node(from) == nil {
			// A program is a node once something it sends reaches one.
			_ = p.graph.AddNode(&graphext.Node{ID: from, Name: rec.fn.Name, Kind: graphext.FunctionNode,
				Platform: string(handler.Program), Package: rec.pkg.PkgPath, Func: "main", Pos: p.pos(rec.fn.Pos)})
		}
		for _, to := range targets {
			if library && p.hasEdge(from, to, c.Payload) {
				continue
			}
			e := &graphext.Edge{From: from, To: to, Via: c.Via(), Async: c.Async, Producer: c.Payload,
				Source: "sdk", Pos: p.pos(c.Pos), EnvVar: c.Target.Env, EventType: c.EventType}
			if n := p.graph.Node(to); n.Kind == graphext.FunctionNode {
				if target := p.byName[n.Name]; target != nil {
					e.Consumer = p.consumes(target)
				}
			}
			p.addEdge(e)
			p.origins[e] = origin{site: checks.Site{Ignores: ignores(sumOf[sc.Pkg]), Pos: c.Pos}}
		}
	}
	for _, sc := range calls {
		pass(sc, false)
	}
	for _, sc := range deferred {
		pass(sc, true)
	}
	p.reportUnattributed(unattributed, made, sums, sumOf)
}

// deployedFirst narrows the functions that share one handler to those a
// manifest deploys, when any does: a local runner that registers the
// deployed entry point (funcframework on a laptop) is not part of the
// deployed app, and its copy of each route would repeat every finding.
func (p *program) deployedFirst(recs []*fnRec) []*fnRec {
	var deployed []*fnRec
	for _, rec := range recs {
		if len(p.boundIDs[rec]) > 0 {
			deployed = append(deployed, rec)
		}
	}
	if len(deployed) == 0 {
		return recs
	}
	return deployed
}

// hasEdge reports whether the graph has an edge from one node to another
// with the same payload type.
func (p *program) hasEdge(from, to string, payload types.Type) bool {
	for _, e := range p.graph.Out(from) {
		if e.To == to && (e.Producer == nil) == (payload == nil) && (payload == nil || types.Identical(e.Producer, payload)) {
			return true
		}
	}
	return false
}

// describedByDirective: a //faas: route of the function already says
// where this call goes, and draws the edge itself.
func (p *program) describedByDirective(rec *fnRec, c *sdkroute.Call) bool {
	for _, rr := range p.routesOf[rec] {
		switch rr.r.Kind {
		case handler.RouteTo:
			if rr.r.Via == c.Via() || rr.r.Via == "" && c.Via() == "direct" {
				return true
			}
		case handler.Publish:
			return true
		}
	}
	return false
}

// sdkTargets resolves a call's target to graph nodes.
func (p *program) sdkTargets(rec *fnRec, c *sdkroute.Call) []string {
	t := c.Target
	if c.Service == "cloudevents" {
		if targets, decided := p.ceTargets(rec, c); decided {
			return targets
		}
	}
	// An event on a bus goes where the rules whose patterns match it
	// send it, not to every target of the bus.
	if t.Kind == sdkroute.KindBus {
		// The bus the environment names, when it is one of the model:
		// only its rules see the event, and with no rule matching it the
		// event stops at the bus.
		if bus := p.envBus(rec, t.Env); bus != "" {
			if targets := p.ruleTargetsOn(c, bus); len(targets) > 0 {
				return targets
			}
			return []string{bus}
		}
		if targets := p.ruleTargets(c); len(targets) > 0 {
			return targets
		}
	}
	// A name the code gives: a function, or a channel the directives
	// declare.
	name := t.Name
	if strings.Contains(t.Env, "*") {
		// A variable whose name the code builds (QUEUE_*_URL): every
		// variable of the function's manifest that fits it is a target.
		return p.envPatternTargets(rec, t.Env)
	}
	if t.Env != "" {
		name = ""
		if v, ok := p.envValue(rec, t.Env); ok {
			if ep, ok := p.model.Resolve(v); ok {
				if id := p.endpointNode(ep); id != "" {
					return []string{id}
				}
			}
			if v.Kind == manifest.Literal {
				name = lastSegment(v.Text)
			}
		}
	} else if strings.Contains(name, "${") {
		// A name with environment variables in it (a queue looked up by
		// a name from the environment, a topic ARN built from parts):
		// the one variable that is the whole name resolves like Env; the
		// others are expanded where the manifest gives a literal.
		if env, ok := soleEnv(name); ok {
			name = ""
			if v, ok := p.envValue(rec, env); ok {
				if ep, ok := p.model.Resolve(v); ok {
					if id := p.endpointNode(ep); id != "" {
						return []string{id}
					}
				}
				if v.Kind == manifest.Literal {
					name = lastSegment(v.Text)
				}
			}
		} else {
			name = p.expandEnv(rec, name)
		}
	} else if p.model != nil && t.Value != "" && !strings.ContainsAny(t.Value, "*$") {
		if ep, ok := p.model.Resolve(manifest.Value{Kind: manifest.Literal, Text: t.Value}); ok {
			if id := p.endpointNode(ep); id != "" {
				return []string{id}
			}
		}
	}
	switch t.Kind {
	case sdkroute.KindFunction, sdkroute.KindOpenFaaS:
		if alias := p.aliasIn(rec, name); alias != "" {
			return []string{graphext.FunctionID(alias)}
		}
		if name != "" && p.graph.Node(graphext.FunctionID(name)) != nil {
			return []string{graphext.FunctionID(name)}
		}
		if id := p.deployedAs(name); id != "" {
			return []string{id}
		}
	case sdkroute.KindBus:
		return p.ruleTargets(c)
	case sdkroute.KindCloudEventType:
		return p.triggerTargets(c)
	case sdkroute.KindPubSubTopic:
		// Pub/Sub topic IDs are global names: the topic is a channel of
		// the graph whether or not a directive or manifest declares it.
		// A name with a part not known statically is no name: two such
		// calls would meet in one channel "*" and join unrelated
		// topics (unresolved-route says what is missing instead).
		if name != "" && !strings.ContainsAny(name, "*${}") {
			if p.graph.Node(graphext.ChannelID(name)) == nil {
				_ = p.graph.AddNode(&graphext.Node{ID: graphext.ChannelID(name), Name: name, Kind: graphext.ChannelNode, ChannelKind: "pubsub-topic", Pos: p.pos(c.Pos)})
			}
			return []string{graphext.ChannelID(name)}
		}
	case sdkroute.KindTopicARN, sdkroute.KindQueueURL, sdkroute.KindQueueARN:
		if name != "" && p.graph.Node(graphext.ChannelID(name)) != nil {
			return []string{graphext.ChannelID(name)}
		}
	}
	return nil
}

// envValue is what the environment variable holds in the function's
// manifest; in the first by ID of its manifest entries that sets it,
// when several manifests describe one function.
func (p *program) envValue(rec *fnRec, env string) (manifest.Value, bool) {
	if p.model == nil {
		return manifest.Value{}, false
	}
	for _, id := range p.boundIDs[rec] {
		if mf := p.model.Function(id); mf != nil {
			if v, ok := mf.Getenv(env); ok {
				return v.Value, true
			}
		}
	}
	return manifest.Value{}, false
}

// ruleTargets are the targets of the EventBridge rules whose patterns
// match the event a PutEvents call sends.
func (p *program) ruleTargets(c *sdkroute.Call) []string {
	return p.ruleTargetsOn(c, "")
}

// envBus is the graph node of the event bus that a function's
// environment variable names, when the model declares it.
func (p *program) envBus(rec *fnRec, env string) string {
	if env == "" || strings.Contains(env, "*") {
		return ""
	}
	v, ok := p.envValue(rec, env)
	if !ok {
		return ""
	}
	ep, ok := p.model.Resolve(v)
	if !ok || ep.Kind != manifest.EndChannel {
		return ""
	}
	if ch := p.model.Channel(ep.ID); ch == nil || ch.Kind != manifest.Bus {
		return ""
	}
	return p.endpointNode(ep)
}

// ruleTargetsOn is ruleTargets for the rules of one bus (its graph node;
// "" for any).
func (p *program) ruleTargetsOn(c *sdkroute.Call, bus string) []string {
	if p.model == nil || c.Source == "" {
		return nil
	}
	var out []string
	for _, l := range p.model.Links {
		if l.Event != "eventbridge" || l.Pattern == nil {
			continue
		}
		if bus != "" && p.endpointNode(l.From) != bus {
			continue
		}
		if len(l.Pattern.Sources) > 0 && !slices.Contains(l.Pattern.Sources, c.Source) {
			continue
		}
		if len(l.Pattern.DetailTypes) > 0 && !slices.Contains(l.Pattern.DetailTypes, c.DetailType) {
			continue
		}
		if len(l.Pattern.Sources) == 0 && len(l.Pattern.DetailTypes) == 0 {
			continue // a pattern on other fields: cannot tell
		}
		if id := p.endpointNode(l.To); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// lastSegment is the name at the end of an ARN, URL or path.
func lastSegment(s string) string {
	if i := strings.LastIndexAny(s, ":/"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// triggerTargets are the subscribers of the Knative Triggers whose
// filters match the CloudEvent a call sends.
func (p *program) triggerTargets(c *sdkroute.Call) []string {
	return p.brokerTargets(c, "")
}

// brokerTargets are the subscribers of the Triggers of one broker (its
// channel ID; "" for any) whose filters match the CloudEvent a call
// sends.
func (p *program) brokerTargets(c *sdkroute.Call, broker string) []string {
	if p.model == nil || c.EventType == "" {
		return nil
	}
	var out []string
	for _, l := range p.model.Links {
		if l.Event != "knative-trigger" || broker != "" && (l.From.Kind != manifest.EndChannel || l.From.ID != broker) {
			continue
		}
		match := len(l.Filter) > 0
		for _, f := range l.Filter {
			switch f.Name {
			case "type":
				match = match && f.Value == c.EventType
			case "source":
				match = match && (c.EventSource == "" || f.Value == c.EventSource)
			}
		}
		if !match {
			continue
		}
		if id := p.endpointNode(l.To); id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// soleEnv reports whether s is exactly one ${NAME}.
func soleEnv(s string) (string, bool) {
	if !strings.HasPrefix(s, "${") || !strings.HasSuffix(s, "}") || strings.Count(s, "${") != 1 {
		return "", false
	}
	return s[2 : len(s)-1], true
}

// expandEnv replaces each ${NAME} in s by the literal value the
// function's manifest gives it, or returns "" when one has none.
func (p *program) expandEnv(rec *fnRec, s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.Index(s[i:], "}")
		if j < 0 {
			return ""
		}
		v, ok := p.envValue(rec, s[i+2:i+j])
		if !ok || v.Kind != manifest.Literal {
			return ""
		}
		b.WriteString(s[:i])
		b.WriteString(v.Text)
		s = s[i+j+1:]
	}
}

// deployedAs finds the code function that a manifest deploys under name
// (a FunctionName, an OpenFaaS stack key, a Knative Service): callers
// invoke it by that name, while the graph names it after its code.
func (p *program) deployedAs(name string) string {
	if name == "" || p.model == nil {
		return ""
	}
	if p.deployed == nil {
		// Indexed once: every SDK call by name asks.
		p.deployed = map[string]string{}
		for _, id := range slices.Sorted(maps.Keys(p.bound)) {
			mf := p.model.Function(id)
			if mf == nil || mf.DeployedName() == "" {
				continue
			}
			n := graphext.FunctionID(p.bound[id].fn.Name)
			if prev, ok := p.deployed[mf.DeployedName()]; ok && prev != n {
				n = "" // two functions deployed under one name: not guessed
			}
			p.deployed[mf.DeployedName()] = n
		}
	}
	return p.deployed[name]
}

// programSet is what attributes sends that no function makes: the main
// packages of the analysed tree that register no function (programs),
// and the packages each links.
type programSet struct {
	mains  []*packages.Package
	sums   map[*packages.Package]*handler.Summary
	links  map[*packages.Package]map[*packages.Package]bool // main -> the analysed packages it imports
	byFunc map[*packages.Package]bool                       // packages that some function's package imports
	recs   map[*packages.Package]*fnRec
}

// programs indexes the analysed packages for program attribution.
func (p *program) programs(sums []Package) *programSet {
	ps := &programSet{sums: map[*packages.Package]*handler.Summary{}, links: map[*packages.Package]map[*packages.Package]bool{},
		byFunc: map[*packages.Package]bool{}, recs: map[*packages.Package]*fnRec{}}
	maps.Copy(ps.recs, p.deployedProgs)
	analysed := map[*packages.Package]bool{}
	for _, s := range sums {
		analysed[s.Pkg] = true
		ps.sums[s.Pkg] = s.Summary
	}
	closure := func(root *packages.Package) map[*packages.Package]bool {
		seen := map[*packages.Package]bool{}
		var walk func(q *packages.Package)
		walk = func(q *packages.Package) {
			for _, imp := range q.Imports {
				if analysed[imp] && !seen[imp] {
					seen[imp] = true
					walk(imp)
				}
			}
		}
		walk(root)
		return seen
	}
	for _, s := range sums {
		if !isMain(s.Pkg) {
			continue
		}
		if len(s.Summary.Functions) > 0 {
			for q := range closure(s.Pkg) {
				ps.byFunc[q] = true
			}
			continue
		}
		ps.mains = append(ps.mains, s.Pkg)
		ps.links[s.Pkg] = closure(s.Pkg)
	}
	return ps
}

// of returns the program node a send in pkg belongs to: pkg's own, when
// it is a program, or the one program that links pkg when no function
// does (a library that only one CLI uses). Anything else stays out: a
// library several programs share, or one a function links (whose
// summary facts attribute what the function sends).
func (ps *programSet) of(p *program, pkg *packages.Package) *fnRec {
	var owner *packages.Package
	if _, ok := ps.links[pkg]; ok {
		owner = pkg
	} else if !ps.byFunc[pkg] {
		for _, m := range ps.mains {
			if ps.links[m][pkg] {
				if owner != nil {
					return nil
				}
				owner = m
			}
		}
	}
	if owner == nil {
		return nil
	}
	if rec, ok := ps.recs[owner]; ok {
		return rec
	}
	rec := p.addProgram(owner, ps.sums[owner])
	ps.recs[owner] = rec
	return rec
}

// addProgram makes the record of a program, named after its directory as
// a function would be and told apart by path from any name already
// taken; buildSDK adds its node with its first edge.
func (p *program) addProgram(pkg *packages.Package, sum *handler.Summary) *fnRec {
	dir := ""
	if len(pkg.GoFiles) > 0 {
		dir = relPath(p.dir, filepath.Dir(pkg.GoFiles[0]))
	}
	parts := strings.Split(dir, "/")
	name := parts[len(parts)-1]
	for k := 2; p.byName[name] != nil || p.graph.Node(graphext.FunctionID(name)) != nil; k++ {
		if k > len(parts) {
			name = dir + "#program"
			break
		}
		name = strings.Join(parts[len(parts)-k:], "/")
	}
	return p.newProgramRec(pkg, sum, name)
}

// newProgramRec makes the record of a program under a name, at its func
// main (Package.Main, when its types do not have it).
func (p *program) newProgramRec(pkg *packages.Package, sum *handler.Summary, name string) *fnRec {
	pos := p.mainAt[pkg]
	if obj, ok := pkg.Types.Scope().Lookup("main").(*types.Func); ok {
		pos = obj.Pos()
	}
	fn := &handler.Function{Name: name, NameSource: handler.NamePackage, Platform: handler.Program, Pos: pos}
	rec := &fnRec{fn: fn, pkg: pkg, sum: sum}
	p.byName[name] = rec
	return rec
}

// maxEnvMatches bounds the variables one name pattern may stand for: more
// and the code's choice is not the manifest's to tell.
const maxEnvMatches = 4

// envPatternTargets resolves an environment variable name pattern through
// the variables of the function's manifest entries that match it.
func (p *program) envPatternTargets(rec *fnRec, pattern string) []string {
	if p.model == nil {
		return nil
	}
	var vals []manifest.Value
	for _, id := range p.boundIDs[rec] {
		mf := p.model.Function(id)
		if mf == nil {
			continue
		}
		for _, ev := range mf.Env {
			if ok, _ := path.Match(pattern, ev.Name); ok {
				vals = append(vals, ev.Value)
			}
		}
	}
	if len(vals) == 0 || len(vals) > maxEnvMatches {
		return nil
	}
	var out []string
	for _, v := range vals {
		if ep, ok := p.model.Resolve(v); ok {
			if id := p.endpointNode(ep); id != "" && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out
}

// isMain reports whether a package is a main package and not a test
// variant or test binary.
func isMain(pkg *packages.Package) bool {
	return pkg.Name == "main" && !strings.HasSuffix(pkg.ID, ".test]") && !strings.HasSuffix(pkg.ID, ".test")
}

// indexMains indexes the programs (main packages that register no
// function) by directory, for bindProgram.
func (p *program) indexMains(pkgs []Package) {
	p.mains, p.deployedProgs, p.mainAt = map[string][]Package{}, map[*packages.Package]*fnRec{}, map[*packages.Package]token.Pos{}
	for _, ps := range pkgs {
		if ps.Main.IsValid() {
			p.mainAt[ps.Pkg] = ps.Main
		}
		if !isMain(ps.Pkg) || len(ps.Summary.Functions) > 0 {
			continue
		}
		if dir := pkgDir(ps.Pkg); dir != "" {
			dir = relPath(p.dir, dir)
			p.mains[dir] = append(p.mains[dir], ps)
		}
	}
}

// bindProgram binds a container a manifest deploys (a Knative Service, a
// Kubernetes Deployment, a Cloud Run service) whose code directory holds
// a program rather than a function: a main that only sends (a
// CloudEvents sender, an HTTP server that publishes). The deployed thing
// is one node, named as the manifest deploys it, and the program's sends
// go from it, resolved through that manifest entry's environment (K_SINK
// from a SinkBinding). Several entries deploying one program share its
// node. A name already taken by another function is not merged into:
// the entry's ID names the node instead, and when that is taken too the
// program stays unbound (a manifest-only node and the program's own).
func (p *program) bindProgram(mf *manifest.Function, funcs []*fnRec) *fnRec {
	switch mf.Platform {
	case manifest.PlatformKnative, manifest.PlatformKubernetes, manifest.PlatformCloudRun:
	default:
		return nil // a Lambda or Cloud Function's code must register one
	}
	mains := p.mains[mf.CodeDir]
	if len(mains) != 1 || len(funcs) > 0 {
		return nil
	}
	ps := mains[0]
	if rec := p.deployedProgs[ps.Pkg]; rec != nil {
		return rec
	}
	name := cmpOr(mf.Name, mf.LogicalID)
	taken := func(n string) bool { return p.byName[n] != nil || p.graph.Node(graphext.FunctionID(n)) != nil }
	if taken(name) {
		name = mf.ID
	}
	if taken(name) {
		return nil
	}
	rec := p.newProgramRec(ps.Pkg, ps.Summary, name)
	rec.fn.NameSource = handler.NameRegistered
	_ = p.graph.AddNode(&graphext.Node{ID: graphext.FunctionID(name), Name: name, Kind: graphext.FunctionNode,
		Platform: string(handler.Program), Package: ps.Pkg.PkgPath, Func: "main", Pos: p.pos(rec.fn.Pos)})
	p.deployedProgs[ps.Pkg] = rec
	return rec
}
