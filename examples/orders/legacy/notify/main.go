// Command notify is the old e-mail notifier, still deployed.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/faasvet/faasvet/examples/orders/internal/msg"
)

// seeded: duplicate-function. This package directory is also called
// notify, like the Cloud Function registered as "notify": name one of them
// with //faas:function.
func main() {
	lambda.Start(func(ctx context.Context, n msg.Notice) error { return nil })
}
