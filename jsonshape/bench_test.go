package jsonshape

import (
	"fmt"
	"go/types"
	"strings"
	"testing"
)

// deepSource declares a chain of depth struct types, each with a dozen
// fields of every kind, the next level by value, pointer, slice and map,
// and a pointer back to the top: what a large event payload looks like.
func deepSource(depth int, variant bool) string {
	var b strings.Builder
	b.WriteString("package main\n\nimport (\n\t\"encoding/json\"\n\t\"time\"\n)\n\nvar _ = json.Marshal\n\n")
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "type D%d struct {\n", i)
		fmt.Fprintf(&b, "\tID string `json:\"id\"`\n\tCount int64 `json:\"count,omitempty\"`\n\tRatio float64 `json:\"ratio\"`\n")
		if variant {
			fmt.Fprintf(&b, "\tFlag string `json:\"FLAG\"`\n")
		} else {
			fmt.Fprintf(&b, "\tFlag bool `json:\"flag\"`\n")
		}
		fmt.Fprintf(&b, "\tWhen time.Time `json:\"when\"`\n\tRaw json.RawMessage `json:\"raw,omitempty\"`\n")
		fmt.Fprintf(&b, "\tTags []string `json:\"tags\"`\n\tAttrs map[string]string `json:\"attrs\"`\n\tData []byte `json:\"data\"`\n")
		fmt.Fprintf(&b, "\tTop *D0 `json:\"top,omitempty\"`\n")
		if i+1 < depth {
			fmt.Fprintf(&b, "\tNext D%d `json:\"next\"`\n\tPtr *D%d `json:\"ptr\"`\n\tList []D%d `json:\"list\"`\n\tByKey map[int]D%d `json:\"by_key\"`\n", i+1, i+1, i+1, i+1)
		}
		b.WriteString("}\n\n")
	}
	return b.String()
}

func BenchmarkEncodeDeep(b *testing.B) {
	root := lookupType(b, checkSource(b, deepSource(40, false)), "D0")
	b.Run("fresh", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewModel().Encode(root)
		}
	})
	b.Run("cached", func(b *testing.B) {
		m := NewModel()
		m.Encode(root)
		b.ReportAllocs()
		for b.Loop() {
			m.Encode(root)
		}
	})
}

func BenchmarkCompatible(b *testing.B) {
	p := Encode(lookupType(b, checkSource(b, deepSource(40, false)), "D0"))
	c := Decode(lookupType(b, checkSource(b, deepSource(40, true)), "D0"))
	b.ReportAllocs()
	for b.Loop() {
		Compatible(p, c)
	}
}

// BenchmarkLookup is the per-key cost Compatible and the checks pay.
func BenchmarkLookup(b *testing.B) {
	s := Decode(lookupType(b, checkSource(b, deepSource(2, false)), "D0"))
	b.ReportAllocs()
	for b.Loop() {
		s.Lookup("by_key")
		s.Lookup("BY_KEY")
	}
}

var _ types.Type
