package graphext

import (
	"fmt"
	"runtime/debug"
	"testing"
)

// TestCyclesLongChain: a chain of 100,000 functions closed into one loop
// is one strongly connected component, and Johnson's search walks a path
// through all of it. Under a 1 MB stack limit (Go's default is 1 GB) a
// recursive search, one frame per node on the path, dies with a fatal
// stack overflow; the iterative one keeps its path on the heap.
func TestCyclesLongChain(t *testing.T) {
	if testing.Short() {
		t.Skip("100,000 nodes")
	}
	const n = 100_000
	id := func(i int) string { return fmt.Sprintf("fn:%06d", i) }
	adj := make([][]int, n)
	for i := range n {
		adj[i] = []int{(i + 1) % n}
	}
	comp := make([]int, n)
	for i := range comp {
		comp[i] = i
	}
	j := newJohnson(adj, 0)
	func() {
		defer debug.SetMaxStack(debug.SetMaxStack(1 << 20))
		j.component(comp)
	}()
	if len(j.cycles) != 1 || len(j.cycles[0]) != n || j.truncated {
		t.Fatalf("johnson on a %d-node loop: %d cycles, truncated %v", n, len(j.cycles), j.truncated)
	}

	// The whole of Cycles, with the library's components, at the default
	// stack limit.
	g := New()
	for i := range n {
		if err := g.AddNode(&Node{ID: id(i), Kind: FunctionNode}); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n {
		if err := g.AddEdge(&Edge{From: id(i), To: id((i + 1) % n), Via: "sqs", Async: true}); err != nil {
			t.Fatal(err)
		}
	}
	cycles, truncated := g.Cycles(1000)
	if len(cycles) != 1 || len(cycles[0].Nodes) != n || cycles[0].Nodes[0] != id(0) || truncated || !cycles[0].Async() {
		t.Fatalf("Cycles on a %d-node loop: %d cycles, truncated %v", n, len(cycles), truncated)
	}
}
