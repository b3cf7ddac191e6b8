// Command restock reorders what runs low, from a queue of stock events.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"example.com/shop/internal/msg"
)

//faas:subscribe topic=stock-events
func restock(ctx context.Context, ev events.SQSEvent) error {
	for _, r := range ev.Records {
		var s msg.Stock
		if err := json.Unmarshal([]byte(r.Body), &s); err != nil {
			return err
		}
	}
	return nil
}

func main() { lambda.Start(restock) }
