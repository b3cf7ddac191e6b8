package jsonshape

import (
	"fmt"
	"go/types"
	"strings"
	"testing"
)

// FuzzCompatible generates types from the fuzzer's seed, and holds the
// model and Compatible to what must always hold: no panic, termination,
// and for a type against itself no error other than encoding/json's own
// asymmetries (see selfExplained; the differential test shows those fail
// for real). The seed corpus runs in every go test.
func FuzzCompatible(f *testing.F) {
	for seed := uint64(1); seed <= 8; seed++ {
		f.Add(seed, uint8(6), uint8(3))
	}
	f.Fuzz(func(t *testing.T, seed uint64, n, pick uint8) {
		g := newGenerator(seed)
		var b strings.Builder
		b.WriteString(g.generate(1 + int(n)%12))
		for i, r := range g.roots {
			fmt.Fprintf(&b, "type R%d = %s\n", i, r)
		}
		pkg := checkSource(t, b.String())
		m := NewModel()
		var enc, dec []*Shape
		for i := range g.roots {
			rt := pkg.Scope().Lookup(fmt.Sprintf("R%d", i)).Type()
			enc = append(enc, m.Encode(rt))
			dec = append(dec, m.Decode(rt))
			m.Encode(types.NewPointer(rt))
		}
		for i := range enc {
			r := Compatible(enc[i], dec[i])
			for _, p := range r.Problems {
				if p.Effect == Failing && !selfExplained(p) {
					t.Errorf("R%d = %s against itself: %v", i, g.roots[i], p)
				}
			}
			FindUnsupported(enc[i], "R")
			Walk(dec[i], "R", func(string, *Field, *Shape) bool { return true })
			// Any pair must terminate without panicking.
			j := (i + int(pick)) % len(enc)
			Compatible(enc[i], dec[j])
			Compatible(enc[j], dec[i])
		}
	})
}
