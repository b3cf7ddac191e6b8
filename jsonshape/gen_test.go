package jsonshape

// The generator of random Go type declarations for the differential test
// and the fuzz target. It aims at encoding/json's corners: name conflicts
// across embedding depths, tags of every kind, every option, methods on
// value and pointer receivers, unexported and pointer embeds (of structs
// and of non-struct types whose pointer methods get promoted), recursion,
// generic containers instantiated with all of these, "-," tags with
// options, and the types encoding/json rejects.
//
// Generated methods leave a marker instead of doing work: MarshalJSON
// writes {"$MJ":"T"}, MarshalText writes "$MT:T", UnmarshalJSON and
// UnmarshalText record "UJ:T" and "UT:T", and IsZero returns a constant
// chosen per type. The test reads the markers to see which method
// encoding/json called.

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
)

type recv uint8

const (
	noRecv recv = iota
	valueRecv
	ptrRecv
)

// A genNamed is a generated named type other than a generic.
type genNamed struct {
	name       string
	isStruct   bool
	under      string // non-struct: the underlying type
	uint8Kind  bool
	methods    map[string]recv // MarshalJSON, MarshalText, UnmarshalJSON, UnmarshalText, IsZero
	zeroConst  bool
	mayEmbed   bool // struct: may have embedded fields
	fields     []*genField
	comparable bool
}

// ptrEmbeddable: embedding *T is safe to call promoted methods through
// when nil: T declares only pointer-receiver methods and embeds nothing.
func (n *genNamed) ptrEmbeddable() bool {
	if !n.isStruct || n.mayEmbed {
		return false
	}
	for _, r := range n.methods {
		if r == valueRecv {
			return false
		}
	}
	return true
}

// ptrOnly: every method of n has a pointer receiver, so that *n may be
// embedded and its promoted methods called while it is nil.
func (n *genNamed) ptrOnly() bool {
	for _, r := range n.methods {
		if r == valueRecv {
			return false
		}
	}
	return true
}

type genField struct {
	name     string // Go name; "" when embedded
	typ      string
	embedded bool
	tag      string // full struct tag, without backquotes
}

type generator struct {
	r       *rand.Rand
	leaves  []*genNamed
	structs []*genNamed
	ptrs    []string // named pointer types
	// roots are the types the program marshals and probes: type
	// expressions, in order.
	roots     []string
	variants  [][2]string // (original, variant) struct names
	zeroConst map[string]bool
	cur       int // index of the struct being generated (by-value references must point below it)
}

var basicTypes = []string{
	"bool", "int", "int8", "int16", "int32", "int64",
	"uint", "uint8", "uint16", "uint32", "uint64", "uintptr",
	"float32", "float64", "string",
}

var goNames = []string{"A", "B", "C", "ID", "Id", "Name", "NAME", "Value", "X", "Y", "URL", "Url", "Kind", "a", "b", "x"}

var tagNames = []string{
	"a", "A", "b", "id", "ID", "Id", "name", "Name", "x", "X", "y", "val", "next", "k", "K",
	"\u212a", // KELVIN SIGN: folds to k
	"ß", "SS", "ü", "Ü", "a-b", "a b", "a.b", "$x", "@", "<x>", "%d",
	`a\\b`, // backslash: invalid, falls back to the Go name
	"€x",   // a symbol: invalid
	"value", "url", "kind", "c",
}

func newGenerator(seed uint64) *generator {
	return &generator{
		r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		// The IsZero results of the prelude's types.
		zeroConst: map[string]bool{"ZPtr": false, "ZVal": false, "innerZ": false, "ZImpl": false},
	}
}

func (g *generator) chance(p float64) bool { return g.r.Float64() < p }
func (g *generator) intn(n int) int        { return g.r.IntN(n) }
func pick[T any](g *generator, xs []T) T   { return xs[g.r.IntN(len(xs))] }

