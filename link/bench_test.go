//go:build unix

package link

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/directive"
	"github.com/faasvet/faasvet/report"
)

// The target: the whole-program phase for this many functions
// and routes, under 1 s and 500 MB.
const (
	benchFunctions = 5000
	benchRoutes    = 4 * benchFunctions
	benchStages    = 10 // functions per pipeline; a pipeline shares a channel
)

// benchPayloads type-checks one payload type per function and a few
// more: each embeds a shared header and nests shared structs, as the
// payload packages of a real monorepo do, so the wire model meets
// thousands of distinct types that share most of their parts.
func benchPayloads(tb testing.TB, n int) []types.Type {
	var b strings.Builder
	b.WriteString(`package payload

import "time"

type Header struct {
	ID      string            ` + "`json:\"id\"`" + `
	TraceID string            ` + "`json:\"trace_id,omitempty\"`" + `
	Sent    time.Time         ` + "`json:\"sent\"`" + `
	Labels  map[string]string ` + "`json:\"labels,omitempty\"`" + `
}

type Money struct {
	Units    int64  ` + "`json:\"units\"`" + `
	Currency string ` + "`json:\"currency\"`" + `
}

type Item struct {
	SKU      string ` + "`json:\"sku\"`" + `
	Quantity int    ` + "`json:\"quantity\"`" + `
	Price    Money  ` + "`json:\"price\"`" + `
}

type Order struct {
	Customer string ` + "`json:\"customer\"`" + `
	Items    []Item ` + "`json:\"items\"`" + `
	Total    Money  ` + "`json:\"total\"`" + `
	Ship     struct {
		Lines []string ` + "`json:\"lines\"`" + `
		City  string   ` + "`json:\"city\"`" + `
	} ` + "`json:\"ship\"`" + `
}

type Note struct {
	Header
	Stage int    ` + "`json:\"stage\"`" + `
	Text  string ` + "`json:\"text\"`" + `
}
`)
	for i := range n {
		fmt.Fprintf(&b, `
type Msg%[1]d struct {
	Header
	Order  Order              `+"`json:\"order\"`"+`
	Detail Detail%[1]d        `+"`json:\"detail\"`"+`
	Notes  []string           `+"`json:\"notes,omitempty\"`"+`
	Scores map[string]float64 `+"`json:\"scores,omitempty\"`"+`
}

type Detail%[1]d struct {
	Step    int    `+"`json:\"step\"`"+`
	Checked []Item `+"`json:\"checked\"`"+`
	Amount  Money  `+"`json:\"amount\"`"+`
	Code%[1]d string `+"`json:\"code_%[1]d\"`"+`
}
`, i)
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "payload.go", b.String(), 0)
	if err != nil {
		tb.Fatal(err)
	}
	conf := types.Config{Importer: importer.Default()}
	pkg, err := conf.Check("example.com/payload", fset, []*ast.File{f}, nil)
	if err != nil {
		tb.Fatal(err)
	}
	out := make([]types.Type, n+1)
	for i := range n {
		out[i] = pkg.Scope().Lookup(fmt.Sprintf("Msg%d", i)).Type()
	}
	out[n] = pkg.Scope().Lookup("Note").Type()
	return out
}

