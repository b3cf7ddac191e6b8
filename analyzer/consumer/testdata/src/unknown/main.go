// Package unknown has consumers whose payload type is not known, and
// decodes that are not of the body: the analyzer must not guess.
package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"shared"
)

type Order struct {
	ID string `json:"id"`
}

type Refund struct {
	ID string `json:"id"`
}

type Config struct{ Table string }

// A map.
func intoMap(ctx context.Context, ev events.SQSEvent) error {
	var m map[string]interface{}
	return json.Unmarshal([]byte(ev.Records[0].Body), &m)
}

// An interface.
func intoAny(ctx context.Context, ev events.SQSEvent) error {
	var v any
	return json.Unmarshal([]byte(ev.Records[0].Body), &v)
}

// A json.RawMessage.
func intoRaw(ctx context.Context, ev events.SNSEvent) error {
	var r json.RawMessage
	return json.Unmarshal([]byte(ev.Records[0].SNS.Message), &r)
}

// Never decoded: the body is used as text.
func asText(ctx context.Context, ev events.SQSEvent) error {
	for _, r := range ev.Records {
		_ = len(r.Body)
	}
	return nil
}

// A discriminator, then one of two types.
type head struct {
	Kind string `json:"kind"`
}

func discriminated(ctx context.Context, ev events.SQSEvent) error {
	for _, r := range ev.Records {
		b := []byte(r.Body)
		var h head
		if err := json.Unmarshal(b, &h); err != nil {
			return err
		}
		switch h.Kind {
		case "order":
			var o Order
			_ = json.Unmarshal(b, &o)
		case "refund":
			var rf Refund
			_ = json.Unmarshal(b, &rf)
		}
	}
	return nil
}

// Other JSON: a config file and an attribute, not the body.
func otherJSON(ctx context.Context, ev events.SQSEvent) error {
	b, _ := os.ReadFile("config.json")
	var c Config
	_ = json.Unmarshal(b, &c)
	for _, r := range ev.Records {
		if a, ok := r.MessageAttributes["meta"]; ok {
			var o Order
			_ = json.Unmarshal(a.BinaryValue, &o)
		}
	}
	return nil
}

// A target from elsewhere: an interface field.
type service struct{ out any }

func (s *service) Handle(ctx context.Context, ev events.SQSEvent) error {
	return json.Unmarshal([]byte(ev.Records[0].Body), s.out)
}

// A generic helper held in a variable, then called.
func decodeAs[T any](body string) error {
	var v T
	return json.Unmarshal([]byte(body), &v)
}

func asValue(ctx context.Context, ev events.SQSEvent) error {
	f := decodeAs[Refund]
	return f(ev.Records[0].Body)
}

// A helper passed as a value: the record's type says where the body is.
func apply(r events.SQSMessage, f func(events.SQSMessage) error) error { return f(r) }

func decodeRecord(r events.SQSMessage) error {
	var o Order
	return json.Unmarshal([]byte(r.Body), &o)
}

func passedOn(ctx context.Context, ev events.SQSEvent) error {
	return apply(ev.Records[0], decodeRecord)
}

// Recursion must terminate.
func unwrap(s string, n int) string {
	if n == 0 {
		return s
	}
	return unwrap(s, n-1)
}

func recursive(ctx context.Context, ev events.SQSEvent) error {
	var o Order
	return json.Unmarshal([]byte(unwrap(ev.Records[0].Body, 3)), &o)
}

// A non-pointer target: Unmarshal fails, and this is no payload.
func nonPointer(ctx context.Context, ev events.SQSEvent) error {
	var o Order
	return json.Unmarshal([]byte(ev.Records[0].Body), o)
}

// The body with something appended: no longer the producer's JSON alone.
func concatenated(ctx context.Context, ev events.SQSEvent) error {
	var o Order
	return json.Unmarshal([]byte("["+ev.Records[0].Body+"]"), &o)
}

// A type that embeds a pointer to itself: every walk must terminate.
type selfRef struct {
	*selfRef
	Message string
}

func selfReferent(ctx context.Context, ev events.SQSEvent) error {
	var s selfRef
	if err := json.Unmarshal([]byte(ev.Records[0].Body), &s); err != nil {
		return err
	}
	var o Order
	return json.Unmarshal([]byte(s.Message), &o)
}

// A Lambda payload shaped like a Pub/Sub message is a payload: Lambda
// has no Pub/Sub trigger.
type pushLike struct {
	Message struct {
		Data []byte `json:"data"`
	} `json:"message"`
}

func lambdaPushLike(ctx context.Context, p pushLike) error { return nil }

// A chain longer than the tracer follows: no type rather than a guess.
func deep(ctx context.Context, ev events.SQSEvent) error {
	b0 := ev.Records[0].Body
	b1 := b0
	b2 := b1
	b3 := b2
	b4 := b3
	b5 := b4
	b6 := b5
	b7 := b6
	b8 := b7
	b9 := b8
	b10 := b9
	b11 := b10
	b12 := b11
	b13 := b12
	b14 := b13
	b15 := b14
	b16 := b15
	b17 := b16
	b18 := b17
	b19 := b18
	b20 := b19
	b21 := b20
	b22 := b21
	b23 := b22
	b24 := b23
	b25 := b24
	b26 := b25
	b27 := b26
	b28 := b27
	b29 := b28
	b30 := b29
	var o Order
	return json.Unmarshal([]byte(b30), &o)
}

// No envelope, no decode: not a consumer.
func plain(ctx context.Context, o Order) (Refund, error) { return Refund(o), nil }

func main() {
	lambda.Start(intoMap)
	lambda.Start(intoAny)
	lambda.Start(intoRaw)
	lambda.Start(asText)
	lambda.Start(discriminated)
	lambda.Start(otherJSON)
	lambda.Start((&service{}).Handle)
	lambda.Start(asValue)
	lambda.Start(passedOn)
	lambda.Start(recursive)
	lambda.Start(nonPointer)
	lambda.Start(concatenated)
	lambda.Start(selfReferent)
	lambda.Start(lambdaPushLike)
	lambda.Start(deep)
	lambda.Start(plain)
	lambda.Start(shared.Handle)
}