// generate plans n root structs with their helper types and returns the
// declarations.
func (g *generator) generate(n int) string {
	nLeaves := 4 + n/2
	for i := 0; i < nLeaves; i++ {
		g.leaves = append(g.leaves, g.planLeaf(i))
	}
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("S%d", i)
		if g.chance(0.2) {
			name = fmt.Sprintf("s%d", i)
		}
		st := &genNamed{name: name, isStruct: true, methods: map[string]recv{}, mayEmbed: g.chance(0.6)}
		if g.chance(0.12) {
			g.planMethods(st, 0.15)
		}
		g.structs = append(g.structs, st)
	}
	for i := 0; i < 2+n/50; i++ {
		g.ptrs = append(g.ptrs, fmt.Sprintf("PS%d", i))
	}
	for i, st := range g.structs {
		g.cur = i
		nf := 1 + g.intn(7)
		used := map[string]bool{}
		for len(st.fields) < nf {
			f := g.genField(st, used)
			if f != nil {
				st.fields = append(st.fields, f)
			}
		}
	}
	// Variants: copies with mutations, to pair as producer and consumer.
	var variants []*genNamed
	for _, st := range g.structs {
		if g.chance(0.3) {
			v := g.variant(st)
			variants = append(variants, v)
			g.variants = append(g.variants, [2]string{st.name, v.name})
		}
	}
	g.structs = append(g.structs, variants...)

	var b strings.Builder
	b.WriteString(genPrelude)
	for _, l := range g.leaves {
		fmt.Fprintf(&b, "type %s %s\n", l.name, l.under)
		g.writeMethods(&b, l)
	}
	// Named pointer types point to small structs of their own: a named
	// pointer on a type cycle crashes the compiler (golang/go#78295).
	for i, p := range g.ptrs {
		pt := &genNamed{name: fmt.Sprintf("PT%d", i), methods: map[string]recv{}}
		if g.chance(0.6) {
			g.planMethods(pt, 0.3)
		}
		fmt.Fprintf(&b, "type %s *%s\n", p, pt.name)
		fmt.Fprintf(&b, "type %s struct {\n\tID int `json:\"id\"`\n\tName %s\n\tX %s `%s`\n}\n", pt.name, pick(g, basicTypes), pick(g, basicTypes), g.genTag())
		g.writeMethods(&b, pt)
	}
	for _, st := range g.structs {
		fmt.Fprintf(&b, "type %s struct {\n", st.name)
		for _, f := range st.fields {
			b.WriteString("\t")
			if !f.embedded {
				b.WriteString(f.name + " ")
			}
			b.WriteString(f.typ)
			if f.tag != "" {
				b.WriteString(" `" + f.tag + "`")
			}
			b.WriteString("\n")
		}
		b.WriteString("}\n")
		g.writeMethods(&b, st)
	}
	g.roots = append(g.roots, "Rules", "*Rules")
	g.roots = append(g.roots, asymRoots...)
	for _, st := range g.structs {
		g.roots = append(g.roots, st.name)
	}
	// A few non-struct roots: top-level values are not addressable.
	for _, l := range g.leaves {
		if g.chance(0.3) {
			g.roots = append(g.roots, l.name)
		}
	}
	for i := 0; i < 1+n/40; i++ {
		g.roots = append(g.roots, g.genType(1, false))
	}
	return b.String()
}

func (g *generator) planLeaf(i int) *genNamed {
	l := &genNamed{methods: map[string]recv{}, comparable: true}
	switch {
	case g.chance(0.75):
		l.under = pick(g, basicTypes)
	case g.chance(0.3):
		l.under, l.comparable = "[]byte", false
	case g.chance(0.3): //nolint:gocritic // each case is a new random draw
		l.under, l.comparable = "[]int", false
	case g.chance(0.4):
		l.under, l.comparable = "map[string]int", false
	default:
		l.under = "[2]int"
	}
	l.uint8Kind = l.under == "uint8"
	l.name = fmt.Sprintf("L%d", i)
	if g.chance(0.15) {
		l.name = fmt.Sprintf("l%d", i)
	}
	if g.chance(0.6) {
		g.planMethods(l, 0.3)
	}
	return l
}

func (g *generator) planMethods(n *genNamed, p float64) {
	for _, m := range []string{"MarshalJSON", "MarshalText", "UnmarshalJSON", "UnmarshalText", "IsZero"} {
		if !g.chance(p) {
			continue
		}
		r := ptrRecv
		if m == "MarshalJSON" || m == "MarshalText" || m == "IsZero" {
			if g.chance(0.5) {
				r = valueRecv
			}
		} else if g.chance(0.1) {
			r = valueRecv
		}
		n.methods[m] = r
	}
	n.zeroConst = g.chance(0.5)
}

