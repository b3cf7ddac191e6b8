// Package pubsub is a stub of github.com/cloudevents/sdk-go/protocol/pubsub/v2
// v2.16.2: the protocol's constructor and the options that name the
// topic a CloudEvents client sends to or subscribes to.
package pubsub

import "context"

const (
	DefaultProjectEnvKey = "GOOGLE_CLOUD_PROJECT"
	DefaultTopicEnvKey   = "PUBSUB_TOPIC"
)

// Protocol sends to one topic and receives from subscriptions.
type Protocol struct{}

// Option sets one of a Protocol's options.
type Option func(*Protocol) error

func New(ctx context.Context, opts ...Option) (*Protocol, error) { return &Protocol{}, nil }

func WithProjectID(projectID string) Option { return nil }

func WithProjectIDFromEnv(key string) Option { return nil }

func WithTopicID(topicID string) Option { return nil }

func WithTopicIDFromEnv(key string) Option { return nil }

func WithTopicIDFromDefaultEnv() Option { return WithTopicIDFromEnv(DefaultTopicEnvKey) }

func WithSubscriptionID(subscriptionID string) Option { return nil }

func WithSubscriptionAndTopicID(subscriptionID, topicID string) Option { return nil }

func WithSubscriptionTopicIDAndFilter(subscriptionID, topicID, filter string) Option { return nil }
