//go:build unix

package graphext

import (
	"fmt"
	"syscall"
	"testing"
	"time"
)

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

// benchGraph is the shape of the whole-program phase's graph for n
// functions in pipelines of ten: four routes each (the next three stages
// and the pipeline's channel, which five stages publish to and five read),
// with one cycle in every hundredth pipeline. It returns the nodes and
// edges to add, so that construction can be timed apart from making them.
func benchGraph(n int) ([]*Node, []*Edge) {
	const stages = 10
	var nodes []*Node
	var edges []*Edge
	fn := func(i int) string { return FunctionID(fmt.Sprintf("fn%05d", i)) }
	for i := range n {
		nodes = append(nodes, &Node{ID: fn(i), Name: fmt.Sprintf("fn%05d", i), Kind: FunctionNode, Platform: "aws-lambda",
			Pos: Pos{File: fmt.Sprintf("functions/fn%05d/main.go", i), Line: 20, Column: 6}})
	}
	for p := 0; p*stages < n; p++ {
		nodes = append(nodes, &Node{ID: ChannelID(fmt.Sprintf("pipe%04d-events", p)), Name: fmt.Sprintf("pipe%04d-events", p), Kind: ChannelNode, ChannelKind: "topic"})
	}
	for i := range n {
		p, s := i/stages, i%stages
		at := func(line int) Pos {
			return Pos{File: fmt.Sprintf("functions/fn%05d/main.go", i), Line: line, Column: 1}
		}
		for d := 1; d <= 3; d++ {
			to := i + d
			if s+d >= stages || to >= n {
				continue
			}
			via := "direct"
			if d == 3 {
				via = "sqs"
			}
			edges = append(edges, &Edge{From: fn(i), To: fn(to), Via: via, Async: IsAsync(via), Source: "directive", Pos: at(10 + d)})
		}
		ch := ChannelID(fmt.Sprintf("pipe%04d-events", p))
		if s < stages/2 {
			edges = append(edges, &Edge{From: fn(i), To: ch, Via: "topic", Async: true, Source: "directive", Pos: at(14)})
		} else {
			edges = append(edges, &Edge{From: ch, To: fn(i), Via: "topic", Async: true, Source: "directive", Pos: at(14)})
		}
		if s == 1 && p%100 == 0 {
			edges = append(edges, &Edge{From: fn(i), To: fn(i - 1), Via: "sqs", Async: true, Source: "directive", Pos: at(15)})
		}
	}
	return nodes, edges
}

// BenchmarkBuild5000 is graph construction for 5,000 functions and about
// 20,000 routes: adding the nodes and edges, then the first sorted walk
// (Edges, Out and In of every node), which is where the graph sorts.
func BenchmarkBuild5000(b *testing.B) {
	nodes, edges := benchGraph(5000)
	b.ReportAllocs()
	start := benchCPUTime()
	for b.Loop() {
		g := New()
		for _, n := range nodes {
			if err := g.AddNode(n); err != nil {
				b.Fatal(err)
			}
		}
		for _, e := range edges {
			if err := g.AddEdge(e); err != nil {
				b.Fatal(err)
			}
		}
		g.Edges()
		for _, n := range g.Nodes() {
			g.Out(n.ID)
			g.In(n.ID)
		}
	}
	reportBenchCPU(b, start)
	b.ReportMetric(float64(len(edges)), "edges")
}

// BenchmarkCyclesPipelines5000 is the cycle search on the pipelines
// graph of BenchmarkBuild5000: short fan-outs and channels that fan five
// publishers into five subscribers, unlike the near-chain of
// BenchmarkCycles5000; five of its pipelines have a loop.
func BenchmarkCyclesPipelines5000(b *testing.B) {
	nodes, edges := benchGraph(5000)
	g := New()
	for _, n := range nodes {
		_ = g.AddNode(n)
	}
	for _, e := range edges {
		_ = g.AddEdge(e)
	}
	cycles, _ := g.Cycles(1000)
	if len(cycles) != 5 {
		b.Fatalf("%d cycles, want 5", len(cycles))
	}
	b.ReportAllocs()
	start := benchCPUTime()
	for b.Loop() {
		g.Cycles(1000)
	}
	reportBenchCPU(b, start)
}
