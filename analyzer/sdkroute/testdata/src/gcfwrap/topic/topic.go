// want package:"has-sends"

// Package topic publishes through an interface whose Google
// implementation holds the Pub/Sub topic handle its constructor makes.
package topic

import (
	"context"

	"cloud.google.com/go/pubsub"
)

type Message struct {
	Data []byte
}

type Topic interface {
	Publish(ctx context.Context, m Message) error
}

type GoogleTopic struct {
	client *pubsub.Client
	topic  *pubsub.Topic
}

func NewGoogleTopic(ctx context.Context, projectID, topicID string) (*GoogleTopic, error) { // want NewGoogleTopic:`fields\(topic=\$3\)`
	client, err := pubsub.NewClient(ctx, projectID)
	if err != nil {
		return nil, err
	}
	return &GoogleTopic{client: client, topic: client.Topic(topicID)}, nil
}

func (t *GoogleTopic) Publish(ctx context.Context, m Message) error { // want Publish:`sends\(pubsub.Publish pubsub-topic=\$recv.topic payload=\$2.Data\)`
	t.topic.Publish(ctx, &pubsub.Message{Data: m.Data})
	return nil
}
