// Command crossapp is a Lambda function whose sends are all in other
// packages: a queue type built in main, the same type behind an
// interface, a generic helper, and a helper that looks its queue up by
// name.
package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"library"
	"msg"
	"pubhelper"
	"shared"
)

type sender interface {
	Send(ctx context.Context, v any) error
}

// config is filled from the environment by its tags (caarlos0/env and
// the like): the tag names the variable.
type config struct {
	AuditQueue string `env:"AUDIT_QUEUE_NAME,required"`
}

type app struct {
	orders  *library.Queue
	refunds sender
	c       *sqs.Client
	cfg     config
}

func (a *app) handle(ctx context.Context, o msg.Order) error {
	if err := a.orders.Send(ctx, o); err != nil {
		return err
	}
	if err := a.refunds.Send(ctx, msg.Refund{}); err != nil {
		return err
	}
	if err := pubhelper.NewSQSService[msg.Receipt](a.c, os.Getenv("RECEIPTS_QUEUE_URL")).Send(ctx, msg.Receipt{}); err != nil {
		return err
	}
	if err := shared.SendMessage(ctx, o, "audit"); err != nil {
		return err
	}
	if err := shared.SendMessage(ctx, msg.Refund{}, a.cfg.AuditQueue); err != nil {
		return err
	}
	// The variable's name is built at run time: a pattern for the
	// manifest's variables to match.
	env := fmt.Sprintf("CMD_%s_QUEUE_URL", strings.ToUpper(o.ID))
	_, err := a.c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(os.Getenv(env)), MessageBody: aws.String("{}")})
	return err
}

func main() {
	c := sqs.New(sqs.Options{})
	a := &app{
		orders:  library.New(c, strings.TrimSpace(os.Getenv("ORDERS_QUEUE_URL"))),
		refunds: library.New(c, "https://sqs.eu-west-1.amazonaws.com/1/refunds"),
		c:       c,
	}
	lambda.Start(a.handle)
}
