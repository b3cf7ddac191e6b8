package driver

import (
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"iter"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/analyzer/errtype"
	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/analyzer/suite"
	"github.com/faasvet/faasvet/analyzer/wire"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/internal/cache"
	"github.com/faasvet/faasvet/link"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/report"
)

// Options say what to analyse.
type Options struct {
	Dir      string   // working directory; "" is the current one
	Patterns []string // package patterns, as for go build
	Tests    bool     // also analyse test packages
	// Manifests are infrastructure files to read besides those found
	// under Dir; NoManifests reads none.
	Manifests   []string
	NoManifests bool
	// Cache, when not nil, stores the run's outcome and replays it for a
	// run with the same inputs (see cached.go), and reuses the analyses
	// of packages that did not change (reuse.go). A replayed Result has
	// no Functions and no Graph; Graph asks for them, and so for a run
	// that reuses packages but is never replayed whole.
	Cache *cache.Cache
	Graph bool
	// noRelist makes the run ask the go command for its listing even
	// when a stored one could be replayed (relist.go).
	noRelist bool
	// RepoManifests also reads the manifests of the whole git repository
	// Dir is in (from the directory that holds .git), not only those
	// below Dir (manifest.Options.Repo).
	RepoManifests bool
}

// Result is what a run found.
type Result struct {
	Findings []report.Finding
	Packages int // packages analysed
	// LoadErrors are the loader's and type checker's errors, in order;
	// the packages that have them are not analysed.
	LoadErrors []string
	// Functions are the functions found, by package path.
	Functions map[string][]*handler.Function
	// Graph is the function graph of the whole program.
	Graph *graphext.Graph
	// Cached says that the result was replayed from the cache, Unlisted
	// that it was without asking the go command (stamp.go), Relisted
	// that the go command's listing was replayed after an edit it could
	// not change (relist.go); Reused is the number of packages whose
	// analysis was (reuse.go).
	Cached, Unlisted, Relisted bool
	Reused                     int
}

// ErrNoPackages is returned when the patterns match no package.
var ErrNoPackages = errors.New("no packages to analyse")

// Run loads the packages and runs every check.
func Run(opts Options) (*Result, error) {
	res, err := run(opts, true)
	if errors.Is(err, errRelisted) {
		// The run on a replayed listing had load errors: again, with
		// the go command's listing, which words them.
		opts.noRelist = true
		res, err = run(opts, true)
	}
	if errors.Is(err, errConflict) {
		// A finding points into a package whose analysis was replayed
		// (reuse.go): the run again, analysing every package.
		return run(opts, false)
	}
	return res, err
}

// errConflict says that a run that reused packages must be done again.
var errConflict = errors.New("a finding names a reused package")

// errRelisted says that a run on a replayed listing must be done again
// with the go command's.
var errRelisted = errors.New("load errors on a replayed listing")

