package driver

import (
	"fmt"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/objectpath"
)

// Types and objects in a stored summary (summary.go).
//
// A function package's summary names go/types objects and types: its
// handlers, their payload types, the fields their bodies read, the
// payloads its SDK calls send. A declared object (a package-level type,
// func, var, a method, a field of a declared struct) is stored as its
// package and objectpath, and found again in the types of the run that
// replays the summary, so that it is the very object the other packages
// see; a type literal is stored by its parts, and a universe type by
// its name. What has neither (a type declared in a function body, a
// type parameter, unsafe.Pointer) cannot be stored, and neither then is
// the summary: the package is analysed every run.

// storedType is a type as a summary holds it.
type storedType struct {
	// K is the kind: "named" (an object: Pkg, Path, and Args for an
	// instance), "universe" (Name: a predeclared type, byte and any
	// included), "ptr", "slice", "array" (Len), "map" (Key), "chan"
	// (Dir), "struct" (Vars, Tags), "sig" (Vars, Results, Variadic),
	// "iface" (Vars as methods, Embeds).
	K        string        `json:"k"`
	Pkg      string        `json:",omitempty"`
	Path     string        `json:",omitempty"`
	Name     string        `json:",omitempty"`
	Args     []*storedType `json:",omitempty"`
	Elem     *storedType   `json:",omitempty"`
	Key      *storedType   `json:",omitempty"`
	Len      int64         `json:",omitempty"`
	Dir      int           `json:",omitempty"`
	Vars     []storedVar   `json:",omitempty"`
	Tags     []string      `json:",omitempty"`
	Results  []storedVar   `json:",omitempty"`
	Variadic bool          `json:",omitempty"`
	Embeds   []*storedType `json:",omitempty"`
}

// storedVar is a field, parameter or interface method of a type
// literal: its name, its package (which an unexported name's identity
// needs), its type and
// where it is declared (in the package's own files, or nowhere).
type storedVar struct {
	Name     string
	Pkg      string `json:",omitempty"`
	Type     *storedType
	Embedded bool        `json:",omitempty"`
	At       *fileOffset `json:",omitempty"`
}

// objRef is a declared object: its package's path and its objectpath,
// or, for an unexported func or var of the summarised package itself
// (which objectpath does not name: export data does not have it), its
// name.
type objRef struct {
	Pkg  string
	Path string `json:",omitempty"`
	Name string `json:",omitempty"`
}

// typeEncoder stores the types and objects of one package's summary;
// positions only in the package's own files.
type typeEncoder struct {
	// why says what could not be stored, first.
	why   string
	pkg   *types.Package
	paths objectpath.Encoder
	fset  *token.FileSet
	own   map[*token.File]bool
}

func newTypeEncoder(p *packages.Package) *typeEncoder {
	e := &typeEncoder{pkg: p.Types, fset: p.Fset, own: map[*token.File]bool{}}
	for _, f := range p.Syntax {
		e.own[p.Fset.File(f.FileStart)] = true
	}
	return e
}

// pos is pos as a file and offset; false when it is in none of the
// package's files.
func (e *typeEncoder) pos(pos token.Pos) (fileOffset, bool) {
	if !pos.IsValid() {
		return fileOffset{}, true
	}
	tf := e.fset.File(pos)
	if tf == nil || !e.own[tf] {
		e.fail("a position outside its files (%s)", e.fset.Position(pos))
		return fileOffset{}, false
	}
	return fileOffset{tf.Name(), tf.Offset(pos)}, true
}

func (e *typeEncoder) obj(obj types.Object) (objRef, bool) {
	if obj == nil || obj.Pkg() == nil {
		e.fail("an object of no package")
		return objRef{}, false
	}
	path, err := e.paths.For(obj)
	if err != nil {
		if obj.Pkg() == e.pkg && obj.Parent() == e.pkg.Scope() {
			return objRef{Pkg: obj.Pkg().Path(), Name: obj.Name()}, true
		}
		e.fail("%s, which has no objectpath", obj)
		return objRef{}, false
	}
	return objRef{Pkg: obj.Pkg().Path(), Path: string(path)}, true
}

