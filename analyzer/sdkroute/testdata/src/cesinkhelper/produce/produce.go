// want package:"has-sends"

// Package produce sends CloudEvents for the programs that build a
// Producer: where they go is the sink its constructor is given.
package produce

import (
	"context"

	cloudevents "github.com/cloudevents/sdk-go/v2"

	"msg"
)

type Producer struct {
	c    cloudevents.Client
	sink string
}

func NewProducer(c cloudevents.Client, sink string) *Producer { // want NewProducer:"fields\\(c=value\\(\\$1\\), sink=\\$2\\)"
	return &Producer{c: c, sink: sink}
}

// Tick sends to the Producer's sink.
func (p *Producer) Tick() error { // want Tick:`sends\(cloudevents.Send cloudevent-type=com.example.tick payload=msg.Order sink=\$recv\.sink\)`
	e := cloudevents.NewEvent()
	e.SetType("com.example.tick")
	_ = e.SetData(cloudevents.ApplicationJSON, msg.Order{ID: "1"})
	return p.c.Send(cloudevents.ContextWithTarget(context.Background(), p.sink), e)
}

// Reply is a receiver that replies: a method value given to StartReceiver.
func (p *Producer) Reply(ctx context.Context, in cloudevents.Event) (*cloudevents.Event, error) {
	e := cloudevents.NewEvent()
	e.SetType("com.example.tock")
	_ = e.SetData(cloudevents.ApplicationJSON, msg.Receipt{OrderID: "1"})
	return &e, nil
}

// Transform takes a *Event: it makes events but receives none.
func (p *Producer) Transform(in *cloudevents.Event) (*cloudevents.Event, error) {
	e := cloudevents.NewEvent()
	e.SetType("com.example.transformed")
	return &e, nil
}
