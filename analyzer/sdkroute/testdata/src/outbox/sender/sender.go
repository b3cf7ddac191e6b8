// want package:"has-sends"

// Package sender sends a prepared SQS input to a queue named by its
// caller, looking the queue's URL up by name once and keeping it in a
// cache: the input's fields are the caller's.
package sender

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

type Sender struct {
	client *sqs.Client
	urls   map[string]string
}

func New(c *sqs.Client) *Sender { return &Sender{client: c, urls: map[string]string{}} }

// Send sends in to the queue named name.
func (s *Sender) Send(ctx context.Context, name string, in *sqs.SendMessageInput) error { // want Send:`sends\(sqs.SendMessage queue-url=https://sqs.<region>.amazonaws.com/<account>/\$2 payload=\$3.MessageBody\)`
	out, err := s.client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
	if err != nil {
		return err
	}
	in.QueueUrl = out.QueueUrl
	_, err = s.client.SendMessage(ctx, in)
	return err
}
