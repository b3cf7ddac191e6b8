// Command mailer mails the invoices it reads from its queue.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"example.com/shop/internal/msg"
)

func mailer(ctx context.Context, ev events.SQSEvent) error {
	for _, r := range ev.Records {
		var inv msg.Invoice
		if err := json.Unmarshal([]byte(r.Body), &inv); err != nil {
			return err
		}
	}
	return nil
}

func main() { lambda.Start(mailer) }
