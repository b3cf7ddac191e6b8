// Command validate checks an order and totals it.
package main

import (
	"context"
	"errors"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/faasvet/faasvet/examples/orders/internal/msg"
)

// validate hands valid orders to charge: a correct edge.
//
//faas:route to=charge
func validate(ctx context.Context, o msg.Order) (msg.Validated, error) {
	if len(o.Items) == 0 {
		return msg.Validated{}, errors.New("empty order")
	}
	var total float64
	for _, it := range o.Items {
		total += float64(it.Quantity) * it.Price
	}
	return msg.Validated{Order: o, Total: total}, nil
}

func main() {
	lambda.Start(validate)
}