func (g *generator) writeMethods(b *strings.Builder, n *genNamed) {
	if len(n.methods) == 0 {
		return
	}
	if _, ok := n.methods["IsZero"]; ok {
		g.zeroConst[n.name] = n.zeroConst
	}
	for _, m := range []string{"MarshalJSON", "MarshalText", "UnmarshalJSON", "UnmarshalText", "IsZero"} {
		r, ok := n.methods[m]
		if !ok {
			continue
		}
		rcv := "x " + n.name
		if r == ptrRecv {
			rcv = "x *" + n.name
		}
		switch m {
		case "MarshalJSON":
			fmt.Fprintf(b, "func (%s) MarshalJSON() ([]byte, error) { return []byte(`{\"$MJ\":%q}`), nil }\n", rcv, n.name)
		case "MarshalText":
			fmt.Fprintf(b, "func (%s) MarshalText() ([]byte, error) { return []byte(\"$MT:%s\"), nil }\n", rcv, n.name)
		case "UnmarshalJSON":
			fmt.Fprintf(b, "func (%s) UnmarshalJSON([]byte) error { record(\"UJ:%s\"); return nil }\n", rcv, n.name)
		case "UnmarshalText":
			fmt.Fprintf(b, "func (%s) UnmarshalText([]byte) error { record(\"UT:%s\"); return nil }\n", rcv, n.name)
		case "IsZero":
			fmt.Fprintf(b, "func (%s) IsZero() bool { return %v }\n", rcv, n.zeroConst)
		}
	}
}

func (g *generator) genField(st *genNamed, used map[string]bool) *genField {
	f := &genField{}
	if st.mayEmbed && g.chance(0.3) {
		f.embedded = true
		f.typ = g.embedType()
		name := strings.TrimPrefix(f.typ, "*")
		name, _, _ = strings.Cut(name, "[")
		if i := strings.LastIndexByte(name, '.'); i >= 0 {
			name = name[i+1:]
		}
		if used[name] {
			return nil
		}
		used[name] = true
	} else {
		f.name = pick(g, goNames)
		if used[f.name] {
			return nil
		}
		used[f.name] = true
		f.typ = g.genType(0, true)
	}
	f.tag = g.genTag()
	if strings.HasPrefix(f.typ, "map[") && g.chance(0.1) {
		// "-," keeps a map field under the key "-"; ",string" does nothing
		// to a map.
		f.tag = pick(g, []string{`json:"-,string"`, `json:"-,omitempty,string"`, `json:"-,"`, `json:"-,omitzero"`})
	}
	return f
}

// genericEmbed picks an instantiated generic type to embed: a struct
// promotes its fields (instantiated), a non-struct is a field of its own.
func (g *generator) genericEmbed() string {
	switch g.intn(8) {
	case 0:
		return pick(g, []string{"Tagger", "GText[int]", "Pair[string, int]"})
	case 1:
		return "Box[" + g.genType(2, false) + "]"
	case 2:
		return "List[" + g.genType(2, true) + "]"
	case 3:
		return "Arr[" + g.genType(2, false) + "]"
	case 4:
		return "Nest[" + g.genType(2, false) + "]"
	case 5:
		return pick(g, []string{"PG[int]", "*PG[string]", "*PG[" + g.leaves[0].name + "]"})
	case 6:
		return "Num[" + g.numArg() + "]"
	}
	return "Opt[" + g.genType(2, true) + "]"
}

// numArg is a type argument for Num's ~int | ~string | ~float64.
func (g *generator) numArg() string {
	if g.chance(0.5) {
		for range 4 {
			if l := pick(g, g.leaves); l.under == "int" || l.under == "string" || l.under == "float64" {
				return l.name
			}
		}
	}
	return pick(g, []string{"int", "string", "float64"})
}

