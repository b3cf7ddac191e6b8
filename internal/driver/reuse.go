package driver

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/directive"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/internal/cache"
	"github.com/faasvet/faasvet/link"
	"github.com/faasvet/faasvet/report"
)

// Reusing a package's analysis.
//
// When a run's key (cached.go) is not stored, the tree changed; most of
// its packages usually did not, and in most of a large tree a package
// gives the whole-program stage nothing: no function, no SDK call, no
// route or directive, no faaswire report about a declaration. Such a
// package (an inert one) is stored by itself once analysed: its
// findings, with their fixes, the facts its importers can see (as go
// vet's unitchecker stores them: each object by its objectpath, each
// fact as JSON), and the funcs its code names (link.Uses). A later
// run whose key for the package is the same replays those and reads
// the package's types from its export data, as it reads a dependency's,
// instead of parsing and type-checking it with its bodies and running
// the analyzers on it. A package's key hashes faasvet's and Go's
// versions, the options, its files, the export data of its imports (for
// the main modules' packages the export data itself, which a body's
// edit leaves as it was unless the body is inlined, not the file the go
// command wrote it in) and the facts of every package it imports,
// directly or not, by content: an importer's analysis reads its
// imports' types and facts, nothing else of them, so an edit that
// changes neither re-analyses the edited package alone.
//
// The run's output must be the one a run without the cache gives, byte
// for byte. A replayed package's objects carry the positions of its
// export data, which have lines but not columns. Nothing of an inert
// package is a node or an edge, but a finding of an analysed package or
// of the link stage may point into it (a related location at a field of
// a payload type): such a position takes the column of the one
// declaration on its line (columns). Where that cannot be told (no such
// declaration or several on the line), where a faaswire finding would
// move to a declaration of a replayed package, or where the link stage
// asks about an interface method that a replayed package names but
// whose interface its export data does not have, the run is done again
// without reuse (a conflict).

// reuser reuses the inert packages' analyses of earlier runs.
type reuser struct {
	cache *cache.Cache
	// batch stores the packages' analyses, in one pack when there are
	// many (a run that fills the cache); closed at the run's end.
	batch *cache.Batch
	base  string
	k     *keyer
	s     *stream
	r     *passes
	keys  map[*packages.Package]string // pkgKey's, "" when it has none
	dig   map[*packages.Package]string // digest's
	// facts are the facts of the packages analysed or replayed, as
	// stored (factsOf), until they are digested.
	facts map[*packages.Package][]storedFact
	// pending are the keys of roots analysed in this run, stored once
	// their analysis shows them inert.
	pending map[*packages.Package]cache.Key
	// files are the files of the replayed packages, by absolute name
	// and as findings name them (relative to the run's directory).
	files, rel map[string]bool
	// idents are the replayed packages' reused.Idents: the columns on
	// each line, by file and line; exact are the positions in them that
	// are not from export data (a program's func main).
	idents map[string]map[int][]int
	exact  map[graphext.Pos]bool
	// conflict says why the run must be done again without reuse.
	conflict string
	replayed int
}

// newReuser returns nil when a key cannot be made (faasvet's version is
// unknown).
func newReuser(c *cache.Cache, k *keyer, dir string, opts Options) *reuser {
	base, ok := baseKey(dir, opts)
	if !ok {
		return nil
	}
	return &reuser{cache: c, batch: c.Batch(), base: base, k: k,
		keys: map[*packages.Package]string{}, dig: map[*packages.Package]string{}, pending: map[*packages.Package]cache.Key{},
		facts: map[*packages.Package][]storedFact{},
		files: map[string]bool{}, rel: map[string]bool{}, idents: map[string]map[int][]int{}, exact: map[graphext.Pos]bool{}}
}

// reused is an inert package's analysis as the cache holds it.
type reused struct {
	Findings [][]storedFinding // by analyzer, in the suite's order
	Facts    []storedFact
	Funcs    []string   // link.UsesOf's funcs
	Ifaces   []ifaceRef // and interface methods, by objectpath
	ByName   []string   // or by name alone, where objectpath has none
	// Idents are the lines and columns of the identifiers that declare
	// what export data has (package-level objects, fields, methods), as
	// line, column pairs by file (relative to the run's directory).
	Idents map[string][]int
	// Main is a program's func main, which its export data does not
	// have: its file and offset there.
	Main *fileOffset `json:",omitempty"`
	// Summary is a function package's summary for the link stage
	// (funcpkg.go); nil for an inert package.
	Summary *funcSummary `json:",omitempty"`
}

