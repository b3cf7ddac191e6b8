// Command charge charges a validated order.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/faasvet/faasvet/examples/orders/internal/msg"
)

type gateway struct{ apiKey string }

// seeded: handler-signature. aws-lambda-go accepts this handler at start
// and then fails every invocation: a handler takes at most two arguments.
func (g *gateway) charge(ctx context.Context, v msg.Validated, currency string) (msg.Receipt, error) {
	return msg.Receipt{OrderID: v.Order.ID, Charged: v.Total}, nil
}

func main() {
	g := &gateway{apiKey: "test"}
	lambda.Start(g.charge)
}
