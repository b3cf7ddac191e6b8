// Package http is a stub of github.com/cloudevents/sdk-go/v2/protocol/http.
package http

type Protocol struct{}

type Option func(*Protocol) error

func New(opts ...Option) (*Protocol, error) { return &Protocol{}, nil }

// WithTarget sets the URL the protocol sends to.
func WithTarget(targetUrl string) Option { return func(*Protocol) error { return nil } }
