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
// handler (handler.Registers). Those are loaded from source in a second
// load of the same patterns, as extra patterns, so that the roots import
// the very packages whose facts the checker computes. They are not roots:
// the checker runs only the fact-producing analyzers on them, so their
// diagnostics are never reported and their functions are not nodes
// (a wrapped handler is the caller's, in the user's package). A load
// whose roots reach no such dependency (most modules: golang.org/x/tools,
// grpc) costs nothing more than a walk of the import graph.

// sourceDeps returns the dependencies of roots (the packages of one
// load) that are worth reading from source, in path order: those that
// are not roots, not in the standard library and not in a module that
// provides a recognised SDK package, and that import a recognised SDK
// package or another such dependency.
func sourceDeps(roots []*packages.Package) []*packages.Package {
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
	if !found {
		return nil // the common case: no SDK in the graph at all
	}
	memo := map[*packages.Package]bool{}
	var wanted func(p *packages.Package) bool
	wanted = func(p *packages.Package) bool {
		if v, ok := memo[p]; ok {
			return v
		}
		memo[p] = false // no cycles in a well-formed graph
		v := false
		if !recognised(p) && candidate(p, isRoot, sdkModules) {
			for _, imp := range p.Imports {
				if recognised(imp) || wanted(imp) {
					v = true
				}
			}
		}
		memo[p] = v
		return v
	}
	var out []*packages.Package
	for p := range seen {
		if wanted(p) {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b *packages.Package) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// candidate reports whether p may be read from source: a dependency
// outside the standard library and the SDKs' modules, not already loaded
// from source, and not broken.
func candidate(p *packages.Package, isRoot, sdkModules map[string]bool) bool {
	switch {
	case isRoot[p.PkgPath], len(p.Syntax) > 0, standard(p.PkgPath), len(p.Errors) > 0, p.IllTyped:
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

// withSourceDeps loads again, from source, the dependencies of ps (the
// roots that cfg loaded for patterns) that sourceDeps selects, and
// returns the roots of that load, whose imports are those packages; ps
// itself when there are none, or when they do not load cleanly (a
// dependency that type-checks from export data but not from source must
// not cost the roots their findings).
func withSourceDeps(cfg *packages.Config, patterns []string, ps []*packages.Package) []*packages.Package {
	deps := sourceDeps(ps)
	if len(deps) == 0 {
		return ps
	}
	extra := map[string]bool{}
	for _, d := range deps {
		extra[d.PkgPath] = true
	}
	all := append(slices.Clone(patterns), slices.Sorted(mapsKeys(extra))...)
	// The first load (ps) is dead from here on, for the garbage
	// collector: should this load fail, loading it again is cheaper than
	// holding both at once.
	again, err := packages.Load(cfg, all...)
	if err != nil {
		return loadAgain(cfg, patterns)
	}
	var roots []*packages.Package
	for _, p := range again {
		// With cfg.Tests, the extra patterns bring their test variants
		// (Q [Q.test], Q_test [Q.test], Q.test): not roots either.
		base := strings.TrimSuffix(strings.TrimSuffix(p.PkgPath, ".test"), "_test")
		if !extra[base] {
			roots = append(roots, p) // a root, or its test variant
			continue
		}
		if p.ID == p.PkgPath && (len(p.Errors) > 0 || p.IllTyped) {
			return loadAgain(cfg, patterns)
		}
	}
	return roots
}

// loadAgain is the load without dependencies from source, after a load
// with them failed.
func loadAgain(cfg *packages.Config, patterns []string) []*packages.Package {
	ps, err := packages.Load(cfg, patterns...)
	if err != nil {
		return nil
	}
	return ps
}
