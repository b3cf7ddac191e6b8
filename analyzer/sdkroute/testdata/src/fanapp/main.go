// Command fanapp sends through interfaces: another package's service
// behind an interface of its own (one implementation, found by its
// summary), and this package's notifiers, several implementations of
// which a map chooses at run time (every one that sends is a route).
package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"events"
	"msg"
)

type servicer interface {
	Reset(ctx context.Context, o *msg.Order) error
	Created(ctx context.Context, o *msg.Order) error
}

type notifier interface {
	Notify(ctx context.Context, o msg.Order) error
}

type mail struct{ c *sqs.Client }

func (m mail) Notify(ctx context.Context, o msg.Order) error {
	_, err := m.c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/mail"), MessageBody: aws.String(`{}`)})
	return err
}

type sms struct{ c *sqs.Client }

func (s *sms) Notify(ctx context.Context, o msg.Order) error {
	_, err := s.c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/sms"), MessageBody: aws.String(`{}`)})
	return err
}

// silent implements notifier and sends nothing.
type silent struct{}

func (silent) Notify(ctx context.Context, o msg.Order) error { return nil }

var (
	svc       servicer
	notifiers map[string]notifier
)

func handle(ctx context.Context, o msg.Order) error {
	if err := svc.Reset(ctx, &o); err != nil {
		return err
	}
	if err := svc.Created(ctx, &o); err != nil {
		return err
	}
	return notifiers[o.ID].Notify(ctx, o)
}

func main() {
	s, err := events.NewService(events.NewInput{QueueURL: os.Getenv("RESET_QUEUE_URL")})
	if err != nil {
		panic(err)
	}
	svc = s
	c := sqs.New(sqs.Options{})
	notifiers = map[string]notifier{"mail": mail{c}, "sms": &sms{c}, "none": silent{}}
	lambda.Start(handle)
}
