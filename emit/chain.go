package emit

import (
	"fmt"
	"slices"
	"strings"
)

// maxSteps bounds the states of one chain: a function that several
// branches reach runs once in each, so a dense graph of direct routes
// multiplies its states.
const maxSteps = 500

// A chain is a tree of functions joined by direct routes, run by one
// state machine (or Knative Sequence) from its entry function: each step
// hands its output to the next, and to several at a fan-out.
type chain struct {
	entry *function
	root  *step
	id    string // logical ID stem: the state machine is <id>StateMachine
	file  string // statemachines/<name>.asl.json
	dns   string
}

// A step is one function of a chain and the steps its output goes to.
type step struct {
	fn   *function
	next []*step
}

// buildChains makes one chain per entry function (a function that direct
// routes leave and none enter), and one for each loop of direct routes
// that no entry reaches, from its first function by name. A function
// reached in several ways runs in each; a route back to a function
// already on the path is left out with a note, since a state machine's
// states run once per execution here.
func buildChains(t *topology, edges map[*function][]*function) []*chain {
	for _, succ := range edges {
		slices.SortFunc(succ, func(a, b *function) int { return strings.Compare(a.name, b.name) })
	}
	covered := map[*function]bool{}
	var out []*chain
	var cover func(f *function)
	cover = func(f *function) {
		if covered[f] {
			return
		}
		covered[f] = true
		for _, n := range edges[f] {
			cover(n)
		}
	}
	addChain := func(entry *function) {
		count := 0
		root := t.buildStep(entry, entry, edges, map[*function]bool{}, &count)
		cover(entry)
		if count > maxSteps {
			t.notef("the chain of direct routes from %s has more than %d steps once every fan-out is unfolded: no state machine is emitted for it", entry.name, maxSteps)
			return
		}
		c := &chain{entry: entry, root: root, dns: t.dnses.uniqueSep(dns(entry.name)+"-chain", "-")}
		c.id = camel(entry.name)
		for i := 2; t.ids.used[c.id+"StateMachine"]; i++ {
			c.id = fmt.Sprintf("%s%d", camel(entry.name), i)
		}
		t.ids.used[c.id+"StateMachine"] = true
		c.file = "statemachines/" + strings.TrimSuffix(c.dns, "-chain") + ".asl.json"
		out = append(out, c)
	}
	for _, f := range t.functions {
		if f.chainPreds == 0 && len(edges[f]) > 0 {
			addChain(f)
		}
	}
	for _, f := range t.functions {
		if len(edges[f]) > 0 && !covered[f] {
			addChain(f)
		}
	}
	return out
}

func (t *topology) buildStep(entry, f *function, edges map[*function][]*function, onPath map[*function]bool, count *int) *step {
	*count++
	s := &step{fn: f}
	if *count > maxSteps {
		return s
	}
	onPath[f] = true
	for _, n := range edges[f] {
		if onPath[n] {
			t.notef("the direct route from %s back to %s is left out of the state machine that starts at %s: it loops", f.name, n.name, entry.name)
			continue
		}
		s.next = append(s.next, t.buildStep(entry, n, edges, onPath, count))
	}
	delete(onPath, f)
	return s
}

// functions lists a chain's distinct functions, sorted by name.
func (c *chain) functions() []*function {
	var out []*function
	var walk func(s *step)
	walk = func(s *step) {
		if !slices.Contains(out, s.fn) {
			out = append(out, s.fn)
		}
		for _, n := range s.next {
			walk(n)
		}
	}
	walk(c.root)
	slices.SortFunc(out, func(a, b *function) int { return strings.Compare(a.name, b.name) })
	return out
}
