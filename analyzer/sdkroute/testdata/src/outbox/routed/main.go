// Command routed registers one function whose router calls a
// controller's method, held as a value: its sends are the function's,
// with the controller's fields as its constructor set them.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"outbox/ctrl"
	"outbox/sender"
	"outbox/tx"
)

var routes = map[string]func(context.Context) error{}

func register(path string, h func(context.Context) error) { routes[path] = h }

func setup() {
	t := tx.NewTx(sender.New(sqs.New(sqs.Options{})))
	c := ctrl.New(tx.NewTemplate(t), "registrations")
	register("/register", c.Register)
}

func handle(ctx context.Context, path string) error {
	return routes[path](ctx)
}

func main() {
	setup()
	lambda.Start(handle)
}
