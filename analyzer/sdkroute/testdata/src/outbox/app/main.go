// Command app sends through the outbox: the route is the handler's,
// where it appends, with the queue it names and the type it encodes.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"msg"
	"outbox/sender"
	"outbox/tx"
)

var (
	t    = tx.NewTx(sender.New(sqs.New(sqs.Options{})))
	tmpl = tx.NewTemplate(t)
)

func handle(ctx context.Context, o msg.Order) error {
	if err := tmpl.SendJSON("orders", o); err != nil {
		return err
	}
	if err := tmpl.SendJSON(queueOf(o), msg.Refund{OrderID: o.ID}); err != nil { // want `cannot resolve`
		return err
	}
	batched(ctx, o)
	return t.Commit(ctx)
}

func queueOf(o msg.Order) string { return o.ID }

func main() { lambda.Start(handle) }

var client = sqs.New(sqs.Options{})

// batch collects orders and sends each, encoded, at flush: the sends are
// add's callers', with the type they append.
type batch struct {
	orders []msg.Order
}

func (b *batch) add(o msg.Order) { b.orders = append(b.orders, o) }

func (b *batch) flush(ctx context.Context) {
	for _, o := range b.orders {
		body, _ := json.Marshal(o)
		client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/audit"), MessageBody: aws.String(string(body))})
	}
	b.orders = b.orders[:0]
}

// mixed is no outbox: its constructor's caller gives it elements that no
// append does, so its sends stay where it sends them, as before.
type mixed struct {
	queued []string
}

func newMixed(qs []string) *mixed { return &mixed{queued: qs} }

func (m *mixed) add(s string) { m.queued = append(m.queued, s) }

func (m *mixed) flush(ctx context.Context) {
	for _, s := range m.queued {
		client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/mixed"), MessageBody: aws.String(s)}) // want `cannot resolve the payload \(the entries come from load\)`
	}
}

// logged is an outbox that sends nothing: quiet.
type logged struct {
	lines []string
}

func (l *logged) add(s string) { l.lines = append(l.lines, s) }

// unsent is an outbox whose drain nothing calls: its appends send
// nothing.
type unsent struct {
	orders []msg.Order
}

func (u *unsent) add(o msg.Order) { u.orders = append(u.orders, o) }

func (u *unsent) flushLater(ctx context.Context) {
	for _, o := range u.orders {
		body, _ := json.Marshal(o)
		client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/never"), MessageBody: aws.String(string(body))})
	}
}

// viaIface is an outbox whose drain runs through an interface of the
// package: it is live, and the append sends.
type viaIface struct {
	orders []msg.Order
}

type drainer interface{ drain(ctx context.Context) }

func (v *viaIface) add(o msg.Order) { v.orders = append(v.orders, o) }

func (v *viaIface) drain(ctx context.Context) {
	for _, o := range v.orders {
		body, _ := json.Marshal(o)
		client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/iface"), MessageBody: aws.String(string(body))})
	}
}

// peek appends to a copy, not to the field: no outbox site.
func (b *batch) peek(o msg.Order) int { return len(append(b.orders, o)) }

func (l *logged) count() int {
	n := 0
	for range l.lines {
		n++
	}
	return n
}

func batched(ctx context.Context, o msg.Order) {
	b := &batch{}
	b.add(o)
	_ = b.peek(msg.Order{ID: "peeked"})
	b.flush(ctx)
	mx := newMixed(load())
	mx.add(`{"n":2}`)
	mx.flush(ctx)
	(&unsent{}).add(o)
	vi := &viaIface{}
	vi.add(o)
	var d drainer = vi
	d.drain(ctx)
	l := &logged{}
	l.add("x")
	_ = l.count()
}

func load() []string { return nil }