// run is Run, reusing inert packages' analyses when reuse is true and
// the cache is on.
func run(opts Options, reusePackages bool) (*Result, error) {
	dir := opts.Dir
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	cfg := &packages.Config{
		Mode:  metaMode,
		Dir:   dir,
		Tests: opts.Tests,
	}
	patterns := opts.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	// One file set for every load: the link stage resolves the positions
	// of all packages with it.
	fset := token.NewFileSet()
	var pkgs []*packages.Package
	var lists [][]*packages.Package // each load's roots
	res := &Result{Functions: map[string][]*handler.Function{}}
	loads := planLoads(dir, cfg.Env, patterns)
	// The manifests are read before the packages are loaded: what reading
	// them allocates is collected while the heap is small, not added to
	// its peak after the analysis.
	var model *manifest.Model
	if !opts.NoManifests {
		model, _ = manifest.Discover(dir, manifest.Options{Files: opts.Manifests, Repo: opts.RepoManifests})
	}
	// An unchanged tree replays its last run without asking the go
	// command (stamp.go); a tree changed only where the go command's
	// listing cannot see replays the listing (relist.go).
	start := time.Now()
	var index cache.Key
	stamped := false
	var modelJSON []byte
	var relisted *relisting
	if opts.Cache != nil && !opts.Graph {
		if index, stamped = stampIndex(dir, opts, patterns); stamped {
			var err error
			if modelJSON, err = json.Marshal(model); err != nil {
				stamped = false
			} else {
				res, entry, files := replayStamped(opts.Cache, index, modelJSON)
				if res != nil {
					res.Unlisted = true
					return res, nil
				}
				if !opts.noRelist {
					relisted = relist(opts.Cache, entry, files, modelJSON, loads)
				}
			}
		}
	}
	stubs := &stubber{} // module versions the go command cannot fetch (unreachable.go)
	defer stubs.cleanup()
	var listed []listing // the loads that listed, for the cache's key
	if relisted != nil {
		listed = relisted.listings
		for _, l := range listed {
			lists = append(lists, l.pkgs)
			pkgs = append(pkgs, l.pkgs...)
		}
		loads = nil // listed already
	}
	for _, l := range loads {
		c := *cfg
		c.Dir = l.dir
		ps, err := packages.Load(&c, l.patterns...)
		ps, err = stubs.retry(&c, l.patterns, ps, err)
		if err != nil {
			if len(loads) == 1 {
				return nil, err
			}
			// One module that the go command refuses (a go.mod that
			// needs updating, a dependency it cannot download) must not
			// hide the others: one line for it, and on.
			res.LoadErrors = append(res.LoadErrors, moduleError(dir, l.dir, err))
			continue
		}
		if externalDriver(c.Env) {
			fillModules(dir, l.dir, ps) // nomodule.go
		}
		lists = append(lists, ps)
		listed = append(listed, listing{l, ps})
		if len(ps) == 0 && len(loads) > 1 {
			// go/packages hides a go command that fails as a whole
			// (see below): ask it, so the module is not dropped unsaid.
			if err := listError(&c, l.patterns); err != nil { // unreachable.go
				res.LoadErrors = append(res.LoadErrors, moduleError(dir, l.dir, err))
			}
		}
		pkgs = append(pkgs, ps...)
	}
	// The cache (cached.go) is keyed by what the listing says, with the
	// modules stood in for and the go command's refusals so far, which
	// are part of the run's outcome.
	var key cache.Key
	cacheable := false
	var reuse *reuser
	// The listing as listed, stored with the stamp, before the run
	// changes the packages.
	var snap []storedLoad
	var prevListing *listEntry
	if relisted != nil {
		snap, prevListing = relisted.loads, relisted.entry
	} else if stamped {
		if s, ok := snapshot(listed); ok {
			snap = s
		}
	}
	if opts.Cache != nil {
		k := newKeyer()
		var stood []string
		for _, u := range stubs.used {
			stood = append(stood, u.key()+" "+u.Reason)
		}
		slices.Sort(stood)
		if key, cacheable = runKey(k, dir, opts, patterns, listed, model, slices.Concat(stood, res.LoadErrors)); cacheable && !opts.Graph {
			if data, ok := opts.Cache.Get(key); ok {
				if res, ok := decodeResult(data); ok {
					if relisted != nil && len(res.LoadErrors) > 0 {
						return nil, errRelisted
					}
					if stamped {
						storeStamp(opts.Cache, index, key, listed, snap, modelJSON, res, start, prevListing)
					}
					res.Relisted = relisted != nil
					return res, nil
				}
			}
		}
		if reusePackages {
			if reuse = newReuser(opts.Cache, k, dir, opts); reuse != nil {
				defer func() { _ = reuse.batch.Close() }() // a failure costs the next run its speed
			}
		}
	}
	res.LoadErrors = append(res.LoadErrors, stubs.done(pkgs)...)
	c := &collector{dir: dir, analyzers: suite.Analyzers(), payloads: map[*handler.Function]*consumer.Payload{},
		errors: map[*handler.Function]*errtype.Set{}, res: res, wire: map[string]wireUse{}, uses: link.NewUses(), reuse: reuse}
	c.start(pkgs)
	for _, l := range lists {
		c.stream(fset, l)
	}
	c.cut.apply()
	slices.SortFunc(c.good, func(a, b *packages.Package) int { return c.index[a] - c.index[b] })
	res.LoadErrors = uniqueLines(dir, slices.Concat(res.LoadErrors, slices.Concat(c.lines...)))
	if relisted != nil && (len(res.LoadErrors) > 0 || len(c.partial) > 0 || len(c.good) == 0) {
		return nil, errRelisted
	}
	if len(pkgs) == 0 || len(c.good) == 0 && len(res.LoadErrors) == 0 {
		// In export mode, go/packages hides a go command that fails as a
		// whole (go.mod needs updating, a bad -mod flag): ask it again.
		for _, l := range loads {
			lc := *cfg
			lc.Dir = l.dir
			if err := listError(&lc, l.patterns); err != nil {
				return nil, err
			}
		}
		return nil, fmt.Errorf("%w: %s matched no packages", ErrNoPackages, strings.Join(patterns, " "))
	}
	// The packages analysed in part (partial.go, and those below whose
	// imports do not type-check): one line each, in the packages' order.
	seen := map[string]bool{}
	for _, p := range c.good {
		if why := c.partial[p]; why != "" {
			if line := p.PkgPath + ": analysed in part: " + why + ", and this package's own findings are not reported"; !seen[line] {
				seen[line] = true
				res.LoadErrors = append(res.LoadErrors, line)
			}
		}
	}
	res.Packages = len(c.good)
	if len(c.good) == 0 {
		res.Graph = graphext.New() // empty, for faasvet graph to print
		return res, nil
	}
	c.flush()
	c.toDeclarations()
	linked := link.Link(link.Input{
		Dir: dir, Packages: c.summaries, Payloads: c.payloads, Errors: c.errors, Calls: c.calls, Model: model, Uses: c.uses,
		WholeProgram: slices.Contains(patterns, "./...") && !opts.NoManifests,
	})
	if reuse != nil {
		for i := range linked.Findings {
			reuse.columns(&linked.Findings[i])
		}
		if c.uses.Inexact() && reuse.conflict == "" {
			reuse.conflict = "an interface method known by name alone"
		}
		if opts.Graph {
			reuse.graph(linked.Graph)
		}
		if reuse.conflict != "" {
			return nil, fmt.Errorf("%w: %s", errConflict, reuse.conflict)
		}
		res.Reused = reuse.replayed
	}
	res.Graph = linked.Graph
	res.Findings = append(res.Findings, linked.Findings...)
	res.Findings = report.Sort(res.Findings)
	if cacheable {
		// A failure to store costs the next run its speed, nothing else.
		if data, err := encodeResult(res); err == nil && opts.Cache.Put(key, data) == nil && stamped {
			storeStamp(opts.Cache, index, key, listed, snap, modelJSON, res, start, prevListing)
		}
	}
	res.Relisted = relisted != nil
	return res, nil
}

