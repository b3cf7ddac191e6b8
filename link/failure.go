package link

import (
	"fmt"
	"go/token"
	"go/types"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/report"
)

// Failure paths are routes too. A function's dead-letter queue gets the
// event that failed, unchanged; an SQS queue's redrive policy moves a
// message, unchanged, to its dead-letter queue (a channel-to-channel
// edge, through which the queue's publishers reach the dead-letter
// queue's consumers); an asynchronous invocation's destination gets the
// invocation record, which wraps the event (requestPayload) and the
// function's result or error (responsePayload). Each edge carries that
// payload, so the wire checks compare it with what the consumer of the
// queue, topic, bus or function at the other end decodes.

// failureReason marks the edges of failure paths: they carry a message
// only when something failed, so a loop through them (a dead-letter
// consumer that sends the message back to be tried again) is a retry
// policy, not a cycle.
const failureReason = "a failure path: it carries a message only when delivery or the function failed"

// failureEvent reports whether a manifest link is a failure path or a
// destination.
func failureEvent(event string) bool {
	return event == "destination" || event == "dead-letter" || event == "redrive"
}

// failurePayload sets what a failure path or destination edge carries
// from the function it leaves.
func (p *program) failurePayload(l *manifest.Link, e *graphext.Edge) {
	if !failureEvent(l.Event) {
		return
	}
	e.Async = true
	e.AllowCycle = failureReason
	if l.From.Kind != manifest.EndFunction {
		return
	}
	rec := p.bound[l.From.ID]
	if rec == nil || rec.fn.Platform != handler.Lambda || rec.fn.Style != handler.JSON {
		return
	}
	switch l.Event {
	case "dead-letter":
		e.Producer = rec.fn.Input
		p.failureNames[e] = rec.fn.Name + "'s dead-letter queue (the failed event)"
	case "destination":
		failure := l.Destination == "on-failure"
		e.Producer = p.destinationRecord(rec, failure)
		what := "on-success"
		if failure {
			what = "on-failure"
		}
		p.failureNames[e] = rec.fn.Name + "'s " + what + " destination (the invocation record)"
	}
}

// producerName names the sending end of an edge in messages: the
// function, or what its failure path sends.
func (p *program) producerName(e *graphext.Edge, name string) string {
	if n, ok := p.failureNames[e]; ok {
		return n
	}
	return name
}

// destinationPkg holds the invocation record types: aws-lambda-go has no
// Go type for them.
var destinationPkg = types.NewPackage("faasvet/lambda/destination", "destination")

// destinationRecord is the record Lambda sends to an asynchronous
// invocation's destination, with the function's event as requestPayload
// and, on failure, the error object aws-lambda-go reports
// ({"errorMessage","errorType"}), on success the function's result, as
// responsePayload:
//
//	{"version":"1.0","timestamp":"...","requestContext":{"requestId":"...",
//	 "functionArn":"...","condition":"RetriesExhausted","approximateInvokeCount":3},
//	 "requestPayload":EVENT,"responseContext":{"statusCode":200,
//	 "executedVersion":"$LATEST","functionError":"Unhandled"},"responsePayload":ERROR}
func (p *program) destinationRecord(rec *fnRec, failure bool) types.Type {
	key := destKey{rec.fn, failure}
	if t, ok := p.destTypes[key]; ok {
		return t
	}
	str := types.Typ[types.String]
	num := types.Typ[types.Int]
	field := func(name string, t types.Type) *types.Var {
		return types.NewField(token.NoPos, destinationPkg, name, t, false)
	}
	object := types.NewStruct
	anyT := types.Universe.Lookup("any").Type()
	request := rec.fn.Input
	if request == nil {
		request = anyT
	}
	name := "OnSuccess"
	var response types.Type
	if failure {
		name = "OnFailure"
		response = object([]*types.Var{field("ErrorMessage", str), field("ErrorType", str), field("StackTrace", types.NewSlice(str))},
			[]string{`json:"errorMessage"`, `json:"errorType"`, `json:"stackTrace,omitempty"`})
	} else {
		response = rec.fn.Output
		if response == nil {
			response = anyT
		}
	}
	requestContext := object([]*types.Var{field("RequestID", str), field("FunctionArn", str), field("Condition", str), field("ApproximateInvokeCount", num)},
		[]string{`json:"requestId"`, `json:"functionArn"`, `json:"condition"`, `json:"approximateInvokeCount"`})
	responseContext := object([]*types.Var{field("StatusCode", num), field("ExecutedVersion", str), field("FunctionError", str)},
		[]string{`json:"statusCode"`, `json:"executedVersion"`, `json:"functionError,omitempty"`})
	st := object([]*types.Var{
		field("Version", str), field("Timestamp", str), field("RequestContext", requestContext), field("RequestPayload", request),
		field("ResponseContext", responseContext), field("ResponsePayload", response),
	}, []string{`json:"version"`, `json:"timestamp"`, `json:"requestContext"`, `json:"requestPayload"`,
		`json:"responseContext"`, `json:"responsePayload"`})
	t := types.NewNamed(types.NewTypeName(token.NoPos, destinationPkg, name, nil), st, nil)
	p.destTypes[key] = t
	return t
}

type destKey struct {
	fn      *handler.Function
	failure bool
}

// isDestinationRecord reports whether t is an invocation record type.
func isDestinationRecord(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() == destinationPkg
}

// recordAsEvent reports, as an envelope-mismatch, a consumer of a
// destination that decodes the record as the event itself: every field
// is zero, since the event is in requestPayload. It says whether it did.
func (p *program) recordAsEvent(pe, ce *graphext.Edge, producer, consumer string) bool {
	if !isDestinationRecord(pe.Producer) {
		return false
	}
	st := pe.Producer.Underlying().(*types.Struct)
	event := st.Field(3).Type() // RequestPayload
	if !types.Identical(derefType(event), derefType(ce.Consumer)) || !plainStruct(ce.Consumer) {
		return false
	}
	f := finding{check: "envelope-mismatch", at: pe.Pos,
		keys:  []string{producer, consumer, "destination-record"},
		sites: append(p.edgeSites(pe, false), p.edgeSites(ce, false)...),
		msg: fmt.Sprintf("%s decodes what %s sends as %s, but a destination receives the invocation record ({\"requestPayload\": the event, \"responsePayload\": the result or error, ...}), not the event: every field of %s is silently zero; decode a struct with RequestPayload %s `json:\"requestPayload\"`",
			consumer, producer, typeString(ce.Consumer), typeString(ce.Consumer), typeString(event))}
	if ce != pe {
		f.related = append(f.related, report.Related{File: ce.Pos.File, Line: ce.Pos.Line, Column: ce.Pos.Column,
			Message: consumer + " subscribes here"})
	}
	p.emit(f)
	return true
}
