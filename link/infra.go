package link

import (
	"fmt"
	"go/types"
	"path/filepath"
	"strings"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/jsonshape"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/manifest/asl"
	"github.com/faasvet/faasvet/report"
)

// consumes is the type a function decodes its payload into: the type its
// code decodes out of an envelope, else its handler's input.
func (p *program) consumes(rec *fnRec) types.Type {
	if pl := p.payloads[rec.fn]; pl != nil {
		return pl.Type
	}
	return rec.fn.Input
}

// pkgDir is a package's directory relative to the analysed directory.
func (p *program) pkgDir(rec *fnRec) string {
	if len(rec.pkg.GoFiles) == 0 {
		return ""
	}
	return relPath(p.dir, filepath.Dir(rec.pkg.GoFiles[0]))
}

// buildManifests binds manifest functions to the code's functions by
// their code directory, and adds the manifests' channels, state machines
// and links to the graph.
func (p *program) buildManifests() {
	m := p.model
	if m == nil {
		return
	}
	for _, e := range m.Errors {
		f := finding{check: "manifest", at: graphext.Pos{File: e.Pos.File, Line: e.Pos.Line, Column: e.Pos.Col}, keys: []string{e.Pos.File},
			msg: e.Msg + "; faasvet reads the other manifests and the code without it"}
		if e.Note != "" {
			// A note: the file was read, a part of the wiring is unseen.
			f.variant, f.msg = string(e.Note), e.Msg
		}
		p.emit(f)
	}
	// Bind by directory: the code functions of each package directory.
	byDir := map[string][]*fnRec{}
	for _, rec := range p.funcs {
		if p.byName[rec.fn.Name] == rec && !p.copied[rec] {
			byDir[p.pkgDir(rec)] = append(byDir[p.pkgDir(rec)], rec)
		}
	}
	p.bound = map[string]*fnRec{}
	recOf := map[*handler.Function]*fnRec{}
	for _, rec := range p.funcs {
		recOf[rec.fn] = rec
	}
	for _, mf := range m.Functions {
		if rec := p.pinned[mf.ID]; rec != nil {
			p.bound[mf.ID] = rec // a further deployment of one code (deployTwice)
			continue
		}
		if rec := recOf[p.entryFns[mf.ID]]; rec != nil && p.byName[rec.fn.Name] == rec {
			p.bound[mf.ID] = rec // an entry point with no code directory, found by its name
			continue
		}
		if mf.CodeDir != "" {
			if rec := bindIn(byDir[mf.CodeDir], mf, m); rec != nil {
				p.bound[mf.ID] = rec
				continue
			}
			if rec := p.bindProgram(mf, byDir[mf.CodeDir]); rec != nil {
				p.bound[mf.ID] = rec
				continue
			}
		}
		// A function the manifest declares without Go code here (another
		// language, an image): a node of its own, without payload types.
		name := cmpOr(mf.Name, mf.LogicalID)
		if p.graph.Node(graphext.FunctionID(name)) != nil {
			name = mf.ID
		}
		if p.graph.Node(graphext.FunctionID(name)) == nil {
			_ = p.graph.AddNode(&graphext.Node{ID: graphext.FunctionID(name), Name: name, Kind: graphext.FunctionNode,
				Platform: string(mf.Platform), Pos: mpos(mf.Pos)})
		}
		p.manifestOnly = append(p.manifestOnly, mf.ID)
		p.manifestNames[mf.ID] = name
	}
	for _, ch := range m.Channels {
		if p.graph.Node(graphext.ChannelID(ch.ID)) == nil {
			_ = p.graph.AddNode(&graphext.Node{ID: graphext.ChannelID(ch.ID), Name: ch.ID, Kind: graphext.ChannelNode,
				ChannelKind: string(ch.Kind), Pos: mpos(ch.Pos)})
		}
	}
	for _, sm := range m.StateMachines {
		_ = p.graph.AddNode(&graphext.Node{ID: "sm:" + sm.ID, Name: sm.ID, Kind: graphext.ChannelNode, ChannelKind: "state-machine", Pos: mpos(sm.Pos)})
		if sm.Definition == nil {
			continue
		}
		seen := map[string]bool{}
		sm.Definition.Walk(func(st *asl.State) {
			if st.Function == "" || seen[st.Function] {
				return
			}
			seen[st.Function] = true
			if to := p.endpointNode(manifest.Endpoint{Kind: manifest.EndFunction, ID: st.Function}); to != "" {
				var consumerType types.Type
				if rec := p.bound[st.Function]; rec != nil {
					consumerType = p.consumes(rec)
				}
				p.addEdge(&graphext.Edge{From: "sm:" + sm.ID, To: to, Via: "stepfunctions", Consumer: consumerType,
					Source: "manifest", Pos: mpos(st.Pos)})
			}
		})
	}
	for _, l := range m.Links {
		from, to := p.endpointNode(l.From), p.endpointNode(l.To)
		if from == "" || to == "" {
			continue // an API route, a schedule, another stack's ARN: outside the graph
		}
		e := &graphext.Edge{From: from, To: to, Via: l.Event, Async: graphext.IsAsync(l.Event),
			Source: "manifest", Pos: mpos(l.Pos)}
		if l.To.Kind == manifest.EndFunction {
			if rec := p.bound[l.To.ID]; rec != nil {
				e.Consumer = p.consumes(rec)
			}
		}
		p.failurePayload(l, e)
		p.addEdge(e)
	}
}

