package link

import (
	"slices"
	"strings"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/manifest"
)

// ceTargets resolves where a CloudEvent goes by its transport: the
// client's target (a URL, often K_SINK, that the manifests say is a
// Broker, a Knative Service or a Deployment's Service; a Kafka topic; a
// NATS subject; a Pub/Sub topic) or, for a receiver's reply, where the
// platform delivers replies (a Trigger's reply goes back into its
// broker; a Sequence step's to the next step, the last one's to the
// Sequence's reply; a Parallel branch's to the branch's reply).
//
// The event type stays a filter where the platform filters: through a
// Broker, only the Triggers whose type (and source) filters match the
// event deliver it. A target that is a Service, a Sequence or a topic
// does not filter: the route is drawn whatever the type. decided is
// false when the transport does not decide (no target in the code, or
// one the manifests do not resolve): the call is then matched by its
// event type against every Trigger, as before transports were modelled.
func (p *program) ceTargets(rec *fnRec, c *sdkroute.Call) (targets []string, decided bool) {
	sink := c.Sink
	switch sink.Kind {
	case sdkroute.KindReply:
		return p.replyTargets(rec, c), true
	case sdkroute.KindURL:
		ep, ok := p.sinkEndpoint(rec, sink)
		if !ok {
			return nil, false
		}
		if ep.Kind == manifest.EndChannel {
			if ch := p.model.Channel(ep.ID); ch != nil && ch.Kind == manifest.Broker {
				return p.brokerTargets(c, ch.ID), true
			}
		}
		if id := p.endpointNode(ep); id != "" {
			return []string{id}, true
		}
		return nil, false
	case sdkroute.KindKafkaTopic, sdkroute.KindNATSSubject, sdkroute.KindPubSubTopic:
		if id, ok := p.transportChannel(rec, c); ok {
			return []string{id}, true
		}
	}
	return nil, false
}

// transportChannel is the channel node of a Kafka topic, NATS subject
// or Pub/Sub topic that a CloudEvents client sends to or receives from
// (c.Sink), added to the graph when it is not there yet; ok is false when
// the name is not known or another kind of channel has it.
func (p *program) transportChannel(rec *fnRec, c *sdkroute.Call) (id string, ok bool) {
	sink := c.Sink
	name := sink.Name
	if sink.Env != "" {
		if v, ok := p.envValue(rec, sink.Env); ok && v.Kind == manifest.Literal {
			name = v.Text
		}
	}
	if name == "" || len(name) > 255 || strings.ContainsAny(name, "*${}") {
		return "", false
	}
	kind := string(sink.Kind)
	if sink.Kind == sdkroute.KindPubSubTopic {
		name = lastSegment(name)
	}
	id = graphext.ChannelID(name)
	if n := p.graph.Node(id); n != nil && n.ChannelKind != kind {
		return "", false // another channel of that name: not guessed
	}
	if p.graph.Node(id) == nil {
		_ = p.graph.AddNode(&graphext.Node{ID: id, Name: name, Kind: graphext.ChannelNode, ChannelKind: kind, Pos: p.pos(c.Pos)})
	}
	return id, true
}

// receive draws the edge by which a CloudEvents receiver takes events
// from the Kafka topic, NATS subject or Pub/Sub topic its client's
// consumer names. One it cannot name draws nothing: the function is in
// the graph, and what delivers to it may be in the manifests.
func (p *program) receive(rec *fnRec, sc Call, sum *handler.Summary) {
	c := sc.SDK
	id, ok := p.transportChannel(rec, c)
	if !ok {
		return
	}
	e := &graphext.Edge{From: id, To: graphext.FunctionID(rec.fn.Name), Via: c.Via(), Async: true,
		Consumer: p.consumes(rec), Source: "sdk", Pos: p.pos(c.Pos), EnvVar: c.Sink.Env}
	p.addEdge(e)
	p.origins[e] = origin{site: checks.Site{Ignores: ignores(sum), Pos: c.Pos}}
}

// sinkEndpoint resolves a URL target: a literal, or the environment
// variable (K_SINK) the function's manifest entries set.
func (p *program) sinkEndpoint(rec *fnRec, sink sdkroute.Target) (manifest.Endpoint, bool) {
	if p.model == nil {
		return manifest.Endpoint{}, false
	}
	v := manifest.Value{Kind: manifest.Literal, Text: sink.Value}
	if sink.Env != "" {
		ev, ok := p.envValue(rec, sink.Env)
		if !ok {
			return manifest.Endpoint{}, false
		}
		v = ev
	} else if strings.ContainsAny(sink.Value, "*${}") {
		return manifest.Endpoint{}, false
	}
	return p.model.Resolve(v)
}

// repliesIntoBroker reports whether a Knative Trigger subscribes the
// function, so that its replies go back into the Trigger's broker. A
// function that no Trigger, Sequence or Parallel delivers to replies to
// whoever called it over HTTP: the reply is no route.
func (p *program) repliesIntoBroker(rec *fnRec) bool {
	if p.model == nil || rec == nil {
		return false
	}
	for _, id := range p.boundIDs[rec] {
		if mf := p.model.Function(id); mf != nil {
			for _, l := range mf.Triggers {
				if l.Event == "knative-trigger" && l.From.Kind == manifest.EndChannel {
					return true
				}
			}
		}
	}
	return false
}

// replyTargets: where the manifests deliver the replies of the function
// that returns the event.
func (p *program) replyTargets(rec *fnRec, c *sdkroute.Call) []string {
	if p.model == nil || rec == nil {
		return nil
	}
	var out []string
	add := func(ids ...string) {
		for _, id := range ids {
			if id != "" && !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	for _, id := range p.boundIDs[rec] {
		mf := p.model.Function(id)
		if mf == nil {
			continue
		}
		for _, l := range mf.Triggers {
			if l.Event == "knative-trigger" && l.From.Kind == manifest.EndChannel {
				add(p.brokerTargets(c, l.From.ID)...)
			}
		}
		for _, l := range mf.Destinations {
			if l.Event == "knative-sequence" || l.Event == "knative-parallel" {
				add(p.endpointNode(l.To))
			}
		}
	}
	slices.Sort(out)
	return out
}
