//go:build unix

package jsonshape

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These benchmarks add to bench_test.go (BenchmarkEncodeDeep,
// BenchmarkCompatible, BenchmarkLookup) the cases the whole-program phase
// meets on a large tree: Decode of deep types, wide and embedded
// structs, thousands of distinct payload types that share their parts
// through one Model, and Compatible on the common quiet edge (a type
// against itself). Each reports cpu-ns/op besides ns/op: on a shared
// machine wall time also counts the time other processes held the cores.

// extCheck type-checks src on its own file set, its imports from export
// data, so that these benchmarks need nothing of the other test files.
func extCheck(tb testing.TB, src string) *types.Package {
	tb.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "ext.go", src, parser.SkipObjectResolution)
	if err != nil {
		tb.Fatalf("parse: %v", err)
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("example.com/ext", fset, []*ast.File{f}, nil)
	if err != nil {
		tb.Fatalf("type-check: %v", err)
	}
	return pkg
}

func extType(tb testing.TB, pkg *types.Package, name string) types.Type {
	tb.Helper()
	obj := pkg.Scope().Lookup(name)
	if obj == nil {
		tb.Fatalf("no type %s", name)
	}
	return obj.Type()
}

// benchCPUTime is the CPU time this process has used, every thread.
func benchCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportBenchCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(benchCPUTime()-start)/float64(b.N), "cpu-ns/op")
}

// extDepth is the depth of extDeep's chain, as in bench_test.go.
const extDepth = 40

// extDeep is a chain of extDepth structs, each level by value, pointer,
// slice and map, with a pointer back to the top and an embedded header.
func extDeep(variant bool) string {
	depth := extDepth
	var b strings.Builder
	b.WriteString("package ext\n\nimport (\n\t\"encoding/json\"\n\t\"time\"\n)\n\n")
	b.WriteString("type Header struct {\n\tID string `json:\"id\"`\n\tSent time.Time `json:\"sent\"`\n\tRaw json.RawMessage `json:\"raw,omitempty\"`\n}\n\n")
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "type L%d struct {\n\tHeader\n\tCount int64 `json:\"count,omitempty\"`\n", i)
		if variant && i == depth-1 {
			b.WriteString("\tName int `json:\"name\"`\n")
		} else {
			b.WriteString("\tName string `json:\"name\"`\n")
		}
		b.WriteString("\tTags []string `json:\"tags\"`\n\tAttrs map[string]float64 `json:\"attrs\"`\n\tTop *L0 `json:\"top,omitempty\"`\n")
		if i+1 < depth {
			fmt.Fprintf(&b, "\tNext L%d `json:\"next\"`\n\tPtr *L%d `json:\"ptr\"`\n\tList []L%d `json:\"list\"`\n\tByKey map[string]L%d `json:\"by_key\"`\n", i+1, i+1, i+1, i+1)
		}
		b.WriteString("}\n\n")
	}
	return b.String()
}

// BenchmarkDecodeDeep is BenchmarkEncodeDeep's other direction: the
// consumer's Unmarshal shape, with its own memo slots.
func BenchmarkDecodeDeep(b *testing.B) {
	root := extType(b, extCheck(b, extDeep(false)), "L0")
	b.Run("fresh", func(b *testing.B) {
		b.ReportAllocs()
		start := benchCPUTime()
		for b.Loop() {
			NewModel().Decode(root)
		}
		reportBenchCPU(b, start)
	})
	b.Run("cached", func(b *testing.B) {
		m := NewModel()
		m.Decode(root)
		b.ReportAllocs()
		start := benchCPUTime()
		for b.Loop() {
			m.Decode(root)
		}
		reportBenchCPU(b, start)
	})
}

// BenchmarkWide is a payload with 400 fields, some promoted through two
// levels of embedding and some shadowed, where encoding/json's field
// selection (dominance by depth and tags) does the most work.
func BenchmarkWide(b *testing.B) {
	var src strings.Builder
	src.WriteString("package ext\n\n")
	for _, name := range []string{"A", "B"} {
		fmt.Fprintf(&src, "type Inner%s struct {\n", name)
		for i := range 50 {
			fmt.Fprintf(&src, "\tF%d string `json:\"f%d\"`\n", i, i)
		}
		fmt.Fprintf(&src, "}\n\ntype Mid%s struct {\n\tInner%s\n", name, name)
		for i := range 50 {
			fmt.Fprintf(&src, "\tM%s%d int `json:\"m_%s_%d,omitempty\"`\n", name, i, strings.ToLower(name), i)
		}
		src.WriteString("}\n\n")
	}
	src.WriteString("type Wide struct {\n\tMidA\n\tMidB\n")
	for i := range 200 {
		fmt.Fprintf(&src, "\tW%d float64 `json:\"w%d\"`\n", i, i)
	}
	src.WriteString("}\n")
	wide := extType(b, extCheck(b, src.String()), "Wide")
	b.Run("encode", func(b *testing.B) {
		b.ReportAllocs()
		start := benchCPUTime()
		for b.Loop() {
			NewModel().Encode(wide)
		}
		reportBenchCPU(b, start)
	})
	b.Run("decode", func(b *testing.B) {
		b.ReportAllocs()
		start := benchCPUTime()
		for b.Loop() {
			NewModel().Decode(wide)
		}
		reportBenchCPU(b, start)
	})
	b.Run("compatible", func(b *testing.B) {
		p, c := Encode(wide), Decode(wide)
		b.ReportAllocs()
		start := benchCPUTime()
		for b.Loop() {
			Compatible(p, c)
		}
		reportBenchCPU(b, start)
	})
}

