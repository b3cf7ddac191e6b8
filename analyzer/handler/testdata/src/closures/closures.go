// Package closures registers func literals that call the handler its
// callers pass (golambda-like libraries): the handler is the caller's
// argument, and the runtime sees the literal's signature, instantiated
// at each call.
package closures

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/lambda"

	"msg"
)

func Start[E any](h func(context.Context, E) error) { // want Start:`registers\(\$1, lambda.Start, closure\)`
	lambda.Start(func(ctx context.Context, e E) error { return h(ctx, e) })
}

func StartRaw(h func(context.Context, msg.Order) error) { // want StartRaw:`registers\(\$1, lambda.Start, closure\)`
	lambda.Start(func(ctx context.Context, raw json.RawMessage) (*msg.Order, error) {
		var o msg.Order
		if err := json.Unmarshal(raw, &o); err != nil {
			return nil, err
		}
		return &msg.Order{}, h(ctx, o)
	})
}

// StartBad's literal takes three arguments whatever its callers pass:
// reported here, once.
func StartBad(h func(string) error) { // want StartBad:`registers\(\$1, lambda.Start, closure\)`
	lambda.Start(func(ctx context.Context, a, b string) error { return h(a) }) // want `handlers may not take more than two arguments`
}

// startLocal is not exported: only this package calls it, and its
// literal is a function of this package.
func startLocal(h func(context.Context, msg.Order) error) {
	lambda.Start(func(ctx context.Context, o msg.Order) error { return h(ctx, o) })
}
