// Package helpers decodes bodies in functions that the handlers call.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

type Order struct {
	ID string `json:"id"`
}

type Invoice struct {
	Number int `json:"number"`
}

type Refund struct {
	Amount int `json:"amount"`
}

type Audit struct{ Who string }

type Wrapped[T any] struct {
	Items []T `json:"items"`
}

// The record goes to a helper, which reads its body.
func byRecord(ctx context.Context, ev events.SQSEvent) error {
	for _, r := range ev.Records {
		if err := processRecord(ctx, r); err != nil {
			return err
		}
	}
	return nil
}

func processRecord(ctx context.Context, r events.SQSMessage) error {
	var o Order
	return json.Unmarshal([]byte(r.Body), &o)
}

// The body goes to a helper as a string, and on to another.
func byBody(ctx context.Context, ev events.SQSEvent) error {
	for _, r := range ev.Records {
		if err := handleBody(r.Body); err != nil {
			return err
		}
	}
	return nil
}

func handleBody(body string) error {
	return parseInvoice([]byte(body))
}

func parseInvoice(b []byte) error {
	var inv Invoice
	return json.Unmarshal(b, &inv)
}

// A helper that decodes into what its caller passes.
func decodeInto(data []byte, v any) error {
	return json.Unmarshal(data, v)
}

func intoTarget(ctx context.Context, ev events.SQSEvent) error {
	var rf Refund
	return decodeInto([]byte(ev.Records[0].Body), &rf)
}

// The same helper, called by another handler with another type: each
// handler sees its own.
func intoTarget2(ctx context.Context, ev events.SNSEvent) error {
	var a Audit
	return decodeInto([]byte(ev.Records[0].SNS.Message), &a)
}

// A generic helper, explicitly instantiated.
func decode[T any](body string) (T, error) {
	var v T
	err := json.Unmarshal([]byte(body), &v)
	return v, err
}

func generic(ctx context.Context, ev events.SQSEvent) error {
	for _, r := range ev.Records {
		o, err := decode[Order](r.Body)
		if err != nil {
			return err
		}
		_ = o
	}
	return nil
}

// A generic helper whose type argument is a generic type.
func genericNested(ctx context.Context, ev events.SNSEvent) error {
	w, err := decode[Wrapped[Invoice]](ev.Records[0].SNS.Message)
	_ = w
	return err
}

// A generic helper instantiated by inference from its pointer argument.
func decodePtr[T any](body []byte, v *T) error {
	return json.NewDecoder(bytes.NewReader(body)).Decode(v)
}

func inferred(ev events.KinesisEvent) error {
	var rf Refund
	return decodePtr(ev.Records[0].Kinesis.Data, &rf)
}

// A helper that returns the body, and a reader over it.
func bodyOf(r events.SQSMessage) []byte { return []byte(r.Body) }

func readerOf(s string) io.Reader { return strings.NewReader(s) }

func viaResult(ctx context.Context, ev events.SQSEvent) error {
	var o Order
	if err := json.Unmarshal(bodyOf(ev.Records[0]), &o); err != nil {
		return err
	}
	dec := json.NewDecoder(readerOf(ev.Records[0].Body))
	dec.DisallowUnknownFields()
	var o2 Order
	return dec.Decode(&o2)
}

// A method handler with a method helper, and a local literal.
type Service struct{ prefix string }

func (s *Service) Handle(ctx context.Context, ev events.SQSEvent) error {
	parse := func(b string) (*Invoice, error) {
		inv := &Invoice{}
		return inv, json.Unmarshal([]byte(b), inv)
	}
	for _, r := range ev.Records {
		if _, err := parse(r.Body); err != nil {
			return s.fail(err)
		}
	}
	return nil
}

func (s *Service) fail(err error) error { return fmt.Errorf("%s: %w", s.prefix, err) }

// A helper applied twice.
func trim(b []byte) []byte { return bytes.TrimSpace(b) }

func twice(ctx context.Context, ev events.SQSEvent) error {
	var inv Invoice
	return json.Unmarshal(trim(trim([]byte(ev.Records[0].Body))), &inv)
}

// io.ReadAll of a reader over the body.
func readAll(ctx context.Context, ev events.SQSEvent) error {
	b, err := io.ReadAll(strings.NewReader(ev.Records[0].Body))
	if err != nil {
		return err
	}
	var a Audit
	return json.Unmarshal(bytes.TrimSpace(b), &a)
}

// A generic consumer type, instantiated at registration.
type Consumer[T any] struct{}

func (c Consumer[T]) Handle(ctx context.Context, ev events.SQSEvent) error {
	for _, r := range ev.Records {
		var v T
		if err := json.Unmarshal([]byte(r.Body), &v); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	lambda.Start(byRecord)
	lambda.Start(byBody)
	lambda.Start(intoTarget)
	lambda.Start(intoTarget2)
	lambda.Start(generic)
	lambda.Start(genericNested)
	lambda.Start(inferred)
	lambda.Start(viaResult)
	s := &Service{prefix: "svc"}
	lambda.Start(s.Handle)
	lambda.Start(twice)
	lambda.Start(readAll)
	lambda.Start(Consumer[Refund]{}.Handle)
}

// A method expression: its first argument is the receiver.
type codec struct{}

func (codec) decode(b []byte, v any) error { return json.Unmarshal(b, v) }

func viaMethodExpr(ctx context.Context, ev events.SQSEvent) error {
	var o Order
	return codec.decode(codec{}, []byte(ev.Records[0].Body), &o)
}

// A spread call binds the parameters before the variadic one.
func decodeFirst(v any, body string, _ ...string) error { return json.Unmarshal([]byte(body), v) }

func viaSpread(ctx context.Context, ev events.SQSEvent) error {
	var inv Invoice
	return decodeFirst(&inv, ev.Records[0].Body, []string{"x"}...)
}

func init() {
	lambda.Start(viaMethodExpr)
	lambda.Start(viaSpread)
}
