package driver

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/unitchecker"
	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/analyzer/errtype"
	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/analyzer/suite"
	"github.com/faasvet/faasvet/internal/cache"
	"github.com/faasvet/faasvet/link"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/report"
)

// Summary files: the whole-program checks from what a build wrote.
//
// Under go vet -vettool (and Bazel's nogo, which drives analyzers the
// same way) each package is analysed in an action of its own, which
// sees its sources, its imports' export data and their facts, never the
// other packages. The per-package checks need no more; the
// whole-program checks need every package's summary at once. So, when
// its -faassummary.dir flag names a directory, each such action also
// writes the package's summary there (SummaryAnalyzer): what the link stage reads
// of it, as the cache stores it (funcpkg.go), with what is needed to
// find its objects again: its files, the package paths of its imports
// and their export data files, as the action's configuration names
// them. faasvet link (LinkSummaries) then checks each summarised
// package's declarations without their bodies, against the export data
// the build wrote for its imports, restores the summaries, and runs the
// link stage over them: no package is analysed again and the go command
// is not asked.

// summaryVersion is the version of the summary files' format; link
// refuses others.
const summaryVersion = "faasvet-summary-1"

// SummaryFile is one package's summary file.
type SummaryFile struct {
	Version string
	// Faasvet is the version of the faasvet that wrote it: a summary
	// is read only by the same faasvet.
	Faasvet string
	// ID is the build's package ID ("p [p.test]" for a test variant).
	ID, PkgPath, Name string
	GoVersion         string
	GoFiles           []string
	Module            *packages.Module `json:",omitempty"`
	// Imports are the package paths of the package's imports, by
	// import path; Exports the export data files of the packages they
	// reach, by package path.
	Imports map[string]string
	Exports map[string]string
	// Funcs, Ifaces and ByName are the funcs its code names (link.Uses).
	Funcs  []string   `json:",omitempty"`
	Ifaces []ifaceRef `json:",omitempty"`
	ByName []string   `json:",omitempty"`
	// Summary is the link stage's summary; nil with Unstorable saying
	// why when it could not be written.
	Summary    *funcSummary `json:",omitempty"`
	Unstorable string       `json:",omitempty"`
}

// SummaryAnalyzer writes the summary of each package that cfg, the
// configuration go vet gives the action, analyses for diagnostics (not
// for facts alone) into the directory its flag dir names, when it names
// one (go vet -vettool=faasvet -faassummary.dir=DIR: a flag, not the
// environment, because go vet caches its actions by their flags, so a
// new directory makes it run every package again). It requires every
// analyzer of the suite, so that the ignores each one's findings used
// are known. cfg is nil when go vet only asks for the flags.
func SummaryAnalyzer(cfg *unitchecker.Config) *analysis.Analyzer {
	a := &analysis.Analyzer{
		Name:     "faassummary",
		Doc:      "writes each package's summary for faasvet link into the directory -faassummary.dir names",
		Requires: suite.Analyzers(),
	}
	dir := a.Flags.String("dir", "", "write each package's summary for faasvet link into `directory` (absolute; a new one for each build)")
	a.Run = func(pass *analysis.Pass) (any, error) {
		if *dir == "" || cfg == nil || cfg.VetxOnly {
			return nil, nil
		}
		return nil, writeSummary(*dir, cfg, pass)
	}
	return a
}

