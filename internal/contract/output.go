package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/report"
)

func (r *Report) headline() string {
	other := len(r.Changes) - r.Breaking
	if len(r.Changes) == 0 {
		return "no contract changes"
	}
	return fmt.Sprintf("%s, %s", count(r.Breaking, "breaking change"), count(other, "other change"))
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func (c Change) at() string {
	if c.File == "" {
		return ""
	}
	if c.Line > 0 {
		return fmt.Sprintf("%s:%d", c.File, c.Line)
	}
	return c.File
}

// WriteText writes the changes grouped by subject, breaking ones first
// within each.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "faasvet diff --base %s: %s\n", r.Base, r.headline())
	last := ""
	for _, c := range r.Changes {
		if c.Subject != last {
			last = c.Subject
			fmt.Fprintf(&b, "\n%s", c.Subject)
			if at := c.at(); at != "" {
				fmt.Fprintf(&b, " (%s)", at)
			}
			b.WriteString("\n")
		}
		mark := "        "
		if c.Breaking {
			mark = "BREAKING"
		}
		fmt.Fprintf(&b, "  %s %s: %s\n", mark, c.Kind, c.Message)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteJSON writes the report as one indented object.
func (r *Report) WriteJSON(w io.Writer) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(r); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// WriteMarkdown writes a pull-request summary: the headline, a table of
// the changes, and a Mermaid diagram of the graph with what was added in
// green, what was removed in grey and dashed, and what breaks in red.
func (r *Report) WriteMarkdown(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## faasvet contract diff against `%s`\n\n", strings.ReplaceAll(r.Base, "`", "'"))
	if len(r.Changes) == 0 {
		b.WriteString("✅ No contract changes.\n")
		_, err := io.WriteString(w, b.String())
		return err
	}
	icon := "✅"
	if r.Breaking > 0 {
		icon = "🔴"
	}
	fmt.Fprintf(&b, "%s %s.\n\n| | Subject | Change | Details |\n|---|---|---|---|\n", icon, strings.ToUpper(r.headline()[:1])+r.headline()[1:])
	for _, c := range r.Changes {
		mark := ""
		if c.Breaking {
			mark = "🔴 breaking"
		}
		subject := report.MarkdownEscape(c.Subject)
		if at := c.at(); at != "" {
			subject += "<br>`" + strings.NewReplacer("`", "'", "|", `\|`).Replace(at) + "`"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", mark, subject, c.Kind, report.MarkdownEscape(c.Message))
	}
	b.WriteString("\n### Graph changes\n\nGreen: added; grey, dashed: removed; red: breaking.\n\n```mermaid\n")
	r.mermaid(&b)
	b.WriteString("```\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaid draws the union of the two graphs.
func (r *Report) mermaid(b *strings.Builder) {
	state := map[string]string{} // subject → "added", "removed", "breaking", "changed"
	for _, c := range r.Changes {
		switch {
		case c.Breaking:
			state[c.Subject] = "breaking"
		case strings.HasSuffix(c.Kind, "-added") && state[c.Subject] == "":
			state[c.Subject] = "added"
		case strings.HasSuffix(c.Kind, "-removed") && state[c.Subject] == "" && !strings.HasPrefix(c.Kind, "field"):
			state[c.Subject] = "removed"
		case state[c.Subject] == "":
			state[c.Subject] = "changed"
		}
	}
	b.WriteString("flowchart LR\n")
	b.WriteString("  classDef added fill:#e6ffe6,stroke:#080\n  classDef removed fill:#eee,stroke:#888,stroke-dasharray:4 3,color:#888\n")
	b.WriteString("  classDef breaking fill:#ffe6e6,stroke:#d00,stroke-width:2px\n  classDef changed fill:#fff5e0,stroke:#c80\n")
	var nodes []*graphext.Node
	seen := map[string]bool{}
	for _, g := range []*graphext.Graph{r.head, r.base} {
		for _, n := range g.Nodes() {
			if !seen[n.ID] {
				seen[n.ID] = true
				nodes = append(nodes, n)
			}
		}
	}
	slices.SortFunc(nodes, func(a, b *graphext.Node) int { return strings.Compare(a.ID, b.ID) })
	for _, n := range nodes {
		shape := "(\"%s\")"
		if n.Kind == graphext.ChannelNode {
			shape = "[(\"%s\")]"
		}
		fmt.Fprintf(b, "  %s"+shape, mermaidID(n.ID), mermaidText(n.Name))
		if s := state[string(n.Kind)+" "+n.Name]; s != "" {
			fmt.Fprintf(b, ":::%s", s)
		}
		b.WriteString("\n")
	}
	type edge struct {
		e     *graphext.Edge
		g     *graphext.Graph
		state string
	}
	var edges []edge
	matched := map[string]int{}
	for _, e := range r.head.Edges() {
		matched[edgeKey(e)]++
		edges = append(edges, edge{e, r.head, state[routeSubject(r.head, e)]})
	}
	for _, e := range r.base.Edges() {
		if matched[edgeKey(e)] > 0 {
			matched[edgeKey(e)]--
			continue
		}
		edges = append(edges, edge{e, r.base, "removed"})
	}
	styles := map[string][]string{}
	for i, x := range edges {
		arrow := "-->"
		if x.e.Async || x.state == "removed" {
			arrow = "-.->"
		}
		label := typeString(payload(x.e))
		fmt.Fprintf(b, "  %s %s|\"%s\"| %s\n", mermaidID(x.e.From), arrow, mermaidText(label), mermaidID(x.e.To))
		if x.state != "" {
			styles[x.state] = append(styles[x.state], fmt.Sprint(i))
		}
	}
	for _, s := range []string{"added", "removed", "changed", "breaking"} {
		if len(styles[s]) > 0 {
			fmt.Fprintf(b, "  linkStyle %s %s\n", strings.Join(styles[s], ","), map[string]string{
				"added": "stroke:#080,color:#080", "removed": "stroke:#888,color:#888",
				"changed": "stroke:#c80,color:#c80", "breaking": "stroke:#d00,stroke-width:2px,color:#d00",
			}[s])
		}
	}
}

// mermaidID and mermaidText follow report.WriteMermaid, so that the two
// diagrams name nodes alike.
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
