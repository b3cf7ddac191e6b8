// Command app closes orders through svc, whose events pub implements:
// the calls svc left open resolve here, where pub is in sight.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"dispatch/pub"
	"dispatch/svc"
	"msg"
)

var s = svc.New(&pub.Pub{})

func handle(ctx context.Context, o msg.Order) error {
	return s.Close(&o) // want `cannot resolve the topic ARN \(the receiver of pub.Pager.Notify is not known where the interface is called`
}

func main() {
	lambda.Start(handle)
}
