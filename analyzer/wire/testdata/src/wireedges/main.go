// Package wireedges sends and receives through SDK calls and envelopes:
// the payloads it finds there get the same checks as a handler's input
// and output.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"shared"
)

var sq = sqs.NewFromConfig(aws.Config{})

// Order is what the consumer decodes out of each SQS message body.
type Order struct {
	ID    string `json:"id,omitempy"` // want `payload wireedges.consume decodes from its sqs body: unknown json tag option "omitempy" on Order.ID: encoding/json ignores it; did you mean "omitempty"\?`
	Total int    `json:"total"`
}

// Shipment is what the consumer sends on, through SQS.
type Shipment struct {
	OrderID string `json:"order_id,omitempy"` // want `payload wireedges.consume sends by sqs SendMessage: unknown json tag option "omitempy" on Shipment.OrderID`
	Done    chan bool `json:"done"`           // want `payload wireedges.consume sends by sqs SendMessage field Shipment.done: json.Marshal cannot encode channel type chan bool`
}

// Ack is both decoded from the queue and sent: reported once, under
// the first role found.
type Ack struct {
	Note string `json:"note,omitempy"` // want `payload wireedges.acks sends by sqs SendMessage: unknown json tag option "omitempy" on Ack.Note`
}

// Fine is decoded and sent, and has nothing wrong: no finding.
type Fine struct {
	ID   string `json:"id,omitempty"`
	Tags []string `json:"tags,omitempty"`
}

func consume(ctx context.Context, ev events.SQSEvent) error {
	for _, rec := range ev.Records {
		var o Order
		if err := json.Unmarshal([]byte(rec.Body), &o); err != nil {
			return err
		}
		b, err := json.Marshal(Shipment{OrderID: o.ID})
		if err != nil {
			return err
		}
		_, _ = sq.SendMessage(ctx, &sqs.SendMessageInput{
			QueueUrl:    aws.String("https://sqs.eu-west-1.amazonaws.com/1/ships"),
			MessageBody: aws.String(string(b)),
		})
	}
	return nil
}

func acks(ctx context.Context, ev events.SQSEvent) error {
	var a Ack
	if err := json.Unmarshal([]byte(ev.Records[0].Body), &a); err != nil {
		return err
	}
	var f Fine
	if err := json.Unmarshal([]byte(ev.Records[0].Body), &f); err != nil {
		return err
	}
	b, _ := json.Marshal(a)
	c, _ := json.Marshal(f)
	_, _ = sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/acks"), MessageBody: aws.String(string(b))})
	_, _ = sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/fine"), MessageBody: aws.String(string(c))})
	return nil
}

// notice sends a type of another package: reported here, at the call,
// as the handler checks do.
func notice(ctx context.Context) error {
	b, _ := json.Marshal(shared.Notice{})
	_, err := sq.SendMessage(ctx, &sqs.SendMessageInput{ // want `payload wireedges.notice sends by sqs SendMessage: unknown json tag option "omitempy" on Notice.Text` `payload wireedges.notice sends by sqs SendMessage field Notice.Notify: json.Marshal cannot encode channel type chan string`
		QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/notices"), MessageBody: aws.String(string(b)),
	})
	return err
}

// Typed is a handler's input that the handler also sends on: reported
// once, as the input.
type Typed struct {
	Ref string `json:"ref,omitempy"` // want `^input of wireedges.typed: unknown json tag option "omitempy" on Typed.Ref`
}

func typed(ctx context.Context, in Typed) error {
	b, _ := json.Marshal(in)
	_, err := sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/typed"), MessageBody: aws.String(string(b))})
	return err
}

// Pointed is sent through a pointer: its pointer-receiver MarshalJSON
// runs, so no finding.
type Pointed struct{ N int }

func (p *Pointed) MarshalJSON() ([]byte, error) { return []byte("1"), nil }

func pointed(ctx context.Context) error {
	p := Pointed{N: 1}
	b, _ := json.Marshal(&p)
	_, err := sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/pointed"), MessageBody: aws.String(string(b))})
	return err
}

func main() {
	lambda.Start(pointed)
	lambda.Start(typed)
	lambda.Start(consume)
	lambda.Start(acks)
	lambda.Start(notice)
}
