package driver

import (
	"fmt"
	"go/types"
	"log"
	"maps"
	"net/url"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
)

// The passes, one package at a time.
//
// go/analysis/checker runs the analyzers over a graph of packages that
// is in memory as a whole; the driver runs them as the stream
// (stream.go) loads the packages, which it can because a fact lives
// here as long as the run, in maps keyed by the object or package it is
// about (an object is the same in every package that sees it: the
// stream type-checks each package against its imports' very types).
// What an analyzer sees is what the checker gives it: on a root, every
// analyzer of the suite and those they require, with each other's
// results; on every package a root imports, directly or not, the
// analyzers with facts and those they require, export data alone (no
// syntax) included; the facts of the package and of its dependencies
// filtered as the checker's inheritFacts filters them from one package
// to its importer (a package-level func or var is seen by direct
// importers only, methods, fields, types and constants by all); an
// analyzer whose prerequisite failed fails with the checker's message.

// action is one analyzer's pass over one package.
type action struct {
	Analyzer    *analysis.Analyzer
	Package     *packages.Package
	Result      any
	Err         error
	Diagnostics []analysis.Diagnostic
}

func (a *action) String() string { return fmt.Sprintf("%s@%s", a.Analyzer, a.Package) }

type actionKey struct {
	a   *analysis.Analyzer
	pkg *packages.Package
}

type objectFactKey struct {
	obj types.Object
	typ reflect.Type
}

// passes runs the analyzers and keeps their facts.
type passes struct {
	suite []*analysis.Analyzer
	// onRoots and onDeps are what runs on a root and on a package it
	// imports, each after those it requires.
	onRoots, onDeps []*analysis.Analyzer
	done            map[*packages.Package]bool
	failed          map[actionKey]error
	objFacts        map[*analysis.Analyzer]map[*types.Package]map[objectFactKey]analysis.Fact
	pkgFacts        map[*analysis.Analyzer]map[*types.Package]map[reflect.Type]analysis.Fact
	// cut are the imports that partial analysis cuts (driver.go).
	cut     *cut
	reached map[*packages.Package]map[*types.Package]bool
	// drop is called on a dependency once its passes have run.
	drop func(*packages.Package)
	// gone are the packages whose facts are forgotten (release.go).
	gone map[*packages.Package]bool
}

func newPasses(suite []*analysis.Analyzer, cut *cut, drop func(*packages.Package)) *passes {
	r := &passes{suite: suite, done: map[*packages.Package]bool{}, failed: map[actionKey]error{}, cut: cut, drop: drop, gone: map[*packages.Package]bool{},
		reached:  map[*packages.Package]map[*types.Package]bool{},
		objFacts: map[*analysis.Analyzer]map[*types.Package]map[objectFactKey]analysis.Fact{},
		pkgFacts: map[*analysis.Analyzer]map[*types.Package]map[reflect.Type]analysis.Fact{}}
	r.onRoots = requiredFirst(suite)
	var withFacts []*analysis.Analyzer
	for _, a := range r.onRoots {
		if len(a.FactTypes) > 0 {
			withFacts = append(withFacts, a)
		}
	}
	r.onDeps = requiredFirst(withFacts)
	return r
}

// requiredFirst is as and what they require, each after its
// requirements.
func requiredFirst(as []*analysis.Analyzer) []*analysis.Analyzer {
	var out []*analysis.Analyzer
	seen := map[*analysis.Analyzer]bool{}
	var visit func(a *analysis.Analyzer)
	visit = func(a *analysis.Analyzer) {
		if seen[a] {
			return
		}
		seen[a] = true
		for _, req := range a.Requires {
			visit(req)
		}
		out = append(out, a)
	}
	for _, a := range as {
		visit(a)
	}
	return out
}

// root runs the suite on p, after the analyzers with facts on every
// package p imports, and returns the suite's actions, in its order.
func (r *passes) root(p *packages.Package) []*action {
	r.deps(p)
	acts := r.run(p, r.onRoots)
	r.done[p] = true
	out := make([]*action, len(r.suite))
	for i, a := range r.suite {
		out[i] = acts[a]
	}
	return out
}