// typ stores t; nil, true for a nil type.
func (e *typeEncoder) typ(t types.Type) (*storedType, bool) {
	switch t := t.(type) {
	case nil:
		return nil, true
	case *types.Basic:
		if types.Universe.Lookup(t.Name()) == nil {
			e.fail("the type %s", t) // untyped, unsafe.Pointer
			return nil, false
		}
		return &storedType{K: "universe", Name: t.Name()}, true
	case *types.Alias:
		if t.TypeArgs().Len() > 0 {
			return nil, false
		}
		return e.named(t.Obj(), nil)
	case *types.Named:
		return e.named(t.Origin().Obj(), t.TypeArgs())
	case *types.Pointer:
		return e.wrap("ptr", t.Elem())
	case *types.Slice:
		return e.wrap("slice", t.Elem())
	case *types.Array:
		s, ok := e.wrap("array", t.Elem())
		if ok {
			s.Len = t.Len()
		}
		return s, ok
	case *types.Chan:
		s, ok := e.wrap("chan", t.Elem())
		if ok {
			s.Dir = int(t.Dir())
		}
		return s, ok
	case *types.Map:
		key, ok := e.typ(t.Key())
		if !ok {
			return nil, false
		}
		s, ok := e.wrap("map", t.Elem())
		if ok {
			s.Key = key
		}
		return s, ok
	case *types.Struct:
		s := &storedType{K: "struct"}
		for i := range t.NumFields() {
			v, ok := e.variable(t.Field(i))
			if !ok {
				return nil, false
			}
			s.Vars = append(s.Vars, v)
			s.Tags = append(s.Tags, t.Tag(i))
		}
		return s, true
	case *types.Signature:
		if t.Recv() != nil || t.TypeParams().Len() > 0 {
			return nil, false
		}
		s := &storedType{K: "sig", Variadic: t.Variadic()}
		var ok bool
		if s.Vars, ok = e.tuple(t.Params()); !ok {
			return nil, false
		}
		if s.Results, ok = e.tuple(t.Results()); !ok {
			return nil, false
		}
		return s, true
	case *types.Interface:
		s := &storedType{K: "iface"}
		for i := range t.NumExplicitMethods() {
			m := t.ExplicitMethod(i)
			sig := m.Signature()
			bare := types.NewSignatureType(nil, nil, nil, sig.Params(), sig.Results(), sig.Variadic())
			st, ok := e.typ(bare)
			if !ok {
				return nil, false
			}
			at, ok := e.pos(m.Pos())
			if !ok {
				return nil, false
			}
			v := storedVar{Name: m.Name(), Type: st, At: optional(at)}
			if m.Pkg() != nil {
				v.Pkg = m.Pkg().Path()
			}
			s.Vars = append(s.Vars, v)
		}
		for i := range t.NumEmbeddeds() {
			st, ok := e.typ(t.EmbeddedType(i))
			if !ok {
				return nil, false
			}
			s.Embeds = append(s.Embeds, st)
		}
		return s, true
	}
	e.fail("the type %s", t) // a type parameter, a tuple
	return nil, false
}

// fail records why something could not be stored, when nothing has yet.
func (e *typeEncoder) fail(format string, args ...any) {
	if e.why == "" {
		e.why = fmt.Sprintf(format, args...)
	}
}

func (e *typeEncoder) named(obj *types.TypeName, args *types.TypeList) (*storedType, bool) {
	if obj.Pkg() == nil {
		return &storedType{K: "universe", Name: obj.Name()}, true
	}
	ref, ok := e.obj(obj)
	if !ok {
		return nil, false // declared in a body
	}
	s := &storedType{K: "named", Pkg: ref.Pkg, Path: ref.Path}
	for i := range args.Len() {
		a, ok := e.typ(args.At(i))
		if !ok {
			return nil, false
		}
		s.Args = append(s.Args, a)
	}
	return s, true
}

func (e *typeEncoder) wrap(k string, elem types.Type) (*storedType, bool) {
	el, ok := e.typ(elem)
	if !ok || el == nil {
		return nil, false
	}
	return &storedType{K: k, Elem: el}, true
}

