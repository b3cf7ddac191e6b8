package driver

import (
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
)

// Dependencies read from source.
//
// The roots are loaded from source and their dependencies from export
// data, which holds types but no function bodies: the analyzers, which
// summarise what a function sends or registers as facts
// (sdkroute.SendsFact, handler.RegistersFact), learn nothing from a
// dependency. That is right for nearly all of them, but not for a
// company's SDK wrapper in a module of its own (required from a proxy,
// vendored, or replaced by a directory outside the tree): its
// Publish(ctx, v) sends to a queue, its Run(h) calls lambda.Start(h), and
// without its summary the caller's send and the wrapped handler are lost.
// go vet -vettool runs the analyzers on every dependency for facts; the
// driver does it for the few that can matter: a dependency package that
// imports, directly or through other such packages, a package the
// analyzers recognise as sending (sdkroute.SendsThrough) or registering a
// handler (handler.Registers). The stream (stream.go) loads those from
// source, with their function bodies, as go/packages loads its roots,
// so that the roots import the very packages whose facts the analysis
// computes. They are not roots: only the fact-producing analyzers run
// on them (passes.go), so their diagnostics are never reported and their
// functions are not nodes (a wrapped handler is the caller's, in the
// user's package). A load whose roots reach no such dependency (most
// modules: golang.org/x/tools, grpc) costs nothing more than a walk of
// the import graph.
//
// The user's own code in another module is read from source too, SDK
// or not: a package of a module that go.mod replaces by a directory
// (replace example.com/lib => ../lib) or that the go.work workspace
// holds, imported by a root directly or through other such packages.
// Its helpers (a ToJSON() that returns json.Marshal of its receiver,
// sdkroute.PassFact) decide what the roots send, and export data holds
// no bodies to summarise. A module required by version (from a proxy)
// is never one: x/tools and grpc read nothing more.

// sourceDeps returns the dependencies of roots (the packages of one
// load) that are worth reading from source, in path order: those that
// are not roots, not in the standard library and not in a module that
// provides a recognised SDK package, not read from source anyway (src),
// and that import a recognised SDK package or another such dependency.
func sourceDeps(roots []*packages.Package, src func(*packages.Package) bool) []*packages.Package {
	isRoot := map[string]bool{}
	for _, p := range roots {
		isRoot[p.PkgPath] = true
	}
	recognised := func(p *packages.Package) bool {
		return sdkroute.SendsThrough(p.PkgPath) || handler.Registers(p.PkgPath)
	}
	// The SDKs' own modules are summarised by the tables, not from source.
	sdkModules := map[string]bool{}
	seen := map[*packages.Package]bool{}
	found := false
	var walk func(p *packages.Package)
	walk = func(p *packages.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		if recognised(p) {
			found = true
			if p.Module != nil {
				sdkModules[p.Module.Path] = true
			}
		}
		for _, imp := range p.Imports {
			walk(imp)
		}
	}
	for _, p := range roots {
		walk(p)
	}
	local := localDeps(roots, isRoot, src)
	if !found {
		return byID(local) // the common case: no SDK in the graph at all
	}
	memo := map[*packages.Package]bool{}
	var wanted func(p *packages.Package) bool
	wanted = func(p *packages.Package) bool {
		if v, ok := memo[p]; ok {
			return v
		}
		memo[p] = false // no cycles in a well-formed graph
		v := false
		if !recognised(p) && candidate(p, isRoot, sdkModules, src) {
			for _, imp := range p.Imports {
				if recognised(imp) || wanted(imp) {
					v = true
				}
			}
		}
		memo[p] = v
		return v
	}
	out := local
	for p := range seen {
		if wanted(p) && !slices.Contains(local, p) {
			out = append(out, p)
		}
	}
	return byID(out)
}

func byID(pkgs []*packages.Package) []*packages.Package {
	slices.SortFunc(pkgs, func(a, b *packages.Package) int { return strings.Compare(a.ID, b.ID) })
	return pkgs
}

// localDeps returns the packages of the user's other modules (local)
// that the roots import, directly or through other such packages: the
// walk stops at the first package that is not local, so a local module
// reached only through a versioned dependency is not read.
func localDeps(roots []*packages.Package, isRoot map[string]bool, src func(*packages.Package) bool) []*packages.Package {
	// The roots' own modules are not another module: a package of
	// theirs that the patterns leave out (grpc's testdata) is not read.
	own := map[string]bool{}
	for _, p := range roots {
		if p.Module != nil {
			own[p.Module.Path] = true
		}
	}
	var out []*packages.Package
	seen := map[*packages.Package]bool{}
	var walk func(p *packages.Package)
	walk = func(p *packages.Package) {
		for _, imp := range p.Imports {
			if seen[imp] || !local(imp) || own[imp.Module.Path] || !candidate(imp, isRoot, nil, src) {
				continue
			}
			seen[imp] = true
			out = append(out, imp)
			walk(imp)
		}
	}
	for _, p := range roots {
		walk(p)
	}
	return out
}

// local reports whether p is in a module of the user's own: one that
// go.mod replaces by a directory (a replacement without a version is a
// file path), or a module of the go.work workspace (a main module).
func local(p *packages.Package) bool {
	m := p.Module
	if m == nil || standard(p.PkgPath) {
		return false
	}
	return m.Main || m.Replace != nil && m.Replace.Version == ""
}

// candidate reports whether p may be read from source: a dependency
// outside the standard library and the SDKs' modules, not already read
// from source, and not broken.
func candidate(p *packages.Package, isRoot, sdkModules map[string]bool, src func(*packages.Package) bool) bool {
	switch {
	case isRoot[p.PkgPath], src(p) && len(p.CompiledGoFiles) > 0, standard(p.PkgPath), len(p.Errors) > 0, p.IllTyped:
		// (one that is broken as compiled would be broken from source)
		return false
	case p.Module != nil && sdkModules[p.Module.Path]:
		return false
	}
	return true
}

// standard reports whether path is in the standard library (its first
// element has no dot), or is one of the type checker's own.
func standard(path string) bool {
	first, _, _ := strings.Cut(path, "/")
	return !strings.Contains(first, ".")
}
