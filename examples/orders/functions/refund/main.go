// Command refund gives money back and charges again when asked.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/faasvet/faasvet/examples/orders/internal/msg"
)

// seeded: cycle. refund re-submits to charge, which routes to refund:
// charge → refund → charge through queues.
//
// seeded: unknown-target. "notfy" is a typo for notify.
//
// seeded: orphan-channel. Nothing subscribes to refund-events.
//
//faas:route to=charge via=sqs payload=msg.Validated
//faas:route to=notfy
//faas:publish topic=refund-events
func refund(ctx context.Context, r msg.Refund) (msg.Refund, error) {
	return r, nil
}

func main() {
	lambda.Start(refund)
}
