package link

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/report"
)

// unbound reports a send whose target the code names but that nothing
// of the analysed tree resolves to a node: an environment variable that
// no manifest of the function sets, or sets to a resource the tree does
// not declare; a literal name no function or manifest has; an event that
// no rule or trigger matches. The route is not drawn (it may well go to
// another app), and the finding (unknown-target, variant unbound, info)
// says so instead of dropping it. A target the code does not resolve is
// faassdk's unresolved-route.
func (p *program) unbound(rec *fnRec, sc Call, sum *handler.Summary) {
	c := sc.SDK
	if c.Sink.Kind == sdkroute.KindReply && c.EventType == "" {
		p.unresolvedReply(rec, sc, sum)
		return
	}
	if c.Sink.Kind == sdkroute.KindReply && !p.repliesIntoBroker(rec) {
		return // the reply is the HTTP response to whoever called: no route
	}
	if c.Target.Kind == "" || slices.Contains(c.Unresolved, "target") {
		return
	}
	what := c.Service + " " + c.Op
	if c.Through != "" {
		what = fmt.Sprintf("%s (%s at %s)", c.Through, what, c.ThroughAt)
	}
	var why string
	t := c.Target
	env := t.Env
	if env == "" {
		env, _ = soleEnv(t.Name)
	}
	switch {
	case t.Kind == sdkroute.KindBus && t.Name == "default" || t.Kind == sdkroute.KindBus && c.Source != "":
		why = fmt.Sprintf("puts an event (source %q, detail-type %q) on bus %s that no EventBridge rule of the analysed tree matches", c.Source, c.DetailType, t.Value)
	case t.Kind == sdkroute.KindCloudEventType && t.Value == "":
		why = "sends a CloudEvent whose type faasvet does not see set, so no Knative Trigger's filter can be matched to it"
	case t.Kind == sdkroute.KindCloudEventType:
		why = fmt.Sprintf("sends a CloudEvent of type %q that no Knative Trigger of the analysed tree filters on", t.Value)
	case strings.Contains(env, "*"):
		why = fmt.Sprintf("sends to the %s named by an environment variable matching %s, which no variable of %s's manifest fits", kindNoun(t.Kind), env, rec.fn.Name)
	case env != "":
		v, ok := p.envValue(rec, env)
		switch {
		case p.model == nil:
			why = fmt.Sprintf("sends to the %s named by $%s, and no manifest was read to say what it holds", kindNoun(t.Kind), env)
		case !ok && len(p.boundIDs[rec]) == 0:
			why = fmt.Sprintf("sends to the %s named by $%s, and no manifest of the analysed tree deploys %s to say what it holds", kindNoun(t.Kind), env, rec.fn.Name)
		case !ok:
			why = fmt.Sprintf("sends to the %s named by $%s, which no manifest of %s sets", kindNoun(t.Kind), env, rec.fn.Name)
		case v.Kind == manifest.Literal:
			why = fmt.Sprintf("sends to the %s named by $%s, which the manifest sets to %q, not a resource of the analysed tree", kindNoun(t.Kind), env, v.Text)
		default:
			why = fmt.Sprintf("sends to the %s named by $%s, whose manifest value faasvet cannot resolve to a resource", kindNoun(t.Kind), env)
		}
	case strings.Contains(t.Name, "${") && p.expandEnv(rec, t.Name) == "":
		why = fmt.Sprintf("sends to %s %q, whose environment variables the manifests do not give literal values", kindNoun(t.Kind), t.Value)
	default:
		name := t.Name
		if strings.Contains(t.Name, "${") {
			// The manifest gives the variables: the name they make is
			// what nothing declares.
			name = p.expandEnv(rec, t.Name)
			why = fmt.Sprintf("sends to %s %q (%s with %s's environment), which no function or manifest of the analysed tree declares", kindNoun(t.Kind), name, t.Value, rec.fn.Name)
		} else {
			why = fmt.Sprintf("sends to %s %q, which no function or manifest of the analysed tree declares", kindNoun(t.Kind), t.Value)
		}
		if p.nodeNames == nil {
			for _, n := range p.graph.Nodes() {
				p.nodeNames = append(p.nodeNames, n.Name)
			}
		}
		if near := p.dist.Nearest(name, p.nodeNames); near != "" && near != name {
			why += fmt.Sprintf(" (did you mean %q?)", near)
		}
	}
	msg := fmt.Sprintf("%s: %s %s: the route is not drawn and its payload goes unchecked; if it goes to another app, nothing is wrong; else declare the target in a manifest or describe the route with %s",
		what, rec.fn.Name, why, routeDirective(c))
	key := fmt.Sprintf("%s|%d|%s", rec.fn.Name, c.Pos, t.Value)
	if p.unboundSeen == nil {
		p.unboundSeen = map[string]bool{}
	}
	if p.unboundSeen[key] {
		return
	}
	p.unboundSeen[key] = true
	var related []report.Related
	for _, at := range c.Chain {
		related = append(related, p.related(at, "which reaches the call through this call"))
	}
	if rec.fn.Pos.IsValid() {
		related = append([]report.Related{p.related(rec.fn.Pos, rec.fn.Name+" is registered here")}, related...)
	}
	p.emit(finding{check: "unknown-target", variant: "unbound", at: p.pos(c.Pos), msg: msg,
		keys: []string{rec.fn.Name, t.Value}, related: related,
		sites: []checks.Site{{Ignores: ignores(sum), Pos: c.Pos}}})
}

