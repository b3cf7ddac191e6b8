package jsonshape

import (
	"go/types"
	"slices"
	"strings"
	"testing"
)

// unitSrc declares the types of the table tests, one rule per type where
// possible.
const unitSrc = `package main

import (
	"encoding/json"
	"time"
	"unsafe"
)

var _ = json.Marshal
var _ unsafe.Pointer

type Names struct {
	Plain    int
	Tagged   int ` + "`json:\"tagged\"`" + `
	Skipped  int ` + "`json:\"-\"`" + `
	Dash     int ` + "`json:\"-,\"`" + `
	Invalid  int ` + "`json:\"a\\\\b\"`" + `
	Symbol   int ` + "`json:\"€\"`" + `
	Punct    int ` + "`json:\"a-b.c $d\"`" + `
	OptsOnly int ` + "`json:\",omitempty\"`" + `
	hidden   int
	Other    int ` + "`xml:\"o\"`" + `
}

type Fold struct {
	Name  string ` + "`json:\"name\"`" + `
	NAME2 string ` + "`json:\"NAME\"`" + `
	K     string ` + "`json:\"k\"`" + `
}

type ZV struct{ N int }

func (ZV) IsZero() bool { return true }

type ZP struct{ N int }

func (*ZP) IsZero() bool { return true }

type Omit struct {
	S   struct{ A int }   ` + "`json:\",omitempty\"`" + `
	A0  [0]int            ` + "`json:\",omitempty\"`" + `
	A1  [1]int            ` + "`json:\",omitempty\"`" + `
	T   time.Time         ` + "`json:\",omitempty\"`" + `
	TZ  time.Time         ` + "`json:\",omitzero\"`" + `
	V   ZV                ` + "`json:\",omitzero\"`" + `
	P   ZP                ` + "`json:\",omitzero\"`" + `
	PP  *ZP               ` + "`json:\",omitzero\"`" + `
	N   int               ` + "`json:\",omitzero\"`" + `
}

type Text int

func (Text) MarshalText() ([]byte, error) { return nil, nil }
func (*Text) UnmarshalText([]byte) error  { return nil }

type PInt *int

type Quoted struct {
	I   int      ` + "`json:\",string\"`" + `
	P   *int     ` + "`json:\",string\"`" + `
	PP  **int    ` + "`json:\",string\"`" + `
	NP  PInt     ` + "`json:\",string\"`" + `
	S   []int    ` + "`json:\",string\"`" + `
	T   Text     ` + "`json:\",string\"`" + `
	Str string   ` + "`json:\",string\"`" + `
	B   bool     ` + "`json:\",string\"`" + `
	F   float32  ` + "`json:\",string\"`" + `
}

type Base struct {
	ID   int
	Name string ` + "`json:\"name\"`" + `
}

type Ptr struct{ Deep int }

type inner struct{ Promoted int }

type secret int

type Embeds struct {
	Base
	*Ptr
	inner
	secret
	Own int
}

type L struct{ X, Y int }
type R struct{ X int; Y int ` + "`json:\"Y\"`" + ` }

type Conflict struct {
	L
	R
}

type Deeper struct {
	X int ` + "`json:\"Y\"`" + `
	L
}

type Maps struct {
	S  map[string]int
	I  map[int8]int
	T  map[Text]int
	F  map[float64]int
	B  map[bool]int
	SK map[SK]int
}

// SK is a string key with text methods: Marshal writes it as it is,
// Unmarshal calls UnmarshalText.
type SK string

func (SK) MarshalText() ([]byte, error) { return nil, nil }
func (*SK) UnmarshalText([]byte) error  { return nil }

type MByte uint8

func (*MByte) MarshalJSON() ([]byte, error) { return nil, nil }

type Bytes struct {
	B  []byte
	M  []MByte
	A  [4]byte
	R  json.RawMessage
	N  json.Number
	T  time.Time
	PT *time.Time
}

type Tagger interface{ Tag() string }

type Ifaces struct {
	A any
	T Tagger
}

type PM struct{ A int }

func (*PM) MarshalJSON() ([]byte, error) { return nil, nil }

type VM struct{ A int }

func (VM) MarshalJSON() ([]byte, error) { return nil, nil }

type Addr struct {
	V  PM
	P  *PM
	S  []PM
	M  map[string]PM
	A  [1]PM
	VV VM
}

type UJ struct{ A int }

func (*UJ) UnmarshalJSON([]byte) error { return nil }

type NPUJ *UJ

type Dec struct {
	U   UJ
	NP  NPUJ
	Un  struct{ UJ }
	PUn *struct{ UJ }
}

type Bad struct {
	C  chan int
	F  func()
	X  complex128
	U  unsafe.Pointer
	PC *chan int
	SC []chan int
}

type List struct {
	Val  int
	Next *List
	Kids []List
}

type Loop *Loop

type Box[T any] struct {
	Val  T ` + "`json:\"val\"`" + `
	Next *Box[T]
}

type UsesBox struct{ B Box[string] }

type Order struct {
	Items []Item          ` + "`json:\"items\"`" + `
	Notes map[string]Note ` + "`json:\"notes\"`" + `
	Odd   int             ` + "`json:\"a.b\"`" + `
}

type Item struct {
	Price float64 ` + "`json:\"price\"`" + `
}

type Note struct {
	Author string ` + "`json:\"author\"`" + `
}
`