// embedType picks a type to embed: structs by value (declared below the
// current one, so that there is no value cycle) or pointer, unexported
// ones, non-struct types, interfaces, generics.
func (g *generator) embedType() string {
	for {
		switch g.intn(10) {
		case 0, 1, 2:
			if g.cur > 0 {
				return g.structs[g.intn(g.cur)].name
			}
		case 3, 4:
			if st := pick(g, g.structs); st.ptrEmbeddable() {
				return "*" + st.name
			}
		case 5:
			return pick(g, g.leaves).name
		case 6:
			// A non-struct type whose pointer methods the outer struct's
			// pointer gets: Marshal writes an addressable outer value
			// with the method, another field by field.
			if l := pick(g, g.leaves); g.chance(0.5) && l.ptrOnly() && len(l.methods) > 0 {
				return "*" + l.name
			}
			return pick(g, []string{"EText", "*EText", "eText", "*eText", "EJSON", "*EJSON", "EMarsh", "*EMarsh"})
		case 7:
			return g.genericEmbed()
		case 8:
			if g.chance(0.1) {
				return pick(g, []string{"time.Time", "json.RawMessage", "json.Number"})
			}
			return pick(g, []string{"Inner", "inner", "*PInner", "*pinner", "Amb", "innerZ", "*Rec", "RecB", "*ViaPtr", "*ViaPtr"})
		case 9:
			if g.cur > 0 {
				if st := g.structs[g.intn(g.cur)]; st.ptrEmbeddable() {
					return "*" + st.name
				}
			}
		}
	}
}

func (g *generator) genTag() string {
	switch {
	case g.chance(0.25):
		return ""
	case g.chance(0.06):
		return `json:"-"`
	}
	var name string
	switch {
	case g.chance(0.08):
		name = "-"
	case g.chance(0.4):
		name = ""
	default:
		name = pick(g, tagNames)
	}
	var opts []string
	for _, o := range []struct {
		name string
		p    float64
	}{{"omitempty", 0.25}, {"omitzero", 0.2}, {"string", 0.2}, {"foo", 0.04}} {
		if g.chance(o.p) {
			opts = append(opts, o.name)
		}
	}
	if name == "-" && len(opts) == 0 {
		return `json:"-,"`
	}
	tag := "json:\"" + strings.Join(append([]string{name}, opts...), ",") + "\""
	if g.chance(0.05) {
		tag = `xml:"q" ` + tag
	}
	return tag
}

// genType returns a type expression. depth limits nesting; valueOK says
// whether a struct may appear by value here.
func (g *generator) genType(depth int, valueOK bool) string {
	if depth >= 3 {
		switch g.intn(3) {
		case 0:
			return pick(g, basicTypes)
		case 1:
			return pick(g, g.leaves).name
		default:
			return "*" + pick(g, g.structs).name
		}
	}
	switch r := g.intn(100); {
	case r < 22:
		if g.chance(0.15) {
			// Where ",string" follows a pointer and where it does not.
			return pick(g, []string{"*int", "PInt", "*string", "**bool", "*float32", "*json.Number"})
		}
		if g.chance(0.1) {
			// Bytes, with and without methods on the element.
			return pick(g, []string{"[]MByte", "[2]MByte", "[]byte", "json.RawMessage"})
		}
		return pick(g, basicTypes)
	case r < 36:
		return pick(g, g.leaves).name
	case r < 44:
		if valueOK && g.cur > 0 {
			return g.structs[g.intn(g.cur)].name
		}
		return "*" + pick(g, g.structs).name
	case r < 50:
		return "*" + pick(g, g.structs).name
	case r < 56:
		return "*" + g.genType(depth+1, true)
	case r < 64:
		return "[]" + g.genType(depth+1, true)
	case r < 68:
		return fmt.Sprintf("[%d]%s", g.intn(3), g.genType(depth+1, valueOK))
	case r < 76:
		return "map[" + g.genKey() + "]" + g.genType(depth+1, true)
	case r < 90:
		return g.special(depth, valueOK)
	case r < 93:
		return pick(g, []string{"chan int", "func()", "complex64", "complex128", "unsafe.Pointer",
			"map[bool]int", "map[float64]string", "map[SKey]int", "*chan int", "[]func()", "map[string]complex64"})
	case r < 96:
		return pick(g, g.ptrs)
	default:
		// An unnamed struct; embedding a type with methods promotes them.
		var b strings.Builder
		b.WriteString("struct { ")
		b.WriteString(pick(g, []string{"A", "B", "Name"}) + " " + pick(g, basicTypes))
		if g.chance(0.7) {
			l := pick(g, g.leaves)
			b.WriteString("; " + l.name)
		}
		if g.chance(0.3) {
			b.WriteString(" `json:\"" + pick(g, tagNames[:8]) + "\"`")
		}
		b.WriteString(" }")
		return b.String()
	}
}

