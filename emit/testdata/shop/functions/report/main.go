// Command report keeps the stock report up to date from SNS.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"example.com/shop/internal/msg"
)

//faas:subscribe topic=stock-events
func report(ctx context.Context, ev events.SNSEvent) error {
	for _, r := range ev.Records {
		var s msg.Stock
		if err := json.Unmarshal([]byte(r.SNS.Message), &s); err != nil {
			return err
		}
	}
	return nil
}

func main() { lambda.Start(report) }
