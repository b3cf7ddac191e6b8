package emit

import (
	gotypes "go/types"
	"os"
	"path"
	"path/filepath"
	"slices"
	"testing"

	"github.com/faasvet/faasvet/emit/svg"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/internal/driver"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/manifest/asl"
)

// TestRoundTrip emits each deployable target of the shop, writes it into
// a copy of the tree, and reads it back with the project's manifest
// readers and the driver: the same functions, the same routes between
// them, and the same payload type arriving at each consumer.
func TestRoundTrip(t *testing.T) {
	for _, target := range []Target{SAM, Serverless, OpenFaaS, Knative} {
		t.Run(string(target), func(t *testing.T) {
			dir := t.TempDir()
			if err := os.CopyFS(dir, os.DirFS(shopDir)); err != nil {
				t.Fatal(err)
			}
			code, err := driver.Run(driver.Options{Dir: dir, NoManifests: true})
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "deploy")
			r, err := Emit(Input{Graph: code.Graph, Root: dir}, Options{Target: target, Out: out, RenderSVG: svg.Render})
			if err != nil {
				t.Fatal(err)
			}
			if err := Write(out, r.Files, false); err != nil {
				t.Fatal(err)
			}
			// Named explicitly: the walk may skip generated files.
			named := []string{"deploy/" + r.Files[0].Path}
			model, errs := manifest.Discover(dir, manifest.Options{Files: named})
			for _, e := range errs {
				t.Errorf("reading back: %v", e)
			}
			checkFunctions(t, code.Graph, model)
			checkRoutes(t, target, code.Graph, model)
			back, err := driver.Run(driver.Options{Dir: dir, Manifests: named})
			if err != nil {
				t.Fatal(err)
			}
			checkPayloads(t, target, code.Graph, back.Graph)
		})
	}
}

// checkFunctions: every function of the code is a function of the
// manifests, bound to its package directory, exactly once.
func checkFunctions(t *testing.T, g *graphext.Graph, m *manifest.Model) {
	t.Helper()
	n := 0
	for _, node := range g.Nodes() {
		if node.Kind != graphext.FunctionNode {
			continue
		}
		n++
		dir := path.Dir(node.Pos.File)
		if got := m.FunctionsIn(dir); len(got) != 1 {
			t.Errorf("function %s (%s): %d manifest functions have its code directory, want 1", node.Name, dir, len(got))
		}
	}
	if len(m.Functions) != n {
		t.Errorf("the manifests declare %d functions, the code has %d", len(m.Functions), n)
	}
}

// A pair is a route from one function to another, by code directory:
// direct, or through channels.
type pair struct{ from, to string }

// codePairs are the routes of the code's graph that a target carries
// between functions: direct ones in a state machine or Sequence, and the
// ones through a channel, whose publisher side the AWS targets name (an
// environment variable that refers to the channel) and Knative names
// through a SinkBinding (the publisher's K_SINK).
func codePairs(g *graphext.Graph, target Target) []pair {
	dirOf := func(id string) string { return path.Dir(g.Node(id).Pos.File) }
	var out []pair
	add := func(p pair) {
		if !slices.Contains(out, p) {
			out = append(out, p)
		}
	}
	aws := target == SAM || target == Serverless
	for _, e := range g.Edges() {
		from, to := g.Node(e.From), g.Node(e.To)
		switch {
		case from.Kind == graphext.FunctionNode && to.Kind == graphext.FunctionNode:
			if e.Via == "direct" && target != OpenFaaS || e.Via != "direct" && (aws || target == Knative) {
				add(pair{dirOf(e.From), dirOf(e.To)})
			}
		case from.Kind == graphext.FunctionNode && (aws || target == Knative):
			for _, sub := range g.Out(e.To) {
				add(pair{dirOf(e.From), dirOf(sub.To)})
			}
		}
	}
	slices.SortFunc(out, comparePairs)
	return out
}

func comparePairs(a, b pair) int {
	if a.from != b.from {
		if a.from < b.from {
			return -1
		}
		return 1
	}
	switch {
	case a.to < b.to:
		return -1
	case a.to > b.to:
		return 1
	}
	return 0
}

