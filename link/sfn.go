package link

import (
	"fmt"
	"go/types"
	"path"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/jsonshape"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/manifest/asl"
	"github.com/faasvet/faasvet/report"
)

// A machineSend is what one service integration of a state machine
// sends, on the edge from the machine to the channel.
type machineSend struct {
	sm *manifest.StateMachine
	in *asl.SendInput
}

// machineFlowReason marks the edges between two functions that a state
// machine's data flow draws: the machine, not the functions, decides
// whether a loop among them ends, so they never make a cycle finding.
const machineFlowReason = "a state machine's data flow: the machine decides when its loops end"

// buildMachineFlows draws what the state machines' simulated data flow
// shows beyond the machine-to-Task edges: an edge from a function to the
// function of every Task that its output reaches, and an edge from the
// machine to every topic, queue, bus or state machine a service
// integration sends to, with the payload it sends.
func (p *program) buildMachineFlows() {
	if p.model == nil {
		return
	}
	shapes := jsonshape.NewModel()
	output := func(id string) *jsonshape.Shape {
		if rec := p.bound[id]; rec != nil && rec.fn.Output != nil {
			return shapes.Encode(rec.fn.Output)
		}
		return nil
	}
	for _, sm := range p.model.StateMachines {
		if sm.Definition == nil {
			continue
		}
		sim := sm.Simulate(nil, output)
		seen := map[[2]string]bool{}
		for _, t := range sim.Tasks {
			to := p.endpointNode(manifest.Endpoint{Kind: manifest.EndFunction, ID: t.Function})
			if to == "" {
				continue
			}
			var consumer types.Type
			if rec := p.bound[t.Function]; rec != nil {
				consumer = p.consumes(rec)
			}
			for _, f := range t.From {
				from := p.endpointNode(manifest.Endpoint{Kind: manifest.EndFunction, ID: f})
				if from == "" || from == to || seen[[2]string{from, to}] {
					continue
				}
				seen[[2]string{from, to}] = true
				// No producer type: what arrives is the simulated shape,
				// which checkStateMachines compares with the consumer.
				p.addEdge(&graphext.Edge{From: from, To: to, Via: "stepfunctions", Consumer: consumer,
					Source: "manifest", Pos: mpos(t.State.Pos), AllowCycle: machineFlowReason})
			}
		}
		for _, in := range sim.Sends {
			to := p.sendTarget(sm, in.Send)
			if to == "" {
				continue
			}
			via := map[string]string{asl.SendTopic: "sns", asl.SendQueue: "sqs", asl.SendBus: "eventbridge", asl.SendMachine: "stepfunctions"}[in.Send.Kind]
			e := &graphext.Edge{From: "sm:" + sm.ID, To: to, Via: via, Async: graphext.IsAsync(via),
				Source: "manifest", Pos: mpos(in.Send.Pos)}
			p.addEdge(e)
			p.machineSends[e] = &machineSend{sm: sm, in: in}
		}
	}
}

// sendTarget is the graph node a service integration sends to, resolved
// as the machine's Lambda Tasks are: an intrinsic or a ${NAME} naming a
// resource of the machine's template, or a literal ARN, queue URL or
// name; "" when it names nothing in the model.
func (p *program) sendTarget(sm *manifest.StateMachine, sd *asl.Send) string {
	kind := map[string]manifest.ChannelKind{asl.SendTopic: manifest.Topic, asl.SendQueue: manifest.Queue, asl.SendBus: manifest.Bus}[sd.Kind]
	ref := sd.Target
	if ref == nil {
		if sd.Kind == asl.SendBus {
			return p.channelNamed(manifest.Bus, "default")
		}
		return ""
	}
	if name, arg, ok := ref.Intrinsic(); ok {
		var id string
		switch name {
		case "Ref":
			id = arg.Str()
		case "Fn::GetAtt":
			if l := arg.List(); len(l) > 0 {
				id = l[0].Str()
			} else {
				id, _, _ = strings.Cut(arg.Str(), ".")
			}
		case "Fn::Sub":
			if n, whole := wholeSubst(arg.Str()); whole {
				id, _, _ = strings.Cut(n, ".")
			}
		}
		return p.byLogicalID(sm, sd.Kind, kind, id)
	}
	s, ok := ref.Scalar()
	if !ok {
		return ""
	}
	if ref, ok := strings.CutPrefix(s, "tfref:"); ok {
		// A reference of a Terraform definition: the resource's address
		// and attribute.
		if i := strings.LastIndex(ref, "."); i > 0 {
			return p.byAddress(sd.Kind, kind, ref[:i], sm)
		}
		return ""
	}
	if n, whole := wholeSubst(s); whole {
		// A DefinitionSubstitutions key or a Fn::Sub variable named after
		// the resource it stands for.
		id, _, _ := strings.Cut(n, ".")
		return p.byLogicalID(sm, sd.Kind, kind, id)
	}
	ep, ok := p.model.Resolve(manifest.Value{Kind: manifest.Literal, Text: s})
	if !ok {
		return ""
	}
	switch {
	case sd.Kind == asl.SendMachine && ep.Kind == manifest.EndStateMachine:
	case ep.Kind == manifest.EndChannel && p.model.Channel(ep.ID) != nil && p.model.Channel(ep.ID).Kind == kind:
	default:
		return ""
	}
	return p.endpointNode(ep)
}

