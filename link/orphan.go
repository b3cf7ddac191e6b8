package link

import (
	"fmt"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/graphext"
)

func (p *program) checkChannels() {
	for _, n := range p.graph.Nodes() {
		if n.Kind != graphext.ChannelNode {
			continue
		}
		in, out := p.graph.In(n.ID), p.graph.Out(n.ID)
		// Only channels that directives alone declare can be orphans: one
		// that a manifest declares or an SDK call names may have its
		// other end outside the analysed tree (a subscription made with
		// gcloud, another team's consumer).
		fromCode := func(es []*graphext.Edge) bool {
			return len(es) > 0 && !slices.ContainsFunc(es, func(e *graphext.Edge) bool { return e.Source != "directive" })
		}
		var edges []*graphext.Edge
		var msg string
		switch {
		case len(out) == 0 && fromCode(in):
			edges, msg = in, fmt.Sprintf("channel %q has publishers (%s) but no subscriber in the analysed tree: what is published there is not consumed by any function faasvet knows", n.Name, names(p, in, true))
		case len(in) == 0 && fromCode(out):
			edges, msg = out, fmt.Sprintf("channel %q has subscribers (%s) but no publisher in the analysed tree: they never receive anything from the functions faasvet knows", n.Name, names(p, out, false))
		default:
			continue
		}
		p.emit(finding{check: "orphan-channel", at: edges[0].Pos, msg: msg, keys: []string{n.ID}, sites: p.edgeSites(edges[0], true)})
	}
}

func names(p *program, es []*graphext.Edge, from bool) string {
	var out []string
	for _, e := range es {
		id := e.To
		if from {
			id = e.From
		}
		if n := p.graph.Node(id).Name; !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}
