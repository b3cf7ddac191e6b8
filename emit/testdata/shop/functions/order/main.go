// Command order accepts an order and hands it to pricing and stock.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"example.com/shop/internal/msg"
)

//faas:route to=price,stock
func order(ctx context.Context, o msg.Order) (msg.Order, error) { return o, nil }

func main() { lambda.Start(order) }
