package emit

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/faasvet/faasvet/graphext"
)

func fnNode(name string) *graphext.Node {
	return &graphext.Node{ID: graphext.FunctionID(name), Name: name, Kind: graphext.FunctionNode, Platform: "aws-lambda",
		Package: "example.com/app/functions/" + name, Func: name, Pos: graphext.Pos{File: "functions/" + name + "/main.go", Line: 10, Column: 2}}
}

func chNode(name, kind string) *graphext.Node {
	return &graphext.Node{ID: graphext.ChannelID(name), Name: name, Kind: graphext.ChannelNode, ChannelKind: kind, Pos: graphext.Pos{File: "template.yaml", Line: 3, Column: 3}}
}

// graphOf builds a graph from nodes and "from>to:via" edges.
func graphOf(t testing.TB, nodes []*graphext.Node, edges ...string) *graphext.Graph {
	g := graphext.New()
	for _, n := range nodes {
		if err := g.AddNode(n); err != nil {
			t.Fatal(err)
		}
	}
	for i, e := range edges {
		ends, via, _ := strings.Cut(e, ":")
		from, to, _ := strings.Cut(ends, ">")
		id := func(s string) string {
			if g.Node(graphext.FunctionID(s)) != nil {
				return graphext.FunctionID(s)
			}
			return graphext.ChannelID(s)
		}
		source := "directive"
		if strings.HasPrefix(via, "sdk-") {
			source, via = "sdk", strings.TrimPrefix(via, "sdk-")
		}
		if err := g.AddEdge(&graphext.Edge{From: id(from), To: id(to), Via: via, Async: graphext.IsAsync(via), Source: source,
			Pos: graphext.Pos{File: "functions/" + from + "/main.go", Line: 5 + i, Column: 1}}); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

func fns(names ...string) []*graphext.Node {
	var out []*graphext.Node
	for _, n := range names {
		out = append(out, fnNode(n))
	}
	return out
}

// shapes are graphs of direct routes whose state machines the tests
// check, also with asl-validator.
func shapes() map[string]*graphext.Graph {
	t := &testing.T{}
	return map[string]*graphext.Graph{
		// a fans out to b and c, both of which go to d: d runs in each
		// branch, since each route is a message of its own.
		"diamond": graphOf(t, fns("a", "b", "c", "d"), "a>b:direct", "a>c:direct", "b>d:direct", "c>d:direct"),
		// Two entries into one function: a state machine each.
		"fan-in": graphOf(t, fns("a", "b", "c"), "a>c:direct", "b>c:direct"),
		// A loop back to the entry, and a nested fan-out.
		"loop": graphOf(t, fns("a", "b", "c", "d", "e"), "a>b:direct", "b>a:direct", "b>c:direct", "b>d:direct", "d>e:direct", "d>c:direct"),
		// A loop that no entry reaches.
		"ring": graphOf(t, fns("x", "y"), "x>y:direct", "y>x:direct"),
	}
}

type aslDoc struct {
	StartAt string
	States  map[string]struct {
		Type     string
		Resource string
		Next     string
		End      bool
		Branches []aslDoc
	}
}

func emitASL(t *testing.T, g *graphext.Graph) ([]aslDoc, *Result) {
	t.Helper()
	r, err := Emit(Input{Graph: g, Root: "/src"}, Options{Target: ASL})
	if err != nil {
		t.Fatal(err)
	}
	var docs []aslDoc
	for _, f := range r.Files {
		var d aslDoc
		if err := json.Unmarshal(f.Data, &d); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
		docs = append(docs, d)
	}
	return docs, r
}

func TestChainShapes(t *testing.T) {
	g := shapes()
	docs, _ := emitASL(t, g["diamond"])
	if len(docs) != 1 || docs[0].StartAt != "a" || docs[0].States["a fan-out"].Type != "Parallel" {
		t.Fatalf("diamond: %+v", docs)
	}
	br := docs[0].States["a fan-out"].Branches
	if len(br) != 2 || br[0].StartAt != "b" || br[1].StartAt != "c" || br[0].States["b"].Next != "d" || br[1].States["c"].Next != "d 2" ||
		br[1].States["d 2"].Resource != "${DFunctionArn}" || !br[1].States["d 2"].End {
		t.Errorf("diamond branches: %+v", br)
	}

	docs, r := emitASL(t, g["fan-in"])
	if len(docs) != 2 || docs[0].StartAt != "a" || docs[1].StartAt != "b" || r.Files[0].Path != "statemachines/a.asl.json" {
		t.Errorf("fan-in: %+v", docs)
	}

	docs, r = emitASL(t, g["loop"])
	if len(docs) != 1 || docs[0].States["b"].Next != "b fan-out" {
		t.Fatalf("loop: %+v", docs)
	}
	if !slices.ContainsFunc(r.Notes, func(n string) bool { return strings.Contains(n, "from b back to a is left out") }) {
		t.Errorf("loop: no note on the route back: %q", r.Notes)
	}

	docs, _ = emitASL(t, g["ring"])
	if len(docs) != 1 || docs[0].StartAt != "x" || !docs[0].States["y"].End {
		t.Errorf("ring: %+v", docs)
	}
}

// TestNotes: what no target expresses is said, and left out.
func TestNotes(t *testing.T) {
	manifestOnly := &graphext.Node{ID: graphext.FunctionID("legacy"), Name: "legacy", Kind: graphext.FunctionNode, Platform: "aws-lambda", Pos: graphext.Pos{File: "template.yaml", Line: 9, Column: 3}}
	g := graphOf(t, append(fns("a", "b", "c"), manifestOnly, chNode("uploads", "s3-bucket"), chNode("orders", "eventbridge-bus")),
		"a>b:http", "uploads>a:s3", "orders>c:eventbridge", "a>legacy:direct", "a>b:sdk-direct")
	r, err := Emit(Input{Graph: g, Root: "/src"}, Options{Target: SAM})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"function legacy is declared only in a manifest",
		"s3-bucket uploads is not emitted",
		"c's rule on bus orders is not emitted: its event pattern is not known",
		"a calls b over HTTP",
	} {
		if !slices.ContainsFunc(r.Notes, func(n string) bool { return strings.Contains(n, want) }) {
			t.Errorf("no note %q in %q", want, r.Notes)
		}
	}
	tmpl := string(r.Files[0].Data)
	for _, want := range []string{"B_FUNCTION_NAME: !Ref BFunction", "LambdaInvokePolicy:\n            FunctionName: !Ref BFunction"} {
		if !strings.Contains(tmpl, want) {
			t.Errorf("the sdk invoke of b: no %q in\n%s", want, tmpl)
		}
	}
	if strings.Contains(tmpl, "Legacy") || strings.Contains(tmpl, "Uploads") {
		t.Errorf("what has no code or no target was emitted:\n%s", tmpl)
	}
}

func TestNames(t *testing.T) {
	for _, c := range []struct{ in, camel, snake, dns string }{
		{"order-events", "OrderEvents", "ORDER_EVENTS", "order-events"},
		{"ShipQueue", "ShipQueue", "SHIP_QUEUE", "ship-queue"},
		{"orders.v2_fifo", "OrdersV2Fifo", "ORDERS_V2_FIFO", "orders-v2-fifo"},
		{"9lives", "9lives", "X_9LIVES", "x-9lives"},
		{"ünïcode!", "NCode", "N_CODE", "n-code"},
		{"", "X", "X_", "x-"},
	} {
		if got := camel(c.in); got != c.camel {
			t.Errorf("camel(%q) = %q, want %q", c.in, got, c.camel)
		}
		if got := snake(c.in); got != c.snake {
			t.Errorf("snake(%q) = %q, want %q", c.in, got, c.snake)
		}
		if got := dns(c.in); got != c.dns {
			t.Errorf("dns(%q) = %q, want %q", c.in, got, c.dns)
		}
	}
	// Names that collide once spelt as logical IDs get numbers.
	g := graphOf(t, fns("a-b", "a_b"))
	r, err := Emit(Input{Graph: g, Root: "/src"}, Options{Target: SAM})
	if err != nil {
		t.Fatal(err)
	}
	if s := string(r.Files[0].Data); !strings.Contains(s, "  ABFunction:") || !strings.Contains(s, "  AB2Function:") {
		t.Errorf("colliding names:\n%s", s)
	}
}

// TestEnvNames: a publisher's variable is named after its channel and
// kind when neither the code nor a manifest names it.
func TestEnvNames(t *testing.T) {
	g := graphOf(t, append(fns("a", "b", "c"), chNode("orders", "sqs-queue"), chNode("Alerts", "sns-topic")),
		"a>orders:sqs", "orders>b:sqs", "a>Alerts:sns", "Alerts>c:sns", "b>c:sqs")
	r, err := Emit(Input{Graph: g, Root: "/src"}, Options{Target: SAM})
	if err != nil {
		t.Fatal(err)
	}
	s := string(r.Files[0].Data)
	for _, want := range []string{"ORDERS_QUEUE_URL: !Ref OrdersQueue", "ALERTS_TOPIC_ARN: !Ref AlertsTopic", "C_QUEUE_URL: !Ref CQueue"} {
		if !strings.Contains(s, want) {
			t.Errorf("no %q in\n%s", want, s)
		}
	}
}