// bindIn picks the code function of a directory that a manifest function
// is: the only one; else the one its entry point names (a Cloud
// Functions entry point is the registered name or the exported func);
// else, among functions of several styles, the only one whose style fits
// the function's triggers (an HTTP trigger, or an event).
func bindIn(recs []*fnRec, mf *manifest.Function, m *manifest.Model) *fnRec {
	if len(recs) == 1 {
		return recs[0]
	}
	if len(recs) == 0 {
		return nil
	}
	if mf.Entry != "" {
		var named []*fnRec
		for _, rec := range recs {
			if rec.fn.Name == mf.Entry || rec.fn.HandlerName == mf.Entry {
				named = append(named, rec)
			}
		}
		if len(named) == 1 {
			return named[0]
		}
		if len(named) > 1 {
			return nil
		}
	}
	if mf.Platform != manifest.PlatformCloudFunctions {
		return nil
	}
	http, event := false, false
	for _, l := range m.Links {
		if l.To.Kind != manifest.EndFunction || l.To.ID != mf.ID {
			continue
		}
		if l.Event == "http" || l.Event == "api" || l.Event == "http-api" {
			http = true
		} else {
			event = true
		}
	}
	if http == event {
		return nil
	}
	var fit []*fnRec
	for _, rec := range recs {
		if (rec.fn.Style == handler.HTTP) == http {
			fit = append(fit, rec)
		}
	}
	if len(fit) == 1 {
		return fit[0]
	}
	return nil
}

// endpointNode is the graph node of a manifest endpoint, or "".
func (p *program) endpointNode(e manifest.Endpoint) string {
	switch e.Kind {
	case manifest.EndFunction:
		if rec := p.bound[e.ID]; rec != nil {
			return graphext.FunctionID(rec.fn.Name)
		}
		if name, ok := p.manifestNames[e.ID]; ok {
			return graphext.FunctionID(name)
		}
	case manifest.EndChannel:
		return graphext.ChannelID(e.ID)
	case manifest.EndStateMachine:
		return "sm:" + e.ID
	}
	return ""
}

func mpos(p manifest.Pos) graphext.Pos {
	return graphext.Pos{File: p.File, Line: p.Line, Column: max(p.Col, 1)}
}