// deps runs the analyzers with facts on the packages p imports,
// directly or not, that have not had them yet.
func (r *passes) deps(p *packages.Package) {
	for _, imp := range r.cut.imports(p) {
		if r.done[imp] {
			continue
		}
		r.done[imp] = true
		r.deps(imp)
		r.run(imp, r.onDeps)
		r.drop(imp)
	}
}

// run runs as, in order, on p.
func (r *passes) run(p *packages.Package, as []*analysis.Analyzer) map[*analysis.Analyzer]*action {
	if r.gone[p] {
		releasedUse(p, "its own analysis")
	}
	for imp := range r.cut.each(p) {
		if r.gone[imp] {
			releasedUse(imp, p.ID+"'s analysis")
		}
	}
	acts := map[*analysis.Analyzer]*action{}
	var sc *scope
	for _, a := range as {
		act := &action{Analyzer: a, Package: p}
		acts[a] = act
		var failed []string
		inputs := map[*analysis.Analyzer]any{}
		for _, req := range a.Requires {
			dep := acts[req]
			if dep.Err != nil {
				failed = append(failed, dep.String())
			}
			inputs[req] = dep.Result
		}
		if len(a.FactTypes) > 0 {
			for imp := range r.cut.each(p) {
				if r.failed[actionKey{a, imp}] != nil {
					failed = append(failed, (&action{Analyzer: a, Package: imp}).String())
				}
			}
			if sc == nil {
				sc = r.newScope(p)
			}
		}
		if failed != nil {
			slices.Sort(failed)
			act.Err = fmt.Errorf("failed prerequisites: %s", strings.Join(failed, ", "))
		} else {
			r.exec(act, inputs, sc)
		}
		if act.Err != nil {
			r.failed[actionKey{a, p}] = act.Err
		}
	}
	return acts
}