// modelPairs are the routes between functions that the manifests say:
// links, environment variables that name a channel or function, and the
// order of a state machine's tasks, followed through anything that is not
// a function.
func modelPairs(m *manifest.Model) []pair {
	key := func(ep manifest.Endpoint) string {
		switch ep.Kind {
		case manifest.EndFunction:
			if f := m.Function(ep.ID); f != nil && f.CodeDir != "" {
				return "fn:" + f.CodeDir
			}
			return "mf:" + ep.ID
		case manifest.EndChannel:
			return "ch:" + ep.ID
		case manifest.EndStateMachine:
			return "sm:" + ep.ID
		}
		return "x:" + ep.Text
	}
	adj := map[string][]string{}
	edge := func(a, b string) { adj[a] = append(adj[a], b) }
	for _, l := range m.Links {
		edge(key(l.From), key(l.To))
	}
	for _, f := range m.Functions {
		for _, ev := range f.Env {
			if ev.Value.Kind == manifest.Reference && ev.Value.Ref != nil && ev.Value.Ref.Target.Kind != "" {
				edge("fn:"+f.CodeDir, key(ev.Value.Ref.Target))
			}
		}
	}
	fnKey := func(id string) string { return key(manifest.Endpoint{Kind: manifest.EndFunction, ID: id}) }
	for _, sm := range m.StateMachines {
		seqPairs(sm.Definition, func(a, b string) { edge(fnKey(a), fnKey(b)) })
	}
	var out []pair
	for from := range adj {
		if from[:3] != "fn:" {
			continue
		}
		seen := map[string]bool{}
		queue := slices.Clone(adj[from])
		for len(queue) > 0 {
			n := queue[0]
			queue = queue[1:]
			if seen[n] {
				continue
			}
			seen[n] = true
			if n[:3] == "fn:" {
				out = append(out, pair{from[3:], n[3:]})
				continue
			}
			queue = append(queue, adj[n]...)
		}
	}
	slices.SortFunc(out, comparePairs)
	return slices.Compact(out)
}

// seqPairs calls add for each Task function and the Task functions that
// can run right after it.
func seqPairs(m *asl.Machine, add func(a, b string)) {
	if m == nil {
		return
	}
	var first func(m *asl.Machine, name string, depth int) []string
	first = func(m *asl.Machine, name string, depth int) []string {
		st := m.State(name)
		if st == nil || depth > 20 {
			return nil
		}
		if st.Type == "Task" && st.Function != "" {
			return []string{st.Function}
		}
		var out []string
		for _, b := range st.Branches {
			out = append(out, first(b, b.StartAt, depth+1)...)
		}
		for _, n := range st.Transitions() {
			out = append(out, first(m, n, depth+1)...)
		}
		return out
	}
	for _, st := range m.States {
		if st.Type == "Task" && st.Function != "" {
			for _, n := range st.Transitions() {
				for _, f := range first(m, n, 0) {
					add(st.Function, f)
				}
			}
		}
		for _, b := range st.Branches {
			seqPairs(b, add)
		}
	}
}

func checkRoutes(t *testing.T, target Target, g *graphext.Graph, m *manifest.Model) {
	t.Helper()
	want, got := codePairs(g, target), modelPairs(m)
	for _, p := range want {
		if !slices.Contains(got, p) {
			t.Errorf("route %s → %s of the code is not in the %s output", p.from, p.to, target)
		}
	}
	for _, p := range got {
		if !slices.Contains(want, p) {
			t.Errorf("the %s output routes %s → %s, which the code does not", target, p.from, p.to)
		}
	}
	// Every subscription of the code is a trigger from a channel.
	for _, e := range g.Edges() {
		to := g.Node(e.To)
		if to.Kind != graphext.FunctionNode || g.Node(e.From).Kind == graphext.FunctionNode && !e.Async {
			continue
		}
		dir := path.Dir(to.Pos.File)
		found := slices.ContainsFunc(m.Links, func(l *manifest.Link) bool {
			f := m.Function(l.To.ID)
			return l.To.Kind == manifest.EndFunction && f != nil && f.CodeDir == dir && l.From.Kind == manifest.EndChannel
		})
		if !found {
			t.Errorf("%s → %s (%s): no channel of the %s output triggers %s", g.Node(e.From).Name, to.Name, e.Via, target, to.Name)
		}
	}
}

// checkPayloads: what each consumer of the code decodes is what reaches
// it through the emitted manifests, as the driver binds them.
func checkPayloads(t *testing.T, target Target, code, back *graphext.Graph) {
	t.Helper()
	for _, e := range code.Edges() {
		to := code.Node(e.To)
		if to.Kind != graphext.FunctionNode || e.Consumer == nil {
			continue
		}
		if e.Via == "direct" && target == OpenFaaS {
			continue // no orchestrator: nothing carries it
		}
		want := typeString(e.Consumer)
		ok := slices.ContainsFunc(back.In(e.To), func(b *graphext.Edge) bool {
			return b.Source == "manifest" && typeString(b.Consumer) == want
		})
		if !ok {
			t.Errorf("%s → %s: the %s output delivers no %s to %s", code.Node(e.From).Name, to.Name, target, want, to.Name)
		}
	}
}

func typeString(t gotypes.Type) string {
	if t == nil {
		return ""
	}
	return t.String()
}