func (g *generator) genKey() string {
	switch g.intn(6) {
	case 0, 1:
		return pick(g, []string{"string", "int", "int8", "uint16", "int64", "uint", "uintptr"})
	case 2, 3:
		for {
			l := pick(g, g.leaves)
			if l.comparable {
				return l.name
			}
		}
	case 4:
		return pick(g, []string{"TKey", "IKey", "SText", "*TKey", "JKey"})
	}
	return pick(g, []string{"bool", "float64", "SKey", "[2]int", "any"})
}

func (g *generator) special(depth int, valueOK bool) string {
	switch g.intn(28) {
	case 0:
		return "[]byte"
	case 1:
		return fmt.Sprintf("[%d]byte", g.intn(3))
	case 2:
		return "json.RawMessage"
	case 3:
		return "json.Number"
	case 4:
		return "time.Time"
	case 5:
		return "*time.Time"
	case 6:
		return "any"
	case 7:
		return "Tagger"
	case 8:
		return "Zeroer"
	case 9:
		if g.chance(0.5) {
			for _, l := range g.leaves {
				if l.uint8Kind && g.chance(0.5) {
					return "[]" + l.name
				}
			}
		}
		return pick(g, []string{"[]uint8", "[]MByte", "[2]MByte"})
	case 10:
		return "Box[" + g.genType(depth+1, true) + "]"
	case 11:
		return "Pair[" + g.genKey() + ", " + g.genType(depth+1, true) + "]"
	case 12:
		return pick(g, []string{"GText[int]", "GText[" + pick(g, g.leaves).name + "]", "*GText[string]"})
	case 13:
		return pick(g, []string{"**int", "PInt", "*PInt", "Rec", "*RecB"})
	case 14:
		return pick(g, []string{"interface{ M() }", "json.Marshaler", "interface{ UnmarshalJSON([]byte) error }", "interface{ MarshalText() ([]byte, error) }"})
	case 15:
		return "Inner"
	case 16:
		return "*Inner"
	case 17:
		return pick(g, []string{"[]Inner", "PInt", "Amb", "*Amb"})
	case 18:
		return "map[string]*Inner"
	case 19:
		return pick(g, []string{"ZPtr", "ZVal", "*ZPtr", "Amb", "ViaPtr", "PText"})
	// Generic containers: what a type argument with pointer methods
	// looks like in a value (not addressable), behind a pointer, in a
	// slice (addressable), in a map value (not) and in an array (as its
	// container).
	case 20:
		return "List[" + g.genType(depth+1, true) + "]"
	case 21:
		return "Dict[" + g.genKey() + ", " + g.genType(depth+1, true) + "]"
	case 22:
		return "Arr[" + g.genType(depth+1, valueOK) + "]"
	case 23:
		return "Node[" + g.genType(depth+1, valueOK) + "]"
	case 24:
		return "Nest[" + g.genType(depth+1, valueOK) + "]"
	case 25:
		return pick(g, []string{"Opt[", "PG[", "BoxA[", "*Box["}) + g.genType(depth+1, true) + "]"
	case 26:
		return "Num[" + g.numArg() + "]"
	case 27:
		// An unnamed struct that embeds a non-struct type with pointer
		// methods: the methods come with it, the type has no name.
		return pick(g, []string{"struct{ A int; EText }", "struct{ EMarsh; B string }", "struct{ eText; A int }",
			"struct{ *EText; A int }", "struct{ EJSON }", "Box[struct{ A int; EText }]"})
	}
	return "struct{}"
}