// exec runs one pass, as the checker's execOnce does.
func (r *passes) exec(act *action, inputs map[*analysis.Analyzer]any, sc *scope) {
	p, a := act.Package, act.Analyzer
	if p.Errors == nil && (p.Name == "" || p.PkgPath == "" || p.Types == nil || p.Fset == nil || p.TypesSizes == nil) {
		act.Err = fmt.Errorf("package %s was not loaded", p.ID)
		return
	}
	module := &analysis.Module{}
	if p.Module != nil {
		module = analysisModule(p.Module)
	}
	objFacts := r.objFacts[a]
	if objFacts == nil {
		objFacts = map[*types.Package]map[objectFactKey]analysis.Fact{}
		r.objFacts[a] = objFacts
	}
	pkgFacts := r.pkgFacts[a]
	if pkgFacts == nil {
		pkgFacts = map[*types.Package]map[reflect.Type]analysis.Fact{}
		r.pkgFacts[a] = pkgFacts
	}
	if len(a.FactTypes) == 0 {
		sc = &scope{self: p.Types} // the checker gives it no dependency's facts
	}
	pass := &analysis.Pass{
		Analyzer:     a,
		Fset:         p.Fset,
		Files:        p.Syntax,
		OtherFiles:   p.OtherFiles,
		IgnoredFiles: p.IgnoredFiles,
		Pkg:          p.Types,
		TypesInfo:    p.TypesInfo,
		TypesSizes:   p.TypesSizes,
		TypeErrors:   p.TypeErrors,
		Module:       module,
		ResultOf:     inputs,
		Report:       func(d analysis.Diagnostic) { act.Diagnostics = append(act.Diagnostics, d) },
		ImportObjectFact: func(obj types.Object, ptr analysis.Fact) bool {
			if obj == nil {
				panic("nil object")
			}
			if v, ok := objFacts[obj.Pkg()][objectFactKey{obj, reflect.TypeOf(ptr)}]; ok && sc.sees(obj) {
				reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
				return true
			}
			return false
		},
		ImportPackageFact: func(pkg *types.Package, ptr analysis.Fact) bool {
			if pkg == nil {
				panic("nil package")
			}
			if v, ok := pkgFacts[pkg][reflect.TypeOf(ptr)]; ok && (pkg == sc.self || sc.reach[pkg]) {
				reflect.ValueOf(ptr).Elem().Set(reflect.ValueOf(v).Elem())
				return true
			}
			return false
		},
		AllObjectFacts: func() []analysis.ObjectFact {
			enumerating(a)
			var out []analysis.ObjectFact
			for _, pkg := range sc.all() {
				for k, f := range objFacts[pkg] {
					if sc.sees(k.obj) {
						out = append(out, analysis.ObjectFact{Object: k.obj, Fact: f})
					}
				}
			}
			return out
		},
		AllPackageFacts: func() []analysis.PackageFact {
			enumerating(a)
			var out []analysis.PackageFact
			for _, pkg := range sc.all() {
				for _, f := range pkgFacts[pkg] {
					out = append(out, analysis.PackageFact{Package: pkg, Fact: f})
				}
			}
			return out
		},
	}
	pass.ReadFile = func(name string) ([]byte, error) {
		if !slices.Contains(p.OtherFiles, name) && !slices.Contains(p.IgnoredFiles, name) && !slices.Contains(p.GoFiles, name) &&
			!slices.Contains(p.CompiledGoFiles, name) && !slices.Contains(p.EmbedFiles, name) {
			return nil, fmt.Errorf("Pass.ReadFile: %s is not among OtherFiles, IgnoredFiles, or names of Files", name)
		}
		return os.ReadFile(name)
	}
	done := false
	pass.ExportObjectFact = func(obj types.Object, fact analysis.Fact) {
		if done {
			log.Panicf("%s: Pass.ExportObjectFact(%s, %T) called after Run", act, obj, fact)
		}
		if obj.Pkg() != p.Types {
			log.Panicf("internal error: in analysis %s of package %s: Fact.Set(%s, %T): can't set facts on objects belonging another package", a, p, obj, fact)
		}
		m := objFacts[p.Types]
		if m == nil {
			m = map[objectFactKey]analysis.Fact{}
			objFacts[p.Types] = m
		}
		m[objectFactKey{obj, reflect.TypeOf(fact)}] = fact
	}
	pass.ExportPackageFact = func(fact analysis.Fact) {
		if done {
			log.Panicf("%s: Pass.ExportPackageFact(%T) called after Run", act, fact)
		}
		m := pkgFacts[p.Types]
		if m == nil {
			m = map[reflect.Type]analysis.Fact{}
			pkgFacts[p.Types] = m
		}
		m[reflect.TypeOf(fact)] = fact
	}
	act.Result, act.Err = func() (any, error) {
		if r.cut.illTyped(p) && !a.RunDespiteErrors {
			return nil, fmt.Errorf("analysis skipped due to errors in package")
		}
		result, err := a.Run(pass)
		if err != nil {
			return nil, err
		}
		if got, want := reflect.TypeOf(result), a.ResultType; got != want {
			return nil, fmt.Errorf("internal error: on package %s, analyzer %s returned a result of type %v, but declared ResultType %v", pass.Pkg.Path(), a, got, want)
		}
		for i := range act.Diagnostics {
			u, err := resolveURL(a, act.Diagnostics[i])
			if err != nil {
				return nil, err
			}
			act.Diagnostics[i].URL = u
		}
		return result, nil
	}()
	done = true
}

// enumerating checks that an analyzer that asks for all the facts in
// scope is one the cache of packages' analyses knows to ask (reuse.go).
func enumerating(a *analysis.Analyzer) {
	if !enumeratesFacts[a.Name] {
		msg := fmt.Sprintf("faasvet: internal error: analyzer %s enumerates facts but is not in enumeratesFacts (internal/driver/reuse.go)", a.Name)
		if testing.Testing() {
			panic(msg)
		}
		log.Print(msg)
	}
}

// scope is which packages' facts an action of an analyzer with facts
// sees: its own, and those of the packages it imports (reach: only
// those that have facts matter), the package-level funcs and vars of
// direct imports only.
type scope struct {
	self          *types.Package
	direct, reach map[*types.Package]bool
}