type fileOffset struct {
	File   string
	Offset int
}

// storedFact is a fact about the package (Obj "") or one of its
// objects (by objectpath), of one analyzer's fact type, as JSON.
type storedFact struct {
	Analyzer, Type, Obj string
	Data                json.RawMessage
}

// ifaceRef names an interface method by its package and objectpath,
// and its name.
type ifaceRef struct{ Pkg, Path, Name string }

// pkgKey is p's key: what its analysis reads.
func (reu *reuser) pkgKey(p *packages.Package) (string, bool) {
	if s, ok := reu.keys[p]; ok {
		return s, s != ""
	}
	reu.keys[p] = ""
	h := cache.NewHash("package analysis")
	h.String(reu.base)
	if !reu.k.identity(h, p) {
		return "", false
	}
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		imp := p.Imports[path]
		exp, ok := reu.k.export(imp)
		if !ok {
			return "", false
		}
		dig, ok := reu.digest(imp)
		if !ok {
			return "", false
		}
		h.String("import " + path + " " + exp + " " + dig)
	}
	s := h.Key().String()
	reu.keys[p] = s
	return s, true
}

// digest identifies the facts that p and the packages it imports,
// directly or not, exported: the key (or, for a package read from
// export data, the export data) of each that has facts; "" when none
// has.
func (reu *reuser) digest(p *packages.Package) (string, bool) {
	if s, ok := reu.dig[p]; ok {
		return s, s != "-"
	}
	reu.dig[p] = "-"
	var parts []string
	own, ok := reu.ownFacts(p)
	if !ok {
		return "", false
	}
	if own != "" {
		parts = append(parts, "facts "+own)
	}
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		d, ok := reu.digest(p.Imports[path])
		if !ok {
			return "", false
		}
		if d != "" {
			parts = append(parts, path+" "+d)
		}
	}
	s := ""
	if len(parts) > 0 {
		h := cache.NewHash("facts")
		for _, part := range parts {
			h.String(part)
		}
		s = h.Key().String()
	}
	reu.dig[p] = s
	return s, true
}

// ownFacts identifies p's own facts, "" when it has none: by their
// stored form for a package analysed from source (or replayed), by its
// export data for one read from it, whose facts the analyzers derive
// from it alone.
func (reu *reuser) ownFacts(p *packages.Package) (string, bool) {
	facts, stored := reu.facts[p]
	if !stored {
		if p.Types == nil || !reu.r.hasFacts(p.Types) {
			return "", true
		}
		if n := reu.s.nodes[p]; n == nil || !n.needsrc {
			return reu.k.export(p)
		}
		var ok bool
		if facts, ok = factsOf(reu.r, p); !ok {
			return reu.pkgKey(p) // not by content: by what they come from
		}
	}
	delete(reu.facts, p)
	if len(facts) == 0 {
		return "", true
	}
	h := cache.NewHash("own facts")
	for _, f := range facts {
		h.String(f.Analyzer + " " + f.Type + " " + f.Obj)
		h.String(string(f.Data))
	}
	return h.Key().String(), true
}

