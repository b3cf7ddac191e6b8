// Package client is a stub of github.com/cloudevents/sdk-go/v2/client.
package client

import (
	"context"

	"github.com/cloudevents/sdk-go/v2/event"
	"github.com/cloudevents/sdk-go/v2/protocol"
	"github.com/cloudevents/sdk-go/v2/protocol/http"
)

type Client interface {
	Send(ctx context.Context, event event.Event) protocol.Result
	Request(ctx context.Context, event event.Event) (*event.Event, protocol.Result)
	StartReceiver(ctx context.Context, fn interface{}) error
}

// Option is a client option.
type Option func(interface{}) error

// New makes a client on a protocol (an HTTP *http.Protocol most often).
func New(obj interface{}, opts ...Option) (Client, error) { return nil, nil }

func NewHTTP(opts ...http.Option) (Client, error) { return nil, nil }