func (e *typeEncoder) tuple(t *types.Tuple) ([]storedVar, bool) {
	var out []storedVar
	for i := range t.Len() {
		v, ok := e.variable(t.At(i))
		if !ok {
			return nil, false
		}
		out = append(out, v)
	}
	return out, true
}

func (e *typeEncoder) variable(v *types.Var) (storedVar, bool) {
	st, ok := e.typ(v.Type())
	if !ok || st == nil {
		return storedVar{}, false
	}
	at, ok := e.pos(v.Pos())
	if !ok {
		return storedVar{}, false
	}
	sv := storedVar{Name: v.Name(), Type: st, Embedded: v.Embedded(), At: optional(at)}
	if v.Pkg() != nil {
		sv.Pkg = v.Pkg().Path()
	}
	return sv, true
}

func optional(at fileOffset) *fileOffset {
	if at.File == "" {
		return nil
	}
	return &at
}

// typeDecoder finds a summary's types and objects again: in the
// packages the replayed package reaches, and at positions in its own
// files as this run parsed them.
type typeDecoder struct {
	p     *packages.Package
	pkgs  map[string]*types.Package
	files map[string]*token.File
	ctxt  *types.Context
	// queue is the breadth-first search of p's imports, directly or
	// not (by the go command's graph, then by the types' own imports),
	// that lookup resumes: most objects are p's or a direct import's.
	queue   []*packages.Package
	tqueue  []*types.Package
	visited map[any]bool
}

// newTypeDecoder decodes for p, whose syntax is there.
func newTypeDecoder(p *packages.Package) *typeDecoder {
	d := &typeDecoder{p: p, pkgs: map[string]*types.Package{}, files: map[string]*token.File{}, ctxt: types.NewContext(),
		queue: []*packages.Package{p}, visited: map[any]bool{p: true}}
	for _, f := range p.Syntax {
		tf := p.Fset.File(f.FileStart)
		d.files[tf.Name()] = tf
	}
	return d
}

// lookup is the package of path that p reaches; nil if none.
func (d *typeDecoder) lookup(path string) *types.Package {
	if pkg, ok := d.pkgs[path]; ok {
		return pkg
	}
	for len(d.queue) > 0 {
		q := d.queue[0]
		d.queue = d.queue[1:]
		for _, imp := range q.Imports {
			if !d.visited[imp] {
				d.visited[imp] = true
				d.queue = append(d.queue, imp)
			}
		}
		if q.Types != nil {
			if _, ok := d.pkgs[q.PkgPath]; !ok {
				d.pkgs[q.PkgPath] = q.Types
				d.tqueue = append(d.tqueue, q.Types)
			}
			if q.PkgPath == path {
				return q.Types
			}
		}
	}
	for len(d.tqueue) > 0 {
		t := d.tqueue[0]
		d.tqueue = d.tqueue[1:]
		for _, imp := range t.Imports() {
			if !d.visited[imp] {
				d.visited[imp] = true
				d.tqueue = append(d.tqueue, imp)
				if _, ok := d.pkgs[imp.Path()]; !ok {
					d.pkgs[imp.Path()] = imp
				}
			}
		}
		if pkg := d.pkgs[path]; pkg != nil {
			return pkg
		}
	}
	d.pkgs[path] = nil
	return nil
}

func (d *typeDecoder) pos(at *fileOffset) (token.Pos, bool) {
	if at == nil || at.File == "" {
		return token.NoPos, true
	}
	tf := d.files[at.File]
	if tf == nil || at.Offset < 0 || at.Offset > tf.Size() {
		return token.NoPos, false
	}
	return tf.Pos(at.Offset), true
}

func (d *typeDecoder) obj(ref objRef) (types.Object, bool) {
	pkg := d.lookup(ref.Pkg)
	if pkg == nil {
		return nil, false
	}
	if ref.Path == "" {
		obj := pkg.Scope().Lookup(ref.Name)
		return obj, obj != nil
	}
	obj, err := objectpath.Object(pkg, objectpath.Path(ref.Path))
	return obj, err == nil
}

