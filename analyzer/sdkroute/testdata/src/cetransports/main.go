// Command cetransports sends CloudEvents over Kafka, NATS and Pub/Sub:
// each client's protocol names where its events go.
package main

import (
	"context"
	"os"

	"github.com/IBM/sarama"
	cekafka "github.com/cloudevents/sdk-go/protocol/kafka_sarama/v2"
	cenats "github.com/cloudevents/sdk-go/protocol/nats/v2"
	cepubsub "github.com/cloudevents/sdk-go/protocol/pubsub/v2"
	cloudevents "github.com/cloudevents/sdk-go/v2"

	"msg"
)

func kafka(ctx context.Context, o msg.Order, producer sarama.SyncProducer) {
	s, _ := cekafka.NewSender([]string{"localhost:9092"}, sarama.NewConfig(), "orders")
	c, _ := cloudevents.NewClient(s)
	e1 := cloudevents.NewEvent()
	e1.SetType("com.example.order")
	_ = e1.SetData(cloudevents.ApplicationJSON, o)
	_ = c.Send(ctx, e1)

	// The topic comes first here, the producer second.
	sp, _ := cekafka.NewSenderFromSyncProducer("refunds", producer)
	c2, _ := cloudevents.NewClient(sp)
	e2 := cloudevents.NewEvent()
	e2.SetType("com.example.refund")
	_ = e2.SetData(cloudevents.ApplicationJSON, msg.Refund{OrderID: o.ID})
	_ = c2.Send(ctx, e2)

	p, _ := cekafka.NewProtocol([]string{"localhost:9092"}, sarama.NewConfig(), os.Getenv("RECEIPTS_TOPIC"), "in")
	c3, _ := cloudevents.NewClient(p)
	e3 := cloudevents.NewEvent()
	e3.SetType("com.example.receipt")
	_ = e3.SetData(cloudevents.ApplicationJSON, msg.Receipt{OrderID: o.ID})
	_ = c3.Send(ctx, e3)
}

func nats(ctx context.Context, o msg.Order) {
	s, _ := cenats.NewSender("nats://localhost:4222", "orders.placed", nil)
	c, _ := cloudevents.NewClient(s)
	e4 := cloudevents.NewEvent()
	e4.SetType("com.example.order")
	_ = e4.SetData(cloudevents.ApplicationJSON, o)
	_ = c.Send(ctx, e4)

	p, _ := cenats.NewProtocol("nats://localhost:4222", "refunds", "in", nil)
	c2, _ := cloudevents.NewClient(p)
	e5 := cloudevents.NewEvent()
	e5.SetType("com.example.refund")
	_ = e5.SetData(cloudevents.ApplicationJSON, msg.Refund{OrderID: o.ID})
	_ = c2.Send(ctx, e5)
}

func pubsub(ctx context.Context, o msg.Order) {
	p, _ := cepubsub.New(ctx, cepubsub.WithProjectID("shop"), cepubsub.WithTopicID("orders"))
	c, _ := cloudevents.NewClient(p)
	e6 := cloudevents.NewEvent()
	e6.SetType("com.example.order")
	_ = e6.SetData(cloudevents.ApplicationJSON, o)
	_ = c.Send(ctx, e6)

	p2, _ := cepubsub.New(ctx, cepubsub.WithTopicIDFromEnv("REFUNDS_TOPIC"))
	c2, _ := cloudevents.NewClient(p2)
	e7 := cloudevents.NewEvent()
	e7.SetType("com.example.refund")
	_ = e7.SetData(cloudevents.ApplicationJSON, msg.Refund{OrderID: o.ID})
	_ = c2.Send(ctx, e7)

	p3, _ := cepubsub.New(ctx, cepubsub.WithTopicIDFromDefaultEnv())
	c3, _ := cloudevents.NewClient(p3)
	e8 := cloudevents.NewEvent()
	e8.SetType("com.example.receipt")
	_ = e8.SetData(cloudevents.ApplicationJSON, msg.Receipt{OrderID: o.ID})
	_ = c3.Send(ctx, e8)
}

func receive(ctx context.Context, in cloudevents.Event) {
	var o msg.Order
	_ = in.DataAs(&o)
	kafka(ctx, o, nil)
	nats(ctx, o)
	pubsub(ctx, o)
}

func main() {
	c, _ := cloudevents.NewClientHTTP()
	_ = c.StartReceiver(context.Background(), receive)
}
