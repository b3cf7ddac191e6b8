package report

import (
	"encoding/json"
	"fmt"
	"go/types"
	"io"
	"path"
	"strings"

	"github.com/faasvet/faasvet/graphext"
)

// GraphJSON is the documented shape of faasvet graph --format json.
type GraphJSON struct {
	Functions []GraphFunction `json:"functions"`
	Channels  []GraphChannel  `json:"channels"`
	Routes    []GraphRoute    `json:"routes"`
}

// GraphFunction is one function of the graph.
type GraphFunction struct {
	Name     string `json:"name"`
	Platform string `json:"platform"`
	Package  string `json:"package"`
	Func     string `json:"func"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Input    string `json:"input"`  // Go type, "" when none
	Output   string `json:"output"` // Go type, "" when none
}

// GraphChannel is one topic, queue or bus.
type GraphChannel struct {
	Name string `json:"name"`
	Kind string `json:"kind"`
}

// GraphRoute is one edge.
type GraphRoute struct {
	From     string `json:"from"`
	To       string `json:"to"`
	Via      string `json:"via"`
	Payload  string `json:"payload"` // the Go type sent, "" when none
	Source   string `json:"source"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Findings int    `json:"findings,omitempty"`
}

func typeName(t types.Type) string {
	if t == nil {
		return ""
	}
	return types.TypeString(t, Qualifier)
}

// Qualifier writes types as people name them across a FaaS app: by
// package name, except that every function's main package would be
// "main", so those are named by their directory (resize.Result).
func Qualifier(p *types.Package) string {
	if p.Name() == "main" {
		return path.Base(p.Path())
	}
	return p.Name()
}

// edgeFindings counts the findings positioned on each edge's declaration.
func edgeFindings(fs []Finding) map[string]int {
	m := map[string]int{}
	for _, f := range fs {
		m[fmt.Sprintf("%s:%d:%d", f.File, f.Line, f.Column)]++
	}
	return m
}

func edgePayload(e *graphext.Edge) string {
	if e.Producer != nil {
		return typeName(e.Producer)
	}
	return typeName(e.Consumer)
}

// WriteGraphJSON writes the graph as one JSON object.
func WriteGraphJSON(w io.Writer, g *graphext.Graph, fs []Finding) error {
	out := GraphJSON{Functions: []GraphFunction{}, Channels: []GraphChannel{}, Routes: []GraphRoute{}}
	for _, n := range g.Nodes() {
		switch n.Kind {
		case graphext.FunctionNode:
			out.Functions = append(out.Functions, GraphFunction{n.Name, n.Platform, n.Package, n.Func, n.Pos.File, n.Pos.Line, typeName(n.Input), typeName(n.Output)})
		case graphext.ChannelNode:
			out.Channels = append(out.Channels, GraphChannel{n.Name, n.ChannelKind})
		}
	}
	marks := edgeFindings(fs)
	for _, e := range g.Edges() {
		out.Routes = append(out.Routes, GraphRoute{g.Node(e.From).Name, g.Node(e.To).Name, e.Via, edgePayload(e), e.Source, e.Pos.File, e.Pos.Line, marks[e.Pos.String()]})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// mermaidID makes a node ID that Mermaid accepts.
func mermaidID(id string) string {
	var b strings.Builder
	kind, name, _ := strings.Cut(id, ":")
	b.WriteString(kind + "_")
	for _, r := range name {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			fmt.Fprintf(&b, "_%x_", r)
		}
	}
	return b.String()
}

func mermaidText(s string) string {
	return strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;").Replace(s)
}

// WriteMermaid draws the graph as a Mermaid flowchart: functions as
// rounded boxes, channels as cylinders, the payload type on each edge,
// and edges with findings in red.
func WriteMermaid(w io.Writer, g *graphext.Graph, fs []Finding) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	for _, n := range g.Nodes() {
		switch n.Kind {
		case graphext.FunctionNode:
			fmt.Fprintf(&b, "  %s(\"%s\")\n", mermaidID(n.ID), mermaidText(n.Name))
		case graphext.ChannelNode:
			fmt.Fprintf(&b, "  %s[(\"%s\")]\n", mermaidID(n.ID), mermaidText(n.Name))
		}
	}
	marks := edgeFindings(fs)
	var red []string
	for i, e := range g.Edges() {
		arrow := "-->"
		if e.Async {
			arrow = "-.->"
		}
		label := edgePayload(e)
		if label != "" {
			fmt.Fprintf(&b, "  %s %s|\"%s\"| %s\n", mermaidID(e.From), arrow, mermaidText(label), mermaidID(e.To))
		} else {
			fmt.Fprintf(&b, "  %s %s %s\n", mermaidID(e.From), arrow, mermaidID(e.To))
		}
		if marks[e.Pos.String()] > 0 {
			red = append(red, fmt.Sprint(i))
		}
	}
	if len(red) > 0 {
		fmt.Fprintf(&b, "  linkStyle %s stroke:#d00,stroke-width:2px,color:#d00\n", strings.Join(red, ","))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func dotQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

// WriteDOT draws the graph in Graphviz DOT.
func WriteDOT(w io.Writer, g *graphext.Graph, fs []Finding) error {
	var b strings.Builder
	b.WriteString("digraph faasvet {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n")
	for _, n := range g.Nodes() {
		switch n.Kind {
		case graphext.FunctionNode:
			fmt.Fprintf(&b, "  %s [label=%s, shape=box, style=rounded, tooltip=%s];\n", dotQuote(n.ID), dotQuote(n.Name), dotQuote(n.Platform+" "+n.Package+"."+n.Func))
		case graphext.ChannelNode:
			fmt.Fprintf(&b, "  %s [label=%s, shape=cylinder];\n", dotQuote(n.ID), dotQuote(n.Name))
		}
	}
	marks := edgeFindings(fs)
	for _, e := range g.Edges() {
		attrs := []string{"label=" + dotQuote(edgePayload(e))}
		if e.Async {
			attrs = append(attrs, "style=dashed")
		}
		if marks[e.Pos.String()] > 0 {
			attrs = append(attrs, `color="#d00000"`, `fontcolor="#d00000"`, "penwidth=2")
		}
		fmt.Fprintf(&b, "  %s -> %s [%s];\n", dotQuote(e.From), dotQuote(e.To), strings.Join(attrs, ", "))
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}
