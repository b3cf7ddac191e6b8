// Command invoice writes the invoice of a charged order.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/faasvet/faasvet/examples/orders/internal/msg"
)

type printer struct{ currency string }

// seeded: handler-signature. aws-lambda-go accepts this handler at start
// and then fails every invocation: a handler takes at most two arguments.
func (p *printer) invoice(ctx context.Context, r msg.Receipt, copies int) (string, error) {
	return r.OrderID, nil
}

func main() {
	p := &printer{currency: "EUR"}
	lambda.Start(p.invoice)
}
