// Package consumer defines the faasconsumer analyzer, which infers the
// payload type of the functions whose input is an envelope or raw bytes.
//
// # Analyzer faasconsumer
//
// faasconsumer: infer the payload that a consumer decodes out of its envelope
//
// A function triggered by a queue, a topic, an event bus or an HTTP request
// rarely takes its payload as its input: it takes the envelope (an
// aws-lambda-go events.SQSEvent, SNSEvent, CloudWatchEvent, KinesisEvent,
// an API Gateway or Function URL request, a CloudEvent, a Pub/Sub message,
// an *http.Request, an OpenFaaS handler.Request, raw []byte) and decodes
// the body itself. The analyzer finds the type it decodes the body into:
// json.Unmarshal, (*json.Decoder).Decode and event.DataAs calls whose data
// comes from the body field (Records[i].Body, SNS.Message, Detail,
// Kinesis.Data, Message.Data, Body), in the handler and in the functions
// of the package that it calls. It walks from the handler with the value
// tracer that faasvet's analyzers share (analyzer/internal/flow): each
// function it enters has a frame that binds its parameters and type
// parameters to the call that entered it, so that a helper's decode
// resolves to what that caller passes (decode(rec.Body, &order),
// decode[Order](rec.Body)). It follows variables, conversions, readers
// and base64 decoding, and the results of the package's functions,
// within the package and without facts.
//
// It also sees an envelope inside the body: an SQS consumer that decodes
// the body into events.SNSEntity, or a struct with a Message field, and
// then decodes Message is reading SNS notifications delivered without raw
// message delivery; an EventBridge event or an S3 notification can arrive
// the same way, and a CloudEvent or a push request can carry a Pub/Sub
// message.
//
// The result, a *Result, has a Payload for each such function: the
// envelope, the inner envelope if any, and the payload type, or no type
// and the reason (a map or an interface, several types, no decode at
// all, or code too large for the tracer's bounds). The analyzer guesses
// nothing and reports no diagnostics: the
// whole-program checks compare its payloads with what the producers send
// and what the triggers deliver.
package consumer
