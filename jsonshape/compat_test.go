package jsonshape

import (
	"fmt"
	"strings"
	"testing"
)

const compatSrc = `package main

import (
	"encoding/json"
	"time"
)

var _ = json.Marshal
var _ time.Time

type Base struct {
	ID    int64   ` + "`json:\"id\"`" + `
	Name  string  ` + "`json:\"name\"`" + `
	Price float64 ` + "`json:\"price\"`" + `
	Tags  []string ` + "`json:\"tags\"`" + `
}

type KindMismatch struct {
	ID   string  ` + "`json:\"id\"`" + `
	Name int     ` + "`json:\"name\"`" + `
	Tags string  ` + "`json:\"tags\"`" + `
}

type Narrow struct {
	ID    int8 ` + "`json:\"id\"`" + `
	Price int  ` + "`json:\"price\"`" + `
}

type Unsigned struct {
	ID uint64 ` + "`json:\"id\"`" + `
}

type Wide struct {
	ID    float64 ` + "`json:\"id\"`" + `
	Price float64 ` + "`json:\"price\"`" + `
}

type Missing struct {
	ID       int64   ` + "`json:\"id\"`" + `
	Required string  ` + "`json:\"required\"`" + `
	Optional *string ` + "`json:\"optional\"`" + `
	Omit     string  ` + "`json:\"omit,omitempty\"`" + `
	List     []int   ` + "`json:\"list\"`" + `
}

type Case struct {
	ID int64 ` + "`json:\"ID\"`" + `
}

type Blob struct {
	Data []byte ` + "`json:\"data\"`" + `
}

type Text struct {
	Data string ` + "`json:\"data\"`" + `
}

type QuotedID struct {
	ID int64 ` + "`json:\"id,string\"`" + `
}

type StringID struct {
	ID string ` + "`json:\"id\"`" + `
}

type PlainID struct {
	ID int64 ` + "`json:\"id\"`" + `
}

type QuotedName struct {
	Name string ` + "`json:\"name,string\"`" + `
}

type NumberID struct {
	ID json.Number ` + "`json:\"id\"`" + `
}

type Loose struct {
	ID   any             ` + "`json:\"id\"`" + `
	Name json.RawMessage ` + "`json:\"name\"`" + `
}

type PtrBase struct {
	ID   *int64  ` + "`json:\"id\"`" + `
	Name *string ` + "`json:\"name\"`" + `
}

type Tree struct {
	Val  int     ` + "`json:\"val\"`" + `
	Kids []*Tree ` + "`json:\"kids\"`" + `
}

type FloatTree struct {
	Val  float64      ` + "`json:\"val\"`" + `
	Kids []*FloatTree ` + "`json:\"kids\"`" + `
}

type IntKeys struct {
	M map[int16]int ` + "`json:\"m\"`" + `
}

type StrKeys struct {
	M map[string]int ` + "`json:\"m\"`" + `
}

type Array3 struct {
	Tags [3]string ` + "`json:\"tags\"`" + `
}

// PText is written as a number by value and by MarshalText through an
// address; Unmarshal takes a number only.
type PText int

func (*PText) MarshalText() ([]byte, error) { return []byte("p"), nil }

type Box[T any] struct {
	Val  T       ` + "`json:\"val\"`" + `
	Next *Box[T] ` + "`json:\"next\"`" + `
}

// InBox marshalled by value: B.val is a number, B.next.val a string.
type InBox struct{ B Box[PText] }

// EText is a non-struct type with text methods on the pointer; an
// unnamed struct that embeds it is a string only through an address.
type EText int

func (*EText) MarshalText() ([]byte, error) { return []byte("e"), nil }

type InBoxEmb struct{ B Box[struct{ A int; EText }] }

// Plain has the same shape whatever the addressability: compared once.
type PlainRec struct {
	Val  string    ` + "`json:\"val\"`" + `
	Next *PlainRec ` + "`json:\"next\"`" + `
}

type IntRec struct {
	Val  int     ` + "`json:\"val\"`" + `
	Next *IntRec ` + "`json:\"next\"`" + `
}
`

func compatShapes(t *testing.T, producer, consumer string) (*Shape, *Shape) {
	t.Helper()
	pkg := checkSource(t, compatSrc)
	return Encode(lookupType(t, pkg, producer)), Decode(lookupType(t, pkg, consumer))
}