// extPayloads declares n payload types that share a header, an order and
// its items, and differ in a detail struct: the payload packages of a
// large monorepo.
func extPayloads(n int) string {
	var b strings.Builder
	b.WriteString(`package ext

import "time"

type Header struct {
	ID     string            ` + "`json:\"id\"`" + `
	Sent   time.Time         ` + "`json:\"sent\"`" + `
	Labels map[string]string ` + "`json:\"labels,omitempty\"`" + `
}

type Money struct {
	Units    int64  ` + "`json:\"units\"`" + `
	Currency string ` + "`json:\"currency\"`" + `
}

type Item struct {
	SKU   string ` + "`json:\"sku\"`" + `
	Qty   int    ` + "`json:\"qty\"`" + `
	Price Money  ` + "`json:\"price\"`" + `
}

type Order struct {
	Customer string ` + "`json:\"customer\"`" + `
	Items    []Item ` + "`json:\"items\"`" + `
	Total    Money  ` + "`json:\"total\"`" + `
}
`)
	for i := range n {
		fmt.Fprintf(&b, `
type Msg%[1]d struct {
	Header
	Order  Order     `+"`json:\"order\"`"+`
	Detail Detail%[1]d `+"`json:\"detail\"`"+`
	Notes  []string  `+"`json:\"notes,omitempty\"`"+`
}

type Detail%[1]d struct {
	Step    int    `+"`json:\"step\"`"+`
	Checked []Item `+"`json:\"checked\"`"+`
	Code    string `+"`json:\"code_%[1]d\"`"+`
}
`, i)
	}
	return b.String()
}

// BenchmarkModel5000 is what the whole-program phase does on a tree of
// 5,000 functions: one Model, each function's payload type encoded as a
// producer and decoded as a consumer, and the pair compared, as on the
// edge from one stage to the next. Per op: all 5,000 types.
func BenchmarkModel5000(b *testing.B) {
	const n = 5000
	pkg := extCheck(b, extPayloads(n))
	ts := make([]types.Type, n)
	for i := range ts {
		ts[i] = extType(b, pkg, fmt.Sprintf("Msg%d", i))
	}
	b.ReportAllocs()
	start := benchCPUTime()
	for b.Loop() {
		m := NewModel()
		for _, t := range ts {
			if res := Compatible(m.Encode(t), m.Decode(t)); len(res.Problems) > 0 {
				b.Fatalf("%s against itself: %v", t, res.Problems)
			}
		}
	}
	reportBenchCPU(b, start)
}

// BenchmarkCompatibleSame is the quiet edge: a deep type against itself,
// which is what most edges of a correct tree carry. BenchmarkCompatible
// has a mismatch on every level.
func BenchmarkCompatibleSame(b *testing.B) {
	root := extType(b, extCheck(b, extDeep(false)), "L0")
	p, c := Encode(root), Decode(root)
	if res := Compatible(p, c); len(res.Problems) > 0 {
		b.Fatalf("L0 against itself: %v", res.Problems)
	}
	b.ReportAllocs()
	start := benchCPUTime()
	for b.Loop() {
		Compatible(p, c)
	}
	reportBenchCPU(b, start)
}

// BenchmarkCompatibleDeepMismatch has one mismatch at the bottom of the
// extDepth-level chain, reached through every path to it: the cost of naming
// the field path of a finding deep in a recursive type.
func BenchmarkCompatibleDeepMismatch(b *testing.B) {
	p := Encode(extType(b, extCheck(b, extDeep(false)), "L0"))
	c := Decode(extType(b, extCheck(b, extDeep(true)), "L0"))
	if res := Compatible(p, c); len(res.Problems) == 0 {
		b.Fatal("no problem found")
	}
	b.ReportAllocs()
	start := benchCPUTime()
	for b.Loop() {
		Compatible(p, c)
	}
	reportBenchCPU(b, start)
}
