// Command ceapp is a CloudEvents receiver that emits events.
package main

import (
	"context"

	cloudevents "github.com/cloudevents/sdk-go/v2"

	"msg"
)

const orderPlaced = "com.example.order.placed"

type sender struct{ c cloudevents.Client }

func (s *sender) emit(ctx context.Context, e cloudevents.Event) {
	_ = s.c.Send(ctx, e)
}

func receive(ctx context.Context, in cloudevents.Event) {
	c, _ := cloudevents.NewClientHTTP()
	var o msg.Order
	_ = in.DataAs(&o)
	e := cloudevents.NewEvent()
	e.SetType(orderPlaced)
	e.SetSource("/shop/orders")
	_ = e.SetData(cloudevents.ApplicationJSON, o)
	(&sender{c: c}).emit(ctx, e)

	q := cloudevents.NewEvent()
	q.SetType("com.example.quote.requested")
	_ = q.SetData(cloudevents.ApplicationJSON, msg.Refund{OrderID: o.ID})
	resp, res := c.Request(ctx, q)
	if cloudevents.IsACK(res) && resp != nil {
		var r msg.Receipt
		_ = resp.DataAs(&r)
	}
}

func main() {
	c, _ := cloudevents.NewClientHTTP()
	_ = c.StartReceiver(context.Background(), receive)
}
