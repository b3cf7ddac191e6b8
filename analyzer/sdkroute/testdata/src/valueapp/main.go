// Command valueapp registers one function whose handler dispatches
// through a table of funcs built in init, like a router of an API proxy:
// the funcs of the table run in the function, so their sends are its.
// A func that only dead code names stays an entry of its own.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"msg"
)

var client *sqs.Client

type route struct {
	Op      string
	Handler func(ctx context.Context, o msg.Order) error
}

var routes []route

func init() {
	routes = []route{
		{Op: "create", Handler: create},
		{Op: "refund", Handler: (&refunder{}).Refund},
	}
}

func handle(ctx context.Context, o msg.Order) error {
	for _, r := range routes {
		if r.Op == o.ID {
			return r.Handler(ctx, o)
		}
	}
	return nil
}

func create(ctx context.Context, o msg.Order) error {
	return enqueue(ctx, o)
}

func enqueue(ctx context.Context, o msg.Order) error {
	b, _ := json.Marshal(o)
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/created"), MessageBody: aws.String(string(b))})
	return err
}

type refunder struct{}

func (r *refunder) Refund(ctx context.Context, o msg.Order) error {
	b, _ := json.Marshal(msg.Refund{})
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/refunds"), MessageBody: aws.String(string(b))})
	return err
}

func cleanup(ctx context.Context, o msg.Order) error {
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/cleanup"), MessageBody: aws.String(`{}`)})
	return err
}

func dead() any { return cleanup }

func main() {
	lambda.Start(handle)
}
