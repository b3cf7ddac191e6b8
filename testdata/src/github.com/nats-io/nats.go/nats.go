// Package nats is a stub of github.com/nats-io/nats.go v1.45.0: the types
// that the CloudEvents NATS protocol's constructors take.
package nats

// Options are a connection's options.
type Options struct{}

// Option sets one of a connection's options.
type Option func(*Options) error

// Conn is a connection to a NATS server.
type Conn struct{}

// DefaultURL is the URL of a local server.
const DefaultURL = "nats://127.0.0.1:4222"
