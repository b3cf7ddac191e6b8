// want package:"has-sends"

// Package sender sends a prepared SQS input to a queue named by its
// caller, looking the queue's URL up by name once and keeping it in a
// memo table: the input's fields are the caller's.
package sender

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

type Sender struct {
	client *sqs.Client
	urls   map[string]string
	known  map[string]string
}

func New(c *sqs.Client) *Sender {
	return &Sender{client: c, urls: make(map[string]string), known: map[string]string{}}
}

// Send sends in to the queue named name: what the memo table gives back
// for name is what Send stored for it.
func (s *Sender) Send(ctx context.Context, name string, in *sqs.SendMessageInput) error { // want Send:`sends\(sqs.SendMessage queue-url=https://sqs.<region>.amazonaws.com/<account>/\$2 payload=\$3.MessageBody\)`
	url, ok := s.urls[name]
	if ok {
		in.QueueUrl = &url
	} else {
		out, err := s.client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
		if err != nil {
			return err
		}
		in.QueueUrl = out.QueueUrl
		s.urls[name] = *out.QueueUrl
	}
	_, err := s.client.SendMessage(ctx, in)
	return err
}

// Register fills the other table from outside the func that reads it:
// no memo table, so what SendKnown reads is not known.
func (s *Sender) Register(name, url string) { s.known[name] = url }

func (s *Sender) SendKnown(ctx context.Context, name string, in *sqs.SendMessageInput) error { // want SendKnown:`sends\(sqs.SendMessage queue-url=\* payload=\$3.MessageBody\)`
	url := s.known[name]
	in.QueueUrl = &url
	_, err := s.client.SendMessage(ctx, in)
	return err
}
