package consumer

import (
	_ "embed"
	"go/token"
	"go/types"
	"reflect"

	"golang.org/x/tools/go/analysis"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/internal/analysisutil"
	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

//go:embed doc.go
var doc string

// Analyzer infers the payload type of the package's consumers: the
// handlers whose input is an envelope or raw bytes. Its result is a
// *Result.
var Analyzer = &analysis.Analyzer{
	Name:       "faasconsumer",
	Doc:        analysisutil.MustExtractDoc(doc, "faasconsumer"),
	Requires:   []*analysis.Analyzer{handler.Analyzer, flow.Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run:        analysisutil.Safe(run, func() *Result { return &Result{} }),
}

// Envelope names what wraps a payload on its way to a function.
type Envelope string

// The envelopes. A function's input is one of them; the body that it
// carries may hold another (see Payload.Inner).
const (
	SQS         Envelope = "sqs"          // events.SQSEvent: Records[].Body
	SNS         Envelope = "sns"          // events.SNSEvent: Records[].SNS.Message; inside SQS: an SNS notification
	EventBridge Envelope = "eventbridge"  // events.CloudWatchEvent (EventBridgeEvent): .Detail
	Kinesis     Envelope = "kinesis"      // events.KinesisEvent: Records[].Kinesis.Data
	DynamoDB    Envelope = "dynamodb"     // events.DynamoDBEvent: attribute values, no JSON body
	S3          Envelope = "s3"           // events.S3Event: object keys, no body
	APIGateway  Envelope = "apigateway"   // events.APIGatewayProxyRequest, APIGatewayV2HTTPRequest: .Body
	FunctionURL Envelope = "function-url" // events.LambdaFunctionURLRequest: .Body
	PubSub      Envelope = "pubsub"       // a Pub/Sub message: Message.Data, or Data of a background function's message
	CloudEvent  Envelope = "cloudevent"   // cloudevents event.Event: DataAs, Data()
	HTTP        Envelope = "http"         // *http.Request: Body (functions.HTTP, lambdaurl.Start, OpenFaaS golang-middleware)
	OpenFaaS    Envelope = "openfaas"     // OpenFaaS golang-http handler.Request: Body
	Bytes       Envelope = "bytes"        // []byte of a raw handler, json.RawMessage
)

// Result is the faasconsumer analyzer's result: one Payload for each
// function of the package whose input is an envelope or raw bytes, in the
// order of handler.Summary.Functions. Functions whose input is a plain
// payload type have none: their handler.Function.Input is the payload.
type Result struct {
	Payloads []*Payload
}

// For returns the payload of fn, or nil.
func (r *Result) For(fn *handler.Function) *Payload {
	for _, p := range r.Payloads {
		if p.Function == fn {
			return p
		}
	}
	return nil
}

// A Payload is what a consumer takes out of its envelope.
type Payload struct {
	Function *handler.Function
	// Envelope is the function's input as the platform delivers it.
	Envelope Envelope
	// Inner is the envelope that the code decodes out of the body before
	// it reaches the payload: SNS (an SNS notification delivered through
	// SQS without raw message delivery), EventBridge (an event delivered
	// through SQS or SNS), S3 (an S3 notification through SQS or SNS),
	// PubSub (a CloudEvent or an HTTP push whose data is a Pub/Sub
	// message). Empty when the body is the payload.
	Inner Envelope
	// UnwrapsSNS reports Inner == SNS.
	UnwrapsSNS bool
	// AlsoRaw is set when the code decodes the body as the payload both
	// out of the Inner envelope and directly, so that it accepts either
	// form.
	AlsoRaw bool
	// Type is the Go type that the body is decoded into (pointers
	// removed). Nil when no one type is known: see Why.
	Type types.Type
	// Pos is the decode call that gives Type; NoPos when there is none.
	Pos token.Pos
	// Ambiguous is set when the code decodes the body into several
	// different types, such as a discriminator struct and then the
	// payload: Type is then nil, and Decodes lists them.
	Ambiguous bool
	// Why says, when Type is nil, why no payload type was inferred.
	Why string
	// Decodes are the decode calls that read the body, in source order.
	Decodes []*Decode
}

// Wraps reports whether the payload reaches the function inside env,
// as the function's own envelope or the inner one.
func (p *Payload) Wraps(env Envelope) bool { return p.Envelope == env || p.Inner == env }

// A Decode is one call that decodes the body (or the inner envelope's body).
type Decode struct {
	Pos token.Pos
	// Type is the Go type decoded into, pointers removed; nil when the
	// code does not fix it (an interface value from elsewhere).
	Type types.Type
	// Codec is the decoder: "encoding/json" (also for its drop-in
	// replacements and cloudevents DataAs) or "protojson".
	Codec string
	// Wrapper is set when Type is the Inner envelope itself.
	Wrapper bool
	// Inner is set when the call decodes the inner envelope's body.
	Inner bool
}

func run(pass *analysis.Pass) (*Result, error) {
	sum := pass.ResultOf[handler.Analyzer].(*handler.Summary)
	analysisutil.Filter(pass, analysisutil.Ignores(pass, sum.Ignores))
	res := &Result{}
	if len(sum.Functions) == 0 {
		return res, nil
	}
	ix := newIndex(pass, pass.ResultOf[flow.Analyzer].(*flow.Result).Index())
	for _, fn := range sum.Functions {
		if p := ix.payload(fn); p != nil {
			res.Payloads = append(res.Payloads, p)
		}
	}
	return res, nil
}