// LoadMode is what the analyzers need from each root: syntax, types
// and type information, the dependencies' types from export data.
// The driver loads the roots so one at a time (stream.go); bench/floor
// loads all of them with it and ParseFile at once, with go/packages, to
// measure what loading alone costs.
const LoadMode = packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
	packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule

// ParseFile is go/packages' parser without object resolution: no
// analyzer reads ast.Object, and the type checker resolves identifiers
// again anyway.
func ParseFile(fset *token.FileSet, filename string, src []byte) (*ast.File, error) {
	return parser.ParseFile(fset, filename, src, parser.AllErrors|parser.ParseComments|parser.SkipObjectResolution)
}

// moduleError is the one line that says a module was not analysed: the
// go command's own words, without go/packages' wrapping, on one line.
func moduleError(dir, mod string, err error) string {
	msg := err.Error()
	if _, after, ok := strings.Cut(msg, "stderr: "); ok {
		msg = after
	}
	msg = strings.Join(strings.Fields(strings.ReplaceAll(strings.TrimSpace(msg), "\n", "; ")), " ")
	msg = strings.ReplaceAll(msg, ":;", ":")
	return fmt.Sprintf("%s: module not analysed: %s", relPath(dir, mod), msg)
}

// cutBrokenImports makes p, which type-checks, and everything it
// imports analysable although they import packages that do not: each
// loses its imports of packages with errors of their own (so that no
// analyzer runs there, nor waits for facts from there) and its IllTyped
// mark. Its type information is the type checker's, with the broken
// parts invalid. The cut is recorded (cut) while the stream goes on,
// where the analysis follows it and brokenImport still sees the graph
// as it was loaded, and made when it is done (applyCut).
func cutBrokenImports(p *packages.Package, own map[*packages.Package]string, cut *cut) {
	seen := map[*packages.Package]bool{}
	broken := func(p *packages.Package) bool { return len(p.Errors) > 0 && own[p] == "" }
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		if broken(p) {
			return
		}
		for _, imp := range p.Imports {
			if broken(imp) {
				cut.edges[edge{p, imp}] = true
				continue
			}
			visit(imp)
		}
		cut.clean[p] = true
	}
	visit(p)
}

