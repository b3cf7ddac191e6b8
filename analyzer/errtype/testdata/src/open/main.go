// Package main is a handler that returns an error faasvet cannot follow:
// its set stays open.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/lambda"
)

type Order struct{ ID string }

type store interface{ Put(o Order) error }

var db store

func handle(ctx context.Context, raw json.RawMessage) (Order, error) { // want handle:`errors\(.*errorString; open: .+\)`
	var o Order
	if err := json.Unmarshal(raw, &o); err != nil {
		return o, err
	}
	if o.ID == "" {
		return o, errorsNew()
	}
	return o, save(o)
}

func save(o Order) error { // want save:`errors\(; open: the error of db.Put, a call through an interface or a func value\)`
	return db.Put(o)
}

func errorsNew() error { // want errorsNew:`errors\(errorString\)`
	return &errorString{}
}

type errorString struct{}

func (*errorString) Error() string { return "" }

func main() {
	lambda.Start(func(ctx context.Context, raw json.RawMessage) (Order, error) {
		return handle(ctx, raw)
	})
}
