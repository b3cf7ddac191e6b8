package link

import (
	"fmt"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/manifest"
)

func (p *program) checkChannels() {
	reported := p.checkManifestChannels()
	for _, n := range p.graph.Nodes() {
		if n.Kind != graphext.ChannelNode || reported[n.ID] {
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

// checkManifestChannels: a queue, topic or bus that the app's own
// template declares, that receives messages, and that nothing reads. Only
// a Closed channel (see manifest.Channel) qualifies: one that an output
// exports, a policy lets something read, a resource faasvet does not
// model names, or a dead-letter configuration targets may be read from
// outside the analysed app. A function whose environment names the
// channel but that sends nothing to it may poll it: that too keeps it
// quiet.
func (p *program) checkManifestChannels() map[string]bool {
	reported := map[string]bool{}
	m := p.model
	if m == nil {
		return reported
	}
	// A failure path out of a channel (a redrive to its dead-letter
	// queue) is no reader: messages take it only after a reader failed
	// them, so a queue that nothing receives from never redrives.
	leaves := map[string]bool{}
	for _, l := range m.Links {
		if l.From.Kind == manifest.EndChannel && !failureEvent(l.Event) {
			leaves[l.From.ID] = true
		}
	}
	reads := func(e *graphext.Edge) bool { return !failureEvent(e.Via) }
	for _, ch := range m.Channels {
		if !ch.Closed || ch.Implicit || leaves[ch.ID] {
			continue
		}
		id := graphext.ChannelID(ch.ID)
		in := p.graph.In(id)
		if len(in) == 0 || slices.ContainsFunc(p.graph.Out(id), reads) || p.polled(ch, id) {
			continue
		}
		var fate string
		switch ch.Kind {
		case manifest.Queue:
			fate = fmt.Sprintf("the messages wait in the queue until its retention ends (%s) and are then deleted unread", retention(ch.Retention))
		case manifest.Topic:
			fate = "the topic has no subscription, so SNS drops every message published to it"
		case manifest.Bus:
			fate = "the bus has no rule, so EventBridge drops every event put on it"
		default:
			continue
		}
		reported[id] = true
		where := "template"
		if ch.Format == manifest.Terraform {
			where = "Terraform configuration"
		}
		p.emit(finding{check: "orphan-channel", at: mpos(ch.Pos), keys: []string{id},
			msg: fmt.Sprintf("%s %s receives messages (from %s) but nothing reads it: no function of the analysed app is triggered by it and its %s gives it to nothing else (no event source mapping, subscription, rule, output or export, or policy that lets it be read): %s; add its consumer, or stop sending to it",
				kindName(ch.Kind), ch.ID, names(p, in, true), where, fate)})
	}
	return reported
}

// polled reports whether a function's environment names the channel while
// the function sends nothing to it: it may read the channel itself.
func (p *program) polled(ch *manifest.Channel, id string) bool {
	for _, f := range p.model.Functions {
		for _, e := range f.Env {
			if !mentionsChannel(e.Value, ch.ID) {
				continue
			}
			from := p.endpointNode(manifest.Endpoint{Kind: manifest.EndFunction, ID: f.ID})
			if from == "" || !slices.ContainsFunc(p.graph.Out(from), func(e *graphext.Edge) bool { return e.To == id }) {
				return true
			}
		}
	}
	return false
}

func mentionsChannel(v manifest.Value, id string) bool {
	if v.Ref != nil && v.Ref.Target.Kind == manifest.EndChannel && v.Ref.Target.ID == id {
		return true
	}
	for _, r := range v.Refs {
		if r.Target.Kind == manifest.EndChannel && r.Target.ID == id {
			return true
		}
	}
	return false
}

func kindName(k manifest.ChannelKind) string {
	switch k {
	case manifest.Queue:
		return "queue"
	case manifest.Topic:
		return "topic"
	}
	return "event bus"
}

// retention says how long SQS keeps a message: the queue's
// MessageRetentionPeriod, else SQS's default of 4 days.
func retention(secs int) string {
	if secs <= 0 {
		return "4 days, SQS's default"
	}
	switch {
	case secs%86400 == 0:
		return plural(secs/86400, "day")
	case secs%3600 == 0:
		return plural(secs/3600, "hour")
	case secs%60 == 0:
		return plural(secs/60, "minute")
	}
	return plural(secs, "second")
}

func plural(n int, unit string) string {
	if n == 1 {
		return "1 " + unit
	}
	return fmt.Sprintf("%d %ss", n, unit)
}