// cut are the imports that partial analysis cuts, and the packages whose
// IllTyped mark it clears.
type cut struct {
	edges map[edge]bool
	clean map[*packages.Package]bool
}

type edge struct{ from, to *packages.Package }

func newCut() *cut { return &cut{edges: map[edge]bool{}, clean: map[*packages.Package]bool{}} }

// imports are p's imports that are not cut, in path order.
func (c *cut) imports(p *packages.Package) []*packages.Package {
	var out []*packages.Package
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		if imp := p.Imports[path]; !c.edges[edge{p, imp}] {
			out = append(out, imp)
		}
	}
	return out
}

// each yields p's imports that are not cut, in no order.
func (c *cut) each(p *packages.Package) iter.Seq[*packages.Package] {
	return func(yield func(*packages.Package) bool) {
		for _, imp := range p.Imports {
			if !c.edges[edge{p, imp}] && !yield(imp) {
				return
			}
		}
	}
}

func (c *cut) illTyped(p *packages.Package) bool { return p.IllTyped && !c.clean[p] }

// apply makes the cut in the graph.
func (c *cut) apply() {
	for e := range c.edges {
		for path, imp := range e.from.Imports {
			if imp == e.to {
				delete(e.from.Imports, path)
			}
		}
	}
	for p := range c.clean {
		p.IllTyped = false
	}
}

// brokenImport says why p, which type-checks, cannot be analysed: it
// imports, directly or through others, a package that does not, or one
// that is analysed in part itself (own); "" when it does not.
func brokenImport(p *packages.Package, own map[*packages.Package]string) string {
	if !p.IllTyped {
		return ""
	}
	// Breadth first, imports in path order: the shortest chain, the same
	// one every run.
	via := map[*packages.Package]*packages.Package{p: nil}
	queue := []*packages.Package{p}
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		if q != p && len(q.Errors) > 0 {
			what := ", which does not type-check"
			if own[q] != "" {
				what = ", which is analysed in part"
			}
			var chain []string
			for ; q != p; q = via[q] {
				chain = append(chain, q.PkgPath)
			}
			slices.Reverse(chain)
			return "it imports " + strings.Join(chain, ", which imports ") + what + "; what comes from it is unknown"
		}
		for _, path := range slices.Sorted(maps.Keys(q.Imports)) {
			if imp := q.Imports[path]; imp.IllTyped {
				if _, ok := via[imp]; !ok {
					via[imp] = q
					queue = append(queue, imp)
				}
			}
		}
	}
	return ""
}

