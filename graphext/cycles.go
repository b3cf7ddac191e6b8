package graphext

import (
	"slices"

	"github.com/dominikbraun/graph"
)

// A Cycle is an elementary cycle: distinct nodes, each routing to the
// next and the last to the first. Nodes start at the smallest ID.
type Cycle struct {
	Nodes []string
	// Hops holds, for each node, the edges to the next one (parallel
	// routes between one pair are all listed).
	Hops [][]*Edge
}

// Async reports whether any hop of the cycle goes only through
// asynchronous edges: such a loop runs on its own, event after event.
func (c *Cycle) Async() bool {
	for _, hop := range c.Hops {
		if !slices.ContainsFunc(hop, func(e *Edge) bool { return !e.Async }) {
			return true
		}
	}
	return false
}

// Cycles returns the graph's elementary cycles in a deterministic order,
// at most limit of them (0: no limit), and whether there were more.
//
// The strongly connected components come from the graph library
// (graph.StronglyConnectedComponents), so an acyclic graph of any size
// costs one linear pass. The library has no enumeration of elementary
// cycles (AllPathsBetween lists paths between two distinct nodes), so
// the cycles inside each component are Johnson's algorithm, written here.
func (g *Graph) Cycles(limit int) (cycles []*Cycle, truncated bool) {
	nodes := g.Nodes()
	ids := make([]string, len(nodes))
	index := make(map[string]int, len(nodes))
	for i, n := range nodes {
		ids[i] = n.ID
		index[n.ID] = i
	}
	adj := make([][]int, len(ids))
	for i, id := range ids {
		for _, s := range g.Successors(id) {
			adj[i] = append(adj[i], index[s])
		}
	}
	sccs, err := graph.StronglyConnectedComponents(g.g)
	if err != nil {
		panic(err) // the graph is directed and in memory: it cannot fail
	}
	// The library returns the components in map order: number and sort
	// them, so that the search, and what a limit cuts off, is the same on
	// every run.
	var comps [][]int
	for _, c := range sccs {
		comp := make([]int, len(c))
		for k, id := range c {
			comp[k] = index[id]
		}
		slices.Sort(comp)
		if len(comp) > 1 || slices.Contains(adj[comp[0]], comp[0]) {
			comps = append(comps, comp)
		}
	}
	slices.SortFunc(comps, func(a, b []int) int { return a[0] - b[0] })
	j := newJohnson(adj, limit)
	for _, comp := range comps {
		j.component(comp)
		if j.truncated {
			break
		}
	}
	for _, c := range j.cycles {
		cyc := &Cycle{}
		for k, v := range c {
			next := c[(k+1)%len(c)]
			cyc.Nodes = append(cyc.Nodes, ids[v])
			var hop []*Edge
			for _, e := range g.Out(ids[v]) {
				if e.To == ids[next] {
					hop = append(hop, e)
				}
			}
			cyc.Hops = append(cyc.Hops, hop)
		}
		cycles = append(cycles, cyc)
	}
	slices.SortFunc(cycles, func(a, b *Cycle) int { return slices.Compare(a.Nodes, b.Nodes) })
	return cycles, j.truncated
}

// johnson enumerates elementary cycles (D. B. Johnson, "Finding all the
// elementary circuits of a directed graph", 1975). Every walk in it is
// iterative, with explicit stacks: a component of n nodes makes paths n
// long, and an app's graph, a generated one above all, may hold a chain
// of thousands of functions closed into one loop. Go grows goroutine
// stacks, but only to a limit that a recursive search over a large enough
// component reaches, and reaching it is a crash, not an error.
type johnson struct {
	adj       [][]int
	limit     int
	cycles    [][]int
	truncated bool

	// Per node, reset for the members of each piece searched.
	in      []bool  // in the piece being searched
	blocked []bool  // on the path, or unable to reach the start yet
	b       [][]int // Johnson's B lists: whom to unblock with a node
}

func newJohnson(adj [][]int, limit int) *johnson {
	n := len(adj)
	return &johnson{adj: adj, limit: limit, in: make([]bool, n), blocked: make([]bool, n), b: make([][]int, n)}
}