var unitPkg *types.Package

func unit(tb testing.TB, expr string) types.Type {
	tb.Helper()
	if unitPkg == nil {
		unitPkg = checkSource(tb, unitSrc)
	}
	return lookupType(tb, unitPkg, expr)
}

// keys lists an object shape's keys in order.
func keys(s *Shape) []string {
	var out []string
	for _, f := range s.Fields {
		out = append(out, f.Name)
	}
	return out
}

func field(tb testing.TB, s *Shape, key string) *Field {
	tb.Helper()
	for _, f := range s.Fields {
		if f.Name == key {
			return f
		}
	}
	tb.Fatalf("no key %q in %q", key, keys(s))
	return nil
}

func TestFieldNames(t *testing.T) {
	s := Encode(unit(t, "Names"))
	want := []string{"Plain", "tagged", "-", "Invalid", "Symbol", "a-b.c $d", "OptsOnly", "Other"}
	if got := keys(s); !slices.Equal(got, want) {
		t.Fatalf("keys = %q, want %q", got, want)
	}
	for key, tagged := range map[string]bool{"Plain": false, "tagged": true, "-": true, "Invalid": false, "Symbol": false, "OptsOnly": false} {
		if f := field(t, s, key); f.Tagged != tagged {
			t.Errorf("%s: Tagged = %v, want %v", key, f.Tagged, tagged)
		}
	}
}

func TestLookup(t *testing.T) {
	s := Decode(unit(t, "Fold"))
	for _, tc := range []struct {
		key, field string
		exact      bool
	}{
		{"name", "Name", true},
		{"NAME", "NAME2", true}, // exact beats an earlier folded match
		{"Name", "Name", false}, // folded: the first field in order wins
		{"nAmE", "Name", false},
		{"K", "K", false},
		{"\u212a", "K", false}, // KELVIN SIGN folds to k
		{"x", "", false},
	} {
		f, exact := s.Lookup(tc.key)
		got := ""
		if f != nil {
			got = f.GoPath[len(f.GoPath)-1]
		}
		if got != tc.field || f != nil && exact != tc.exact {
			t.Errorf("Lookup(%q) = %s exact=%v, want %s exact=%v", tc.key, got, exact, tc.field, tc.exact)
		}
	}
}

func TestOmit(t *testing.T) {
	s := Encode(unit(t, "Omit"))
	for _, tc := range []struct {
		key       string
		omittable bool
		zero      string // ZeroMethod, if any
	}{
		{"S", false, ""}, // omitempty never omits a struct
		{"A0", true, ""},
		{"A1", false, ""},
		{"T", false, ""}, // nor a zero time.Time
		{"TZ", true, "(time.Time).IsZero"},
		{"V", true, "(main.ZV).IsZero"},
		{"P", true, "(*main.ZP).IsZero"}, // called on a copy when not addressable
		{"PP", true, "(*main.ZP).IsZero"},
		{"N", true, ""},
	} {
		f := field(t, s, tc.key)
		if f.Omittable() != tc.omittable {
			t.Errorf("%s: Omittable = %v, want %v", tc.key, f.Omittable(), tc.omittable)
		}
		got := ""
		if f.ZeroMethod != nil {
			got = MethodString(f.ZeroMethod)
		}
		if got != tc.zero {
			t.Errorf("%s: ZeroMethod = %q, want %q", tc.key, got, tc.zero)
		}
	}
}