func summary(r Result) []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, fmt.Sprintf("%s %s %s", p.Effect, p.Kind, p.Path))
	}
	return out
}

func TestCompatible(t *testing.T) {
	for _, tc := range []struct {
		producer, consumer string
		want               []string // "severity code path", in order
		unchecked          int
	}{
		{"Base", "Base", nil, 0},
		{"PtrBase", "Base", []string{"lossy missing PtrBase.price"}, 0}, // null is fine anywhere
		{"Base", "KindMismatch", []string{
			"failing type Base.id", "failing type Base.name", "quiet dropped Base.price", "failing type Base.tags"}, 0},
		{"Base", "Narrow", []string{
			"lossy narrowing Base.id", "quiet dropped Base.name", "lossy narrowing Base.price", "quiet dropped Base.tags"}, 0},
		{"Narrow", "Unsigned", []string{"lossy narrowing Narrow.id", "quiet dropped Narrow.price"}, 0},
		{"Narrow", "Wide", nil, 0}, // integers fit a float64
		{"Base", "Missing", []string{
			"quiet dropped Base.name", "quiet dropped Base.price", "quiet dropped Base.tags", "lossy missing Base.required"}, 0},
		{"Base", "Case", []string{
			"quiet case Base.id", "quiet dropped Base.name", "quiet dropped Base.price", "quiet dropped Base.tags"}, 0},
		{"Blob", "Text", []string{"failing type Blob.data"}, 0},
		{"Text", "Blob", []string{"failing type Text.data"}, 0},
		{"QuotedID", "QuotedID", nil, 0},
		{"QuotedID", "PlainID", []string{"failing quoted QuotedID.id"}, 0},
		{"PlainID", "QuotedID", []string{"failing quoted PlainID.id"}, 0},
		{"QuotedID", "StringID", nil, 0},                                  // "123" is a fine string
		{"StringID", "QuotedID", []string{"lossy quoted StringID.id"}, 0}, // works if the string holds a number
		{"QuotedID", "NumberID", nil, 0},                                  // json.Number takes "123"
		{"QuotedName", "Base", []string{
			"failing quoted QuotedName.name", "lossy missing QuotedName.id", "lossy missing QuotedName.price"}, 0},
		{"Base", "Loose", []string{"quiet dropped Base.price", "quiet dropped Base.tags"}, 2},
		{"Tree", "FloatTree", nil, 0},
		{"FloatTree", "Tree", []string{"lossy narrowing FloatTree.val"}, 0},
		{"StrKeys", "IntKeys", []string{"lossy type StrKeys.m"}, 0},
		{"IntKeys", "StrKeys", nil, 0},
		// A struct pair is compared once, unless a pointer-receiver marshal
		// method inside makes the addressable value's shape differ.
		{"InBox", "InBox", []string{"failing type InBox.B.next.val"}, 0},
		{"InBoxEmb", "InBoxEmb", []string{"failing type InBoxEmb.B.next.val"}, 0},
		{"PlainRec", "IntRec", []string{"failing type PlainRec.val"}, 0},
		{"Base", "Array3", []string{
			"quiet dropped Base.id", "quiet dropped Base.name", "quiet dropped Base.price", "quiet dropped Base.tags"}, 0},
	} {
		t.Run(tc.producer+"->"+tc.consumer, func(t *testing.T) {
			p, c := compatShapes(t, tc.producer, tc.consumer)
			r := Compatible(p, c)
			got := summary(r)
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("problems:\n\t%s\nwant:\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
				for _, p := range r.Problems {
					t.Log(p)
				}
			}
			if len(r.Unchecked) != tc.unchecked {
				t.Errorf("unchecked = %q, want %d", r.Unchecked, tc.unchecked)
			}
		})
	}
}

func TestCompatibleWorst(t *testing.T) {
	p, c := compatShapes(t, "Base", "KindMismatch")
	if r := Compatible(p, c); r.Worst() != Failing {
		t.Errorf("Worst = %v", r.Worst())
	}
	p, c = compatShapes(t, "Base", "Base")
	if r := Compatible(p, c); r.Worst() != 0 {
		t.Errorf("Worst = %v", r.Worst())
	}
}
