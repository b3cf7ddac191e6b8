package driver

import (
	"encoding/json"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/analyzer/errtype"
	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/directive"
)

const codecSrc = `package app

import (
	"encoding/json"
	"time"
)

type Order struct {
	ID    string ` + "`json:\"id\"`" + `
	When  time.Time
	Items []Item
	note  string
}

type Item struct{ SKU string }

type Page[T any] struct{ Items []T }

type ID = string

type Sink interface{ Send(Order) error }

func handle(in Order) (Order, error) { return in, nil }

var Types = []any{
	Order{},
	&Order{},
	[]*Order{},
	[3]byte{},
	map[string][]rune{},
	make(chan<- Item),
	Page[Order]{},
	ID(""),
	struct {
		A int ` + "`json:\"a,omitempty\"`" + `
		Item
		b []any
		C json.RawMessage
	}{},
	func(ctx any, in Order, rest ...string) (Order, error) { return in, nil },
	(*interface {
		Sink
		error
		Close() error
	})(nil),
	(*any)(nil),
	(*interface{})(nil),
}

func local() any {
	type hidden struct{ N int }
	return hidden{}
}

func generic[T any](v T) any { return &v }
`

// TestTypeCodec: a summary's types come back identical (types.Identical,
// and the same string) through JSON: declared types, an instance, an
// alias, universe types, and type literals of every kind; and the
// types that cannot be stored (declared in a body, a type parameter)
// are refused.
func TestTypeCodec(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "/src/app/app.go", codecSrc, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}, Defs: map[*ast.Ident]types.Object{}}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("example.com/app", fset, []*ast.File{f}, info)
	if err != nil {
		t.Fatal(err)
	}
	p := &packages.Package{PkgPath: "example.com/app", Types: pkg, Fset: fset, Syntax: []*ast.File{f}}
	var lits *ast.CompositeLit
	ast.Inspect(f, func(n ast.Node) bool {
		if vs, ok := n.(*ast.ValueSpec); ok && vs.Names[0].Name == "Types" {
			lits = vs.Values[0].(*ast.CompositeLit)
		}
		return true
	})
	var all []types.Type
	for _, elt := range lits.Elts {
		typ := info.TypeOf(elt)
		if ptr, ok := typ.(*types.Pointer); ok {
			if _, isIface := ptr.Elem().Underlying().(*types.Interface); isIface {
				typ = ptr.Elem() // (*I)(nil) stands for I
			}
		}
		all = append(all, typ)
	}
	all = append(all, pkg.Scope().Lookup("handle").Type().(*types.Signature))
	enc := newTypeEncoder(p)
	dec := newTypeDecoder(p)
	for _, typ := range all {
		st, ok := enc.typ(typ)
		if !ok {
			t.Errorf("%s: not stored", typ)
			continue
		}
		data, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		var back storedType
		if err := json.Unmarshal(data, &back); err != nil {
			t.Fatal(err)
		}
		got, ok := dec.typ(&back)
		if !ok {
			t.Errorf("%s: stored as %s, not found again", typ, data)
			continue
		}
		if !types.Identical(got, typ) || got.String() != typ.String() {
			t.Errorf("%s came back as %s", typ, got)
		}
	}
	// Fields keep their positions (a finding may point at one), and a
	// declared object is the very object.
	anon := all[8].(*types.Struct)
	st, _ := enc.typ(anon)
	got, _ := dec.typ(st)
	if a, b := got.(*types.Struct).Field(0), anon.Field(0); a.Pos() != b.Pos() || a.Pkg() != b.Pkg() {
		t.Errorf("field %s at %v in %v, want %v in %v", a.Name(), fset.Position(a.Pos()), a.Pkg(), fset.Position(b.Pos()), b.Pkg())
	}
	handle := pkg.Scope().Lookup("handle")
	ref, ok := enc.obj(handle)
	if obj, found := dec.obj(ref); !ok || !found || obj != handle {
		t.Errorf("handle stored as %+v, found again as %v", ref, obj)
	}
	// A type declared in a body, and a type parameter, have no name a
	// later run can find.
	var refused []types.Type
	for _, name := range []string{"local", "generic"} {
		ast.Inspect(f, func(n ast.Node) bool {
			if fd, ok := n.(*ast.FuncDecl); ok && fd.Name.Name == name {
				ret := fd.Body.List[len(fd.Body.List)-1].(*ast.ReturnStmt)
				refused = append(refused, info.TypeOf(ret.Results[0]))
			}
			return true
		})
	}
	refused = append(refused, types.Typ[types.UntypedInt], types.Typ[types.UnsafePointer])
	for _, typ := range refused {
		if st, ok := enc.typ(typ); ok {
			t.Errorf("%s stored as %+v; want refused", typ, st)
		}
	}
}

// TestSummaryMirrors: the stored forms of the link stage's inputs have
// a field for every exported field of what they store, so that a field
// added there is not left out of a replayed summary unnoticed.
func TestSummaryMirrors(t *testing.T) {
	for _, c := range []struct {
		of, stored reflect.Type
	}{
		{reflect.TypeFor[handler.Function](), reflect.TypeFor[storedFunction]()},
		{reflect.TypeFor[handler.Route](), reflect.TypeFor[storedRoute]()},
		{reflect.TypeFor[sdkroute.Call](), reflect.TypeFor[storedCall]()},
		{reflect.TypeFor[consumer.Payload](), reflect.TypeFor[storedPayload]()},
		{reflect.TypeFor[consumer.Decode](), reflect.TypeFor[storedDecode]()},
		{reflect.TypeFor[directive.Directive](), reflect.TypeFor[storedDirective]()},
	} {
		var want, got []string
		for f := range c.of.Fields() {
			if f.IsExported() {
				want = append(want, f.Name)
			}
		}
		for f := range c.stored.Fields() {
			got = append(got, f.Name)
		}
		slices.Sort(want)
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s stores %v; %s has %v", c.stored, got, c.of, want)
		}
	}
}

// TestRestoreBadSummary: a summary that does not fit the types it is
// decoded against (here an instance with one type argument too many,
// as a summary file edited by hand could have) is refused, never a
// crash.
func TestRestoreBadSummary(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "/src/app/app.go", codecSrc, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("example.com/app", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &packages.Package{PkgPath: "example.com/app", Types: pkg, Fset: fset, Syntax: []*ast.File{f}}
	page := &storedType{K: "named", Pkg: "example.com/app", Path: "Page",
		Args: []*storedType{{K: "universe", Name: "int"}, {K: "universe", Name: "string"}}}
	c := &collector{payloads: map[*handler.Function]*consumer.Payload{}, errors: map[*handler.Function]*errtype.Set{},
		res: &Result{Functions: map[string][]*handler.Function{}}}
	fs := &funcSummary{Functions: []storedFunction{{Name: "f", Input: page}}}
	if c.restoreSummary(p, fs, &rootFound{}) {
		t.Errorf("a summary with Page[int, string] restored")
	}
	if len(c.res.Functions) > 0 {
		t.Errorf("a refused summary left functions behind: %v", c.res.Functions)
	}
	fs.Functions[0].Input = &storedType{K: "named", Pkg: "example.com/app", Path: "Page", Args: page.Args[:1]}
	if !c.restoreSummary(p, fs, &rootFound{}) || len(c.res.Functions["example.com/app"]) != 1 {
		t.Errorf("a summary with Page[int] refused")
	}
}
