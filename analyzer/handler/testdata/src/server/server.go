// Package server is a shared Lambda server: Start registers the server's
// own method, so each program that calls Start deploys one
// function with that handler, and this package deploys none.
package server

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

type Order struct {
	ID string `json:"id"`
}

type Receipt struct {
	OK bool `json:"ok"`
}

type Server struct{ prefix string }

func New(prefix string) *Server { return &Server{prefix: prefix} }

func (s *Server) handle(ctx context.Context, o Order) (Receipt, error) {
	return Receipt{OK: o.ID != s.prefix}, nil
}

func (s *Server) Start() { // want Start:`starts\(server.Server.handle, lambda.Start\)`
	lambda.Start(s.handle)
}

// Run starts through Start in this package: a call of a starter in the
// package that declares it is not followed yet, so Run is no starter.
func Run() {
	New("x").Start()
}

// Bad registers a handler that aws-lambda-go rejects: reported here, once,
// where the handler is registered, and not at each program that calls it.
func Bad() { // want Bad:`starts\(server.three, lambda.Start\)`
	lambda.Start(three) // want `handlers may not take more than two arguments`
}

func three(ctx context.Context, a, b string) error { return nil }

// serve is not exported: only this package calls it, and the function
// stays here.
func serve() {
	lambda.Start(three) // want `handlers may not take more than two arguments`
}
