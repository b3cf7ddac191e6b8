package driver

import (
	"fmt"
	"log"
	"slices"
	"testing"

	"golang.org/x/tools/go/packages"
)

// Releasing a package's types and facts after its last importer.
//
// Dropping a package's syntax once it is analysed (stream.go) leaves
// its go/types objects: the graph's packages.Package.Types (the map of
// packages that the importer and export data read from), the types of
// a root type-checked again (stream.orig), and the facts, which are
// keyed by the package and its objects. A package's facts are seen by
// every package that imports it, directly or not, and its types can be
// referred to by any of them; none of those after the last such
// importer in the stream's order. So once the stream has passed a
// package's last transitive importer (export-data packages count
// through the packages that import them, which are in the graph too),
// its types and facts are forgotten and the garbage collector takes
// what nothing else holds, unless the link stage reads the package:
// a root whose syntax is kept (keep, retain), a program (its main
// func), a root with SDK calls (their entry funcs). What the link
// stage holds otherwise, the functions' signatures, the payload types,
// the calls' values, holds the objects it needs itself: only the
// driver's maps and the graph's fields let go of them.
//
// Should a released package be asked for again (a bug in the order
// computed here), test binaries panic and faasvet says so on standard
// error rather than silently loading it again.

// releaseTypes is false in a test that checks that releasing changes
// nothing.
var releaseTypes = true

// releaseEarly releases every package right after its own place, for a
// test that the guard catches a package asked for after its release;
// onRelease, when set, is told of each package released.
var (
	releaseEarly bool
	onRelease    func(*packages.Package)
)

// releaser forgets packages as the stream passes their last importers.
type releaser struct {
	s    *stream
	r    *passes
	keep func(*packages.Package) bool
	// at are the packages whose last transitive importer is at each
	// place in the order.
	at [][]*packages.Package
}

// newReleaser plans the release of the packages of ord (an import
// order, as order makes it); keep says which are never released.
func newReleaser(s *stream, r *passes, ord []*packages.Package, keep func(*packages.Package) bool) *releaser {
	rel := &releaser{s: s, r: r, keep: keep, at: make([][]*packages.Package, len(ord))}
	for p, i := range lastImporters(ord) {
		if releaseEarly {
			i = slices.Index(ord, p)
		}
		rel.at[i] = append(rel.at[i], p)
	}
	return rel
}

// lastImporters is, for every package of ord, the place in ord of the
// last package that imports it, directly or not, or its own place when
// none does after it.
func lastImporters(ord []*packages.Package) map[*packages.Package]int {
	last := make(map[*packages.Package]int, len(ord))
	for i, p := range ord {
		last[p] = i
	}
	// Imports come before their importers, so one pass from the end
	// settles it; an import cycle (which the go command reports, and
	// go/packages may still list) is settled by passing again.
	for changed := true; changed; {
		changed = false
		for i := len(ord) - 1; i >= 0; i-- {
			p := ord[i]
			for _, imp := range p.Imports {
				if l, ok := last[imp]; !ok || l < last[p] {
					last[imp] = last[p]
					changed = true
				}
			}
		}
	}
	return last
}

// after releases the packages whose last importer is at place i, once
// it has been loaded and analysed.
func (rel *releaser) after(i int) {
	if !releaseTypes || !dropSyntax {
		return
	}
	for _, p := range rel.at[i] {
		if p.PkgPath == "unsafe" || rel.keep(p) {
			continue
		}
		n := rel.s.nodes[p]
		if n == nil || n.released {
			continue
		}
		n.released = true
		delete(rel.s.orig, p)
		rel.r.forget(p)
		p.Types, p.Syntax, p.TypesInfo = nil, nil, nil
		if onRelease != nil {
			onRelease(p)
		}
	}
}

// keepsTypes reports whether the link stage reads p's types after the
// stream: a program (its main), a root with functions (the events
// package it imports), a root with SDK calls (their entry funcs).
func (c *collector) keepsTypes(p *packages.Package, isRoot map[*packages.Package]bool) bool {
	if !isRoot[p] {
		return false
	}
	if p.Name == "main" {
		return true
	}
	i, ok := c.index[p]
	if !ok || c.found[i] == nil {
		return false
	}
	f := c.found[i]
	return len(f.calls) > 0 || f.summary != nil && f.summary.Summary != nil && len(f.summary.Summary.Functions) > 0
}

// releasedUse reports a released package asked for again.
func releasedUse(p *packages.Package, by string) {
	msg := fmt.Sprintf("faasvet: internal error: package %s needed by %s after its types were released", p.ID, by)
	if testing.Testing() {
		panic(msg)
	}
	log.Print(msg)
}
