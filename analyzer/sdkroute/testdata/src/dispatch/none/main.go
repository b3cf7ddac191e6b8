// Command none closes orders through svc with no implementation of its
// events in sight: nothing is sent, nothing is guessed.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"dispatch/svc"
	"msg"
)

func handle(ctx context.Context, o msg.Order) error {
	return svc.New(nil).Close(&o)
}

func main() {
	lambda.Start(handle)
}