// collector runs the analysis as the packages stream in and gathers
// what the analyzers hand the link stage.
type collector struct {
	dir       string
	analyzers []*analysis.Analyzer
	res       *Result
	summaries []link.Package
	payloads  map[*handler.Function]*consumer.Payload
	errors    map[*handler.Function]*errtype.Set
	calls     []link.Call
	// index is each root's place among all roots; what the analyzers
	// found on the roots is kept by root (found), and joined at the end
	// analyzer by analyzer, each over the roots in order, as one
	// checker.Analyze of them all gives it, whatever order the stream
	// analysed them in. lines are each root's load errors.
	index map[*packages.Package]int
	found []*rootFound
	lines [][]string
	// good are the roots analysed, in order; partial says why those
	// analysed in part are (their summaries count, their findings do
	// not); own are those analysed in part for errors of their own
	// (partial.go).
	good    []*packages.Package
	partial map[*packages.Package]string
	own     map[*packages.Package]string
	// changed are the roots type-checked again (recheck.go).
	changed map[*packages.Package]bool
	cut     *cut
	// Nothing reads a root's syntax or type information once it has been
	// analysed: what the link stage and toDeclarations need of them is
	// read as it is analysed. declared is that, for each root analysed
	// (decl.go); uses are the funcs the roots' code names (link.Uses).
	declared map[*packages.Package]*declared
	uses     *link.Uses
	// wire are the faaswire reports that name a declaration, by finding;
	// declFiles the files of the packages analysed in full (decl.go).
	wire      map[string]wireUse
	wireAt    map[string]int
	declFiles map[string]*packages.Package
	// declReports are the roots with faaswire reports about a
	// declaration; reuse, when not nil, replays inert roots (reuse.go).
	declReports map[*packages.Package]bool
	reuse       *reuser
}

// rootFound is what the analyzers found on one root.
type rootFound struct {
	findings [][]report.Finding
	errs     [][]string
	calls    []link.Call
	summary  *link.Package
	// funcs and ifaces are what the root's code names (link.UsesOf);
	// replayed says that all of this came from the cache.
	funcs    []string
	ifaces   []*types.Func
	replayed bool
}

func (c *collector) start(pkgs []*packages.Package) {
	c.index = map[*packages.Package]int{}
	for i, p := range pkgs {
		c.index[p] = i
	}
	c.found = make([]*rootFound, len(pkgs))
	c.lines = make([][]string, len(pkgs))
	c.partial, c.own, c.changed = map[*packages.Package]string{}, map[*packages.Package]string{}, map[*packages.Package]bool{}
	c.declared, c.wireAt, c.declFiles = map[*packages.Package]*declared{}, map[string]int{}, map[string]*packages.Package{}
	c.declReports = map[*packages.Package]bool{}
	c.cut = newCut()
}

// stream loads and analyses one load's roots, package by package, in
// import order (stream.go). A root's syntax and type information go
// once it is analysed.
func (c *collector) stream(fset *token.FileSet, roots []*packages.Package) {
	s := newStream(fset, ParseFile, roots, nil)
	if extra := sourceDeps(roots, func(p *packages.Package) bool { return s.nodes[p].needsrc }); len(extra) > 0 {
		// Dependencies read from source (deps.go), checked before any
		// root: should one not type-check, the load goes on without
		// them, as though they had never been asked for.
		s.reset()
		s = newStream(fset, ParseFile, roots, extra)
		for _, p := range order(extra) {
			s.load(p)
			if n := s.nodes[p]; n.initial && (len(p.Errors) > 0 || p.IllTyped) {
				s.reset()
				s = newStream(fset, ParseFile, roots, nil)
				break
			}
		}
	}
	isRoot := map[*packages.Package]bool{}
	for _, p := range roots {
		isRoot[p] = true
	}
	drop := func(p *packages.Package) {
		if dropSyntax {
			p.Syntax, p.TypesInfo = nil, nil
		}
	}
	r := newPasses(c.analyzers, c.cut, drop)
	ord := order(roots)
	rel := newReleaser(s, r, ord, func(p *packages.Package) bool { return c.keepsTypes(p, isRoot) }) // release.go
	for i, p := range ord {
		if isRoot[p] && c.reuse != nil && c.replay(s, r, p) {
			rel.after(i)
			continue
		}
		s.load(p)
		if isRoot[p] {
			c.root(s, r, p)
			if c.reuse != nil {
				c.store(r, p)
			}
			drop(p)
		}
		rel.after(i)
	}
	for p := range s.nodes {
		if !isRoot[p] {
			drop(p) // dependencies read from source that no root needed
		}
	}
}