func writeSummary(dir string, cfg *unitchecker.Config, pass *analysis.Pass) error {
	version, ok := faasvetVersion()
	if !ok {
		return errors.New("faasvet's version is unknown: no summary written")
	}
	sum, _ := pass.ResultOf[handler.Analyzer].(*handler.Summary)
	if sum == nil {
		return errors.New("no summary of the package's functions")
	}
	p := &packages.Package{ID: cfg.ID, PkgPath: pass.Pkg.Path(), Name: pass.Pkg.Name(), Fset: pass.Fset, Syntax: pass.Files,
		Types: pass.Pkg, TypesInfo: pass.TypesInfo}
	f := SummaryFile{Version: summaryVersion, Faasvet: version, ID: cfg.ID, PkgPath: p.PkgPath, Name: p.Name,
		GoVersion: cfg.GoVersion, GoFiles: cfg.GoFiles, Imports: cfg.ImportMap, Exports: map[string]string{}}
	for path, file := range cfg.PackageFile {
		kept, err := keepExport(dir, file)
		if err != nil {
			return err
		}
		f.Exports[path] = kept
	}
	srcDir := "."
	if len(cfg.GoFiles) > 0 {
		srcDir = filepath.Dir(cfg.GoFiles[0])
	}
	if m := pass.Module; m != nil && len(cfg.GoFiles) > 0 {
		f.Module = &packages.Module{Path: m.Path, Version: m.Version, GoVersion: m.GoVersion, Dir: moduleRoot(srcDir)}
	}

	var calls []*sdkroute.Call
	if r, ok := pass.ResultOf[sdkroute.Analyzer].(*sdkroute.Result); ok {
		calls = r.Calls
	}
	payloads := map[*handler.Function]*consumer.Payload{}
	if r, ok := pass.ResultOf[consumer.Analyzer].(*consumer.Result); ok {
		for _, pl := range r.Payloads {
			payloads[pl.Function] = pl
		}
	}
	errs := map[*handler.Function]*errtype.Set{}
	if r, ok := pass.ResultOf[errtype.Analyzer].(*errtype.Result); ok {
		maps.Copy(errs, r.Handlers)
	}
	ps := link.Summarise(p, sum, nil)
	funcs, ifaces := link.UsesOf(pass.TypesInfo)
	f.Funcs = funcs
	e := newTypeEncoder(p)
	for _, fn := range ifaces {
		if ref, ok := e.obj(fn); ok && ref.Path != "" {
			f.Ifaces = append(f.Ifaces, ifaceRef{ref.Pkg, ref.Path, fn.Name()})
		} else {
			f.ByName = append(f.ByName, fn.Name())
		}
	}
	f.Summary, f.Unstorable = encodeSummary(p, ps, calls, payloads, errs)
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	// By ID and directory: the modules of one app may hold packages of
	// one path (OpenFaaS's templates name every function's module
	// handler/function).
	name := sha256.Sum256([]byte(cfg.ID + "\x00" + srcDir))
	return cache.WriteFile(filepath.Join(dir, hex.EncodeToString(name[:12])+".json"), data)
}

