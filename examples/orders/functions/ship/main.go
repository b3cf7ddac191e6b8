// Command ship books the shipment of a charged order.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/faasvet/faasvet/examples/orders/internal/msg"
)

// seeded: directive. "functon" is not a faasvet verb.
//
//faas:functon shipping
func ship(ctx context.Context, r msg.Receipt) error {
	return nil
}

func main() {
	lambda.Start(ship)
}
