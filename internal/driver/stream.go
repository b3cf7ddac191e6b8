package driver

import (
	"errors"
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"go/types"
	"log"
	"maps"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/gcexportdata"
	"golang.org/x/tools/go/packages"
)

// Loading one package at a time.
//
// go/packages type-checks every root of a load before it returns, and
// the analysis needs them all at once in memory: on golang.org/x/tools
// that is over 100 MB of syntax and type information. The driver
// instead lists the package graph with go/packages (names, files,
// imports, export data files; nothing parsed or type-checked), and a
// stream gives the packages their syntax and types one at a time, in
// import order, as go/packages would have: the roots (and the
// dependencies read from source, deps.go) parsed with ParseFile and
// type-checked with their function bodies, a package that imports one
// of them parsed and checked without bodies, the direct imports of
// those from export data, read through one map of packages per load so
// that a type is the same object in every package that sees it, and
// the rest as empty packages that export data fills in. The analysis
// (passes.go) follows the stream, and what it no longer needs is
// dropped before the next package, and a package's types and facts
// once the stream has passed its last importer (release.go): the
// memory held at once is the types of the packages still to be
// imported, and one package's syntax and type information.

// stream is one load's package graph, loaded package by package.
type stream struct {
	fset  *token.FileSet
	parse func(*token.FileSet, string, []byte) (*ast.File, error)
	nodes map[*packages.Package]*node
	// files are the parsed files shared by the packages that list them
	// (a package and its test variant), as go/packages' parse cache
	// shares them, until the last of those packages has been parsed.
	files map[string]*parsed
	// orig are the types of roots type-checked again (recheck.go), as
	// go/packages gave them.
	orig map[*packages.Package]*types.Package
}

// node is what go/packages keeps about a package while it loads it.
type node struct {
	initial   bool // a root of the load (go/packages' initial packages)
	declsOnly bool // a root whose analysis is replayed, checked without bodies (reuse.go)
	needsrc   bool // parsed and type-checked from source
	needtypes bool // types needed (from export data unless needsrc)
	loaded    bool
	released  bool // its types forgotten (release.go)
	exportErr error
	listErrs  int // the go command's errors, before loading added others
}

type parsed struct {
	f     *ast.File
	err   error
	users int // packages still to parse it
}

// newStream prepares the graph of roots (a load's packages, listed with
// metaMode) for loading, with extra also loaded from source and with
// function bodies, as roots of go/packages would be.
func newStream(fset *token.FileSet, parse func(*token.FileSet, string, []byte) (*ast.File, error), roots, extra []*packages.Package) *stream {
	s := &stream{fset: fset, parse: parse, nodes: map[*packages.Package]*node{}, files: map[string]*parsed{}, orig: map[*packages.Package]*types.Package{}}
	for _, p := range slices.Concat(roots, extra) {
		s.add(p).initial = true
	}
	s.flags(slices.Concat(roots, extra))
	return s
}

func (s *stream) add(p *packages.Package) *node {
	n := s.nodes[p]
	if n == nil {
		n = &node{listErrs: len(p.Errors)}
		s.nodes[p] = n
		for _, imp := range p.Imports {
			s.add(imp)
		}
	}
	return n
}

// flags decides, as go/packages' refine does, which packages are read
// from source and which need types: the roots, and the packages that
// have no export data, from source; a package that imports one read
// from source is read from source too (without function bodies); the
// direct imports of a package read from source need types.
func (s *stream) flags(roots []*packages.Package) {
	const (
		white = iota
		grey
		black
	)
	color := map[*packages.Package]int{}
	var visit func(p *packages.Package) bool
	visit = func(p *packages.Package) bool {
		n := s.nodes[p]
		if color[p] == white {
			color[p] = grey
			invalid := p.ExportFile == "" && p.PkgPath != "unsafe"
			n.needtypes = n.initial
			n.needsrc = (n.initial || invalid) && p.PkgPath != "unsafe"
			for _, imp := range p.Imports {
				if visit(imp) {
					n.needsrc = true
				}
			}
			if n.needsrc {
				for _, imp := range p.Imports {
					s.nodes[imp].needtypes = true
				}
			}
			color[p] = black
		}
		return n.needsrc
	}
	for _, p := range roots {
		visit(p)
	}
	// Every package of the graph gets a package of its own before any
	// is loaded, so that export data never has to make one.
	for p := range s.nodes {
		if p.PkgPath == "unsafe" {
			continue
		}
		p.Types = types.NewPackage(p.PkgPath, p.Name)
		p.Fset = s.fset
	}
	for p, n := range s.nodes {
		if n.needsrc {
			for _, f := range p.CompiledGoFiles {
				if s.files[f] == nil {
					s.files[f] = &parsed{}
				}
				s.files[f].users++
			}
		}
	}
}

