package graphext

import "slices"

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
// at most limit of them (0: no limit), and whether there were more. It is
// Johnson's algorithm restricted to the strongly connected components, so
// an acyclic graph of any size costs one linear pass.
func (g *Graph) Cycles(limit int) (cycles []*Cycle, truncated bool) {
	ids := make([]string, 0, len(g.nodes))
	for id := range g.nodes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	index := make(map[string]int, len(ids))
	for i, id := range ids {
		index[id] = i
	}
	adj := make([][]int, len(ids))
	for i, id := range ids {
		for _, s := range g.Successors(id) {
			adj[i] = append(adj[i], index[s])
		}
	}
	j := &johnson{adj: adj, limit: limit}
	for _, comp := range tarjan(adj) {
		if len(comp) == 1 && !slices.Contains(adj[comp[0]], comp[0]) {
			continue
		}
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

// tarjan returns the strongly connected components, each sorted.
func tarjan(adj [][]int) [][]int {
	n := len(adj)
	index := make([]int, n)
	low := make([]int, n)
	on := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int
	var comps [][]int
	next := 0
	// Iterative DFS, so that a long chain cannot overflow the stack.
	type frame struct{ v, i int }
	for root := range n {
		if index[root] >= 0 {
			continue
		}
		call := []frame{{root, 0}}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		on[root] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			if f.i < len(adj[f.v]) {
				w := adj[f.v][f.i]
				f.i++
				if index[w] < 0 {
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

// johnson enumerates the elementary cycles of one component at a time.
type johnson struct {
	adj       [][]int
	limit     int
	cycles    [][]int
	truncated bool

	in      map[int]bool
	blocked map[int]bool
	b       map[int][]int
	path    []int
}

func (j *johnson) component(comp []int) {
	// For each start s (in ID order), find the cycles through s within the
	// component restricted to nodes >= s.
	for k, s := range comp {
		j.in = map[int]bool{}
		for _, v := range comp[k:] {
			j.in[v] = true
		}
		j.blocked = map[int]bool{}
		j.b = map[int][]int{}
		j.path = j.path[:0]
		j.circuit(s, s)
		if j.truncated {
			return
		}
	}
}

func (j *johnson) circuit(v, s int) bool {
	found := false
	j.path = append(j.path, v)
	j.blocked[v] = true
	for _, w := range j.adj[v] {
		if !j.in[w] || j.truncated {
			continue
		}
		if w == s {
			if j.limit > 0 && len(j.cycles) >= j.limit {
				j.truncated = true
				break
			}
			j.cycles = append(j.cycles, slices.Clone(j.path))
			found = true
		} else if !j.blocked[w] && j.circuit(w, s) {
			found = true
		}
	}
	if found {
		j.unblock(v)
	} else {
		for _, w := range j.adj[v] {
			if j.in[w] && !slices.Contains(j.b[w], v) {
				j.b[w] = append(j.b[w], v)
			}
		}
	}
	j.path = j.path[:len(j.path)-1]
	return found
}

func (j *johnson) unblock(u int) {
	j.blocked[u] = false
	for _, w := range j.b[u] {
		if j.blocked[w] {
			j.unblock(w)
		}
	}
	j.b[u] = nil
}
