package graphext

import (
	"cmp"
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/dominikbraun/graph"
)

// NodeKind tells functions from channels.
type NodeKind string

// The node kinds.
const (
	FunctionNode NodeKind = "function"
	ChannelNode  NodeKind = "channel"
)

// A Node is a function or a channel.
type Node struct {
	ID   string // unique: "fn:NAME" or "ch:NAME"
	Name string
	Kind NodeKind
	// Function nodes.
	Platform string
	Package  string
	Func     string // the Go handler, such as "validate" or "(*gateway).charge"
	Input    types.Type
	Output   types.Type
	// Channel nodes.
	ChannelKind string // "topic", or the transport that names it
	Pos         Pos    // the declaration
}

// FunctionID and ChannelID make node IDs.
func FunctionID(name string) string { return "fn:" + name }

// ChannelID is the ID of the channel with the given name.
func ChannelID(name string) string { return "ch:" + name }

// Pos is a source position, relative to the analysed directory.
type Pos struct {
	File         string
	Line, Column int
}

func (p Pos) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column) }

func (p Pos) compare(q Pos) int {
	return cmp.Or(cmp.Compare(p.File, q.File), cmp.Compare(p.Line, q.Line), cmp.Compare(p.Column, q.Column))
}

// An Edge is one route between two nodes.
type Edge struct {
	From, To string // node IDs
	Via      string // transport: direct, sqs, sns, eventbridge, pubsub, http, cloudevents, stepfunctions, topic
	Async    bool   // the sender does not wait: a queue, topic, bus or async invoke
	// Producer is the Go type the sender marshals; Consumer is the type
	// the receiver unmarshals. Either may be nil (null, or not typed).
	Producer, Consumer types.Type
	Payload            string // the payload= expression, if any
	Source             string // what declared the edge: directive, sdk, manifest
	Pos                Pos
	AllowCycle         string // reason of a //faas:allow-cycle, if any
	// EnvVar is the environment variable an SDK call reads its target
	// from, if any: faasvet emit names the variable it sets after it.
	EnvVar string
	// EventType is the CloudEvent type an SDK call sends, if any.
	EventType string
}

// IsAsync reports whether a transport decouples sender and receiver.
func IsAsync(via string) bool {
	switch via {
	case "sqs", "sns", "eventbridge", "pubsub", "cloudevents", "topic", "event":
		return true
	}
	return false
}

// routes are the parallel edges between one ordered pair of nodes: the
// data of the library's one edge for that pair. Two routes between one
// pair of functions are two Edges, and the library allows one edge per
// pair.
type routes struct{ edges []*Edge }

// Graph is the function graph. github.com/dominikbraun/graph holds it:
// the nodes as vertices, and for each ordered pair of nodes that routes
// join, one library edge whose data is the routes. The adjacency that
// Out, In and Edges read is the library's (AdjacencyMap,
// PredecessorMap), taken once after the last change and sorted, since the
// library's maps iterate in random order and every output must be
// byte-identical from run to run.
type Graph struct {
	g      graph.Graph[string, *Node]
	nEdges int

	// The sorted views, nil until asked for after a change.
	view *view
}

type view struct {
	nodes []*Node
	edges []*Edge
	out   map[string][]*Edge
	in    map[string][]*Edge
}

// New returns an empty graph.
func New() *Graph {
	return &Graph{g: graph.New(func(n *Node) string { return n.ID }, graph.Directed())}
}

// AddNode adds a node; adding an ID twice is an error.
func (g *Graph) AddNode(n *Node) error {
	if err := g.g.AddVertex(n); err != nil {
		return fmt.Errorf("graphext: node %s: %w", n.ID, err)
	}
	g.view = nil
	return nil
}

// AddEdge adds an edge between existing nodes. Parallel edges are kept:
// two routes between one pair of functions are two edges.
func (g *Graph) AddEdge(e *Edge) error {
	if g.Node(e.From) == nil || g.Node(e.To) == nil {
		return fmt.Errorf("graphext: edge %s -> %s: no such node", e.From, e.To)
	}
	if le, err := g.g.Edge(e.From, e.To); err == nil {
		rs := le.Properties.Data.(*routes)
		rs.edges = append(rs.edges, e)
	} else if err := g.g.AddEdge(e.From, e.To, graph.EdgeData(&routes{edges: []*Edge{e}})); err != nil {
		return err
	}
	g.nEdges++
	g.view = nil
	return nil
}

// sorted returns the sorted views of the library's graph.
func (g *Graph) sorted() *view {
	if g.view != nil {
		return g.view
	}
	adj, err := g.g.AdjacencyMap()
	if err != nil {
		panic(err) // the in-memory store does not fail
	}
	v := &view{out: make(map[string][]*Edge, len(adj)), in: make(map[string][]*Edge, len(adj))}
	for from, targets := range adj {
		n, _ := g.g.Vertex(from)
		v.nodes = append(v.nodes, n)
		for _, le := range targets {
			rs := le.Properties.Data.(*routes)
			v.edges = append(v.edges, rs.edges...)
			v.out[from] = append(v.out[from], rs.edges...)
			v.in[le.Target] = append(v.in[le.Target], rs.edges...)
		}
	}
	slices.SortFunc(v.nodes, func(a, b *Node) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(v.edges, compareEdges)
	for _, es := range v.out {
		slices.SortFunc(es, compareEdges)
	}
	for _, es := range v.in {
		slices.SortFunc(es, compareEdges)
	}
	g.view = v
	return v
}

func compareEdges(a, b *Edge) int {
	return cmp.Or(strings.Compare(a.From, b.From), strings.Compare(a.To, b.To), a.Pos.compare(b.Pos), strings.Compare(a.Via, b.Via))
}

// Node returns the node with the given ID, or nil.
func (g *Graph) Node(id string) *Node {
	n, err := g.g.Vertex(id)
	if err != nil {
		return nil
	}
	return n
}

// Nodes returns every node, sorted by ID.
func (g *Graph) Nodes() []*Node { return g.sorted().nodes }

// Edges returns every edge, sorted by source, target and position.
func (g *Graph) Edges() []*Edge { return g.sorted().edges }

// Out returns the edges leaving a node, sorted.
func (g *Graph) Out(id string) []*Edge { return g.sorted().out[id] }

// In returns the edges entering a node, sorted.
func (g *Graph) In(id string) []*Edge { return g.sorted().in[id] }

// Successors returns the distinct targets of a node's edges, sorted.
func (g *Graph) Successors(id string) []string {
	var out []string
	for _, e := range g.Out(id) {
		if len(out) == 0 || out[len(out)-1] != e.To {
			out = append(out, e.To)
		}
	}
	return out
}

// Len returns the number of nodes and edges.
func (g *Graph) Len() (nodes, edges int) {
	n, err := g.g.Order()
	if err != nil {
		panic(err) // the in-memory store does not fail
	}
	return n, g.nEdges
}
