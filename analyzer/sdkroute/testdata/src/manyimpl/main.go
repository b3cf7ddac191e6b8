// Command manyimpl calls an interface method that nine types of this
// package implement, each sending to its own queue: too many to follow,
// so faasvet says so instead of drawing nine routes.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"msg"
)

type sender interface {
	Send(ctx context.Context) error
}

var client = sqs.New(sqs.Options{})

var senders map[string]sender

type a struct{}

func (a) Send(ctx context.Context) error {
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/a"), MessageBody: aws.String("{}")})
	return err
}

type b struct{}

func (b) Send(ctx context.Context) error {
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/b"), MessageBody: aws.String("{}")})
	return err
}

type c struct{}

func (c) Send(ctx context.Context) error {
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/c"), MessageBody: aws.String("{}")})
	return err
}

type d struct{}

func (d) Send(ctx context.Context) error {
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/d"), MessageBody: aws.String("{}")})
	return err
}

type e struct{}

func (e) Send(ctx context.Context) error {
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/e"), MessageBody: aws.String("{}")})
	return err
}

type f struct{}

func (f) Send(ctx context.Context) error {
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/f"), MessageBody: aws.String("{}")})
	return err
}

type g struct{}

func (g) Send(ctx context.Context) error {
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/g"), MessageBody: aws.String("{}")})
	return err
}

type h struct{}

func (h) Send(ctx context.Context) error {
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/h"), MessageBody: aws.String("{}")})
	return err
}

type i struct{}

func (i) Send(ctx context.Context) error {
	_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/i"), MessageBody: aws.String("{}")})
	return err
}

func handle(ctx context.Context, o msg.Order) error {
	return senders[o.ID].Send(ctx) // want `call of sender.Send: cannot resolve the target \(9 methods implement sender.Send and send; faasvet does not guess which runs\)`
}

func main() { lambda.Start(handle) }
