// Package ce has CloudEvents receivers.
package main

import (
	"context"
	"encoding/json"

	cloudevents "github.com/cloudevents/sdk-go/v2"
	"github.com/cloudevents/sdk-go/v2/event"
)

type Order struct {
	ID string `json:"id"`
}

type Refund struct {
	ID string `json:"id"`
}

func receive(ctx context.Context, e cloudevents.Event) error {
	var o Order
	return e.DataAs(&o)
}

func receiveBytes(e *event.Event) {
	var r Refund
	_ = json.Unmarshal(e.Data(), &r)
}

func main() {
	c, _ := cloudevents.NewClientHTTP()
	_ = c.StartReceiver(context.Background(), receive)
	_ = c.StartReceiver(context.Background(), receiveBytes)
}
