// Package nats is a stub of github.com/cloudevents/sdk-go/protocol/nats/v2
// v2.16.2: the constructors of its senders, consumers and protocols, which name
// the subject a CloudEvents client sends to or receives from.
package nats

import "github.com/nats-io/nats.go"

// Sender sends events to one subject.
type Sender struct{}

// SenderOption sets one of a Sender's options.
type SenderOption func(*Sender) error

// Protocol sends to one subject and receives from another.
type Protocol struct{}

// ProtocolOption sets one of a Protocol's options.
type ProtocolOption func(*Protocol) error

func NewSender(url, subject string, natsOpts []nats.Option, opts ...SenderOption) (*Sender, error) {
	return &Sender{}, nil
}

func NewSenderFromConn(conn *nats.Conn, subject string, opts ...SenderOption) (*Sender, error) {
	return &Sender{}, nil
}

func NewProtocol(url, sendSubject, receiveSubject string, natsOpts []nats.Option, opts ...ProtocolOption) (*Protocol, error) {
	return &Protocol{}, nil
}

func NewProtocolFromConn(conn *nats.Conn, sendSubject, receiveSubject string, opts ...ProtocolOption) (*Protocol, error) {
	return &Protocol{}, nil
}

// Consumer receives events from one subject.
type Consumer struct{}

// ConsumerOption sets one of a Consumer's options.
type ConsumerOption func(*Consumer) error

func NewConsumer(url, subject string, natsOpts []nats.Option, opts ...ConsumerOption) (*Consumer, error) {
	return &Consumer{}, nil
}

func NewConsumerFromConn(conn *nats.Conn, subject string, opts ...ConsumerOption) (*Consumer, error) {
	return &Consumer{}, nil
}
