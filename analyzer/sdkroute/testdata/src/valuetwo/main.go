// Command valuetwo registers one of two functions, chosen at run time:
// the func its table holds runs in whichever is deployed, so its send
// belongs to neither for certain and stays an entry of its own.
package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"msg"
)

var client *sqs.Client

var table = map[string]func(ctx context.Context) error{"notify": notify}

func notify(ctx context.Context) error {
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/notify"), MessageBody: aws.String(`{}`)})
	return err
}

func orders(ctx context.Context, o msg.Order) error { return table["notify"](ctx) }

func refunds(ctx context.Context, r msg.Refund) error { return table["notify"](ctx) }

func main() {
	if os.Getenv("MODE") == "refunds" {
		lambda.Start(refunds)
	}
	lambda.Start(orders)
}
