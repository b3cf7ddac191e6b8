// want package:"has-sends"

// Package tx is a transactional outbox: a template marshals a message
// and appends the SQS input, with the queue's name, to the transaction;
// the transaction's commit later ranges over what was appended and sends
// each. The sends are the appenders': Append's summary is the commit's
// send, with the appended message in place of the element.
package tx

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"outbox/sender"
)

// Message is a queue's name with the input to send to it.
type Message struct {
	QueueName string
	Input     *sqs.SendMessageInput
}

// Accessor sends the messages of a transaction.
type Accessor interface {
	SendAll(ctx context.Context, msgs []*Message) error
}

type accessor struct {
	s *sender.Sender
}

// SendAll's summary is over its parameter's elements: a caller that
// passes a slice of one known element resolves through it.
func (a *accessor) SendAll(ctx context.Context, msgs []*Message) error { // want SendAll:`sends\(sqs.SendMessage queue-url=https://sqs.<region>.amazonaws.com/<account>/\$2.\[\].QueueName payload=\$2.\[\].Input.MessageBody\)`
	for _, m := range msgs {
		if err := a.s.Send(ctx, m.QueueName, m.Input); err != nil {
			return err
		}
	}
	return nil
}

// Tx holds the messages appended until Commit.
type Tx struct {
	acc      Accessor
	messages []*Message
}

func NewTx(s *sender.Sender) *Tx { return &Tx{acc: &accessor{s: s}} }

// Append defers a send to Commit.
func (t *Tx) Append(m *Message) { // want Append:`sends\(sqs.SendMessage queue-url=https://sqs.<region>.amazonaws.com/<account>/\$1.QueueName payload=\$1.Input.MessageBody\)`
	t.messages = append(t.messages, m)
}

// Commit sends what was appended; its sends are Append's callers'.
func (t *Tx) Commit(ctx context.Context) error {
	err := t.acc.SendAll(ctx, t.messages)
	t.messages = nil
	return err
}

// Template marshals messages into the transaction.
type Template struct {
	tx *Tx
}

func NewTemplate(t *Tx) *Template { return &Template{tx: t} } // want NewTemplate:`fields\(tx=value\(\$1\)\)`

// SendJSON appends v, JSON-encoded, for the queue named queue.
func (t *Template) SendJSON(queue string, v any) error { // want SendJSON:`sends\(sqs.SendMessage queue-url=https://sqs.<region>.amazonaws.com/<account>/\$1 payload=json\(\$2\)\)`
	in, err := newInput(v)
	if err != nil {
		return err
	}
	t.tx.Append(&Message{QueueName: queue, Input: in})
	return nil
}

// Delay, when set, delays the messages.
var Delay int32

// newInput builds the input one way or another: the body is the same.
func newInput(v any) (*sqs.SendMessageInput, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var in *sqs.SendMessageInput
	if Delay == 0 {
		in = &sqs.SendMessageInput{MessageBody: aws.String(string(b))}
	} else {
		in = &sqs.SendMessageInput{MessageBody: aws.String(string(b)), DelaySeconds: Delay}
	}
	return in, nil
}