// replay gives root p, when its analysis is stored, what it found, and
// its types from export data; false when p is to be analysed.
func (c *collector) replay(s *stream, r *passes, p *packages.Package) bool {
	reu := c.reuse
	if len(p.Errors) > 0 || len(p.CompiledGoFiles) == 0 {
		return false
	}
	for _, imp := range p.Imports {
		s.load(imp)
		if imp.IllTyped || len(imp.Errors) > 0 || c.changed[imp] {
			return false
		}
	}
	r.deps(p) // the facts of what it imports are in its key
	reu.s, reu.r = s, r
	ks, ok := reu.pkgKey(p)
	if !ok {
		return false
	}
	h := cache.NewHash("package")
	h.String(ks)
	key := h.Key()
	reu.pending[p] = key
	data, ok := reu.cache.Get(key)
	if !ok {
		return false
	}
	e, ok := decodeReused(data, len(c.analyzers))
	if !ok {
		return false
	}
	// Its types from export data, as a dependency's; or, when that lacks
	// an object that one of its facts is about (a method of a type its
	// API does not mention, which an importer's open dispatch can still
	// reach), from its declarations, checked without function bodies:
	// dearer, and still far cheaper than analysing it.
	main := token.NoPos
	exported := false
	switch {
	case e.Summary != nil:
		// A function package: its summary names objects that export
		// data may not have, at positions it has no columns for.
	case p.ExportFile == "":
		// Edited under a replayed listing (relist.go), which has no
		// export data for it: its declarations, as they are now.
	default:
		err := s.loadExport(p)
		if err != nil || !exportPositions(s, p) {
			break
		}
		if exported = r.restoreFacts(p, e.Facts); exported && e.Main != nil {
			if main = s.filePos(e.Main.File, e.Main.Offset); !main.IsValid() {
				reu.conflict = "a program's func main not found in " + relPath(c.dir, e.Main.File)
			}
			at := s.fset.Position(main)
			reu.exact[graphext.Pos{File: relPath(c.dir, at.Filename), Line: at.Line, Column: at.Column}] = true
		}
	}
	if !exported {
		p.Types, p.IllTyped = types.NewPackage(p.PkgPath, p.Name), false
		s.nodes[p].declsOnly = true
		s.load(p)
		if len(p.Errors) > 0 || p.IllTyped || !r.restoreFacts(p, e.Facts) {
			// It compiled and stored its facts: its declarations cannot
			// fail. Should they, nothing is guessed.
			reu.conflict = "the declarations of " + p.PkgPath + " as stored"
		}
		for _, f := range p.Syntax {
			reu.files[p.Fset.File(f.FileStart).Name()] = true // for toDeclarations; their positions are exact
		}
	}
	ifaces, byName := resolveIfaces(p, e.Ifaces)
	reu.facts[p] = e.Facts
	delete(reu.pending, p)
	if exported {
		s.nodes[p].loaded = true
		s.unparsed(p)
	}
	r.done[p] = true
	i := c.index[p]
	c.good = append(c.good, p)
	found := &rootFound{findings: make([][]report.Finding, len(c.analyzers)), errs: make([][]string, len(c.analyzers)), replayed: true}
	for j, fs := range e.Findings {
		for _, f := range fs {
			found.findings[j] = append(found.findings[j], f.finding())
		}
	}
	if e.Summary != nil {
		if !c.restoreSummary(p, e.Summary, found) && reu.conflict == "" {
			reu.conflict = "the summary of " + p.PkgPath + " as stored"
		}
	} else {
		sum := link.Summarise(p, &handler.Summary{Directives: &directive.Set{}}, nil)
		sum.Main = main
		found.summary = &sum
	}
	if !exported {
		p.Syntax, p.TypesInfo = nil, nil
	}
	c.found[i] = found
	c.uses.AddNamed(e.Funcs, ifaces, slices.Concat(e.ByName, byName))
	if !exported {
		reu.replayed++
		return true // its positions are its source's
	}
	for _, f := range slices.Concat(p.CompiledGoFiles, p.GoFiles) {
		reu.files[f] = true
		reu.rel[relPath(c.dir, f)] = true
	}
	for file, pairs := range e.Idents {
		lines := map[int][]int{}
		for k := 0; k+1 < len(pairs); k += 2 {
			lines[pairs[k]] = append(lines[pairs[k]], pairs[k+1])
		}
		reu.idents[file] = lines
	}
	reu.replayed++
	return true
}

// exportPositions reports whether the positions of p's export data name
// p's files (they do not under -trimpath), which the conflict test needs.
func exportPositions(s *stream, p *packages.Package) bool {
	scope := p.Types.Scope()
	for _, name := range scope.Names() {
		if pos := scope.Lookup(name).Pos(); pos.IsValid() {
			return slices.Contains(p.CompiledGoFiles, s.fset.Position(pos).Filename)
		}
	}
	return true
}