// keepExport is where link finds export data file: the file itself when
// it is in the go command's build cache, or a copy in dir/export when it
// is in the go command's temporary work directory ($WORK/bNNN/_pkg_.a,
// a package built by this go vet), which is removed when go vet exits.
// The copy's name is a hash of the file's name, size and time (a work
// directory's names are never used again), relative to dir; each is
// copied once, by the first action that needs it.
func keepExport(dir, file string) (string, error) {
	if filepath.Base(file) != "_pkg_.a" {
		return file, nil
	}
	st, err := os.Stat(file)
	if err != nil {
		return "", err
	}
	h := sha256.Sum256(fmt.Appendf(nil, "%s %d %d", file, st.Size(), st.ModTime().UnixNano()))
	rel := filepath.Join("export", hex.EncodeToString(h[:12])+".a")
	dst := filepath.Join(dir, rel)
	if _, err := os.Stat(dst); err == nil {
		return rel, nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	return rel, cache.WriteFile(dst, data)
}

// faasvetVersion is faasvet's version and Go's, as cache keys have them
// (cached.go).
func faasvetVersion() (string, bool) {
	v := cache.Version()
	return v + " " + runtime.Version(), v != ""
}

// LinkOptions say what LinkSummaries links.
type LinkOptions struct {
	// Dir is the app's directory: positions are relative to it, and its
	// manifests are read (as check ./... reads them).
	Dir string
	// Summaries is the directory of summary files.
	Summaries string
	// Tests also links the test variants' summaries.
	Tests bool
}

// LinkSummaries runs the whole-program checks over the summary files
// in opts.Summaries. Its Result has the link stage's findings and
// graph, and a load error for each summary it could not use.
func LinkSummaries(opts LinkOptions) (*Result, error) {
	dir, err := filepath.Abs(opts.Dir)
	if err != nil {
		return nil, err
	}
	files, err := readSummaries(opts.Summaries, opts.Tests)
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%w: no summary files in %s", ErrNoPackages, opts.Summaries)
	}
	res := &Result{Functions: map[string][]*handler.Function{}}
	fset := token.NewFileSet()
	// A loader per module, as check loads each module apart: the modules
	// of one app may require different versions of a dependency, or hold
	// packages of one path.
	loaders := map[string]*summaryLoader{}
	for _, f := range files {
		l := loaders[f.moduleDir()]
		if l == nil {
			l = &summaryLoader{fset: fset, byPath: map[string]*SummaryFile{}, pkgs: map[string]*packages.Package{},
				imports: map[string]*types.Package{}, exports: map[string]string{}, others: loaders}
			loaders[f.moduleDir()] = l
		}
		l.byPath[f.PkgPath] = f
		for path, file := range f.Exports {
			if !filepath.IsAbs(file) {
				file = filepath.Join(opts.Summaries, file) // keepExport's copy
			}
			if _, ok := l.exports[path]; !ok {
				l.exports[path] = file
			}
		}
	}
	model, _ := manifest.Discover(dir, manifest.Options{Repo: true})
	c := &collector{dir: dir, res: res, payloads: map[*handler.Function]*consumer.Payload{},
		errors: map[*handler.Function]*errtype.Set{}, uses: link.NewUses()}
	for _, f := range files {
		p, err := loaders[f.moduleDir()].load(f.PkgPath)
		if err != nil {
			res.LoadErrors = append(res.LoadErrors, fmt.Sprintf("%s: %v", f.PkgPath, err))
			continue
		}
		if f.Summary == nil {
			res.LoadErrors = append(res.LoadErrors, fmt.Sprintf("%s: no summary: it names %s, which faasvet cannot find again outside the analysis; its functions and routes are not linked", f.PkgPath, f.Unstorable))
			continue
		}
		found := &rootFound{}
		if !c.restoreSummary(p, f.Summary, found) {
			res.LoadErrors = append(res.LoadErrors, fmt.Sprintf("%s: its summary does not match its source (written by another build?)", f.PkgPath))
			continue
		}
		ifaces, byName := resolveIfaces(p, f.Ifaces)
		c.uses.AddNamed(f.Funcs, ifaces, slices.Concat(f.ByName, byName))
		c.summaries = append(c.summaries, *found.summary)
		c.calls = append(c.calls, found.calls...)
		res.Packages++
	}
	for _, l := range loaders {
		for _, p := range l.pkgs {
			p.Syntax, p.TypesInfo = nil, nil
		}
	}
	linked := link.Link(link.Input{Dir: dir, Packages: c.summaries, Payloads: c.payloads, Errors: c.errors, Calls: c.calls,
		Model: model, Uses: c.uses, WholeProgram: true})
	res.Graph = linked.Graph
	res.Findings = report.Sort(linked.Findings)
	res.LoadErrors = uniqueLines(dir, res.LoadErrors)
	return res, nil
}

// readSummaries reads the summary files of dir, in ID order; a file of
// another format or faasvet is an error.
func readSummaries(dir string, tests bool) ([]*SummaryFile, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	version, ok := faasvetVersion()
	if !ok {
		return nil, errors.New("faasvet's version is unknown")
	}
	var out []*SummaryFile
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		var f SummaryFile
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&f); err != nil || f.Version != summaryVersion {
			return nil, fmt.Errorf("%s: not a summary file of this faasvet (%s)", filepath.Join(dir, e.Name()), summaryVersion)
		}
		if f.Faasvet != version {
			return nil, fmt.Errorf("%s: written by another faasvet; write the summaries again with this one", filepath.Join(dir, e.Name()))
		}
		if !tests && (strings.Contains(f.ID, " ") || strings.HasSuffix(f.PkgPath, ".test") || strings.HasSuffix(f.PkgPath, "_test") || testsOnly(f.GoFiles)) {
			continue
		}
		out = append(out, &f)
	}
	slices.SortFunc(out, func(a, b *SummaryFile) int {
		return cmp.Or(strings.Compare(a.ID, b.ID), strings.Compare(a.moduleDir(), b.moduleDir()))
	})
	// One summary per package path, the package's own before a test
	// variant's. (go vet analyses a package with its internal tests as
	// the package itself; the variants left are external tests, whose
	// paths differ.)
	out = slices.CompactFunc(out, func(a, b *SummaryFile) bool {
		return a.PkgPath == b.PkgPath && a.moduleDir() == b.moduleDir()
	})
	return out, nil
}

// moduleDir is the directory of the file's module, which groups the
// summaries of one build: "" outside modules.
func (f *SummaryFile) moduleDir() string {
	if f.Module == nil {
		return ""
	}
	return f.Module.Dir
}

// testsOnly reports whether files are all test files: a package that go
// vet analyses only for its tests.
func testsOnly(files []string) bool {
	for _, f := range files {
		if !strings.HasSuffix(f, "_test.go") {
			return false
		}
	}
	return len(files) > 0
}

