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

// Graph is the function graph.
type Graph struct {
	g     graph.Graph[string, *Node]
	nodes map[string]*Node
	edges []*Edge
	out   map[string][]*Edge
	in    map[string][]*Edge
	dirty bool
}

// New returns an empty graph.
func New() *Graph {
	return &Graph{
		g:     graph.New(func(n *Node) string { return n.ID }, graph.Directed()),
		nodes: map[string]*Node{},
		out:   map[string][]*Edge{},
		in:    map[string][]*Edge{},
	}
}

// AddNode adds a node; adding an ID twice is an error.
func (g *Graph) AddNode(n *Node) error {
	if _, ok := g.nodes[n.ID]; ok {
		return fmt.Errorf("graphext: node %s already exists", n.ID)
	}
	if err := g.g.AddVertex(n); err != nil {
		return err
	}
	g.nodes[n.ID] = n
	return nil
}

// AddEdge adds an edge between existing nodes. Parallel edges are kept:
// two routes between one pair of functions are two edges.
func (g *Graph) AddEdge(e *Edge) error {
	if g.nodes[e.From] == nil || g.nodes[e.To] == nil {
		return fmt.Errorf("graphext: edge %s -> %s: no such node", e.From, e.To)
	}
	if _, err := g.g.Edge(e.From, e.To); err != nil {
		if err := g.g.AddEdge(e.From, e.To); err != nil {
			return err
		}
	}
	g.edges = append(g.edges, e)
	g.out[e.From] = append(g.out[e.From], e)
	g.in[e.To] = append(g.in[e.To], e)
	g.dirty = true
	return nil
}

func (g *Graph) sort() {
	if !g.dirty {
		return
	}
	slices.SortFunc(g.edges, compareEdges)
	for _, es := range g.out {
		slices.SortFunc(es, compareEdges)
	}
	for _, es := range g.in {
		slices.SortFunc(es, compareEdges)
	}
	g.dirty = false
}

func compareEdges(a, b *Edge) int {
	return cmp.Or(strings.Compare(a.From, b.From), strings.Compare(a.To, b.To), a.Pos.compare(b.Pos), strings.Compare(a.Via, b.Via))
}

// Node returns the node with the given ID, or nil.
func (g *Graph) Node(id string) *Node { return g.nodes[id] }

// Nodes returns every node, sorted by ID.
func (g *Graph) Nodes() []*Node {
	out := make([]*Node, 0, len(g.nodes))
	for _, n := range g.nodes {
		out = append(out, n)
	}
	slices.SortFunc(out, func(a, b *Node) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Edges returns every edge, sorted by source, target and position.
func (g *Graph) Edges() []*Edge {
	g.sort()
	return g.edges
}

// Out returns the edges leaving a node, sorted.
func (g *Graph) Out(id string) []*Edge {
	g.sort()
	return g.out[id]
}

// In returns the edges entering a node, sorted.
func (g *Graph) In(id string) []*Edge {
	g.sort()
	return g.in[id]
}

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
func (g *Graph) Len() (nodes, edges int) { return len(g.nodes), len(g.edges) }