// benchSummaries builds what the faashandler analyzer hands the
// whole-program phase for a tree of n functions in pipelines of
// benchStages, one package each, with four routes per function: to the
// next stage, to the one after with payload=, to the third via a queue,
// and a publish or subscribe on the pipeline's channel; the last stages
// publish to a channel that the next pipeline's last stages read.
// Function i takes Msg<i> and returns Msg<i+1>, so every edge carries its
// target's type. One pipeline in a hundred has a cycle between its first
// two stages, and one in unknownEvery has a route to a name that does not
// exist (which leaves the next pipeline's done channel without a
// publisher), so the checks have something to report.
func benchSummaries(tb testing.TB, n, unknownEvery int) []Package {
	msgs := benchPayloads(tb, n+3)
	note := msgs[len(msgs)-1]
	fset := token.NewFileSet()
	const lines = 40
	content := []byte(strings.Repeat("// line\n", lines))
	sums := make([]Package, n)
	name := func(i int) string { return fmt.Sprintf("fn%05d", i) }
	for i := range n {
		file := fset.AddFile(fmt.Sprintf("/bench/functions/%s/main.go", name(i)), -1, len(content))
		file.SetLinesForContent(content)
		line := func(l int) token.Pos { return file.LineStart(l) }
		fn := &handler.Function{
			Name: name(i), NameSource: handler.NamePackage, Platform: handler.Lambda, Style: handler.JSON,
			Registrar: "lambda.Start", Pos: line(30), HandlerName: "handle", HandlerAt: line(20),
			Input: msgs[i], Output: msgs[i+1],
		}
		sum := &handler.Summary{Functions: []*handler.Function{fn}, Ignores: directive.NewIgnores(fset, nil, nil)}
		route := func(l int, r *handler.Route) {
			r.Function, r.Source, r.Pos = fn, "directive", line(l)
			sum.Routes = append(sum.Routes, r)
		}
		stage, pipe := i%benchStages, i/benchStages
		last := min(benchStages, n-pipe*benchStages) // stages of this pipeline
		next := func(d int) string {
			if stage+d < last {
				return name(i + d)
			}
			return ""
		}
		done := func(p int) string { return fmt.Sprintf("pipe%04d-done", p) }
		events := fmt.Sprintf("pipe%04d-events", pipe)
		switch to := next(1); {
		case to != "":
			route(10, &handler.Route{Kind: handler.RouteTo, To: []string{to}})
		case pipe%unknownEvery == unknownEvery/2:
			route(10, &handler.Route{Kind: handler.RouteTo, To: []string{"nowhere" + name(i)}})
		default:
			route(10, &handler.Route{Kind: handler.Publish, Topic: done(pipe), Payload: note, PayloadExpr: "payload.Note"})
		}
		switch to := next(2); {
		case to != "":
			route(11, &handler.Route{Kind: handler.RouteTo, To: []string{to}, Payload: msgs[i+2], PayloadExpr: fmt.Sprintf("payload.Msg%d", i+2)})
		case pipe > 0:
			route(11, &handler.Route{Kind: handler.Subscribe, Topic: done(pipe - 1), Payload: note, PayloadExpr: "payload.Note"})
		default:
			route(11, &handler.Route{Kind: handler.Subscribe, Topic: events, Payload: note, PayloadExpr: "payload.Note"})
		}
		switch to := next(3); {
		case stage == 1 && pipe%100 == 0:
			route(12, &handler.Route{Kind: handler.RouteTo, To: []string{name(i - 1)}, Via: "sqs",
				Payload: msgs[i-1], PayloadExpr: fmt.Sprintf("payload.Msg%d", i-1)}) // a cycle
		case to != "":
			route(12, &handler.Route{Kind: handler.RouteTo, To: []string{to}, Via: "sqs", Payload: msgs[i+3], PayloadExpr: fmt.Sprintf("payload.Msg%d", i+3)})
		default:
			route(12, &handler.Route{Kind: handler.Publish, Topic: done(pipe), Payload: note, PayloadExpr: "payload.Note"})
		}
		kind := handler.Publish
		if stage >= benchStages/2 {
			kind = handler.Subscribe
		}
		route(13, &handler.Route{Kind: kind, Topic: events, Payload: note, PayloadExpr: "payload.Note"})
		path := "example.com/bench/functions/" + name(i)
		sums[i] = Package{Pkg: &packages.Package{ID: path, PkgPath: path, Name: "main", Fset: fset}, Summary: sum}
	}
	return sums
}

// benchCPUTime is the CPU time this process has used (user and system, every
// thread): on a shared machine, wall time per op also counts the time
// other processes held the cores, CPU time much less so.
func benchCPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportBenchCPU reports the CPU time per op since start as cpu-ns/op.
func reportBenchCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(benchCPUTime()-start)/float64(b.N), "cpu-ns/op")
}