// resolveIfaces finds the interface methods refs names among the types
// of p and the packages it imports, directly or not (typeDecoder's
// search, which stops at the package it looks for); the names of those
// it does not find (an interface that no export data has).
func resolveIfaces(p *packages.Package, refs []ifaceRef) (found []*types.Func, byName []string) {
	if len(refs) == 0 {
		return nil, nil
	}
	d := newTypeDecoder(p)
	for _, ref := range refs {
		if obj, ok := d.obj(objRef{Pkg: ref.Pkg, Path: ref.Path}); ok {
			if fn, isFunc := obj.(*types.Func); isFunc {
				found = append(found, fn)
				continue
			}
		}
		byName = append(byName, ref.Name)
	}
	return found, byName
}

// store stores root p's analysis, just done, when p is inert.
func (c *collector) store(r *passes, p *packages.Package) {
	reu := c.reuse
	key, ok := reu.pending[p]
	if !ok {
		return
	}
	delete(reu.pending, p)
	i, ok := c.index[p]
	if !ok || c.found[i] == nil || c.partial[p] != "" || c.changed[p] || c.declReports[p] {
		return
	}
	found := c.found[i]
	for _, errs := range found.errs {
		if len(errs) > 0 {
			return
		}
	}
	if found.summary == nil {
		return
	}
	var sum *funcSummary
	if len(found.calls) > 0 || !inertSummary(found.summary.Summary) {
		if sum, ok = c.summaryOf(p, found); !ok { // funcpkg.go
			return
		}
	}
	facts, ok := factsOf(r, p)
	if !ok {
		return // a fact about an object its importers cannot name
	}
	reu.facts[p] = facts
	e := reused{Funcs: found.funcs, Facts: facts, Summary: sum}
	var paths objectpath.Encoder
	for _, fn := range found.ifaces {
		if path, err := paths.For(fn); err == nil {
			e.Ifaces = append(e.Ifaces, ifaceRef{fn.Pkg().Path(), string(path), fn.Name()})
		} else {
			e.ByName = append(e.ByName, fn.Name()) // a local interface's
		}
	}
	e.Idents = idents(c.dir, p)
	if p.Name == "main" {
		// A program: the link stage binds it to what deploys it, at its
		// func main (newProgramRec).
		main, ok := p.Types.Scope().Lookup("main").(*types.Func)
		if !ok || !main.Pos().IsValid() {
			return
		}
		tf := p.Fset.File(main.Pos())
		e.Main = &fileOffset{tf.Name(), tf.Offset(main.Pos())}
	}
	for _, fs := range found.findings {
		var sfs []storedFinding
		for _, f := range fs {
			sfs = append(sfs, toStored(f))
		}
		e.Findings = append(e.Findings, sfs)
	}
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(e); err == nil {
		reu.batch.Put(key, b.Bytes())
	}
}

// inertSummary reports whether a package's summary gives the link stage
// nothing.
func inertSummary(sum *handler.Summary) bool {
	if sum == nil {
		return false
	}
	if len(sum.Functions) > 0 || len(sum.Routes) > 0 {
		return false
	}
	if sum.Directives != nil && len(sum.Directives.Directives)+len(sum.Directives.Errors) > 0 {
		return false
	}
	if sum.Ignores != nil {
		if uses, _ := sum.Ignores.Uses(); len(uses) > 0 {
			return false
		}
	}
	return true
}

func decodeReused(data []byte, analyzers int) (*reused, bool) {
	var e reused
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil || len(e.Findings) != analyzers {
		return nil, false
	}
	return &e, true
}

// columns gives a finding's positions in replayed packages their
// columns. Such a position comes from an object read from export data,
// whose positions have no column (gcexportdata puts every one at the
// start of its line): the column is that of the one identifier that
// declares such an object on the line. When the line has none or
// several, or the position is not such a one, the run has a conflict.
func (reu *reuser) columns(f *report.Finding) {
	if reu == nil || reu.conflict != "" {
		return
	}
	fix := func(file string, line int, col *int) {
		if !reu.rel[file] || reu.exact[graphext.Pos{File: file, Line: line, Column: *col}] {
			return
		}
		if cols := reu.idents[file][line]; *col == 1 && len(cols) == 1 {
			*col = cols[0]
			return
		}
		reu.conflict = fmt.Sprintf("a finding names %s:%d of a replayed package", file, line)
	}
	if f.EndLine != 0 && reu.rel[f.File] {
		reu.conflict = "a finding spans " + f.File + " of a replayed package"
		return
	}
	fix(f.File, f.Line, &f.Column)
	for i := range f.Related {
		fix(f.Related[i].File, f.Related[i].Line, &f.Related[i].Column)
	}
}

