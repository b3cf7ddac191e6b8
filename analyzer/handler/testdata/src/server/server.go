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

// Serve starts through run, declared after it, which starts through
// Start: calls of a starter in its own package make starters too,
// whatever the order of the declarations.
func Serve() { // want Serve:`starts\(server.Server.handle, lambda.Start\)`
	run()
}

func run() {
	New("x").Start()
}

// Run starts through Start in this package.
func Run() { // want Run:`starts\(server.Server.handle, lambda.Start\)`
	New("x").Start()
}

// Later starts a func literal that calls Start when it runs: not a
// starter.
func Later() func() {
	return func() { New("x").Start() }
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