func (r *passes) newScope(p *packages.Package) *scope {
	sc := &scope{self: p.Types, direct: map[*types.Package]bool{}, reach: r.reach(p)}
	for imp := range r.cut.each(p) {
		sc.direct[imp.Types] = true
	}
	return sc
}

// reach are the packages with facts that p imports, directly or not,
// once their analyzers have run; the maps are shared (never changed
// once made), so that a chain of packages without facts of their own
// costs one map.
func (r *passes) reach(p *packages.Package) map[*types.Package]bool {
	if m, ok := r.reached[p]; ok {
		return m
	}
	var m map[*types.Package]bool
	own := false // m is this package's map, not an import's
	add := func(pkg *types.Package) {
		if !own {
			m, own = maps.Clone(m), true
			if m == nil {
				m = map[*types.Package]bool{}
			}
		}
		m[pkg] = true
	}
	for imp := range r.cut.each(p) {
		for pkg := range r.reach(imp) {
			if !m[pkg] {
				if m == nil {
					m = r.reach(imp)
					break
				}
				add(pkg)
			}
		}
		if r.hasFacts(imp.Types) && !m[imp.Types] {
			add(imp.Types)
		}
	}
	r.reached[p] = m
	return m
}

// forget drops the facts about p and its objects, and the packages it
// reaches, once no package left to analyse imports it (release.go).
func (r *passes) forget(p *packages.Package) {
	r.gone[p] = true
	delete(r.reached, p)
	if p.Types == nil {
		return
	}
	for _, m := range r.objFacts {
		delete(m, p.Types)
	}
	for _, m := range r.pkgFacts {
		delete(m, p.Types)
	}
}

// hasFacts reports whether an analyzer exported facts about pkg or its
// objects.
func (r *passes) hasFacts(pkg *types.Package) bool {
	for _, m := range r.objFacts {
		if len(m[pkg]) > 0 {
			return true
		}
	}
	for _, m := range r.pkgFacts {
		if len(m[pkg]) > 0 {
			return true
		}
	}
	return false
}

func (sc *scope) all() []*types.Package {
	out := []*types.Package{sc.self}
	for pkg := range sc.reach {
		out = append(out, pkg)
	}
	return out
}

// sees reports whether a fact about obj reaches the action, as the
// checker's exportedFrom lets it through from each package to its
// importers.
func (sc *scope) sees(obj types.Object) bool {
	pkg := obj.Pkg()
	if pkg == sc.self {
		return true
	}
	if !sc.reach[pkg] {
		return false
	}
	switch obj := obj.(type) {
	case *types.Func:
		return obj.Signature().Recv() != nil || obj.Exported() && sc.direct[pkg]
	case *types.Var:
		return obj.IsField() || sc.direct[pkg]
	case *types.TypeName, *types.Const:
		return true
	}
	return false
}

// resolveURL is the checker's URL of a diagnostic: its own, or its
// category's anchor, relative to the analyzer's.
func resolveURL(a *analysis.Analyzer, d analysis.Diagnostic) (string, error) {
	if d.URL == "" && d.Category == "" && a.URL == "" {
		return "", nil
	}
	raw := d.URL
	if d.URL == "" && d.Category != "" {
		raw = "#" + d.Category
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "", fmt.Errorf("invalid Diagnostic.URL %q: %w", raw, err)
	}
	base, err := url.Parse(a.URL)
	if err != nil {
		return "", fmt.Errorf("invalid Analyzer.URL %q: %w", a.URL, err)
	}
	return base.ResolveReference(u).String(), nil
}

func analysisModule(mod *packages.Module) *analysis.Module {
	if mod == nil {
		return nil
	}
	var modErr *analysis.ModuleError
	if mod.Error != nil {
		modErr = &analysis.ModuleError{Err: mod.Error.Err}
	}
	return &analysis.Module{
		Path: mod.Path, Version: mod.Version, Replace: analysisModule(mod.Replace), Time: mod.Time, Main: mod.Main,
		Indirect: mod.Indirect, Dir: mod.Dir, GoMod: mod.GoMod, GoVersion: mod.GoVersion, Error: modErr,
	}
}