// graph notes a conflict when a node or an edge of g is in a replayed
// package, whose positions have no column: none is (inert packages hold
// no function, route or directive), but the graph is not rewritten.
func (reu *reuser) graph(g *graphext.Graph) {
	for _, n := range g.Nodes() {
		if reu.rel[n.Pos.File] && !reu.exact[n.Pos] && reu.conflict == "" {
			reu.conflict = "the graph names " + n.Pos.File + " of a replayed package"
		}
	}
	for _, e := range g.Edges() {
		if reu.rel[e.Pos.File] && !reu.exact[e.Pos] && reu.conflict == "" {
			reu.conflict = "the graph names " + e.Pos.File + " of a replayed package"
		}
	}
}

// idents are the positions of the identifiers of p that declare
// package-level objects, fields and methods, as reused.Idents holds
// them.
func idents(dir string, p *packages.Package) map[string][]int {
	type at struct{ line, col int }
	byFile := map[string][]at{}
	for id, obj := range p.TypesInfo.Defs {
		if obj == nil {
			continue
		}
		keep := obj.Parent() == p.Types.Scope()
		switch obj := obj.(type) {
		case *types.Var:
			keep = keep || obj.IsField()
		case *types.Func:
			keep = keep || obj.Signature().Recv() != nil
		}
		if !keep {
			continue
		}
		pos := p.Fset.Position(id.Pos())
		file := relPath(dir, pos.Filename)
		byFile[file] = append(byFile[file], at{pos.Line, pos.Column})
	}
	out := map[string][]int{}
	for file, ats := range byFile {
		slices.SortFunc(ats, func(a, b at) int { return cmp.Or(a.line-b.line, a.col-b.col) })
		ats = slices.Compact(ats)
		for _, a := range ats {
			out[file] = append(out[file], a.line, a.col)
		}
	}
	return out
}

// factsOf are the facts about p and its objects that its importers can
// see (scope.sees), as stored, in a stable order; false when one is
// about an object that objectpath cannot name.
func factsOf(r *passes, p *packages.Package) ([]storedFact, bool) {
	var out []storedFact
	enc := new(objectpath.Encoder)
	// JSON, not gob as unitchecker: gob's bytes depend on the order the
	// process met the types in, and the digests need the same bytes for
	// the same facts. A fact of a type that JSON does not bring back
	// whole (jsonFaithful) is not stored.
	encode := func(f analysis.Fact) ([]byte, bool) {
		if !faithfulType(reflect.TypeOf(f)) {
			return nil, false
		}
		data, err := json.Marshal(f)
		return data, err == nil
	}
	for _, a := range r.onRoots {
		for k, f := range r.objFacts[a][p.Types] {
			if !seenOutside(k.obj) {
				continue
			}
			path, err := enc.For(k.obj)
			if err != nil {
				if enumeratesFacts[a.Name] {
					return nil, false
				}
				continue // no importer can name the object
			}
			data, ok := encode(f)
			if !ok {
				return nil, false
			}
			out = append(out, storedFact{a.Name, k.typ.String(), string(path), data})
		}
		for t, f := range r.pkgFacts[a][p.Types] {
			data, ok := encode(f)
			if !ok {
				return nil, false
			}
			out = append(out, storedFact{a.Name, t.String(), "", data})
		}
	}
	slices.SortFunc(out, func(a, b storedFact) int {
		return cmp.Or(strings.Compare(a.Analyzer, b.Analyzer), strings.Compare(a.Obj, b.Obj), strings.Compare(a.Type, b.Type))
	})
	return out, true
}

// enumeratesFacts are the analyzers that ask for all the facts in scope
// (Pass.AllObjectFacts, AllPackageFacts) rather than for those of the
// objects they name: only they can see a fact about an object that an
// importer cannot name (an unexported var, a method of an unexported
// type its package's API does not mention), so only their facts must all
// be stored and restored; the others' about such objects are left out.
// passes.exec holds every other analyzer to it.
var enumeratesFacts = map[string]bool{sdkroute.Analyzer.Name: true}

