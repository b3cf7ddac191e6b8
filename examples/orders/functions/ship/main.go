// Command ship books the shipment of a charged order.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/faasvet/faasvet/examples/orders/internal/msg"
)

// seeded: directive. "functon" is not a faasvet verb.
//
// seeded: route-without-output. ship returns no value, so the route to
// notify carries null.
//
//faas:functon shipping
//faas:route to=notify
func ship(ctx context.Context, r msg.ShipRequest) error {
	return nil
}

func main() {
	lambda.Start(ship)
}
