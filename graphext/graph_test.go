package graphext

import (
	"fmt"
	"strings"
	"testing"
)

func build(t testing.TB, edges string) *Graph {
	g := New()
	for _, pair := range strings.Fields(edges) {
		from, to, _ := strings.Cut(pair, ">")
		for _, n := range []string{from, to} {
			if g.Node(n) == nil {
				if err := g.AddNode(&Node{ID: n, Name: n, Kind: FunctionNode}); err != nil {
					t.Fatal(err)
				}
			}
		}
		if err := g.AddEdge(&Edge{From: from, To: to, Via: "direct"}); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

func cycleStrings(cs []*Cycle) string {
	var out []string
	for _, c := range cs {
		out = append(out, strings.Join(c.Nodes, ","))
	}
	return strings.Join(out, " ")
}

func TestCycles(t *testing.T) {
	for _, tc := range []struct{ edges, want string }{
		{"a>b b>c", ""},
		{"a>b b>a", "a,b"},
		{"a>a", "a"},
		{"a>b b>c c>a", "a,b,c"},
		{"c>a a>b b>c", "a,b,c"},                               // starts at the smallest ID whatever the insertion order
		{"a>b b>a b>c c>b", "a,b b,c"},                         // two cycles through b
		{"a>b b>c c>a a>c", "a,b,c a,c"},                       // chord
		{"a>b a>b b>a", "a,b"},                                 // parallel edges: one cycle
		{"a>b b>c c>d d>b x>y", "b,c,d"},                       // a cycle downstream of a chain
		{"a>b b>a c>d d>c", "a,b c,d"},                         // two components
		{"a>b b>c c>a a>c c>b b>a", "a,b a,b,c a,c a,c,b b,c"}, // complete on three nodes
	} {
		g := build(t, tc.edges)
		got, truncated := g.Cycles(0)
		if s := cycleStrings(got); s != tc.want || truncated {
			t.Errorf("%s: cycles %q (truncated %v), want %q", tc.edges, s, truncated, tc.want)
		}
	}
}

func TestCyclesLimit(t *testing.T) {
	g := build(t, "a>b b>c c>a a>c c>b b>a")
	got, truncated := g.Cycles(2)
	if len(got) != 2 || !truncated {
		t.Fatalf("got %d cycles, truncated %v; want 2, true", len(got), truncated)
	}
}

func TestHopsAndAsync(t *testing.T) {
	g := build(t, "a>b")
	if err := g.AddEdge(&Edge{From: "b", To: "a", Via: "sqs", Async: true}); err != nil {
		t.Fatal(err)
	}
	cs, _ := g.Cycles(0)
	if len(cs) != 1 || !cs[0].Async() || len(cs[0].Hops[0]) != 1 || cs[0].Hops[1][0].Via != "sqs" {
		t.Fatalf("cycles %+v", cs)
	}
	if err := g.AddEdge(&Edge{From: "b", To: "a", Via: "direct"}); err != nil {
		t.Fatal(err)
	}
	cs, _ = g.Cycles(0)
	if cs[0].Async() {
		t.Fatal("a hop with a synchronous edge should make the loop synchronous")
	}
}

func TestDeterministic(t *testing.T) {
	g := build(t, "e>d d>c c>b b>a a>e c>e b>d")
	first := ""
	for i := range 20 {
		cs, _ := g.Cycles(0)
		var es []string
		for _, e := range g.Edges() {
			es = append(es, e.From+">"+e.To)
		}
		s := cycleStrings(cs) + "|" + strings.Join(es, " ")
		if i == 0 {
			first = s
		} else if s != first {
			t.Fatalf("run %d: %s, want %s", i, s, first)
		}
	}
}

func TestErrors(t *testing.T) {
	g := build(t, "a>b")
	if err := g.AddNode(&Node{ID: "a"}); err == nil {
		t.Error("adding a node twice: no error")
	}
	if err := g.AddEdge(&Edge{From: "a", To: "zz"}); err == nil {
		t.Error("edge to a missing node: no error")
	}
}

// BenchmarkCycles5000 measures the cycle search on a 5,000-function
// graph with 20,000 routes, mostly acyclic with a few loops.
func BenchmarkCycles5000(b *testing.B) {
	g := New()
	const n = 5000
	for i := range n {
		_ = g.AddNode(&Node{ID: fmt.Sprintf("fn:%05d", i), Kind: FunctionNode})
	}
	for i := range n {
		for k := 1; k <= 4; k++ {
			j := (i + k*7) % n
			if j < i && i%500 != 0 { // keep it mostly a DAG
				j = min(i+k, n-1)
			}
			if i != j {
				_ = g.AddEdge(&Edge{From: fmt.Sprintf("fn:%05d", i), To: fmt.Sprintf("fn:%05d", j), Via: "direct"})
			}
		}
	}
	b.ResetTimer()
	for range b.N {
		g.Cycles(1000)
	}
}