// variant copies st with mutations: fields dropped, added, renamed in
// case, retyped, with ",string" or omitempty toggled.
func (g *generator) variant(st *genNamed) *genNamed {
	v := &genNamed{name: "V" + strings.TrimLeft(st.name, "Ss"), isStruct: true, methods: map[string]recv{}}
	used := map[string]bool{}
	for _, f := range st.fields {
		nf := *f
		switch {
		case g.chance(0.08):
			continue
		case g.chance(0.1):
			nf.tag = flipTagCase(nf.tag)
		case g.chance(0.1) && !nf.embedded:
			g.cur = len(g.structs)
			nf.typ = g.genType(1, false)
		case g.chance(0.1): //nolint:gocritic // each case is a new random draw
			nf.tag = toggleOption(nf.tag, "string")
		case g.chance(0.05):
			nf.tag = toggleOption(nf.tag, "omitempty")
		}
		key := nf.name
		if nf.embedded {
			key = nf.typ
		}
		if used[key] {
			continue
		}
		used[key] = true
		v.fields = append(v.fields, &nf)
	}
	if g.chance(0.2) {
		name := pick(g, goNames)
		if !used[name] {
			g.cur = len(g.structs)
			v.fields = append(v.fields, &genField{name: name, typ: g.genType(1, false), tag: g.genTag()})
		}
	}
	return v
}

func flipTagCase(tag string) string {
	i := strings.Index(tag, `json:"`)
	if i < 0 {
		return tag
	}
	rest := tag[i+6:]
	name, _, _ := strings.Cut(rest, `"`)
	name, _, _ = strings.Cut(name, ",")
	if name == "" || name == "-" {
		return tag
	}
	swapped := strings.Map(func(r rune) rune {
		if u := strings.ToUpper(string(r)); u != string(r) {
			return []rune(u)[0]
		}
		return []rune(strings.ToLower(string(r)))[0]
	}, name)
	return tag[:i+6] + swapped + rest[len(name):]
}

func toggleOption(tag, opt string) string {
	i := strings.Index(tag, `json:"`)
	if i < 0 {
		return tag + ` json:",` + opt + `"`
	}
	rest := tag[i+6:]
	val, after, _ := strings.Cut(rest, `"`)
	parts := strings.Split(val, ",")
	if j := slices.Index(parts[1:], opt); j >= 0 {
		parts = slices.Delete(parts, j+1, j+2)
	} else {
		parts = append(parts, opt)
	}
	return tag[:i+6] + strings.Join(parts, ",") + `"` + after
}

// asymRoots are the Asym types of the prelude.
var asymRoots = []string{"AsymBox", "AsymBoxV", "AsymNode", "AsymNest", "AsymList", "AsymEmb", "AsymOpt"}

