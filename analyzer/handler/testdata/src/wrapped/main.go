// Command wrapped registers its handlers through wrappers in other
// packages: their signatures are checked as lambda.Start checks them.
package main

import (
	"context"

	"golambda"
	"msg"
	"platform"
)

func order(ctx context.Context, o msg.Order) (msg.Order, error) { return o, nil }

func three(ctx context.Context, a, b string) error { return nil }

func main() {
	if len("x") > 1 {
		platform.Run(three) // want `platform.Run \(lambda.Start\) handler func\(ctx context.Context, a string, b string\) error is accepted by aws-lambda-go at start, which then fails every invocation with this error: handlers may not take more than two arguments, but handler takes 3`
	}
	golambda.Start(order)
}
