// Package pub implements the events of package svc with SQS.
package pub

import (
	"context"
	"encoding/json"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"dispatch/svc"
	"msg"
)

type Pub struct {
	c   *sqs.Client
	svc *svc.Service
}

func (p *Pub) Reset(o *msg.Order) error {
	b, _ := json.Marshal(o)
	_, err := p.c.SendMessage(context.Background(), &sqs.SendMessageInput{QueueUrl: aws.String(os.Getenv("RESET_QUEUE_URL")), MessageBody: aws.String(string(b))})
	return err
}

func (p *Pub) Named(name string, o *msg.Order) error {
	b, _ := json.Marshal(o)
	_, err := p.c.SendMessage(context.Background(), &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/" + name), MessageBody: aws.String(string(b))})
	return err
}
