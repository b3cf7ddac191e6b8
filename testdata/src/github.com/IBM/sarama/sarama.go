// Package sarama is a stub of github.com/IBM/sarama v1.45.2: the types
// that the CloudEvents Kafka protocol's constructors take.
package sarama

// Config is the client configuration.
type Config struct{}

// NewConfig returns a Config with the defaults.
func NewConfig() *Config { return &Config{} }

// Client is a Kafka client (its methods are not stubbed).
type Client interface{}

// SyncProducer publishes messages synchronously (its methods are not stubbed).
type SyncProducer interface{}
