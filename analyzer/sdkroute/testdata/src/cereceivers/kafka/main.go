// Command kafka receives CloudEvents from a Kafka topic, as a member of a
// consumer group.
package main

import (
	"context"

	"github.com/IBM/sarama"
	cekafka "github.com/cloudevents/sdk-go/protocol/kafka_sarama/v2"
	cloudevents "github.com/cloudevents/sdk-go/v2"

	"msg"
)

func receive(ctx context.Context, in cloudevents.Event) error {
	var o msg.Order
	return in.DataAs(&o)
}

func main() {
	consumer, _ := cekafka.NewConsumer([]string{"kafka:9092"}, sarama.NewConfig(), "billing", "orders")
	c, _ := cloudevents.NewClient(consumer)
	_ = c.StartReceiver(context.Background(), receive)
}