func (d *typeDecoder) typ(s *storedType) (types.Type, bool) {
	if s == nil {
		return nil, true
	}
	switch s.K {
	case "universe":
		obj, ok := types.Universe.Lookup(s.Name).(*types.TypeName)
		if !ok {
			return nil, false
		}
		return obj.Type(), true
	case "named":
		obj, ok := d.obj(objRef{Pkg: s.Pkg, Path: s.Path})
		tn, isType := obj.(*types.TypeName)
		if !ok || !isType {
			return nil, false
		}
		if len(s.Args) == 0 {
			return tn.Type(), true
		}
		var args []types.Type
		for _, a := range s.Args {
			t, ok := d.typ(a)
			if !ok || t == nil {
				return nil, false
			}
			args = append(args, t)
		}
		t, err := types.Instantiate(d.ctxt, tn.Type(), args, true)
		return t, err == nil
	case "ptr", "slice", "array", "chan", "map":
		elem, ok := d.typ(s.Elem)
		if !ok || elem == nil {
			return nil, false
		}
		switch s.K {
		case "ptr":
			return types.NewPointer(elem), true
		case "slice":
			return types.NewSlice(elem), true
		case "array":
			return types.NewArray(elem, s.Len), true
		case "chan":
			return types.NewChan(types.ChanDir(s.Dir), elem), true
		}
		key, ok := d.typ(s.Key)
		if !ok || key == nil {
			return nil, false
		}
		return types.NewMap(key, elem), true
	case "struct":
		if len(s.Tags) != len(s.Vars) {
			return nil, false
		}
		vars, ok := d.vars(s.Vars, true)
		if !ok {
			return nil, false
		}
		return types.NewStruct(vars, s.Tags), true
	case "sig":
		params, ok := d.vars(s.Vars, false)
		if !ok {
			return nil, false
		}
		results, ok := d.vars(s.Results, false)
		if !ok {
			return nil, false
		}
		if s.Variadic && (len(params) == 0 || !isSlice(params[len(params)-1].Type())) {
			return nil, false
		}
		return types.NewSignatureType(nil, nil, nil, types.NewTuple(params...), types.NewTuple(results...), s.Variadic), true
	case "iface":
		var methods []*types.Func
		for _, m := range s.Vars {
			t, ok := d.typ(m.Type)
			sig, isSig := t.(*types.Signature)
			if !ok || !isSig {
				return nil, false
			}
			pos, ok := d.pos(m.At)
			if !ok {
				return nil, false
			}
			methods = append(methods, types.NewFunc(pos, d.pkgOf(m), m.Name, sig))
		}
		var embeds []types.Type
		for _, e := range s.Embeds {
			t, ok := d.typ(e)
			if !ok || t == nil {
				return nil, false
			}
			embeds = append(embeds, t)
		}
		return types.NewInterfaceType(methods, embeds).Complete(), true
	}
	return nil, false
}

func isSlice(t types.Type) bool {
	_, ok := t.(*types.Slice)
	return ok
}

func (d *typeDecoder) vars(svs []storedVar, fields bool) ([]*types.Var, bool) {
	var out []*types.Var
	for _, sv := range svs {
		t, ok := d.typ(sv.Type)
		if !ok || t == nil {
			return nil, false
		}
		pos, ok := d.pos(sv.At)
		if !ok {
			return nil, false
		}
		if fields {
			out = append(out, types.NewField(pos, d.pkgOf(sv), sv.Name, t, sv.Embedded))
		} else {
			out = append(out, types.NewParam(pos, d.pkgOf(sv), sv.Name, t))
		}
	}
	return out, true
}

// pkgOf is the package a var or method was declared in, nil for none.
func (d *typeDecoder) pkgOf(sv storedVar) *types.Package {
	if sv.Pkg == "" {
		return nil
	}
	if pkg := d.lookup(sv.Pkg); pkg != nil {
		return pkg
	}
	pkg := types.NewPackage(sv.Pkg, "")
	d.pkgs[sv.Pkg] = pkg
	return pkg
}
