// Package snsunwrap has SQS consumers of SNS notifications (SNS to SQS
// without raw message delivery) and of other envelopes inside the body.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

type Order struct {
	ID string `json:"id"`
}

// The SDK's SNS entity, then its Message.
func viaEntity(ctx context.Context, ev events.SQSEvent) error {
	for _, r := range ev.Records {
		var n events.SNSEntity
		if err := json.Unmarshal([]byte(r.Body), &n); err != nil {
			return err
		}
		var o Order
		if err := json.Unmarshal([]byte(n.Message), &o); err != nil {
			return err
		}
	}
	return nil
}

// A struct of the user's with a Message field, then its Message, in a
// helper.
type snsEnvelope struct {
	Message string
}

func viaStruct(ctx context.Context, ev events.SQSEvent) error {
	for _, r := range ev.Records {
		var env snsEnvelope
		if err := json.Unmarshal([]byte(r.Body), &env); err != nil {
			return err
		}
		if err := handleMessage(env.Message); err != nil {
			return err
		}
	}
	return nil
}

func handleMessage(m string) error {
	var o Order
	return json.Unmarshal([]byte(m), &o)
}

// The SNS entity decoded but its Message left alone.
func entityOnly(ctx context.Context, ev events.SQSEvent) error {
	var n events.SNSEntity
	return json.Unmarshal([]byte(ev.Records[0].Body), &n)
}

// A payload that happens to have a Message field, never decoded again:
// it is the payload, not an envelope.
type Notice struct {
	Message string `json:"message"`
	To      string `json:"to"`
}

func notice(ctx context.Context, ev events.SQSEvent) error {
	var n Notice
	return json.Unmarshal([]byte(ev.Records[0].Body), &n)
}

// A payload with a Message field that holds JSON of its own: the other
// keys say it is no SNS notification.
type job struct {
	Queue   string `json:"queue"`
	Message string `json:"Message"`
}

func nested(ctx context.Context, ev events.SQSEvent) error {
	var j job
	if err := json.Unmarshal([]byte(ev.Records[0].Body), &j); err != nil {
		return err
	}
	var o Order
	return json.Unmarshal([]byte(j.Message), &o)
}

// Tolerant: unwraps the notification when there is one, else decodes the
// body as it is.
type notification struct {
	Type     string `json:"Type"`
	TopicArn string `json:"TopicArn"`
	Message  string `json:"Message"`
}

func tolerant(ctx context.Context, ev events.SQSEvent) error {
	for _, r := range ev.Records {
		body := r.Body
		var n notification
		if err := json.Unmarshal([]byte(r.Body), &n); err == nil && n.Type == "Notification" {
			body = n.Message
		}
		var o Order
		if err := json.Unmarshal([]byte(body), &o); err != nil {
			return err
		}
	}
	return nil
}

// EventBridge to SQS: the event, then its detail.
func viaEventBridge(ctx context.Context, ev events.SQSEvent) error {
	var e events.CloudWatchEvent
	if err := json.Unmarshal([]byte(ev.Records[0].Body), &e); err != nil {
		return err
	}
	var o Order
	return json.Unmarshal(e.Detail, &o)
}

// EventBridge to SQS with a typed event of the user's.
type orderEvent struct {
	DetailType string `json:"detail-type"`
	Source     string `json:"source"`
	Detail     Order  `json:"detail"`
}

func typedEventBridge(ctx context.Context, ev events.SQSEvent) error {
	var e orderEvent
	return json.Unmarshal([]byte(ev.Records[0].Body), &e)
}

// S3 notifications through SQS.
func viaS3(ctx context.Context, ev events.SQSEvent) error {
	var s events.S3Event
	return json.Unmarshal([]byte(ev.Records[0].Body), &s)
}

// EventBridge to Lambda with a typed event of the user's: the runtime
// decodes the detail into Order.
func typedInput(ctx context.Context, e orderEvent) error { return nil }

func main() {
	lambda.Start(viaEntity)
	lambda.Start(viaStruct)
	lambda.Start(entityOnly)
	lambda.Start(notice)
	lambda.Start(nested)
	lambda.Start(tolerant)
	lambda.Start(viaEventBridge)
	lambda.Start(typedEventBridge)
	lambda.Start(viaS3)
	lambda.Start(typedInput)
}
