// Command app sends through the outbox: the route is the handler's,
// where it appends, with the queue it names and the type it encodes.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"msg"
	"outbox/sender"
	"outbox/tx"
)

var (
	t    = tx.NewTx(sender.New(sqs.New(sqs.Options{})))
	tmpl = tx.NewTemplate(t)
)

func handle(ctx context.Context, o msg.Order) error {
	if err := tmpl.SendJSON("orders", o); err != nil {
		return err
	}
	if err := tmpl.SendJSON(queueOf(o), msg.Refund{OrderID: o.ID}); err != nil { // want `cannot resolve`
		return err
	}
	batched(ctx, o)
	return t.Commit(ctx)
}

func queueOf(o msg.Order) string { return o.ID }

func main() { lambda.Start(handle) }
