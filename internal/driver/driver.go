package driver

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
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
	// run with the same inputs (see cached.go). A replayed Result has no
	// Functions and no Graph.
	Cache *cache.Cache
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
	// Cached says that the result was replayed from the cache.
	Cached bool
}

// ErrNoPackages is returned when the patterns match no package.
var ErrNoPackages = errors.New("no packages to analyse")

// Run loads the packages and runs every check.
func Run(opts Options) (*Result, error) {
	dir := opts.Dir
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	cfg := &packages.Config{
		Mode:      LoadMode,
		Dir:       dir,
		Tests:     opts.Tests,
		ParseFile: ParseFile,
	}
	patterns := opts.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	// One file set for every load: the link stage resolves the positions
	// of all packages with it.
	cfg.Fset = token.NewFileSet()
	var pkgs []*packages.Package
	res := &Result{Functions: map[string][]*handler.Function{}}
	loads := planLoads(dir, cfg.Env, patterns)
	// The manifests are read before the packages are loaded: what reading
	// them allocates is collected while the heap is small, not added to
	// its peak after the analysis.
	var model *manifest.Model
	if !opts.NoManifests {
		model, _ = manifest.Discover(dir, manifest.Options{Files: opts.Manifests, Repo: opts.RepoManifests})
	}
	var key cache.Key
	cacheable := false
	if opts.Cache != nil {
		if key, cacheable = runKey(dir, opts, patterns, loads, cfg.Env, model); cacheable {
			if data, ok := opts.Cache.Get(key); ok {
				if res, ok := decodeResult(data); ok {
					return res, nil
				}
			}
		}
	}
	stubs := &stubber{} // module versions the go command cannot fetch (unreachable.go)
	defer stubs.cleanup()
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
		ps = withSourceDeps(&c, l.patterns, ps) // deps.go
		if len(ps) == 0 && len(loads) > 1 {
			// go/packages hides a go command that fails as a whole
			// (see below): ask it, so the module is not dropped unsaid.
			if err := goListError(l.dir, cfg.Env, l.patterns); err != nil {
				res.LoadErrors = append(res.LoadErrors, moduleError(dir, l.dir, err))
			}
		}
		pkgs = append(pkgs, ps...)
	}
	res.LoadErrors = append(res.LoadErrors, stubs.done(pkgs)...)
	recheck(pkgs)
	var good []*packages.Package
	own := map[*packages.Package]string{} // analysed in part for errors of its own (partial.go)
	for _, p := range pkgs {
		if why := ownPartial(dir, p); why != "" {
			own[p] = why
			good = append(good, p)
			continue
		}
		if len(p.Errors) > 0 {
			for _, e := range p.Errors {
				res.LoadErrors = append(res.LoadErrors, relError(dir, e))
			}
			continue
		}
		if len(p.Syntax) == 0 {
			continue
		}
		good = append(good, p)
	}
	res.LoadErrors = uniqueLines(dir, res.LoadErrors)
	if len(pkgs) == 0 || len(good) == 0 && len(res.LoadErrors) == 0 {
		// In export mode, go/packages hides a go command that fails as a
		// whole (go.mod needs updating, a bad -mod flag): ask it again.
		for _, l := range loads {
			if err := goListError(l.dir, cfg.Env, l.patterns); err != nil {
				return nil, err
			}
		}
		return nil, fmt.Errorf("%w: %s matched no packages", ErrNoPackages, strings.Join(patterns, " "))
	}
	// A package that type-checks but imports one that does not (a
	// dependency the proxy refuses, a cgo package without its C headers, a
	// private module out of reach) is analysed in part: without the
	// broken package, whose types it sees as unknown. Its functions and
	// routes still join the graph, where unknown types are opaque to the
	// wire checks; its own findings are withheld, since they could rest on
	// what is unknown. One line says so, in the package's terms.
	seen := map[string]bool{}
	partial := map[*packages.Package]bool{}
	for _, p := range good {
		why := own[p]
		if why == "" {
			why = brokenImport(p, own)
		}
		if why == "" {
			continue
		}
		partial[p] = true
		if line := p.PkgPath + ": analysed in part: " + why + ", and this package's own findings are not reported"; !seen[line] {
			seen[line] = true
			res.LoadErrors = append(res.LoadErrors, line)
		}
	}
	if len(partial) > 0 {
		cutBrokenImports(good, own)
	}
	res.Packages = len(good)
	if len(good) == 0 {
		res.Graph = graphext.New() // empty, for faasvet graph to print
		return res, nil
	}
	c := collector{dir: dir, analyzers: suite.Analyzers(), partial: partial, payloads: map[*handler.Function]*consumer.Payload{},
		errors: map[*handler.Function]*errtype.Set{}, res: res, wire: map[string]wireUse{}, declFiles: declarationFiles(good, partial)}
	// Loading leaves as much garbage as it keeps, and the collector's next
	// goal is twice what was live at its last cycle, during the load: the
	// analysis would grow the heap to that goal. Collected now, the goal is
	// twice what the analysis starts from, which it stays below (on
	// golang.org/x/tools and grpc the peak RSS falls by 15-30 MB for one
	// cycle's CPU; see docs/performance.md).
	runtime.GC()
	if err := c.analyse(good); err != nil {
		return nil, err
	}
	c.flush()
	c.toDeclarations()
	linked := link.Link(link.Input{
		Dir: dir, Packages: c.summaries, Payloads: c.payloads, Errors: c.errors, Calls: c.calls, Model: model,
		WholeProgram: slices.Contains(patterns, "./...") && !opts.NoManifests,
	})
	res.Graph = linked.Graph
	res.Findings = append(res.Findings, linked.Findings...)
	res.Findings = report.Sort(res.Findings)
	if cacheable {
		// A failure to store costs the next run its speed, nothing else.
		if data, err := encodeResult(res); err == nil {
			_ = opts.Cache.Put(key, data)
		}
	}
	return res, nil
}

