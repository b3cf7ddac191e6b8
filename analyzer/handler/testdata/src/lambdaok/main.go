package main

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/aws/aws-lambda-go/lambda"
)

type Order struct{ ID string }
type Receipt struct{ Total int }

type codedError interface {
	error
	Code() int
}

func none()                                                    {}
func onlyErr() error                                           { return nil }
func ctxOnly(ctx context.Context) error                        { return nil }
func ctxIn(ctx context.Context, o Order) (Receipt, error)      { return Receipt{}, nil }
func in(o Order) (*Receipt, error)                             { return nil, nil }
func anyIn(v any) (any, error)                                 { return nil, nil }
func raw(ctx context.Context, m json.RawMessage) error         { return nil }
func coded(ctx context.Context, o Order) (Receipt, codedError) { return Receipt{}, nil }
func variadicAny(xs ...any) error                              { return nil }

type rawHandler struct{}

func (rawHandler) Invoke(ctx context.Context, payload []byte) ([]byte, error) { return payload, nil }

type svc struct{}

func (s *svc) Handle(ctx context.Context, o Order) (Receipt, error) {
	return Receipt{}, errors.New("x")
}

func typed[In, Out any](ctx context.Context, in In) (Out, error) { var o Out; return o, nil }

func main() {
	lambda.Start(none)
	lambda.Start(onlyErr)
	lambda.Start(ctxOnly)
	lambda.Start(ctxIn)
	lambda.Start(in)
	lambda.Start(anyIn)
	lambda.Start(raw)
	lambda.Start(coded)
	lambda.Start(variadicAny)
	lambda.Start(rawHandler{})
	lambda.StartHandler(rawHandler{})
	s := &svc{}
	lambda.Start(s.Handle)
	lambda.Start(typed[Order, Receipt])
	lambda.StartHandlerFunc(ctxIn)
	lambda.Start(lambda.NewHandler(ctxIn))
	lambda.Start(func(ctx context.Context, o Order) error { return nil })
	var h interface{} = ctxIn
	lambda.Start(h)
	lambda.Start(chanPtr)
	lambda.Start(streamed)
	lambda.Start(marshaled)
	lambda.Start(keyed)
	lambda.Start(anyOut)
}

// Results that encoding/json takes, or that the runtime streams.

type stream chan []byte

func (stream) Read(p []byte) (int, error) { return 0, nil }

type custom func()

func (custom) MarshalJSON() ([]byte, error) { return []byte("null"), nil }

type key struct{}

func (key) MarshalText() ([]byte, error) { return nil, nil }

func chanPtr(o Order) (*chan int, error)         { return nil, nil }
func streamed(o Order) (stream, error)           { return nil, nil }
func marshaled(o Order) (custom, error)          { return nil, nil }
func keyed(o Order) (map[key]map[int]int, error) { return nil, nil }
func anyOut(o Order) (any, error)                { return nil, nil }

// A lookalike that nothing registers is not a handler.
func Handler(ctx context.Context, a, b, c string) (string, error) { return "", nil }

// A generic registration helper: the runtime sees the instantiated type.
func register[H any](h H) { lambda.Start(h) }
