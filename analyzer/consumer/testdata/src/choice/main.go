// Command choice registers SQS handlers chosen at run time: the payload
// is known only when every candidate decodes the same type.
package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

type Order struct {
	ID string `json:"id"`
}

type Refund struct {
	Amount int `json:"amount"`
}

func orders(ctx context.Context, ev events.SQSEvent) error {
	var o Order
	return json.Unmarshal([]byte(ev.Records[0].Body), &o)
}

func ordersAgain(ctx context.Context, ev events.SQSEvent) error {
	var o Order
	return json.Unmarshal([]byte(ev.Records[0].Body), &o)
}

func refunds(ctx context.Context, ev events.SQSEvent) error {
	var r Refund
	return json.Unmarshal([]byte(ev.Records[0].Body), &r)
}

func same() {
	var h any = orders
	if os.Getenv("AGAIN") != "" {
		h = ordersAgain
	}
	lambda.Start(h)
}

func differ() {
	var h any = refunds
	if os.Getenv("ORDERS") != "" {
		h = orders
	}
	lambda.Start(h)
}

func main() {
	same()
	differ()
}
