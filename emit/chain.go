package emit

import (
	"fmt"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/graphext"
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

// chainEdge reports whether a route joins two functions as steps of one
// chain: a direct or Step Functions route that a directive declared.
// Routes from SDK calls stay in the code; routes from manifests are
// deployed already.
func (t *topology) chainEdge(e *graphext.Edge) bool {
	return t.fnByID[e.From] != nil && t.fnByID[e.To] != nil &&
		e.Source != "sdk" && e.Source != "manifest" && (e.Via == "direct" || e.Via == "stepfunctions" || e.Via == "")
}

// buildChains makes one chain per entry function (a function that chain
// routes leave and none enter), and one for each loop of chain routes
// that no entry reaches, from its first function by name. direct is the
// graph of chain routes (chainEdge); its order puts the entries, and the
// loops, in topological order, and its reachability says what a chain
// covers. A function reached in several ways runs in each; a route back
// to a function already on the path is left out with a note, since a
// state machine's states run once per execution here.
func buildChains(t *topology, direct *graphext.Graph) []*chain {
	covered := map[string]bool{}
	var out []*chain
	addChain := func(entry string) {
		for _, id := range direct.Reachable(entry) {
			covered[id] = true
		}
		f := t.fnByID[entry]
		count := 0
		root := t.buildStep(f, entry, direct, map[string]bool{}, &count)
		if count > maxSteps {
			t.notef("the chain of direct routes from %s has more than %d steps once every fan-out is unfolded: no state machine is emitted for it", f.name, maxSteps)
			return
		}
		c := &chain{entry: f, root: root, dns: t.dnses.uniqueSep(dns(f.name)+"-chain", "-")}
		c.id = camel(f.name)
		for i := 2; t.ids.used[c.id+"StateMachine"]; i++ {
			c.id = fmt.Sprintf("%s%d", camel(f.name), i)
		}
		t.ids.used[c.id+"StateMachine"] = true
		c.file = "statemachines/" + strings.TrimSuffix(c.dns, "-chain") + ".asl.json"
		out = append(out, c)
	}
	order := direct.Order()
	for _, id := range order {
		if len(direct.In(id)) == 0 {
			addChain(id)
		}
	}
	// What is left is loops that no entry reaches. In the order, a loop's
	// functions come together, by name, after every loop that feeds it,
	// so each starts at its first function by name, and a loop fed only
	// by another is covered by that one's chain.
	for _, id := range order {
		if !covered[id] {
			addChain(id)
		}
	}
	return out
}

func (t *topology) buildStep(entry *function, id string, direct *graphext.Graph, onPath map[string]bool, count *int) *step {
	*count++
	f := t.fnByID[id]
	s := &step{fn: f}
	if *count > maxSteps {
		return s
	}
	onPath[id] = true
	for _, n := range direct.Successors(id) {
		if onPath[n] {
			t.notef("the direct route from %s back to %s is left out of the state machine that starts at %s: it loops", f.name, t.fnByID[n].name, entry.name)
			continue
		}
		s.next = append(s.next, t.buildStep(entry, n, direct, onPath, count))
	}
	delete(onPath, id)
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
