// want package:"has-sends"

// Package handlers holds the functions' logic; the topic is a field that
// New sets from its caller's implementation.
package handlers

import (
	"context"
	"encoding/json"
	"net/http"

	"gcfwrap/topic"
)

type Event struct {
	Overview string `json:"overview"`
}

type Handlers struct {
	topic topic.Topic
}

func New(t topic.Topic) *Handlers { // want New:`fields\(topic=value\(\$1\)\)`
	return &Handlers{topic: t}
}

func (h *Handlers) Start(ctx context.Context, w http.ResponseWriter, r *http.Request) error { // want Start:`sends\(pubsub.Publish pubsub-topic=\$recv.topic.topic payload=handlers.Event\)`
	data, err := json.Marshal(Event{Overview: r.Method})
	if err != nil {
		return err
	}
	return h.topic.Publish(ctx, topic.Message{Data: data})
}