// genPrelude declares the fixed helpers: interfaces and their
// implementations, map keys, generics, and the call recorder.
const genPrelude = `package main

import (
	"encoding/json"
	"time"
	"unsafe"
)

var (
	_ = json.Marshal
	_ time.Time
	_ unsafe.Pointer
)

var calls []string

func record(s string) { calls = append(calls, s) }

type Tagger interface{ Tag() string }

type Zeroer interface{ IsZero() bool }

type TagImpl struct{ N int }

func (TagImpl) Tag() string { return "t" }
func (TagImpl) M()          {}

type ZImpl struct{ N int }

func (ZImpl) IsZero() bool { return false }

// TKey: a struct map key with MarshalText on the value and UnmarshalText
// on the pointer.
type TKey struct{ A, B int }

func (TKey) MarshalText() ([]byte, error) { return []byte("$MT:TKey"), nil }
func (*TKey) UnmarshalText([]byte) error  { record("UT:TKey"); return nil }

// IKey: an integer key with MarshalText only on the pointer, which map
// keys never use.
type IKey int

func (*IKey) MarshalText() ([]byte, error) { return []byte("$MT:IKey"), nil }

// SText: a string key with both text methods: Marshal ignores MarshalText
// for string kinds, Unmarshal calls UnmarshalText.
type SText string

func (SText) MarshalText() ([]byte, error) { return []byte("$MT:SText"), nil }
func (*SText) UnmarshalText([]byte) error  { record("UT:SText"); return nil }

type SKey struct{ A int }

// JKey: a key with UnmarshalText, which makes Unmarshal decode keys through
// literalStore, where UnmarshalJSON comes first.
type JKey string

func (*JKey) UnmarshalText([]byte) error { record("UT:JKey"); return nil }
func (*JKey) UnmarshalJSON([]byte) error { record("UJ:JKey"); return nil }

// PInt: a named pointer to a number; ",string" does not follow it.
type PInt *int

// innerJ has methods; Amb embeds it with Inner, so that neither's methods
// are promoted (ambiguous) and innerJ's own rules show: a tagged
// unexported embedded struct is read-only to reflect.
type innerJ struct{ ID int }

func (*innerJ) UnmarshalJSON([]byte) error { record("UJ:innerJ"); return nil }
func (*innerJ) MarshalJSON() ([]byte, error) { return []byte(` + "`" + `{"$MJ":"innerJ"}` + "`" + `), nil }

type Amb struct {
	Inner
	innerJ ` + "`json:\"j\"`" + `
	X      int
}

// Rec and RecB embed each other through pointers: typeFields must not
// loop, and a type met again deeper down is skipped.
type Rec struct {
	*Rec
	*RecB
	ID int ` + "`json:\"id\"`" + `
}

type RecB struct {
	*Rec
	Name string
	ID   string ` + "`json:\"id\"`" + `
}

// MByte: a byte with methods. Marshal writes []MByte as an array of
// MarshalJSON results; Unmarshal still takes base64 into it.
type MByte uint8

func (*MByte) MarshalJSON() ([]byte, error) { return []byte(` + "`" + `{"$MJ":"MByte"}` + "`" + `), nil }
func (*MByte) UnmarshalJSON([]byte) error { record("UJ:MByte"); return nil }

// ViaPtr is embedded by pointer: its fields are addressable even when the
// outer value is not, so PText's pointer-receiver MarshalText applies.
type ViaPtr struct {
	T PText ` + "`json:\"t\"`" + `
}

type PText int

func (*PText) MarshalText() ([]byte, error) { return []byte("$MT:PText"), nil }

// ZPtr and ZVal have IsZero methods that say a zero value is not zero:
// omitzero keeps them, where a reflect zero test would not.
type ZPtr struct{ N int }

func (*ZPtr) IsZero() bool { return false }

type ZVal struct{ N int }

func (ZVal) IsZero() bool { return false }

type innerZ struct{ ID int }

// Rules holds one field for each rule that random types reach only
// rarely, so that every run of the differential test covers them.
type Rules struct {
	ZP ZPtr          ` + "`json:\"zp,omitzero\"`" + `
	ZV ZVal          ` + "`json:\"zv,omitzero\"`" + `
	PZ *ZPtr         ` + "`json:\"pz,omitzero\"`" + `
	IZ innerZ        ` + "`json:\"iz,omitzero\"`" + `
	B  []MByte       ` + "`json:\"b\"`" + `
	A  [2]MByte      ` + "`json:\"a\"`" + `
	PI PInt          ` + "`json:\"pi,string\"`" + `
	IP *int          ` + "`json:\"ip,string\"`" + `
	T  PText         ` + "`json:\"t2\"`" + `
	SK map[SText]int ` + "`json:\"sk\"`" + `
	JK map[JKey]int  ` + "`json:\"jk\"`" + `
	IK map[IKey]int  ` + "`json:\"ik\"`" + `
	TK map[TKey]int  ` + "`json:\"tk\"`" + `
	N  json.Number   ` + "`json:\"n,string\"`" + `
	GT GText[int]    ` + "`json:\"gt,string\"`" + `
	E0 [0]int        ` + "`json:\"e0,omitempty\"`" + `
	E1 [1]int        ` + "`json:\"e1,omitempty\"`" + `
	S  struct{ A int } ` + "`json:\"s,omitempty\"`" + `
	U  struct{ Inner } ` + "`json:\"u\"`" + `
	BX Box[PText]      ` + "`json:\"bx\"`" + `
	BV Box[ViaPtr]     ` + "`json:\"bv\"`" + `
	LT List[PText]     ` + "`json:\"lt\"`" + `
	DT Dict[string, PText] ` + "`json:\"dt\"`" + `
	AT Arr[PText]      ` + "`json:\"at\"`" + `
	NT Node[EMarsh]    ` + "`json:\"nt\"`" + `
	ET struct{ A int; EText } ` + "`json:\"et\"`" + `
	EM struct{ EMarsh } ` + "`json:\"em\"`" + `
	UE struct{ eText } ` + "`json:\"ue\"`" + `
	DM map[string]int  ` + "`json:\"-,string\"`" + `
	DS string          ` + "`json:\"-,omitempty,string\"`" + `
	*ViaPtr
	Amb
	*pinner
}

func (innerZ) IsZero() bool { return false }

type Box[T any] struct {
	Val  T       ` + "`json:\"val\"`" + `
	Next *Box[T] ` + "`json:\"next,omitempty\"`" + `
}

// One asymmetry of encoding/json each, where a value marshalled by value
// reaches a pointer-receiver method only through an address: the round
// trip fails, and on the path Compatible must flag (a type error names
// only the first failing field, hence one type each).
type AsymBox struct{ B Box[PText] }
type AsymBoxV struct{ B Box[ViaPtr] }
type AsymNode struct{ N Node[EMarsh] }
type AsymNest struct{ N Nest[PText] }
type AsymList struct{ L Box[List[PText]] }
type AsymEmb struct{ E Box[struct{ A int; EMarsh }] }
type AsymOpt struct{ O Opt[Box[PText]] }

// Generic containers, and generics with methods on the pointer.
type List[T any] []T

type Dict[K comparable, V any] map[K]V

type Arr[T any] [2]T

type BoxA[T any] = Box[T]

type Node[T any] struct {
	Val  T            ` + "`json:\"val\"`" + `
	Kids []Node[T]    ` + "`json:\"kids,omitempty\"`" + `
	M    map[string]T ` + "`json:\"m\"`" + `
	Ref  *T           ` + "`json:\"ref\"`" + `
}

type Nest[T any] struct {
	Box[T]
	Arr[T] ` + "`json:\"arr\"`" + `
	X      T ` + "`json:\"x,omitempty\"`" + `
}

type Opt[T any] struct {
	V   *T ` + "`json:\"v,omitempty\"`" + `
	Set bool
}

type Num[T ~int | ~string | ~float64] struct {
	V T ` + "`json:\"v,string\"`" + `
	W T ` + "`json:\",omitzero\"`" + `
}

type PG[T any] struct{ V T }

func (*PG[T]) MarshalText() ([]byte, error) { return []byte("$MT:PG"), nil }
func (*PG[T]) UnmarshalText([]byte) error  { record("UT:PG"); return nil }

// EText, eText, EJSON and EMarsh: non-struct types with methods on the
// pointer only. Embedded, they promote them to the outer struct's
// pointer: Marshal calls them for an addressable outer value and writes
// another one field by field; Unmarshal calls them. eText is unexported:
// typeFields ignores the field, but its methods are still promoted.
type EText int

func (*EText) MarshalText() ([]byte, error) { return []byte("$MT:EText"), nil }
func (*EText) UnmarshalText([]byte) error  { record("UT:EText"); return nil }

type eText string

func (*eText) MarshalText() ([]byte, error) { return []byte("$MT:eText"), nil }
func (*eText) UnmarshalText([]byte) error  { record("UT:eText"); return nil }

type EJSON []int

func (*EJSON) MarshalJSON() ([]byte, error) { return []byte(` + "`" + `{"$MJ":"EJSON"}` + "`" + `), nil }
func (*EJSON) UnmarshalJSON([]byte) error { record("UJ:EJSON"); return nil }

// EMarsh has MarshalText and no unmarshal method.
type EMarsh int

func (*EMarsh) MarshalText() ([]byte, error) { return []byte("$MT:EMarsh"), nil }

type Pair[K comparable, V any] struct {
	Key K
	M   map[K]V ` + "`json:\"m\"`" + `
}

type GText[T any] struct{ V T }

func (GText[T]) MarshalText() ([]byte, error) { return []byte("$MT:GText"), nil }
func (*GText[T]) UnmarshalText([]byte) error  { record("UT:GText"); return nil }

// Inner: a struct with methods on both receivers, embedded and used as a
// field.
type Inner struct {
	N  int    ` + "`json:\"n\"`" + `
	ID string
}

func (*Inner) UnmarshalJSON([]byte) error { record("UJ:Inner"); return nil }
func (*Inner) MarshalJSON() ([]byte, error) { return []byte(` + "`" + `{"$MJ":"Inner"}` + "`" + `), nil }

// inner: unexported, promoting its exported fields.
type inner struct {
	ID   int
	Name string ` + "`json:\"name,omitempty\"`" + `
}

// PInner and pinner are embedded by pointer.
type PInner struct{ Kind string }

type pinner struct{ Kind string; X int }

`