func TestQuoted(t *testing.T) {
	enc, dec := Encode(unit(t, "Quoted")), Decode(unit(t, "Quoted"))
	for _, tc := range []struct {
		key      string
		enc, dec bool
	}{
		{"I", true, true},
		{"P", true, true},    // one unnamed pointer is followed
		{"PP", false, false}, // two are not
		{"NP", false, false}, // nor a named pointer type
		{"S", false, false},
		{"T", false, true}, // MarshalText ignores it; Unmarshal still unquotes
		{"Str", true, true},
		{"B", true, true},
		{"F", true, true},
	} {
		if got := field(t, enc, tc.key).Quoted; got != tc.enc {
			t.Errorf("Encode %s: Quoted = %v, want %v", tc.key, got, tc.enc)
		}
		if got := field(t, dec, tc.key).Quoted; got != tc.dec {
			t.Errorf("Decode %s: Quoted = %v, want %v", tc.key, got, tc.dec)
		}
	}
}

func TestEmbedding(t *testing.T) {
	s := Encode(unit(t, "Embeds"))
	if got, want := keys(s), []string{"ID", "name", "Deep", "Promoted", "Own"}; !slices.Equal(got, want) {
		t.Fatalf("keys = %q, want %q", got, want)
	}
	if f := field(t, s, "Deep"); !f.ViaPointer || strings.Join(f.GoPath, ".") != "Ptr.Deep" {
		t.Errorf("Deep: ViaPointer=%v GoPath=%v", f.ViaPointer, f.GoPath)
	}
	if f := field(t, s, "Promoted"); f.ViaPointer || strings.Join(f.GoPath, ".") != "inner.Promoted" {
		t.Errorf("Promoted: ViaPointer=%v GoPath=%v", f.ViaPointer, f.GoPath)
	}

	// X and Y at the same depth: X untagged twice, dropped; Y tagged once, kept.
	if got, want := keys(Encode(unit(t, "Conflict"))), []string{"Y"}; !slices.Equal(got, want) {
		t.Errorf("Conflict keys = %q, want %q", got, want)
	}
	if f := field(t, Encode(unit(t, "Conflict")), "Y"); strings.Join(f.GoPath, ".") != "R.Y" {
		t.Errorf("Conflict.Y comes from %v, want R.Y", f.GoPath)
	}
	// The shallower field wins, tag or not.
	d := Encode(unit(t, "Deeper"))
	if got, want := keys(d), []string{"Y", "X"}; !slices.Equal(got, want) {
		t.Errorf("Deeper keys = %q, want %q", got, want)
	}
	if f := field(t, d, "Y"); len(f.GoPath) != 1 {
		t.Errorf("Deeper.Y comes from %v", f.GoPath)
	}
}

func TestMaps(t *testing.T) {
	enc, dec := Encode(unit(t, "Maps")), Decode(unit(t, "Maps"))
	for _, tc := range []struct {
		key            string
		enc, dec, key2 Kind
	}{
		{"S", Map, Map, String},
		{"I", Map, Map, Number},
		{"T", Map, Map, String},
		{"F", Unsupported, Unsupported, 0},
		{"B", Unsupported, Unsupported, 0},
	} {
		e, d := field(t, enc, tc.key).Shape, field(t, dec, tc.key).Shape
		if e.Kind != tc.enc || d.Kind != tc.dec {
			t.Errorf("%s: Encode %v, Decode %v; want %v, %v", tc.key, e, d, tc.enc, tc.dec)
		}
		if tc.key2 != 0 && e.Key.Kind != tc.key2 {
			t.Errorf("%s: key %v, want %v", tc.key, e.Key, tc.key2)
		}
	}
	if e := field(t, enc, "F").Shape; e.Nullable {
		t.Errorf("a map with a bad key fails even when nil: %v", e)
	}
	// A string key with text methods: written as it is, read through
	// UnmarshalText.
	if k := field(t, enc, "SK").Shape.Key; k.Method != nil {
		t.Errorf("Encode SK key uses %v", MethodString(k.Method))
	}
	if k := field(t, dec, "SK").Shape.Key; k.Method == nil || k.Method.Name() != "UnmarshalText" {
		t.Errorf("Decode SK key: %v", k)
	}
}