// envelopeOf says which envelope a manifest event wraps a payload in, or
// "" when the function gets the payload itself.
func envelopeOf(l *manifest.Link) consumer.Envelope {
	switch l.Event {
	case "sqs":
		return consumer.SQS
	case "sns":
		if l.ViaQueue {
			return consumer.SQS
		}
		return consumer.SNS
	case "eventbridge", "schedule", "cloudwatchevent":
		if l.Input != nil {
			return "" // an input transformation decides what arrives
		}
		return consumer.EventBridge
	case "kinesis":
		return consumer.Kinesis
	case "dynamodb":
		return consumer.DynamoDB
	case "s3":
		return consumer.S3
	}
	return ""
}

// checkEnvelopes compares what each trigger delivers with what the
// triggered function's code decodes.
func (p *program) checkEnvelopes() {
	if p.model == nil {
		return
	}
	for _, l := range p.model.Links {
		if l.To.Kind != manifest.EndFunction {
			continue
		}
		rec := p.bound[l.To.ID]
		if rec == nil || rec.fn.Style != handler.JSON || rec.fn.Platform != handler.Lambda {
			continue
		}
		env := envelopeOf(l)
		if env == "" {
			continue
		}
		pl := p.payloads[rec.fn]
		at := mpos(l.Pos)
		switch {
		case pl == nil:
			in := rec.fn.Input
			if !plainStruct(in) {
				continue
			}
			p.emit(finding{check: "envelope-mismatch", at: at,
				keys:    []string{rec.fn.Name, l.Event},
				related: []report.Related{related(p, rec.fn.Pos, rec.fn.Name+"'s handler")},
				msg: fmt.Sprintf("%s is triggered by %s here, which wraps each message in an %s event, but its handler decodes the event straight into %s: the keys do not match, so every field of %s is silently zero; take %s and decode the body, or deliver the payload itself",
					rec.fn.Name, l.Event, envName(env), typeString(in), typeString(in), envType(env))})
		case pl.Envelope != env && knownEnvelope(pl.Envelope):
			p.emit(finding{check: "envelope-mismatch", at: at,
				keys:    []string{rec.fn.Name, l.Event},
				related: []report.Related{related(p, rec.fn.Pos, rec.fn.Name+"'s handler")},
				msg: fmt.Sprintf("%s is triggered by %s here, which delivers an %s event, but its handler takes an %s event: the keys do not match, so every field is silently zero",
					rec.fn.Name, l.Event, envName(env), envName(pl.Envelope))})
		case env == consumer.SQS && pl.Type != nil:
			raw, viaSNS := p.snsDelivery(l)
			switch {
			case viaSNS && !raw && !pl.Wraps(consumer.SNS):
				p.emit(finding{check: "envelope-mismatch", at: at,
					keys: []string{rec.fn.Name, "sns-envelope"},
					msg: fmt.Sprintf("%s gets SNS messages through an SQS queue without raw message delivery, so each SQS body is an SNS notification ({\"Type\":\"Notification\",\"Message\":...}), but its code decodes the body straight into %s: every field is silently zero; enable RawMessageDelivery on the subscription, or decode the notification and then its Message",
						rec.fn.Name, typeString(pl.Type))})
			case viaSNS && raw && pl.Inner == consumer.SNS:
				p.emit(finding{check: "envelope-mismatch", at: at,
					keys: []string{rec.fn.Name, "sns-raw"},
					msg: fmt.Sprintf("%s gets SNS messages through an SQS queue with raw message delivery, so each SQS body is the message itself, but its code decodes an SNS notification first: its Message is always empty; decode the body as %s directly, or turn raw delivery off",
						rec.fn.Name, typeString(pl.Type))})
			}
		}
	}
}

