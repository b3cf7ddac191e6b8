// Command instrumented registers its handler through an instrumenting
// wrapper: the function's payload types are the handler's.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"tracing"
)

type Order struct {
	ID string `json:"id"`
}

type Receipt struct {
	OK bool `json:"ok"`
}

func handle(ctx context.Context, o Order) (Receipt, error) { return Receipt{OK: o.ID != ""}, nil }

// three would fail under aws-lambda-go, but the wrapper's own checks
// decide what happens to it: nothing is reported.
func three(ctx context.Context, a, b string) error { return nil }

func report(err error) {}

func main() {
	lambda.Start(tracing.Wrap(handle, nil))
	lambda.Start(tracing.Wrap(three, &tracing.Config{Service: "x"}))
	lambda.Start(tracing.Two(handle, report)) // two funcs: no function
}