func TestBytesAndKnownTypes(t *testing.T) {
	enc, dec := Encode(unit(t, "Bytes")), Decode(unit(t, "Bytes"))
	check := func(s *Shape, key string, kind Kind, base64 bool, format string) {
		t.Helper()
		f := field(t, s, key).Shape
		if f.Kind != kind || f.Base64 != base64 || f.Format != format {
			t.Errorf("%v %s: %v, want %v base64=%v format=%q", s.Dir, key, f, kind, base64, format)
		}
	}
	check(enc, "B", String, true, "")
	check(enc, "M", Array, false, "") // *MByte has MarshalJSON: no base64
	check(dec, "M", String, true, "") // Unmarshal takes base64 anyway
	check(enc, "A", Array, false, "")
	check(dec, "A", Array, false, "")
	check(enc, "R", Opaque, false, "")
	check(dec, "R", Opaque, false, "")
	check(enc, "N", Number, false, "")
	check(enc, "T", String, false, "date-time")
	check(dec, "T", String, false, "date-time")
	check(enc, "PT", String, false, "date-time")
	if !field(t, enc, "N").Shape.Number.JSONNumber {
		t.Errorf("json.Number: %v", field(t, enc, "N").Shape)
	}
	if !field(t, enc, "PT").Shape.Nullable {
		t.Errorf("*time.Time is nullable")
	}
}

func TestInterfaces(t *testing.T) {
	enc, dec := Encode(unit(t, "Ifaces")), Decode(unit(t, "Ifaces"))
	if s := field(t, enc, "T").Shape; s.Kind != Any {
		t.Errorf("Encode non-empty interface: %v", s)
	}
	if s := field(t, dec, "A").Shape; s.Kind != Any {
		t.Errorf("Decode any: %v", s)
	}
	if s := field(t, dec, "T").Shape; s.Kind != Unsupported || !s.Nullable {
		t.Errorf("Decode non-empty interface: %v", s)
	}
}

func TestAddressability(t *testing.T) {
	// PM has MarshalJSON on the pointer: used where the value is
	// addressable only.
	if s := Encode(unit(t, "PM")); s.Kind != Object {
		t.Errorf("Encode(PM) by value: %v", s)
	}
	if s := Encode(unit(t, "*PM")); s.Kind != Opaque {
		t.Errorf("Encode(*PM): %v", s)
	}
	for _, tc := range []struct {
		root, key string
		kind      Kind
	}{
		{"Addr", "V", Object},  // field of a value passed by value
		{"*Addr", "V", Opaque}, // field behind a pointer
		{"Addr", "P", Opaque},
		{"Addr", "S", Array}, // and its elements...
		{"*Addr", "A", Array},
		{"Addr", "VV", Opaque}, // value receivers always apply
	} {
		s := field(t, Encode(unit(t, tc.root)), tc.key).Shape
		if s.Kind != tc.kind {
			t.Errorf("Encode(%s).%s: %v, want %v", tc.root, tc.key, s, tc.kind)
		}
	}
	elem := func(root, key string) Kind {
		return field(t, Encode(unit(t, root)), key).Shape.Elem.Kind
	}
	if k := elem("Addr", "S"); k != Opaque {
		t.Errorf("slice elements are addressable: %v", k)
	}
	if k := elem("Addr", "M"); k != Object {
		t.Errorf("map values are not addressable: %v", k)
	}
	if k, k2 := elem("Addr", "A"), elem("*Addr", "A"); k != Object || k2 != Opaque {
		t.Errorf("array elements share the array's addressability: %v, %v", k, k2)
	}
}

func TestDecodeMethods(t *testing.T) {
	s := Decode(unit(t, "Dec"))
	for _, tc := range []struct {
		key  string
		kind Kind
	}{
		{"U", Opaque},
		{"NP", Object},  // a named pointer type hides the element's methods
		{"Un", Object},  // an unnamed struct is not addressed: no promoted method
		{"PUn", Opaque}, // but its pointer's method set has it
	} {
		if f := field(t, s, tc.key).Shape; f.Kind != tc.kind {
			t.Errorf("Decode Dec.%s: %v, want %v", tc.key, f, tc.kind)
		}
	}
	if s := Decode(unit(t, "struct{ UJ }")); s.Kind != Opaque {
		t.Errorf("top-level Unmarshal has a pointer: %v", s)
	}
}

