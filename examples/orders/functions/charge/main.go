// Command charge charges a validated order.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/faasvet/faasvet/examples/orders/internal/msg"
)

type gateway struct{ apiKey string }

// charge sends receipts to ship through a queue, and refunds to refund.
//
//faas:route to=ship via=sqs
//faas:route to=refund via=sqs payload=msg.Refund
//faas:publish topic=order-events payload=msg.Notice
func (g *gateway) charge(ctx context.Context, v msg.Validated) (msg.Receipt, error) {
	return msg.Receipt{OrderID: v.Order.ID, Charged: v.Total}, nil
}

func main() {
	g := &gateway{apiKey: "test"}
	lambda.Start(g.charge)
}
