// Command nats receives CloudEvents on the receiving subject of a NATS
// protocol that sends elsewhere.
package main

import (
	"context"

	cenats "github.com/cloudevents/sdk-go/protocol/nats/v2"
	cloudevents "github.com/cloudevents/sdk-go/v2"

	"msg"
)

func receive(ctx context.Context, in cloudevents.Event) error {
	var r msg.Refund
	return in.DataAs(&r)
}

func main() {
	p, _ := cenats.NewProtocol("nats://nats:4222", "receipts", "refunds", nil)
	c, _ := cloudevents.NewClient(p)
	_ = c.StartReceiver(context.Background(), receive)
}