func TestUnsupported(t *testing.T) {
	var got []string
	for _, p := range FindUnsupported(Encode(unit(t, "Bad")), "Bad") {
		got = append(got, p.Path)
	}
	want := []string{"Bad.C", "Bad.F", "Bad.X", "Bad.U", "Bad.PC", "Bad.SC[]"}
	if !slices.Equal(got, want) {
		t.Errorf("unsupported paths = %q, want %q", got, want)
	}
	if s := field(t, Encode(unit(t, "Bad")), "PC").Shape; !s.Nullable {
		t.Errorf("a nil *chan is written as null: %v", s)
	}
}

func TestRecursion(t *testing.T) {
	m := NewModel()
	s := m.Encode(unit(t, "List"))
	next := field(t, s, "Next").Shape
	if next.Kind != Object || !next.Nullable {
		t.Fatalf("Next: %v", next)
	}
	// The pointer's shape refers back to List's (addressable) shape.
	if nn := field(t, next, "Next").Shape; nn != field(t, next, "Next").Shape || field(t, nn, "Kids").Shape.Elem.Kind != Object {
		t.Errorf("recursive shape not shared")
	}
	if s := m.Encode(unit(t, "Loop")); s.Kind != Null {
		t.Errorf("type Loop *Loop: %v", s)
	}
	n := 0
	Walk(s, "List", func(string, *Field, *Shape) bool { n++; return true })
	if n == 0 || n > 50 {
		t.Errorf("Walk visited %d shapes", n)
	}
	if r := Compatible(m.Encode(unit(t, "List")), m.Decode(unit(t, "List"))); len(r.Problems) != 0 {
		t.Errorf("List against itself: %v", r.Problems)
	}
}

func TestGenerics(t *testing.T) {
	s := Encode(unit(t, "UsesBox"))
	b := field(t, s, "B").Shape
	if got := field(t, b, "val").Shape; got.Kind != String {
		t.Errorf("Box[string].val: %v", got)
	}
	if got := field(t, b, "Next").Shape; got.Kind != Object || !got.Nullable {
		t.Errorf("Box[string].Next: %v", got)
	}
	box := unit(t, "Box").(*types.Named)
	tp := box.TypeParams().At(0)
	if s := Encode(tp); s.Kind != Opaque {
		t.Errorf("type parameter: %v", s)
	}
}

func TestWalkPaths(t *testing.T) {
	var got []string
	Walk(Encode(unit(t, "Order")), RootName(unit(t, "*Order")), func(path string, _ *Field, _ *Shape) bool {
		got = append(got, path)
		return true
	})
	want := []string{"Order", "Order.items", "Order.items[]", "Order.items[].price",
		"Order.notes", "Order.notes{}", "Order.notes{}.author", `Order["a.b"]`}
	if !slices.Equal(got, want) {
		t.Errorf("paths = %q\nwant %q", got, want)
	}
}

// TestInvalidIsOpaque: a type the type checker could not resolve (its
// package does not type-check) has no known wire shape, so it is opaque,
// never unsupported: a package analysed in part must not get findings
// about what is unknown.
func TestInvalidIsOpaque(t *testing.T) {
	invalid := types.Typ[types.Invalid]
	st := types.NewStruct([]*types.Var{types.NewField(0, nil, "X", invalid, false)}, []string{`json:"x"`})
	for _, s := range []*Shape{Encode(invalid), Decode(invalid), Encode(st).Fields[0].Shape, Decode(st).Fields[0].Shape} {
		if s.Kind != Opaque {
			t.Errorf("shape of an invalid type: %v, want opaque", s.Kind)
		}
	}
	r := Compatible(Encode(st), Decode(types.NewStruct([]*types.Var{types.NewField(0, nil, "X", types.Typ[types.Int], false)}, []string{`json:"x"`})))
	if len(r.Problems) != 0 || len(r.Unchecked) != 1 {
		t.Errorf("an invalid field against an int: problems %v, unchecked %v; want none, and x unchecked", r.Problems, r.Unchecked)
	}
}
