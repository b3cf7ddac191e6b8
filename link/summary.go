package link

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/handler"
)

// The link stage reads nothing of a package's syntax or type information
// (types.Info): what it needs of them is read here, when the package has
// been analysed, so that the driver can drop them at once. A Package
// carries its declarations (Decls) and what its handlers' bodies read of
// their input (Reads); Uses gathers the funcs that all the packages name.

// Summarise is pkg's summary for the link stage: sum, and what the link
// stage needs of pkg's syntax and type information, which must still be
// there.
func Summarise(pkg *packages.Package, sum *handler.Summary, decls *Decls) Package {
	ps := Package{Pkg: pkg, Summary: sum, Decls: decls}
	for _, fn := range sum.Functions {
		if fn.HandlerAt.IsValid() {
			if ps.reads == nil {
				ps.reads = map[*handler.Function]reads{}
			}
			read, ok := paramReads(pkg, fn)
			ps.reads[fn] = reads{read, ok}
		}
	}
	return ps
}

// Reads are the fields that fn's body selects on its input parameter,
// as Summarise found them; ok is false when it found none it could
// trust (see reads) and known when fn has no entry.
func (ps Package) Reads(fn *handler.Function) (fields []*types.Var, ok, known bool) {
	r, known := ps.reads[fn]
	if !known {
		return nil, false, false
	}
	for v := range r.read {
		fields = append(fields, v)
	}
	slices.SortFunc(fields, func(a, b *types.Var) int { return int(a.Pos()) - int(b.Pos()) })
	return fields, r.ok, true
}

// Restore is pkg's summary as Summarise gave it in an earlier run and a
// cache kept it: sum, decls, and the reads of its handlers' bodies
// (Reads), for a package whose bodies are not type-checked again.
func Restore(pkg *packages.Package, sum *handler.Summary, decls *Decls, readsOf func(fn *handler.Function) (fields []*types.Var, ok, known bool)) Package {
	ps := Package{Pkg: pkg, Summary: sum, Decls: decls}
	for _, fn := range sum.Functions {
		fields, ok, known := readsOf(fn)
		if !known {
			continue
		}
		if ps.reads == nil {
			ps.reads = map[*handler.Function]reads{}
		}
		var read map[*types.Var]bool
		if fields != nil {
			read = map[*types.Var]bool{}
			for _, v := range fields {
				read[v] = true
			}
		}
		ps.reads[fn] = reads{read, ok}
	}
	return ps
}

// reads are the fields a handler selects on its input parameter; ok is
// false when its syntax was not found or the parameter is used whole.
type reads struct {
	read map[*types.Var]bool
	ok   bool
}

// Decls are the top-level declarations of a package's files, by
// position: what names a finding's declaration (Keys) once the syntax
// has gone.
type Decls struct {
	path  string
	spans []declSpan // in position order; they do not overlap
}

type declSpan struct {
	pos, end token.Pos
	name     string
}

// NewDecls indexes the top-level declarations of pkg's files: each func
// and method, and each type, const and var spec.
func NewDecls(pkg *packages.Package) *Decls {
	d := &Decls{path: pkg.PkgPath}
	for _, file := range pkg.Syntax {
		for _, decl := range file.Decls {
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				name := decl.Name.Name
				if decl.Recv != nil && len(decl.Recv.List) > 0 {
					name = types.ExprString(decl.Recv.List[0].Type) + "." + name
				}
				d.spans = append(d.spans, declSpan{decl.Pos(), decl.End(), name})
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					switch spec := spec.(type) {
					case *ast.TypeSpec:
						d.spans = append(d.spans, declSpan{spec.Pos(), spec.End(), spec.Name.Name})
					case *ast.ValueSpec:
						d.spans = append(d.spans, declSpan{spec.Pos(), spec.End(), spec.Names[0].Name})
					}
				}
			}
		}
	}
	slices.SortFunc(d.spans, func(a, b declSpan) int { return int(a.pos) - int(b.pos) })
	return d
}

// Keys names what a finding at pos is about, for fingerprints: the
// package and the top-level declaration that encloses it.
func (d *Decls) Keys(pos token.Pos) []string {
	i, _ := slices.BinarySearchFunc(d.spans, pos, func(s declSpan, pos token.Pos) int { return int(s.pos) - int(pos) })
	// d.spans[i] is the first span from pos on; the one enclosing pos
	// starts at pos or before.
	if i < len(d.spans) && d.spans[i].pos == pos {
		return []string{d.path, d.spans[i].name}
	}
	if i > 0 && pos < d.spans[i-1].end {
		return []string{d.path, d.spans[i-1].name}
	}
	return []string{d.path}
}

// Uses are the funcs and methods that the analysed code names (calls or
// takes as values), by full name, and the interface methods among them,
// by name: what tells a func that holds an SDK call live (linkers.live).
type Uses struct {
	funcs  map[string]bool
	ifaces map[string][]*types.Func
	// byName are interface methods known by name alone (those of a
	// package whose analysis was replayed, whose interface its export
	// data does not have); inexact says that the link stage needed one
	// of them, so that its answer may not be the one the methods
	// themselves give.
	byName  map[string]bool
	inexact bool
}

// NewUses is an empty set of uses.
func NewUses() *Uses {
	return &Uses{funcs: map[string]bool{}, ifaces: map[string][]*types.Func{}, byName: map[string]bool{}}
}

// Add adds the uses of one package's code.
func (u *Uses) Add(info *types.Info) {
	funcs, ifaces := UsesOf(info)
	u.AddNamed(funcs, ifaces, nil)
}

// UsesOf are the funcs and methods that one package's code names, by
// full name, and the interface methods among them, in the order of
// first use by position (the type checker's maps have none).
func UsesOf(info *types.Info) (funcs []string, ifaces []*types.Func) {
	if info == nil {
		return nil, nil
	}
	type use struct {
		pos token.Pos
		fn  *types.Func
	}
	var all []use
	for id, obj := range info.Uses {
		if fn, ok := obj.(*types.Func); ok {
			all = append(all, use{id.Pos(), fn.Origin()})
		}
	}
	slices.SortFunc(all, func(a, b use) int { return int(a.pos) - int(b.pos) })
	seen := map[*types.Func]bool{}
	for _, x := range all {
		if seen[x.fn] {
			continue
		}
		seen[x.fn] = true
		if recv := x.fn.Signature().Recv(); recv != nil && types.IsInterface(recv.Type()) {
			ifaces = append(ifaces, x.fn)
		}
		funcs = append(funcs, x.fn.FullName())
	}
	return funcs, ifaces
}

// AddNamed adds uses by full name, interface methods, and interface
// methods by name alone.
func (u *Uses) AddNamed(funcs []string, ifaces []*types.Func, byName []string) {
	for _, name := range byName {
		u.byName[name] = true
	}
	for _, f := range funcs {
		u.funcs[f] = true
	}
	for _, fn := range ifaces {
		if !slices.Contains(u.ifaces[fn.Name()], fn) {
			u.ifaces[fn.Name()] = append(u.ifaces[fn.Name()], fn)
		}
	}
}

// Inexact reports whether the link stage asked about an interface method
// known by name alone.
func (u *Uses) Inexact() bool { return u.inexact }