// seenOutside reports whether a fact about obj can reach a package other
// than its own (scope.sees): not one about an unexported func.
func seenOutside(obj types.Object) bool {
	switch obj := obj.(type) {
	case *types.Func:
		return obj.Signature().Recv() != nil || obj.Exported()
	case *types.Var, *types.TypeName, *types.Const:
		return true
	}
	return false
}

// restoreFacts gives p, read from export data, the facts stored with its
// analysis; false, with none given, when one cannot be: an object that
// its export data does not have, a fact type the suite does not know.
func (r *passes) restoreFacts(p *packages.Package, facts []storedFact) bool {
	type restored struct {
		a   *analysis.Analyzer
		obj types.Object
		typ reflect.Type
		f   analysis.Fact
	}
	var out []restored
	for _, sf := range facts {
		var a *analysis.Analyzer
		for _, x := range r.onRoots {
			if x.Name == sf.Analyzer {
				a = x
			}
		}
		if a == nil {
			return false
		}
		var typ reflect.Type
		for _, ft := range a.FactTypes {
			if t := reflect.TypeOf(ft); t.String() == sf.Type {
				typ = t
			}
		}
		if typ == nil {
			return false
		}
		f := reflect.New(typ.Elem()).Interface().(analysis.Fact)
		if err := json.Unmarshal(sf.Data, f); err != nil {
			return false
		}
		var obj types.Object
		if sf.Obj != "" {
			var err error
			if obj, err = objectpath.Object(p.Types, objectpath.Path(sf.Obj)); err != nil {
				if enumeratesFacts[a.Name] {
					return false
				}
				continue // not in the export data: no importer can name it
			}
		}
		out = append(out, restored{a, obj, typ, f})
	}
	for _, x := range out {
		if x.obj == nil {
			m := r.pkgFacts[x.a]
			if m == nil {
				m = map[*types.Package]map[reflect.Type]analysis.Fact{}
				r.pkgFacts[x.a] = m
			}
			if m[p.Types] == nil {
				m[p.Types] = map[reflect.Type]analysis.Fact{}
			}
			m[p.Types][x.typ] = x.f
			continue
		}
		m := r.objFacts[x.a]
		if m == nil {
			m = map[*types.Package]map[objectFactKey]analysis.Fact{}
			r.objFacts[x.a] = m
		}
		if m[p.Types] == nil {
			m[p.Types] = map[objectFactKey]analysis.Fact{}
		}
		m[p.Types][objectFactKey{x.obj, x.typ}] = x.f
	}
	return true
}

// faithful memoises jsonFaithful by fact type: a package has hundreds
// of facts of a handful of types.
var faithful sync.Map // reflect.Type → bool

func faithfulType(t reflect.Type) bool {
	if v, ok := faithful.Load(t); ok {
		return v.(bool)
	}
	ok := jsonFaithful(t, nil)
	faithful.Store(t, ok)
	return ok
}

// jsonFaithful reports whether encoding/json brings every value of t
// back as it was (reflect.DeepEqual): booleans, numbers, strings, and
// slices, arrays, maps with string keys, pointers and structs of them
// whose fields are all exported and not left out; no interface, func or
// channel, nothing with a JSON method of its own. seen guards recursive
// types.
func jsonFaithful(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return true
	}
	if seen == nil {
		seen = map[reflect.Type]bool{}
	}
	seen[t] = true
	marshaler := reflect.TypeFor[json.Marshaler]()
	unmarshaler := reflect.TypeFor[json.Unmarshaler]()
	if t.Implements(marshaler) || reflect.PointerTo(t).Implements(unmarshaler) {
		return false
	}
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64: // NaN and infinities fail to encode
		return true
	case reflect.Slice, reflect.Array, reflect.Pointer:
		return jsonFaithful(t.Elem(), seen)
	case reflect.Map:
		return t.Key().Kind() == reflect.String && jsonFaithful(t.Elem(), seen)
	case reflect.Struct:
		for f := range t.Fields() {
			if !f.IsExported() || f.Tag.Get("json") == "-" || !jsonFaithful(f.Type, seen) {
				return false
			}
		}
		return true
	}
	return false
}
