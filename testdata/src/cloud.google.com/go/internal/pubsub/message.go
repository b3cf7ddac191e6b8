// Package pubsub is a stub of cloud.google.com/go/internal/pubsub, which
// declares the Message that pubsub and pubsub/v2 alias.
package pubsub

import "time"

type Message struct {
	ID              string
	Data            []byte
	Attributes      map[string]string
	PublishTime     time.Time
	DeliveryAttempt *int
	OrderingKey     string
}