// LoadMode is what the analyzers need: the roots from source with types
// and syntax, their dependencies from export data. bench/floor loads with
// it and ParseFile, to measure what loading alone costs.
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

// goListError runs go list on the patterns as go/packages does and
// returns the go command's own error, if it fails as a whole.
func goListError(dir string, env, patterns []string) error {
	cmd := exec.Command("go", append([]string{"list", "-e", "-json=ImportPath,Error", "--"}, patterns...)...)
	cmd.Dir, cmd.Env = dir, env
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if cmd.Run() == nil {
		return nil
	}
	if msg := strings.TrimSpace(stderr.String()); msg != "" {
		return errors.New(msg)
	}
	return nil
}

// cutBrokenImports makes the packages that type-check, among pkgs and
// everything they import, analysable although they import packages that
// do not: each loses its imports of packages with errors of their own
// (so the checker neither runs analyzers there nor makes facts from there
// a prerequisite) and its IllTyped mark. Its type information is the type
// checker's, with the broken parts invalid.
func cutBrokenImports(pkgs []*packages.Package, own map[*packages.Package]string) {
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
		for path, imp := range p.Imports {
			if broken(imp) {
				delete(p.Imports, path)
				continue
			}
			visit(imp)
		}
		p.IllTyped = false
	}
	for _, p := range pkgs {
		visit(p)
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

// batchSize bounds the packages analysed at once. The checker keeps every
// action's result (an inspector per package, the analyzers' state) until
// Analyze returns; in batches, only one batch's is alive at a time, and
// a package's syntax and type information can go once the last batch
// that imports it, directly or not, is done: the checker recomputes a
// dependency's facts from its syntax for every batch that imports it
// (lastUse). The packages the link stage reads keep theirs (keep).
var batchSize = 256

// collector gathers what the analyzers hand the link stage.
type collector struct {
	dir       string
	analyzers []*analysis.Analyzer
	res       *Result
	summaries []link.Package
	payloads  map[*handler.Function]*consumer.Payload
	errors    map[*handler.Function]*errtype.Set
	calls     []link.Call
	// findings and errs are kept per analyzer and joined at the end, so
	// that their order is the one a single checker.Analyze gives:
	// analyzer by analyzer, each over the packages in order.
	findings [][]report.Finding
	errs     [][]string
	// keep are the packages whose syntax the link stage still needs:
	// those with ignore directives, which it names by their declarations
	// when it reports them unused; those with functions, whose handlers'
	// bodies it reads (which fields of the input they use); those that
	// declare a payload type reported at its uses (decl.go), where the
	// finding moves with its fix.
	keep map[*packages.Package]bool
	// partial are the packages analysed without an import that does not
	// type-check: their summaries count, their findings do not.
	partial map[*packages.Package]bool
	// wire are the faaswire reports that name a declaration, by finding;
	// declFiles the files of the packages analysed in full (decl.go).
	wire      map[string]wireUse
	declFiles map[string]*packages.Package
}

// analyse runs the analyzers on pkgs, batch by batch, one action at a
// time: in parallel, the checker starts a goroutine for every edge of
// the action graph (each analyzer on each import of each package), whose
// stacks cost more memory than the analysis itself.
func (c *collector) analyse(pkgs []*packages.Package) error {
	c.findings = make([][]report.Finding, len(c.analyzers))
	c.errs = make([][]string, len(c.analyzers))
	c.keep = map[*packages.Package]bool{}
	index := map[*analysis.Analyzer]int{}
	for i, a := range c.analyzers {
		index[a] = i
	}
	last := lastUse(pkgs, batchSize)
	n := 0
	for batch := range slices.Chunk(pkgs, batchSize) {
		g, err := checker.Analyze(c.analyzers, batch, &checker.Options{Sequential: true})
		if err != nil {
			return err
		}
		for act := range g.All() {
			if act.IsRoot {
				c.collect(index[act.Analyzer], act)
			}
		}
		if len(batch) < len(pkgs) {
			// Nothing collected holds syntax or type information: let the
			// garbage collector have them before the next batch, unless
			// a later batch imports them or the link stage reads them.
			for _, p := range pkgs[:n+len(batch)] {
				if last[p] == n/batchSize && !c.keep[p] {
					p.Syntax, p.TypesInfo = nil, nil
				}
			}
		}
		n += len(batch)
	}
	return nil
}

// lastUse maps each package of pkgs to the last batch (of size size)
// that needs its syntax: its own, or the last one with a package that
// imports it, directly or through other packages.
func lastUse(pkgs []*packages.Package, size int) map[*packages.Package]int {
	last := map[*packages.Package]int{}
	for i, p := range pkgs {
		last[p] = i / size
	}
	// Importers before their imports: the reverse of a depth-first
	// postorder.
	var order []*packages.Package
	seen := map[*packages.Package]bool{}
	var visit func(p *packages.Package)
	visit = func(p *packages.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
			visit(p.Imports[path])
		}
		order = append(order, p)
	}
	for _, p := range pkgs {
		visit(p)
	}
	for _, p := range slices.Backward(order) {
		b, ok := last[p]
		if !ok {
			continue
		}
		for _, imp := range p.Imports {
			if old, ok := last[imp]; !ok || old < b {
				last[imp] = b
			}
		}
	}
	return last
}

