package link

import (
	"fmt"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/manifest"
)

// checkUnreachable: a function that sends on, that no route of the graph
// feeds, and whose manifest gives it no trigger (no event source, API,
// schedule) never runs as part of the app. Without a manifest entry
// nothing is known of its triggers, and nothing is said.
func (p *program) checkUnreachable() {
	if p.model == nil {
		return
	}
	ids := make([]string, 0, len(p.bound))
	for id := range p.bound {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		rec := p.bound[id]
		mf := p.model.Function(id)
		node := graphext.FunctionID(rec.fn.Name)
		// Only a Lambda function needs a trigger: OpenFaaS and Knative
		// functions answer HTTP at their gateway or route.
		// A CDK app read from its Go source (manifest.CDKGo) shows only
		// the triggers its reader knows: an API Gateway integration or
		// any other construct it does not read may invoke the function.
		if mf == nil || mf.Platform != manifest.PlatformLambda || mf.Format == manifest.CDKGo || len(mf.Triggers) > 0 || len(p.graph.In(node)) > 0 || len(p.graph.Out(node)) == 0 {
			continue
		}
		var to []string
		for _, id := range p.graph.Successors(node) {
			to = append(to, p.graph.Node(id).Name)
		}
		p.report("unreachable", rec.fn.Pos, []string{rec.fn.Name}, fmt.Sprintf(
			"%s routes to %s, but nothing in the graph invokes it and its manifest entry %s (%s) declares no trigger: as deployed it never runs, so neither do the routes out of it; add its event source, or the route that feeds it",
			rec.fn.Name, strings.Join(to, ", "), mf.LogicalID, mf.Pos), nil)
	}
}
