package graphext

import (
	"slices"
	"strings"

	"github.com/dominikbraun/graph"
)

// Filter returns the subgraph of the edges that keep accepts and the
// nodes they join. The nodes and edges are g's own (not copies): a
// question about one kind of route, such as "which channels feed this
// one", is the library's reachability on the filtered graph, and costs
// what that kind of route costs, not what the whole graph does.
func (g *Graph) Filter(keep func(*Edge) bool) *Graph {
	f := New()
	for _, e := range g.Edges() {
		if !keep(e) {
			continue
		}
		for _, id := range []string{e.From, e.To} {
			if f.Node(id) == nil {
				_ = f.AddNode(g.Node(id)) // not yet in f
			}
		}
		_ = f.AddEdge(e) // both ends are in f
	}
	return f
}

// Transpose returns g with every edge reversed: the library's traversals
// follow edges forward only, and "what reaches this node" is "what this
// node reaches" in the transpose. The reversed edges are new Edges whose
// From and To are swapped; their other fields are the originals'.
func (g *Graph) Transpose() *Graph {
	t := New()
	for _, n := range g.Nodes() {
		_ = t.AddNode(n)
	}
	for _, e := range g.Edges() {
		r := *e
		r.From, r.To = e.To, e.From
		_ = t.AddEdge(&r)
	}
	return t
}

// Reachable returns the IDs of the nodes that a path from the node from
// reaches, from itself included, sorted; nil when g has no such node
// (in a Filter, a node that no kept edge joins).
// The walk is the library's breadth-first search.
func (g *Graph) Reachable(from string) []string {
	var out []string
	if err := graph.BFS(g.g, from, func(id string) bool {
		out = append(out, id)
		return false
	}); err != nil {
		return nil // no such node
	}
	slices.Sort(out)
	return out
}

// Order returns every node in topological order of the graph's strongly
// connected components: a node comes after every node that reaches it
// without being reached by it, and the nodes of one loop come together,
// by ID. Ties go the way of the library's StableTopologicalSort, which
// sorts the condensation (one vertex per component, named by its
// smallest ID; always acyclic): the sources by ID, then, in turn, the
// components that each one releases, by ID. So the order is the same on
// every run.
//
// The library's sort scans every vertex for each one it places, so this
// is quadratic in the number of components: emit, which asks once per
// run, can afford it; a check that runs on every graph should not.
func (g *Graph) Order() []string {
	sccs, err := graph.StronglyConnectedComponents(g.g)
	if err != nil {
		panic(err) // the graph is directed and in memory: it cannot fail
	}
	// Each component is named by its smallest ID.
	rep := map[string]string{}
	members := map[string][]string{}
	cond := graph.New(graph.StringHash, graph.Directed())
	for _, c := range sccs {
		slices.Sort(c)
		for _, id := range c {
			rep[id] = c[0]
		}
		members[c[0]] = c
		_ = cond.AddVertex(c[0])
	}
	for _, e := range g.Edges() {
		if a, b := rep[e.From], rep[e.To]; a != b {
			// A second edge between two components is refused as a
			// duplicate, which is what the order needs.
			_ = cond.AddEdge(a, b)
		}
	}
	reps, err := graph.StableTopologicalSort(cond, func(a, b string) bool { return strings.Compare(a, b) < 0 })
	if err != nil {
		panic(err) // a condensation has no cycles
	}
	out := make([]string, 0, len(rep))
	for _, r := range reps {
		out = append(out, members[r]...)
	}
	return out
}
