package contract

import (
	"go/token"
	"go/types"
	"strings"
	"testing"

	"github.com/faasvet/faasvet/graphext"
)

// structType makes a named struct type from Go name, Go type and tag
// triples, in a package of its own (each revision loads its own).
func structType(pkg *types.Package, name string, fields ...[3]any) types.Type {
	var vars []*types.Var
	var tags []string
	for _, f := range fields {
		vars = append(vars, types.NewField(token.NoPos, pkg, f[0].(string), f[1].(types.Type), false))
		tags = append(tags, f[2].(string))
	}
	return types.NewNamed(types.NewTypeName(token.NoPos, pkg, name, nil), types.NewStruct(vars, tags), nil)
}

var str, integer = types.Typ[types.String], types.Typ[types.Int]

// graph is a → b over sqs, a sending out and b reading in.
func graph(t *testing.T, out, in types.Type) *graphext.Graph {
	g := graphext.New()
	for _, n := range []*graphext.Node{
		{ID: "fn:a", Name: "a", Kind: graphext.FunctionNode, Platform: "aws-lambda", Output: out, Pos: graphext.Pos{File: "a/main.go", Line: 9}},
		{ID: "fn:b", Name: "b", Kind: graphext.FunctionNode, Platform: "aws-lambda", Input: in, Pos: graphext.Pos{File: "b/main.go", Line: 9}},
	} {
		if err := g.AddNode(n); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.AddEdge(&graphext.Edge{From: "fn:a", To: "fn:b", Via: "sqs", Async: true, Producer: out, Consumer: in, Pos: graphext.Pos{File: "a/main.go", Line: 8}}); err != nil {
		t.Fatal(err)
	}
	return g
}

func kinds(r *Report) string {
	var out []string
	for _, c := range r.Changes {
		s := strings.TrimSpace(c.Subject + " " + c.Kind + " " + c.Path)
		if c.Breaking {
			s += " BREAKING"
		}
		out = append(out, s)
	}
	return strings.Join(out, "\n")
}

func TestRenamedProducerKey(t *testing.T) {
	p0, p1 := types.NewPackage("m", "msg"), types.NewPackage("m", "msg")
	base := graph(t,
		structType(p0, "Order", [3]any{"ID", str, `json:"id"`}),
		structType(p0, "Ship", [3]any{"ID", str, `json:"id,omitempty"`}))
	head := graph(t,
		structType(p1, "Order", [3]any{"ID", str, `json:"order_id"`}),
		structType(p1, "Ship", [3]any{"ID", str, `json:"id,omitempty"`}))
	r := Compare("main", base, head)
	want := `function a field-renamed id
route a → b (sqs) field-no-longer-sent id BREAKING
route a → b (sqs) wire-dropped order_id`
	if got := kinds(r); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if r.Breaking != 1 {
		t.Errorf("breaking %d", r.Breaking)
	}
}

func TestRenamedConsumerKey(t *testing.T) {
	p0, p1 := types.NewPackage("m", "msg"), types.NewPackage("m", "msg")
	base := graph(t,
		structType(p0, "Order", [3]any{"ID", str, `json:"id"`}),
		structType(p0, "Ship", [3]any{"ID", str, `json:"id,omitempty"`}))
	head := graph(t,
		structType(p1, "Order", [3]any{"ID", str, `json:"id"`}),
		structType(p1, "Ship", [3]any{"ID", str, `json:"ship_id,omitempty"`}))
	got := kinds(Compare("main", base, head))
	for _, want := range []string{"function b field-renamed id", "route a → b (sqs) consumer-renamed id BREAKING"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
}

func TestNewRequiredConsumerField(t *testing.T) {
	p0, p1 := types.NewPackage("m", "msg"), types.NewPackage("m", "msg")
	order0 := structType(p0, "Order", [3]any{"ID", str, `json:"id"`})
	order1 := structType(p1, "Order", [3]any{"ID", str, `json:"id"`})
	base := graph(t, order0, structType(p0, "Ship", [3]any{"ID", str, `json:"id"`}))
	head := graph(t, order1, structType(p1, "Ship", [3]any{"ID", str, `json:"id"`}, [3]any{"N", integer, `json:"n"`}))
	got := kinds(Compare("main", base, head))
	for _, want := range []string{"function b field-added n", "route a → b (sqs) wire-missing n BREAKING"} {
		if !strings.Contains(got, want) {
			t.Errorf("no %q in\n%s", want, got)
		}
	}
	// An optional one passes.
	head = graph(t, order1, structType(p1, "Ship", [3]any{"ID", str, `json:"id"`}, [3]any{"N", integer, `json:"n,omitempty"`}))
	if r := Compare("main", base, head); r.Breaking != 0 {
		t.Errorf("an optional consumer field breaks:\n%s", kinds(r))
	}
}

func TestAddedAndRemoved(t *testing.T) {
	p0, p1 := types.NewPackage("m", "msg"), types.NewPackage("m", "msg")
	base := graph(t, structType(p0, "Order"), structType(p0, "Order"))
	head := graphext.New()
	_ = head.AddNode(&graphext.Node{ID: "fn:a", Name: "a", Kind: graphext.FunctionNode, Platform: "aws-lambda", Output: structType(p1, "Order")})
	_ = head.AddNode(&graphext.Node{ID: "fn:c", Name: "c", Kind: graphext.FunctionNode, Platform: "aws-lambda"})
	_ = head.AddNode(&graphext.Node{ID: "ch:t", Name: "t", Kind: graphext.ChannelNode})
	_ = head.AddEdge(&graphext.Edge{From: "fn:a", To: "ch:t", Via: "topic"})
	want := `function b function-removed BREAKING
function c function-added
channel t channel-added
route a → b (sqs) route-removed
route a → t (topic) route-added`
	r := Compare("main", base, head)
	if got := kinds(r); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var b strings.Builder
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"fn_b(\"b\"):::breaking", "fn_c(\"c\"):::added", "linkStyle 1 stroke:#888"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("no %q in\n%s", want, b.String())
		}
	}
}
