package sdkroute

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/internal/analysisutil"
	"github.com/faasvet/faasvet/directive"
)

// report reports unresolved-route once per call site: for the first call
// of the site that leaves something unresolved and that no directive
// already describes. It stays quiet in packages that hold no FaaS
// function and are no program, such as SDK wrappers and libraries,
// unless the call is reached from a func that a //faas: directive marks
// as a handler.
func report(pass *analysis.Pass, x *index, sum *handler.Summary, bySite map[*site][]*Call) {
	marked := map[string][]*handler.Route{}
	for _, r := range sum.Routes {
		if r.Function == nil && r.Handler != "" {
			marked[r.Handler] = append(marked[r.Handler], r)
		}
	}
	// A program (a main package that registers no function) is a
	// producer node of the graph: its sends are routes too.
	inFunction := pass.Pkg.Name() == "main" || slices.ContainsFunc(sum.Functions, func(fn *handler.Function) bool { return !fn.Candidate })
	for _, fi := range x.fns {
		for _, s := range fi.sites {
			reported := false
			for _, c := range bySite[s] {
				if len(c.Unresolved) == 0 {
					continue
				}
				if !inFunction && marked[c.Entry] == nil {
					continue
				}
				if describedBy(c, marked[c.Entry]) {
					continue
				}
				reportCall(pass, s, c)
				reported = true
				break
			}
			if reported {
				continue
			}
			for _, c := range bySite[s] {
				if len(c.Assumed) == 0 || !inFunction && marked[c.Entry] == nil || describedBy(c, marked[c.Entry]) {
					continue
				}
				reportAssumed(pass, s, c)
				break
			}
		}
	}
}

// reportAssumed says what a drawn route's target rests on: a config
// key's in-code default, which faasvet cannot check no source sets.
func reportAssumed(pass *analysis.Pass, s *site, c *Call) {
	who := "func " + c.Entry
	if c.Function != nil {
		who = "function " + c.Function.Name
	}
	op := c.Service + " " + c.Op
	if c.Through != "" {
		op = fmt.Sprintf("%s (%s at %s)", c.Through, op, c.ThroughAt)
	}
	fix := fmt.Sprintf("//faas:route to=NAME via=%s", c.Via())
	if c.fanOut() {
		fix = "//faas:publish topic=NAME"
	}
	msg := fmt.Sprintf("%s: %s %s rests on %s: faasvet cannot see every source a config reads (files named at run time, parameter stores, AppConfig, the environment), so it assumes none sets the key and draws the route of %s to %q; if one does, the messages go elsewhere: describe the route on the handler with %s",
		op, c.what("target"), c.Target.Value, strings.Join(c.Assumed, " and "), who, c.Target.Name, fix)
	var related []analysis.RelatedInformation
	if c.Function != nil {
		related = append(related, analysis.RelatedInformation{Pos: c.Function.Pos, Message: "function " + c.Function.Name + " is registered here"})
	}
	for _, p := range c.Chain {
		related = append(related, analysis.RelatedInformation{Pos: p, Message: "which reaches the call through this call"})
	}
	analysisutil.Report(pass, "unresolved-route", "assumed", rng{s.call.Pos(), s.call.End()}, msg, related...)
}

// describedBy reports whether the handler's directives already describe
// the call: a route with its transport, or, for a channel, a publish.
func describedBy(c *Call, routes []*handler.Route) bool {
	via := c.Via()
	match := func(verb, v string) bool {
		if v == "" {
			v = "direct"
		}
		return verb == directive.Route && v == via || verb == directive.Publish && c.fanOut()
	}
	if c.Function != nil {
		for _, d := range c.Function.Directives {
			if match(d.Verb, d.Args["via"]) {
				return true
			}
		}
		return false
	}
	for _, r := range routes {
		verb := directive.Route
		if r.Kind == handler.Publish {
			verb = directive.Publish
		}
		if match(verb, r.Via) {
			return true
		}
	}
	return false
}

func reportCall(pass *analysis.Pass, s *site, c *Call) {
	var parts []string
	for i, u := range c.Unresolved {
		parts = append(parts, fmt.Sprintf("%s (%s)", c.what(u), c.whys[i]))
	}
	who := "func " + c.Entry
	if c.Function != nil {
		who = "function " + c.Function.Name
	}
	qual := func(p *types.Package) string {
		if p == pass.Pkg {
			return ""
		}
		return p.Name()
	}
	payload := ""
	switch {
	case c.Payload != nil:
		payload = " payload=" + types.TypeString(c.Payload, qual)
	case c.has("payload"):
		payload = " payload=T"
	}
	name := "NAME"
	if !c.has("target") && c.Target.Kind != KindBus && c.Target.Name != "" && !strings.ContainsAny(c.Target.Name, "${}*") {
		name = c.Target.Name
	}
	fix := fmt.Sprintf("//faas:route to=%s via=%s%s", name, c.Via(), payload)
	if c.fanOut() {
		fix = fmt.Sprintf("//faas:publish topic=%s%s", name, payload)
	}
	where := "the handler"
	if c.Function == nil {
		where = c.Entry
	}
	op := c.Service + " " + c.Op
	switch {
	case c.Service == "":
		// An interface call with too many implementations that send:
		// which SDK call runs is not known.
		op = "call of " + c.Through
		fix = "//faas:route to=NAME via=VIA"
	case c.Through != "":
		op = fmt.Sprintf("%s (%s at %s)", c.Through, op, c.ThroughAt)
	}
	msg := fmt.Sprintf("%s: cannot resolve %s, so faasvet cannot draw this route of %s; describe it on %s with %s",
		op, strings.Join(parts, " or "), who, where, fix)
	var related []analysis.RelatedInformation
	if c.Function != nil {
		related = append(related, analysis.RelatedInformation{Pos: c.Function.Pos, Message: "function " + c.Function.Name + " is registered here"})
	}
	for _, p := range c.Chain {
		related = append(related, analysis.RelatedInformation{Pos: p, Message: "which reaches the call through this call"})
	}
	analysisutil.Report(pass, "unresolved-route", "", rng{s.call.Pos(), s.call.End()}, msg, related...)
}

func (c *Call) has(what string) bool {
	for _, u := range c.Unresolved {
		if u == what {
			return true
		}
	}
	return false
}

// what names an unresolved part of a call for a message.
func (c *Call) what(u string) string {
	switch u {
	case "payload":
		return "the payload"
	case "source":
		return "the event's Source"
	case "detail-type":
		return "the event's DetailType"
	}
	switch c.Target.Kind {
	case KindFunction:
		return "the function name"
	case KindQueueURL, KindQueueARN:
		return "the queue URL"
	case KindTopicARN:
		return "the topic ARN"
	case KindBus:
		return "the event bus"
	case KindStateMachine:
		return "the state machine ARN"
	case KindPubSubTopic:
		return "the topic"
	case KindCloudEventType:
		return "the event type"
	case KindOpenFaaS:
		return "the function in the gateway URL"
	}
	return "the target"
}

type rng struct{ pos, end token.Pos }

func (r rng) Pos() token.Pos { return r.pos }
func (r rng) End() token.Pos { return r.end }
