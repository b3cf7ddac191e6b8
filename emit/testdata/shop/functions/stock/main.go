// Command stock reserves the stock of an order and announces the change.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"example.com/shop/internal/msg"
)

//faas:publish topic=stock-events payload=msg.Stock
func stock(ctx context.Context, o msg.Order) (msg.Stock, error) { return msg.Stock{SKU: o.ID}, nil }

func main() { lambda.Start(stock) }