// component finds the cycles of one strongly connected component: those
// through its smallest node, then, with that node removed, those of each
// strongly connected piece that is left, smallest node first. Starts
// are taken in increasing order across the pieces, so the cycles come
// out in the same order as a search from every node in turn would find
// them.
func (j *johnson) component(comp []int) {
	pieces := [][]int{comp}
	for len(pieces) > 0 {
		// The piece with the smallest node; pieces are few and disjoint.
		k := 0
		for i := range pieces {
			if pieces[i][0] < pieces[k][0] {
				k = i
			}
		}
		piece := pieces[k]
		pieces = slices.Delete(pieces, k, k+1)
		s := piece[0]
		for _, v := range piece {
			j.in[v], j.blocked[v], j.b[v] = true, false, j.b[v][:0]
		}
		j.circuits(s)
		for _, v := range piece {
			j.in[v] = false
		}
		if j.truncated {
			return
		}
		for _, p := range j.subcomponents(piece[1:]) {
			if len(p) > 1 || slices.Contains(j.adj[p[0]], p[0]) {
				pieces = append(pieces, p)
			}
		}
	}
}

// circuits finds the cycles through s in the piece marked in j.in: the
// CIRCUIT procedure, with the recursion as a stack of frames.
func (j *johnson) circuits(s int) {
	type frame struct {
		v, next int // the node, and the index of its next successor to try
		found   bool
	}
	path := []int{s}
	stack := []frame{{v: s}}
	j.blocked[s] = true
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.next < len(j.adj[f.v]) {
			w := j.adj[f.v][f.next]
			f.next++
			switch {
			case !j.in[w]:
			case w == s:
				if j.limit > 0 && len(j.cycles) >= j.limit {
					j.truncated = true
					return
				}
				j.cycles = append(j.cycles, slices.Clone(path))
				f.found = true
			case !j.blocked[w]:
				path = append(path, w)
				j.blocked[w] = true
				stack = append(stack, frame{v: w})
			}
			continue
		}
		// Every successor tried: return from v.
		v, found := f.v, f.found
		if found {
			j.unblock(v)
		} else {
			for _, w := range j.adj[v] {
				if j.in[w] && !slices.Contains(j.b[w], v) {
					j.b[w] = append(j.b[w], v)
				}
			}
		}
		stack = stack[:len(stack)-1]
		path = path[:len(path)-1]
		if found && len(stack) > 0 {
			stack[len(stack)-1].found = true
		}
	}
}

// unblock unblocks u and, transitively, the nodes waiting on it.
func (j *johnson) unblock(u int) {
	j.blocked[u] = false
	work := []int{u}
	for len(work) > 0 {
		x := work[len(work)-1]
		work = work[:len(work)-1]
		for _, w := range j.b[x] {
			if j.blocked[w] {
				j.blocked[w] = false
				work = append(work, w)
			}
		}
		j.b[x] = j.b[x][:0]
	}
}

// subcomponents returns the strongly connected components of the
// subgraph induced by members (sorted), each sorted: Tarjan's algorithm,
// iterative. It is Johnson's own step (the pieces left once a start is
// removed), over a subgraph that shrinks at every start: building a
// library graph for each would cost more than the search itself.
func (j *johnson) subcomponents(members []int) [][]int {
	for _, v := range members {
		j.in[v] = true
	}
	defer func() {
		for _, v := range members {
			j.in[v] = false
		}
	}()
	index := make(map[int]int, len(members))
	low := make(map[int]int, len(members))
	on := make(map[int]bool, len(members))
	var stack []int
	var comps [][]int
	next := 0
	type frame struct{ v, i int }
	for _, root := range members {
		if _, ok := index[root]; ok {
			continue
		}
		call := []frame{{root, 0}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		on[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			if f.i < len(j.adj[f.v]) {
				w := j.adj[f.v][f.i]
				f.i++
				if !j.in[w] {
					continue
				}
				if _, ok := index[w]; !ok {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					on[w] = true
					call = append(call, frame{w, 0})
				} else if on[w] {
					low[f.v] = min(low[f.v], index[w])
				}
				continue
			}
			v := f.v
			call = call[:len(call)-1]
			if len(call) > 0 {
				p := call[len(call)-1].v
				low[p] = min(low[p], low[v])
			}
			if low[v] == index[v] {
				var comp []int
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					on[w] = false
					comp = append(comp, w)
					if w == v {
						break
					}
				}
				slices.Sort(comp)
				comps = append(comps, comp)
			}
		}
	}
	return comps
}