// summaryLoader gives the summarised packages their types: each one's
// declarations checked from its files, against its imports' types,
// which are the summarised packages' own or those of the export data
// the build wrote, read once for all.
type summaryLoader struct {
	fset    *token.FileSet
	byPath  map[string]*SummaryFile
	pkgs    map[string]*packages.Package // summarised, loaded
	imports map[string]*types.Package    // every package's types, by path
	exports map[string]string
	loading []string
	// others are the loaders of the other modules, by module directory:
	// an import that this module's summaries do not have is another
	// module's summarised package when one has it (a go.work's modules).
	others map[string]*summaryLoader
}

func (l *summaryLoader) load(path string) (*packages.Package, error) {
	if p := l.pkgs[path]; p != nil {
		if p.IllTyped {
			return nil, errors.New("its declarations do not type-check")
		}
		return p, nil
	}
	f := l.byPath[path]
	if slices.Contains(l.loading, path) {
		return nil, fmt.Errorf("import cycle through %s", strings.Join(l.loading, ", "))
	}
	l.loading = append(l.loading, path)
	defer func() { l.loading = l.loading[:len(l.loading)-1] }()
	p := &packages.Package{ID: f.ID, PkgPath: f.PkgPath, Name: f.Name, GoFiles: f.GoFiles, CompiledGoFiles: f.GoFiles,
		Module: f.Module, Fset: l.fset, Imports: map[string]*packages.Package{}, TypesInfo: newInfo()}
	l.pkgs[path] = p
	p.IllTyped = true
	for _, name := range f.GoFiles {
		src, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		file, err := ParseFile(l.fset, name, src)
		if err != nil {
			return nil, err
		}
		p.Syntax = append(p.Syntax, file)
	}
	var firstErr error
	importer := importerFunc(func(ipath string) (*types.Package, error) {
		if ipath == "unsafe" {
			return types.Unsafe, nil
		}
		pkgPath := f.Imports[ipath]
		if pkgPath == "" {
			pkgPath = ipath
		}
		if owner := l.owner(pkgPath); owner != nil {
			q, err := owner.load(pkgPath)
			if err != nil {
				return nil, err
			}
			p.Imports[ipath] = q
			l.imports[pkgPath] = q.Types
			return q.Types, nil
		}
		t, err := l.export(pkgPath)
		if err != nil {
			return nil, err
		}
		p.Imports[ipath] = &packages.Package{ID: pkgPath, PkgPath: pkgPath, Name: t.Name(), Types: t}
		return t, nil
	})
	tc := &types.Config{Importer: importer, IgnoreFuncBodies: true, Error: func(err error) {
		if firstErr == nil {
			firstErr = err
		}
	}}
	if f.GoVersion != "" {
		tc.GoVersion = f.GoVersion
	}
	tpkg := types.NewPackage(f.PkgPath, f.Name)
	if err := types.NewChecker(tc, l.fset, tpkg, p.TypesInfo).Files(p.Syntax); err != nil && firstErr == nil {
		firstErr = err
	}
	p.Types = tpkg
	if firstErr != nil {
		return nil, fmt.Errorf("its declarations do not type-check: %w", firstErr)
	}
	p.IllTyped = false
	l.imports[path] = tpkg
	return p, nil
}

// owner is the loader whose summaries hold the package of path: l's
// own, else the first other module's in directory order; nil when the
// package is not summarised.
func (l *summaryLoader) owner(path string) *summaryLoader {
	if _, ok := l.byPath[path]; ok {
		return l
	}
	for _, dir := range slices.Sorted(maps.Keys(l.others)) {
		if o := l.others[dir]; o != l {
			if _, ok := o.byPath[path]; ok {
				return o
			}
		}
	}
	return nil
}

// export reads a package's types from the export data the build wrote.
func (l *summaryLoader) export(path string) (*types.Package, error) {
	if t := l.imports[path]; t != nil && t.Complete() {
		return t, nil
	}
	file := l.exports[path]
	if file == "" {
		return nil, fmt.Errorf("no export data for %s among the summaries", path)
	}
	r, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer func() { _ = r.Close() }()
	rd, err := gcexportdata.NewReader(r) //nolint:staticcheck // the go command's export files, as go/packages reads them
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	t, err := gcexportdata.Read(rd, l.fset, l.imports, path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	return t, nil
}