// routeDirective is the directive that describes a call's route.
func routeDirective(c *sdkroute.Call) string {
	switch c.Via() {
	case "sns", "eventbridge", "pubsub", "cloudevents":
		return "//faas:publish topic=NAME"
	}
	return "//faas:route to=NAME via=" + c.Via()
}

func kindNoun(k sdkroute.TargetKind) string {
	switch k {
	case sdkroute.KindFunction, sdkroute.KindOpenFaaS:
		return "function"
	case sdkroute.KindQueueURL, sdkroute.KindQueueARN:
		return "queue"
	case sdkroute.KindTopicARN, sdkroute.KindPubSubTopic:
		return "topic"
	case sdkroute.KindBus:
		return "event bus"
	case sdkroute.KindStateMachine:
		return "state machine"
	}
	return "target"
}

func (p *program) related(at token.Pos, msg string) report.Related {
	ps := p.pos(at)
	return report.Related{File: ps.File, Line: ps.Line, Column: ps.Column, Message: msg}
}

// unresolvedReply reports a receiver's reply whose event type faasvet
// cannot resolve, when the function is subscribed by a Knative Trigger:
// the platform puts the reply back into the Trigger's broker, where only
// the Triggers whose filter matches its type deliver it, so which
// function gets it is not known. The finding (unknown-target, variant
// unbound, info) names that chain: the Trigger, its broker, the reply.
// A reply that a Sequence or Parallel delivers goes on whatever its type,
// and is drawn.
func (p *program) unresolvedReply(rec *fnRec, sc Call, sum *handler.Summary) {
	c := sc.SDK
	if p.model == nil {
		return
	}
	var via []string
	var related []report.Related
	for _, id := range p.boundIDs[rec] {
		mf := p.model.Function(id)
		if mf == nil {
			continue
		}
		for _, l := range mf.Triggers {
			if l.Event != "knative-trigger" || l.From.Kind != manifest.EndChannel {
				continue
			}
			broker := l.From.ID
			if ch := p.model.Channel(broker); ch != nil && ch.Name != "" {
				broker = ch.Name
			}
			one := "broker " + broker
			if l.Name != "" {
				one = fmt.Sprintf("Trigger %s into broker %s", l.Name, broker)
			}
			if !slices.Contains(via, one) {
				via = append(via, one)
				related = append(related, report.Related{File: l.Pos.File, Line: l.Pos.Line, Column: max(l.Pos.Col, 1),
					Message: "the " + one + ": the reply goes back into the broker"})
			}
		}
	}
	if len(via) == 0 {
		return
	}
	slices.Sort(via)
	msg := fmt.Sprintf("cloudevents Reply: %s replies with a CloudEvent whose type faasvet cannot resolve, and its replies go back through %s, where only the Triggers whose filter matches the type deliver them: the route is not drawn and its payload goes unchecked; set the type with a constant (SetType(\"...\")) or describe the route with %s",
		rec.fn.Name, strings.Join(via, " and "), routeDirective(c))
	key := fmt.Sprintf("%s|%d|reply", rec.fn.Name, c.Pos)
	if p.unboundSeen == nil {
		p.unboundSeen = map[string]bool{}
	}
	if p.unboundSeen[key] {
		return
	}
	p.unboundSeen[key] = true
	for _, at := range c.Chain {
		related = append(related, p.related(at, "which reaches the reply through this call"))
	}
	if rec.fn.Pos.IsValid() {
		related = append([]report.Related{p.related(rec.fn.Pos, rec.fn.Name+" is registered here")}, related...)
	}
	p.emit(finding{check: "unknown-target", variant: "unbound", at: p.pos(c.Pos), msg: msg,
		keys: []string{rec.fn.Name, "reply"}, related: related,
		sites: []checks.Site{{Ignores: ignores(sum), Pos: c.Pos}}})
}
