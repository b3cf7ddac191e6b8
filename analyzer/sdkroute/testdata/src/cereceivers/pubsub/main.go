// Command pubsub receives CloudEvents through a Pub/Sub subscription to
// a topic; the topic it would send to is not where it receives.
package main

import (
	"context"

	cepubsub "github.com/cloudevents/sdk-go/protocol/pubsub/v2"
	cloudevents "github.com/cloudevents/sdk-go/v2"

	"msg"
)

func receive(ctx context.Context, in cloudevents.Event) error {
	var r msg.Receipt
	return in.DataAs(&r)
}

func main() {
	ctx := context.Background()
	p, _ := cepubsub.New(ctx, cepubsub.WithTopicID("outbox"), cepubsub.WithSubscriptionAndTopicID("billing-sub", "receipts"))
	c, _ := cloudevents.NewClient(p)
	_ = c.StartReceiver(ctx, receive)
}
