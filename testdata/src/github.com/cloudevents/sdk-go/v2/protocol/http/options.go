// Package http is a stub of github.com/cloudevents/sdk-go/v2/protocol/http.
package http

type Protocol struct{}

type Option func(*Protocol) error

func New(opts ...Option) (*Protocol, error) { return &Protocol{}, nil }