// reset undoes every load of the stream, for loading the graph again
// with other roots.
func (s *stream) reset() {
	for p, n := range s.nodes {
		p.Errors = p.Errors[:n.listErrs:n.listErrs]
		p.Types, p.Syntax, p.TypesInfo, p.TypeErrors, p.IllTyped = nil, nil, nil, nil, false
		*n = node{listErrs: n.listErrs}
	}
	s.files = map[string]*parsed{}
}

// order is the graph in import order from roots: each package after
// its imports (in path order), the roots in their order.
func order(roots []*packages.Package) []*packages.Package {
	var out []*packages.Package
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
		out = append(out, p)
	}
	for _, p := range roots {
		visit(p)
	}
	return out
}

// load gives p its types, and its syntax when it is read from source,
// as go/packages' loadPackage does. Its imports are loaded first.
func (s *stream) load(p *packages.Package) {
	n := s.nodes[p]
	if n.loaded {
		return
	}
	n.loaded = true
	for _, path := range slices.Sorted(maps.Keys(p.Imports)) {
		s.load(p.Imports[path])
	}
	if p.PkgPath == "unsafe" {
		p.Types, p.Fset, p.Syntax, p.TypesInfo = types.Unsafe, s.fset, []*ast.File{}, newInfo()
		return
	}
	if !n.needtypes && !n.needsrc {
		return
	}
	if !n.needsrc {
		if err := s.loadExport(p); err != nil {
			n.exportErr = err
			p.Errors = append(p.Errors, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
		}
		return
	}
	appendError := func(err error) { appendLoadError(p, err) }
	if len(p.CompiledGoFiles) == 0 && p.ExportFile != "" {
		appendError(packages.Error{Pos: "-", Msg: fmt.Sprintf("sources missing for package %s", p.ID), Kind: packages.ParseError})
		_ = s.loadExport(p)
		return
	}
	var files []*ast.File
	var errs []error
	for _, name := range p.CompiledGoFiles {
		f, err := s.parseFile(name)
		if f != nil {
			files = append(files, f)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	for _, err := range errs {
		appendError(err)
	}
	p.Syntax = files
	p.TypesInfo = newInfo()
	importer := importerFunc(func(path string) (*types.Package, error) {
		if path == "unsafe" {
			return types.Unsafe, nil
		}
		ipkg := p.Imports[path]
		if ipkg == nil {
			return nil, s.importError(p, path)
		}
		if s.nodes[ipkg].released {
			releasedUse(ipkg, p.ID)
		}
		if t := s.orig[ipkg]; t != nil {
			return t, nil
		}
		if ipkg.Types != nil && ipkg.Types.Complete() {
			return ipkg.Types, nil
		}
		if err := s.nodes[ipkg].exportErr; err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("no types for package %q", path)
	})
	tc := &types.Config{
		Importer:         importer,
		IgnoreFuncBodies: !n.initial || n.declsOnly,
		Error:            appendError,
		Sizes:            p.TypesSizes,
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	typErr := types.NewChecker(tc, s.fset, p.Types, p.TypesInfo).Files(p.Syntax)
	if typErr != nil && len(p.Errors) == 0 && len(p.Syntax) > 0 {
		if msg := typErr.Error(); strings.HasPrefix(msg, "package requires newer Go version") {
			appendError(types.Error{Fset: s.fset, Pos: p.Syntax[0].Package, Msg: msg})
		}
	}
	if typErr != nil && len(p.Errors) == 0 {
		appendError(typErr)
	}
	ill := len(p.Errors) > 0
	for _, imp := range p.Imports {
		ill = ill || imp.IllTyped
	}
	p.IllTyped = ill
}

// importError is go/packages' error for an import that the graph does
// not have: one that would close a cycle, or one the go command named
// but did not list.
func (s *stream) importError(p *packages.Package, path string) error {
	for q := range s.nodes {
		if q.PkgPath == path && reaches(q, p) {
			return fmt.Errorf("import cycle: %s", cycle(q, p))
		}
	}
	if path == "C" {
		return fmt.Errorf("no metadata for %s", path) // go/packages lists no "C"
	}
	return fmt.Errorf("missing package: %q", path)
}

// reaches reports whether from imports to, directly or not.
func reaches(from, to *packages.Package) bool {
	seen := map[*packages.Package]bool{}
	var walk func(q *packages.Package) bool
	walk = func(q *packages.Package) bool {
		if q == to {
			return true
		}
		if seen[q] {
			return false
		}
		seen[q] = true
		for _, path := range slices.Sorted(maps.Keys(q.Imports)) {
			if walk(q.Imports[path]) {
				return true
			}
		}
		return false
	}
	return walk(from)
}

// cycle is the chain of packages from q to p, as go/packages prints its
// stack: [q ... p].
func cycle(q, p *packages.Package) string {
	var ids []string
	for x := q; x != p; {
		ids = append(ids, x.ID)
		for _, path := range slices.Sorted(maps.Keys(x.Imports)) {
			if imp := x.Imports[path]; reaches(imp, p) {
				x = imp
				break
			}
		}
	}
	return "[" + strings.Join(append(ids, p.ID), " ") + "]"
}

// appendLoadError records err on p as go/packages does.
func appendLoadError(p *packages.Package, err error) {
	var errs []packages.Error
	switch err := err.(type) { //nolint:errorlint // go/packages' own switch: the parser's and type checker's errors, unwrapped
	case packages.Error:
		errs = append(errs, err)
	case *os.PathError:
		errs = append(errs, packages.Error{Pos: err.Path + ":1", Msg: err.Err.Error(), Kind: packages.ParseError})
	case scanner.ErrorList:
		for _, err := range err {
			errs = append(errs, packages.Error{Pos: err.Pos.String(), Msg: err.Msg, Kind: packages.ParseError})
		}
	case types.Error:
		p.TypeErrors = append(p.TypeErrors, err)
		errs = append(errs, packages.Error{Pos: err.Fset.Position(err.Pos).String(), Msg: err.Msg, Kind: packages.TypeError})
	default:
		errs = append(errs, packages.Error{Pos: "-", Msg: err.Error(), Kind: packages.UnknownError})
	}
	p.Errors = append(p.Errors, errs...)
}

// filePos is the position at offset in a file that was not parsed (its
// package was read from export data): the file is added to the file set
// with its lines, as a parse would add it; NoPos when it cannot be read
// or is shorter.
func (s *stream) filePos(name string, offset int) token.Pos {
	src, err := os.ReadFile(name)
	if err != nil || offset < 0 || offset > len(src) {
		return token.NoPos
	}
	tf := s.fset.AddFile(name, -1, len(src))
	tf.SetLinesForContent(src)
	return tf.Pos(offset)
}

// unparsed counts p's files as parsed, for a package whose types came
// from export data instead (reuse.go).
func (s *stream) unparsed(p *packages.Package) {
	for _, name := range p.CompiledGoFiles {
		if v := s.files[name]; v != nil {
			if v.users--; v.users <= 0 {
				delete(s.files, name)
			}
		}
	}
}

// parseFile parses a file once for every package that lists it.
func (s *stream) parseFile(name string) (*ast.File, error) {
	v := s.files[name]
	if v == nil { // not counted: parse it for this package alone
		v = &parsed{users: 1}
	}
	if v.f == nil && v.err == nil {
		src, err := os.ReadFile(name)
		if err != nil {
			v.err = err
		} else {
			v.f, v.err = s.parse(s.fset, name, src)
		}
	}
	if v.users--; v.users <= 0 {
		delete(s.files, name)
	}
	return v.f, v.err
}

// loadExport reads p's types from its export data, as go/packages'
// loadFromExportData does: the packages it mentions are those of the
// graph, filled in where they are not complete.
func (s *stream) loadExport(p *packages.Package) error {
	if p.Types != nil && p.Types.Complete() {
		return nil
	}
	p.IllTyped = true // fail safe
	if p.ExportFile == "" {
		return errors.New("no export data file")
	}
	f, err := os.Open(p.ExportFile)
	if err != nil {
		return err
	}
	defer func() { _ = f.Close() }()
	r, err := gcexportdata.NewReader(f) //nolint:staticcheck // as go/packages reads the go command's export files
	if err != nil {
		return fmt.Errorf("reading %s: %w", p.ExportFile, err)
	}
	view := map[string]*types.Package{}
	seen := map[*packages.Package]bool{}
	var visit func(imps map[string]*packages.Package)
	visit = func(imps map[string]*packages.Package) {
		for _, q := range imps {
			if !seen[q] {
				seen[q] = true
				if s.nodes[q].released {
					releasedUse(q, p.ID+"'s export data")
				}
				view[q.PkgPath] = q.Types
				visit(q.Imports)
			}
		}
	}
	visit(p.Imports)
	viewLen := len(view) + 1
	tpkg, err := gcexportdata.Read(r, s.fset, view, p.PkgPath)
	if err != nil {
		return fmt.Errorf("reading %s: %w", p.ExportFile, err)
	}
	if _, ok := view["go.shape"]; ok {
		viewLen++
	}
	if viewLen != len(view) {
		log.Printf("faasvet: unexpected new packages in the export data of %s", p.PkgPath)
	}
	p.Types = tpkg
	p.IllTyped = false
	return nil
}

func newInfo() *types.Info {
	return &types.Info{
		Types:        map[ast.Expr]types.TypeAndValue{},
		Defs:         map[*ast.Ident]types.Object{},
		Uses:         map[*ast.Ident]types.Object{},
		Implicits:    map[ast.Node]types.Object{},
		Instances:    map[*ast.Ident]types.Instance{},
		Scopes:       map[ast.Node]*types.Scope{},
		Selections:   map[*ast.SelectorExpr]*types.Selection{},
		FileVersions: map[*ast.File]string{},
	}
}