// byLogicalID finds the channel or state machine of the given kind that
// the machine's own manifest declares under id.
func (p *program) byLogicalID(sm *manifest.StateMachine, sendKind string, kind manifest.ChannelKind, id string) string {
	if id == "" {
		return ""
	}
	if sendKind == asl.SendMachine {
		for _, m := range p.model.StateMachines {
			if m.LogicalID == id && m.Pos.File == sm.Pos.File {
				return "sm:" + m.ID
			}
		}
		return ""
	}
	for _, ch := range p.model.Channels {
		if ch.LogicalID == id && ch.Kind == kind && !ch.Implicit && ch.Pos.File == sm.Pos.File {
			return graphext.ChannelID(ch.ID)
		}
	}
	return ""
}

// byAddress finds the channel of the given kind that a Terraform
// configuration declares at addr: the one in the machine's directory
// when several root modules use the address.
func (p *program) byAddress(sendKind string, kind manifest.ChannelKind, addr string, sm *manifest.StateMachine) string {
	if sendKind == asl.SendMachine {
		return ""
	}
	var found []*manifest.Channel
	for _, ch := range p.model.Channels {
		if ch.Format == manifest.Terraform && ch.LogicalID == addr && ch.Kind == kind && !ch.Implicit {
			found = append(found, ch)
		}
	}
	if len(found) > 1 {
		found = slices.DeleteFunc(found, func(ch *manifest.Channel) bool { return path.Dir(ch.Pos.File) != path.Dir(sm.Pos.File) })
	}
	if len(found) != 1 {
		return ""
	}
	return graphext.ChannelID(found[0].ID)
}

// channelNamed is the channel of a kind with a name, if exactly one.
func (p *program) channelNamed(kind manifest.ChannelKind, name string) string {
	found := ""
	for _, ch := range p.model.Channels {
		if ch.Kind == kind && ch.Name == name {
			if found != "" {
				return ""
			}
			found = graphext.ChannelID(ch.ID)
		}
	}
	return found
}

// wholeSubst reports whether s is exactly one ${NAME}.
func wholeSubst(s string) (string, bool) {
	if strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}") && strings.Count(s, "${") == 1 {
		return s[2 : len(s)-1], true
	}
	return "", false
}

// compareSend checks what a state machine's service integration sends
// (the simulated payload) against what a subscriber of the channel, the
// consumer end of edge ce, decodes.
func (p *program) compareSend(w *wireState, ms *machineSend, pe, ce *graphext.Edge, consumer string) {
	if ce.Consumer == nil || len(ms.in.Shapes) == 0 {
		return
	}
	cs := w.model.Decode(ce.Consumer)
	st := ms.in.State.Name
	for _, shape := range ms.in.Shapes {
		for _, prob := range w.compatible(shape, cs).Problems {
			// As for Tasks: what the simulation cannot tell from a guess
			// stays quiet, only problems that lose or break data.
			if prob.Effect < jsonshape.Lossy {
				continue
			}
			f := finding{check: WireCheck(prob.Kind), at: pe.Pos,
				keys:  []string{ms.sm.ID, st, consumer, prob.Path},
				sites: p.edgeSites(ce, false),
				msg: fmt.Sprintf("%s: state %q of %s sends %s in its %s: %s", consumer, st, ms.sm.ID, prob.Path,
					ms.in.Send.Field, prob.Message)}
			f.related = append(f.related, report.Related{File: ce.Pos.File, Line: ce.Pos.Line, Column: ce.Pos.Column,
				Message: consumer + " subscribes here"})
			p.emit(f)
		}
	}
}