// dropSyntax is false in a test that checks that dropping changes
// nothing.
var dropSyntax = true

// root decides how a root, loaded, is analysed, as the driver decided
// for all roots at once before the stream: type-checked again when an
// import failed (recheck.go); left out when it has errors, unless they
// are of the kinds it can be analysed in part with (partial.go); in
// part when it imports a package that does not type-check; and
// analyses it.
func (c *collector) root(s *stream, r *passes, p *packages.Package) {
	need := false
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		if imp := p.Imports[path]; listFailed(imp) || c.changed[imp] {
			need = true
		}
	}
	if need && recheckable(p) {
		s.recheck(p, c.changed)
	}
	i := c.index[p]
	if why := ownPartial(c.dir, p); why != "" {
		c.own[p] = why
	} else if len(p.Errors) > 0 {
		for _, e := range p.Errors {
			c.lines[i] = append(c.lines[i], relError(c.dir, e))
		}
		return
	} else if len(p.Syntax) == 0 {
		return
	}
	c.good = append(c.good, p)
	c.declared[p] = &declared{keys: link.NewDecls(p)}
	why := c.own[p]
	if why == "" {
		why = brokenImport(p, c.own)
	}
	if why != "" {
		// It type-checks but imports one that does not (a dependency the
		// proxy refuses, a cgo package without its C headers, a private
		// module out of reach): analysed without the broken package,
		// whose types it sees as unknown. Its functions and routes still
		// join the graph, where unknown types are opaque to the wire
		// checks; its own findings are withheld, since they could rest
		// on what is unknown. One line says so, in the package's terms.
		c.partial[p] = why
		cutBrokenImports(p, c.own, c.cut)
	} else {
		for _, f := range p.Syntax {
			name := p.Fset.File(f.FileStart).Name()
			if old, ok := c.declFiles[name]; !ok || strings.Contains(old.ID, " [") && !strings.Contains(p.ID, " [") {
				c.declFiles[name] = p
			}
		}
		c.declared[p].read(p)
	}
	found := &rootFound{findings: make([][]report.Finding, len(c.analyzers)), errs: make([][]string, len(c.analyzers))}
	c.found[i] = found
	for j, act := range r.root(p) {
		c.collect(found, j, act)
	}
}

func (c *collector) collect(found *rootFound, i int, act *action) {
	fset := act.Package.Fset
	diags := act.Diagnostics
	if c.partial[act.Package] != "" {
		diags = nil
	}
	decl := c.declared[act.Package]
	for _, d := range diags {
		f := finding(c.dir, fset, d)
		f.Keys = decl.keys.Keys(d.Pos)
		f.Fix = fixOf(c.dir, fset, decl.files, d)
		found.findings[i] = append(found.findings[i], f)
	}
	if act.Err != nil {
		found.errs[i] = append(found.errs[i], fmt.Sprintf("%s: %s: %v", act.Package.PkgPath, act.Analyzer.Name, act.Err))
	}
	switch r := act.Result.(type) {
	case *sdkroute.Result:
		if act.Analyzer == sdkroute.Analyzer {
			for _, call := range r.Calls {
				found.calls = append(found.calls, link.Call{SDK: call, Pkg: act.Package})
			}
		}
	case *consumer.Result:
		if act.Analyzer == consumer.Analyzer {
			for _, pl := range r.Payloads {
				c.payloads[pl.Function] = pl
			}
		}
	case *wire.Result:
		if act.Analyzer == wire.Analyzer {
			c.recordWire(act.Package, r)
		}
	case *errtype.Result:
		if act.Analyzer == errtype.Analyzer {
			maps.Copy(c.errors, r.Handlers)
		}
	case *handler.Summary:
		if act.Analyzer == handler.Analyzer {
			s := link.Summarise(act.Package, r, c.declared[act.Package].keys)
			found.summary = &s
			found.funcs, found.ifaces = link.UsesOf(act.Package.TypesInfo)
			c.uses.AddNamed(found.funcs, found.ifaces, nil)
			if len(r.Functions) > 0 {
				c.res.Functions[act.Package.PkgPath] = r.Functions
			}
		}
	}
}

