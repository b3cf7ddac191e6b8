// Command price prices an order.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"example.com/shop/internal/msg"
)

//faas:route to=invoice
func price(ctx context.Context, o msg.Order) (msg.Order, error) { return o, nil }

func main() { lambda.Start(price) }
