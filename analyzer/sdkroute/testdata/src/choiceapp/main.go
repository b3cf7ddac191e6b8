// Command choiceapp is a CloudEvents receiver whose handler is chosen at
// run time: the sends of each candidate are the function's.
package main

import (
	"context"
	"os"

	cloudevents "github.com/cloudevents/sdk-go/v2"

	"msg"
)

type mapper struct {
	c    cloudevents.Client
	sink string
}

func (m *mapper) reply(ctx context.Context, in cloudevents.Event) (*cloudevents.Event, error) {
	return &in, nil
}

func (m *mapper) send(ctx context.Context, in cloudevents.Event) error {
	e := cloudevents.NewEvent()
	e.SetType("com.example.order.mapped")
	_ = e.SetData(cloudevents.ApplicationJSON, msg.Order{ID: "1"})
	return m.c.Send(ctx, e)
}

func main() {
	c, _ := cloudevents.NewClientHTTP()
	m := &mapper{c: c, sink: os.Getenv("K_SINK")}
	var receiver interface{}
	if m.sink == "" {
		receiver = m.reply
	} else {
		receiver = m.send
	}
	_ = c.StartReceiver(context.Background(), receiver)
}