// flush adds the analyzers' findings and errors to the result, and
// their summaries and calls to the link stage's input, in the roots'
// order.
func (c *collector) flush() {
	for i := range c.analyzers {
		for _, f := range c.found {
			if f != nil {
				if !f.replayed {
					for j := range f.findings[i] {
						c.reuse.columns(&f.findings[i][j])
					}
				}
				c.res.Findings = append(c.res.Findings, f.findings[i]...)
				c.res.LoadErrors = append(c.res.LoadErrors, f.errs[i]...)
			}
		}
	}
	for _, f := range c.found {
		if f != nil {
			c.calls = append(c.calls, f.calls...)
			if f.summary != nil {
				c.summaries = append(c.summaries, *f.summary)
			}
		}
	}
}

// fixOf is the first suggested fix of d, as file offsets and positions
// (files relative to dir), when all its edits are in files of the
// package (files) that are not generated.
func fixOf(dir string, fset *token.FileSet, files []fileSpan, d analysis.Diagnostic) *report.Fix {
	if len(d.SuggestedFixes) == 0 {
		return nil
	}
	sf := d.SuggestedFixes[0]
	fix := &report.Fix{Message: sf.Message}
	for _, e := range sf.TextEdits {
		var file *fileSpan
		for i, f := range files {
			if f.start <= e.Pos && e.Pos <= f.end {
				file = &files[i]
			}
		}
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		if file == nil || file.generated || end < e.Pos || end > file.end {
			return nil
		}
		tf := fset.File(e.Pos)
		fix.Edits = append(fix.Edits, report.NewEdit(dir, tf, tf.Offset(e.Pos), tf.Offset(end), string(e.NewText)))
	}
	return fix
}

func finding(dir string, fset *token.FileSet, d analysis.Diagnostic) report.Finding {
	p := fset.Position(d.Pos)
	f := report.Finding{
		Check:    d.Category,
		Severity: checks.SeverityOf(d.Category, d.URL).String(),
		File:     relPath(dir, p.Filename),
		Line:     p.Line,
		Column:   p.Column,
		Message:  d.Message,
		URL:      d.URL,
	}
	if d.End.IsValid() {
		e := fset.Position(d.End)
		f.EndLine, f.EndColumn = e.Line, e.Column
	}
	for _, r := range d.Related {
		rp := fset.Position(r.Pos)
		f.Related = append(f.Related, report.Related{File: relPath(dir, rp.Filename), Line: rp.Line, Column: rp.Column, Message: r.Message})
	}
	return f
}

// relPath makes a file name relative to dir, slash-separated, when it is
// inside dir.
func relPath(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

func relError(dir string, e packages.Error) string {
	if e.Pos == "" || e.Pos == "-" {
		return e.Msg
	}
	pos := e.Pos
	if abs, rest, ok := strings.Cut(pos, ":"); ok && filepath.IsAbs(abs) {
		pos = relPath(dir, abs) + ":" + rest
	}
	return pos + ": " + e.Msg
}

// uniqueLines flattens error messages to lines and drops repeats: go list
// and the type checker often report one error twice, and go list adds a
// "# package" header line.
func uniqueLines(dir string, msgs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range msgs {
		for line := range strings.SplitSeq(m, "\n") {
			line = strings.TrimPrefix(line, "./")
			if file, rest, ok := strings.Cut(line, ":"); ok && filepath.IsAbs(file) {
				line = relPath(dir, file) + ":" + rest
			}
			if line == "" || strings.HasPrefix(line, "# ") || seen[line] {
				continue
			}
			seen[line] = true
			out = append(out, line)
		}
	}
	return out
}
