package graphext

import (
	"strings"
	"testing"
)

func TestReachable(t *testing.T) {
	g := build(t, "a>b b>c c>a c>d x>y")
	for _, tc := range []struct{ from, want string }{
		{"a", "a b c d"},
		{"d", "d"},
		{"x", "x y"},
		{"nosuch", ""},
	} {
		if got := strings.Join(g.Reachable(tc.from), " "); got != tc.want {
			t.Errorf("Reachable(%s) = %q, want %q", tc.from, got, tc.want)
		}
	}
}

func TestFilterTranspose(t *testing.T) {
	g := New()
	for _, n := range []*Node{
		{ID: "f", Kind: FunctionNode}, {ID: "topic", Kind: ChannelNode},
		{ID: "q1", Kind: ChannelNode}, {ID: "q2", Kind: ChannelNode}, {ID: "g", Kind: FunctionNode},
	} {
		if err := g.AddNode(n); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []*Edge{{From: "f", To: "topic"}, {From: "topic", To: "q1"}, {From: "q1", To: "q2"}, {From: "q2", To: "g"}} {
		if err := g.AddEdge(e); err != nil {
			t.Fatal(err)
		}
	}
	channels := g.Filter(func(e *Edge) bool {
		return g.Node(e.From).Kind == ChannelNode && g.Node(e.To).Kind == ChannelNode
	})
	if n, e := channels.Len(); n != 3 || e != 2 {
		t.Errorf("channel subgraph has %d nodes and %d edges, want 3 and 2", n, e)
	}
	if got := strings.Join(channels.Transpose().Reachable("q2"), " "); got != "q1 q2 topic" {
		t.Errorf("channels feeding q2: %q, want %q", got, "q1 q2 topic")
	}
	if channels.Reachable("f") != nil {
		t.Errorf("f joins no channel route, but the filtered graph has it")
	}
	// The transpose's edges are reversed copies; the original is untouched.
	tr := g.Transpose()
	if out := tr.Out("q1"); len(out) != 1 || out[0].To != "topic" {
		t.Errorf("transpose: q1's edges %v, want one to topic", out)
	}
	if out := g.Out("q1"); len(out) != 1 || out[0].To != "q2" {
		t.Errorf("Transpose changed g: q1's edges %v", out)
	}
}

func TestOrder(t *testing.T) {
	for _, tc := range []struct{ edges, want string }{
		{"a>b b>c", "a b c"},
		{"c>b b>a", "c b a"},
		{"b>c a>c", "a b c"},           // unordered sources by ID
		{"x>a a>b b>a b>c", "x a b c"}, // a loop comes together, after what feeds it
		{"d>e e>d a>b", "a d e b"},     // sources by ID, then what each releases
		{"c>a a>c b>c", "b a c"},       // the loop {a,c} is fed by b
		{"a>b b>c c>a c>d d>e e>d", "a b c d e"},
	} {
		g := build(t, tc.edges)
		if got := strings.Join(g.Order(), " "); got != tc.want {
			t.Errorf("%s: order %q, want %q", tc.edges, got, tc.want)
		}
	}
}
