// Command invoice writes the invoice and queues it for the mailer.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"example.com/shop/internal/msg"
)

//faas:route to=mailer via=sqs
func invoice(ctx context.Context, o msg.Order) (msg.Invoice, error) {
	return msg.Invoice{OrderID: o.ID, Amount: o.Total}, nil
}

func main() { lambda.Start(invoice) }