// runWholeProgram runs the whole-program phase on a copy of sums (it sorts
// them), with no consumer payloads, manifests or SDK calls: the routes
// are all directives here.
func runWholeProgram(sums []Package) *program {
	return newProgram("/bench", append([]Package(nil), sums...), nil, nil, nil, nil, nil)
}

func countRoutes(sums []Package) (n int) {
	for _, s := range sums {
		n += len(s.Summary.Routes)
	}
	return n
}

// peakMemory samples the heap and the memory the runtime has mapped
// while f runs, and returns their maxima in bytes: what "under 500 MB"
// is about, which B/op (everything allocated, also what the GC freed
// on the way) is not.
func peakMemory(f func()) (heap, total uint64) {
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/total:bytes"}}
	read := func() {
		metrics.Read(samples)
		heap = max(heap, samples[0].Value.Uint64())
		total = max(total, samples[1].Value.Uint64())
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				read()
			}
		}
	})
	runtime.GC()
	read()
	f()
	read()
	close(done)
	wg.Wait()
	return heap, total
}

// BenchmarkProgram5000 is the whole-program phase of faasvet check for
// 5,000 functions and 20,000 routes: merging the summaries, building the
// graph, every graph and wire check, then sorting and writing the
// findings as --format json does. It reports the peak heap (peak-heap-MB)
// and the runtime's peak mapped memory (peak-sys-MB) of one run besides
// B/op.
func BenchmarkProgram5000(b *testing.B) {
	sums := benchSummaries(b, benchFunctions, 100)
	if got := countRoutes(sums); got != benchRoutes {
		b.Fatalf("%d routes, want %d", got, benchRoutes)
	}
	run := func() *program {
		p := newProgram("/bench", append([]Package(nil), sums...), nil, nil, nil, nil, nil)
		if err := report.WriteJSON(io.Discard, report.Sort(p.findings)); err != nil {
			b.Fatal(err)
		}
		return p
	}
	var p *program
	heap, total := peakMemory(func() { p = run() })
	nodes, edges := p.graph.Len()
	b.Logf("%d functions, %d routes: %d nodes, %d edges, %d findings", benchFunctions, benchRoutes, nodes, edges, len(p.findings))
	b.ReportAllocs()
	b.ResetTimer()
	start := benchCPUTime()
	for b.Loop() {
		run()
	}
	reportBenchCPU(b, start)
	b.ReportMetric(float64(heap)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(total)/(1<<20), "peak-sys-MB")
}

// BenchmarkProgramOutput is the output part of BenchmarkProgram5000 on
// its own: sorting the findings and writing them as --format json does.
// (pprof splits the rest: go test -bench Program5000 -cpuprofile.)
func BenchmarkProgramOutput(b *testing.B) {
	p := runWholeProgram(benchSummaries(b, benchFunctions, 100))
	b.ReportAllocs()
	start := benchCPUTime()
	for b.Loop() {
		fs := append([]report.Finding(nil), p.findings...)
		if err := report.WriteJSON(io.Discard, report.Sort(fs)); err != nil {
			b.Fatal(err)
		}
	}
	reportBenchCPU(b, start)
}

// BenchmarkProgramUnknowns5000 is BenchmarkProgram5000 with a route to
// a name that does not exist in every pipeline: 500 unknown targets, as
// in a tree whose SDK calls name queues that no manifest resolves. Each
// one looks for the nearest name among all the graph's nodes.
func BenchmarkProgramUnknowns5000(b *testing.B) {
	sums := benchSummaries(b, benchFunctions, 1)
	b.ReportAllocs()
	start := benchCPUTime()
	for b.Loop() {
		p := runWholeProgram(sums)
		if err := report.WriteJSON(io.Discard, report.Sort(p.findings)); err != nil {
			b.Fatal(err)
		}
	}
	reportBenchCPU(b, start)
}
