// Command unresolved is a Lambda function whose routes cannot all be
// resolved statically.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"

	"cloud.google.com/go/pubsub"
	cloudevents "github.com/cloudevents/sdk-go/v2"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	awslambda "github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"msg"
)

type Request struct {
	ReplyQueue string    `json:"replyQueue"`
	Order      msg.Order `json:"order"`
	Kind       string    `json:"kind"`
}

var (
	sq = sqs.NewFromConfig(aws.Config{})
	lc = awslambda.NewFromConfig(aws.Config{})
	eb = eventbridge.NewFromConfig(aws.Config{})
)

func handle(ctx context.Context, r Request) error {
	b, _ := json.Marshal(r.Order)
	sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(r.ReplyQueue), MessageBody: aws.String(string(b))}) // want `^sqs SendMessage: cannot resolve the queue URL \(it comes from parameter r of handle, known only at run time\), so faasvet cannot draw this route of function \S+; describe it on the handler with //faas:route to=NAME via=sqs payload=msg.Order$`
	forward(ctx, "charge", strings.NewReader(r.Kind))
	eb.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{ // want `^eventbridge PutEvents: cannot resolve the event's DetailType \(fmt.Sprintf formats r.Kind with %q\), so faasvet .* //faas:publish topic=NAME payload=msg.Order$`
		Source:     aws.String("shop"),
		DetailType: aws.String(fmt.Sprintf("%q", r.Kind)),
		Detail:     aws.String(string(b)),
	}}})
	return nil
}

func forward(ctx context.Context, fn string, body *strings.Reader) {
	var raw []byte
	raw = append(raw, byte(body.Len()))
	lc.Invoke(ctx, &awslambda.InvokeInput{FunctionName: aws.String(fn), Payload: raw}) // want `^lambda Invoke: cannot resolve the payload \(it is the result of append\), so faasvet cannot draw this route of function \S+; describe it on the handler with //faas:route to=charge via=direct payload=T$`
}

// described has a directive for its SQS route: quiet.
//
//faas:route to=billing via=sqs payload=msg.Order
func described(ctx context.Context, r Request) error {
	sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(r.ReplyQueue), MessageBody: aws.String(r.Kind)})
	return nil
}

// ignored is suppressed by a reason.
func ignored(ctx context.Context, r Request) error {
	//faasvet:ignore unresolved-route the reply queue is the caller's
	sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(r.ReplyQueue), MessageBody: aws.String("{}")})
	return nil
}

// Resend is exported and no handler here reaches it: reported for the
// func, which another package may register.
func Resend(ctx context.Context, topic *pubsub.Topic, o msg.Order) {
	b, _ := json.Marshal(o)
	topic.Publish(ctx, &pubsub.Message{Data: b}) // want `^pubsub Publish: cannot resolve the topic \(it comes from parameter topic of Resend, known only at run time\), so faasvet cannot draw this route of func unresolved.Resend; describe it on unresolved.Resend with //faas:publish topic=NAME payload=msg.Order$`
}

func emit(ctx context.Context, c cloudevents.Client, kind string, v any) {
	e := cloudevents.NewEvent()
	e.SetType("com.example." + kind)
	_ = e.SetData(cloudevents.ApplicationJSON, v)
	_ = c.Send(ctx, e) // want `^cloudevents Send: cannot resolve the event type \(it comes from parameter kind of emit, known only at run time\) or the payload \(json.Marshal encodes v of static type any: it comes from parameter v of emit, known only at run time\), so faasvet cannot draw this route of func unresolved.emit; describe it on unresolved.emit with //faas:publish topic=NAME payload=T$`
}

func gatewayCall(ctx context.Context, name string, o msg.Order) {
	b, _ := json.Marshal(o)
	http.Post(os.Getenv("gateway_url")+"/function/"+name, "application/json", bytes.NewReader(b)) // want `^openfaas POST: cannot resolve the function in the gateway URL \(it comes from parameter name of gatewayCall, known only at run time\)`
}

func main() {
	lambda.Start(handle)
	lambda.Start(described)
	lambda.Start(ignored)
}