// snsDelivery says whether an SQS trigger's queue receives from an SNS
// topic, and whether with raw message delivery.
func (p *program) snsDelivery(l *manifest.Link) (raw, viaSNS bool) {
	if l.Event == "sns" && l.ViaQueue {
		return l.RawMessageDelivery, true
	}
	if l.From.Kind != manifest.EndChannel {
		return false, false
	}
	if p.topicFeeds == nil {
		// Each queue's first subscription to a topic, indexed once rather
		// than searched for every trigger.
		p.topicFeeds = map[string]*manifest.Link{}
		for _, in := range p.model.Links {
			if in.To.Kind == manifest.EndChannel && in.From.Kind == manifest.EndChannel && p.topicFeeds[in.To.ID] == nil {
				if ch := p.model.Channel(in.From.ID); ch != nil && ch.Kind == manifest.Topic {
					p.topicFeeds[in.To.ID] = in
				}
			}
		}
	}
	if in := p.topicFeeds[l.From.ID]; in != nil {
		return in.RawMessageDelivery, true
	}
	return false, false
}

func knownEnvelope(e consumer.Envelope) bool {
	switch e {
	case consumer.SQS, consumer.SNS, consumer.EventBridge, consumer.Kinesis, consumer.DynamoDB, consumer.S3:
		return true
	}
	return false
}

func envName(e consumer.Envelope) string {
	return map[consumer.Envelope]string{consumer.SQS: "SQS", consumer.SNS: "SNS", consumer.EventBridge: "EventBridge",
		consumer.Kinesis: "Kinesis", consumer.DynamoDB: "DynamoDB stream", consumer.S3: "S3"}[e]
}

func envType(e consumer.Envelope) string {
	return map[consumer.Envelope]string{consumer.SQS: "events.SQSEvent", consumer.SNS: "events.SNSEvent", consumer.EventBridge: "events.CloudWatchEvent",
		consumer.Kinesis: "events.KinesisEvent", consumer.DynamoDB: "events.DynamoDBEvent", consumer.S3: "events.S3Event"}[e]
}

// plainStruct: a struct payload that is not itself shaped like an AWS
// event (a user-declared Records or detail struct).
func plainStruct(t types.Type) bool {
	if t == nil {
		return false
	}
	st, ok := derefType(t).Underlying().(*types.Struct)
	if !ok || st.NumFields() == 0 {
		return false
	}
	for i := range st.NumFields() {
		switch strings.ToLower(st.Field(i).Name()) {
		case "records", "detail", "detailtype", "body", "message":
			return false
		}
	}
	return true
}

// checkStateMachines runs the Step Functions data flow: paths that read
// missing keys, and what reaches each Task's function against what it
// decodes.
func (p *program) checkStateMachines(model *jsonshape.Model) {
	if p.model == nil {
		return
	}
	for _, sm := range p.model.StateMachines {
		sim := sm.Simulate(nil, func(id string) *jsonshape.Shape {
			if rec := p.bound[id]; rec != nil && rec.fn.Output != nil {
				return model.Encode(rec.fn.Output)
			}
			return nil
		})
		for _, prob := range sim.Problems {
			p.emit(finding{check: "path-missing", at: mpos(prob.Pos),
				keys: []string{sm.ID, prob.State, prob.Path}, msg: prob.Message()})
		}
		for _, task := range sim.Tasks {
			rec := p.bound[task.Function]
			if rec == nil {
				continue
			}
			in := p.consumes(rec)
			if in == nil {
				continue
			}
			cs := model.Decode(in)
			for _, shape := range task.Shapes {
				res := jsonshape.Compatible(shape, cs)
				for _, prob := range res.Problems {
					// What the simulation cannot tell from a guess stays
					// quiet: only problems that lose or break data.
					if prob.Effect >= jsonshape.Lossy {
						p.emit(finding{check: WireCheck(prob.Kind), at: mpos(task.State.Pos),
							keys: []string{sm.ID, task.State.Name, rec.fn.Name, prob.Path},
							msg:  fmt.Sprintf("%s: state %q of %s passes %s: %s", rec.fn.Name, task.State.Name, sm.ID, prob.Path, prob.Message)})
					}
				}
			}
		}
	}
}