func (c *collector) collect(i int, act *checker.Action) {
	fset := act.Package.Fset
	diags := act.Diagnostics
	if c.partial[act.Package] {
		diags = nil
	}
	for _, d := range diags {
		f := finding(c.dir, fset, d)
		f.Keys = link.DeclKeys(act.Package, d.Pos)
		f.Fix = fixOf(c.dir, act.Package, d)
		c.findings[i] = append(c.findings[i], f)
	}
	if act.Err != nil {
		c.errs[i] = append(c.errs[i], fmt.Sprintf("%s: %s: %v", act.Package.PkgPath, act.Analyzer.Name, act.Err))
	}
	switch r := act.Result.(type) {
	case *sdkroute.Result:
		if act.Analyzer == sdkroute.Analyzer {
			for _, call := range r.Calls {
				c.calls = append(c.calls, link.Call{SDK: call, Pkg: act.Package})
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
			c.summaries = append(c.summaries, link.Package{Pkg: act.Package, Summary: r})
			if uses, _ := r.Ignores.Uses(); len(uses) > 0 {
				c.keep[act.Package] = true
			}
			if len(r.Functions) > 0 {
				c.res.Functions[act.Package.PkgPath] = r.Functions
				c.keep[act.Package] = true // link reads its handlers' bodies
			}
		}
	}
}

// flush adds the analyzers' findings and errors to the result.
func (c *collector) flush() {
	for i := range c.analyzers {
		c.res.Findings = append(c.res.Findings, c.findings[i]...)
		c.res.LoadErrors = append(c.res.LoadErrors, c.errs[i]...)
	}
}

// fixOf is the first suggested fix of d, as file offsets and positions
// (files relative to dir), when all its
// edits are in files of the package that are not generated.
func fixOf(dir string, pkg *packages.Package, d analysis.Diagnostic) *report.Fix {
	if len(d.SuggestedFixes) == 0 {
		return nil
	}
	sf := d.SuggestedFixes[0]
	fix := &report.Fix{Message: sf.Message}
	for _, e := range sf.TextEdits {
		var file *ast.File
		for _, f := range pkg.Syntax {
			if f.FileStart <= e.Pos && e.Pos <= f.FileEnd {
				file = f
			}
		}
		end := e.End
		if !end.IsValid() {
			end = e.Pos
		}
		if file == nil || ast.IsGenerated(file) || end < e.Pos || end > file.FileEnd {
			return nil
		}
		tf := pkg.Fset.File(e.Pos)
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
