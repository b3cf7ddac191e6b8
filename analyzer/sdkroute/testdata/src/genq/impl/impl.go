// want package:"has-sends"

// Package impl implements svc.Queue over SQS with a generic type whose
// constructor fails with (nil, err) and whose client is an interface.
package impl

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"genq/ptrs"
)

type SQSQueue[T any] struct {
	client API
	url    string
}

type API interface {
	SendMessage(ctx context.Context, params *sqs.SendMessageInput, optFns ...func(*sqs.Options)) (*sqs.SendMessageOutput, error)
}

func client() (*sqs.Client, error) {
	return sqs.New(sqs.Options{}), nil
}

func NewSQSQueue[T any](url string) (*SQSQueue[T], error) { // want NewSQSQueue:`fields\(url=\$1\)`
	c, err := client()
	if err != nil {
		return nil, fmt.Errorf("no client: %w", err)
	}
	q := &SQSQueue[T]{
		client: c,
		url:    url,
	}
	return q, nil
}

func (s *SQSQueue[T]) SendMessage(params *T) error { // want SendMessage:`sends\(sqs.SendMessage queue-url=\$recv.url payload=json\(\*\$1\)\)`
	b, err := json.Marshal(*params)
	if err != nil {
		return err
	}
	_, err = s.client.SendMessage(context.TODO(), &sqs.SendMessageInput{
		MessageBody: ptrs.To(string(b)),
		QueueUrl:    &s.url,
	})
	return err
}

// Sender is what NewSender's callers hold: the interface, not the type.
type Sender[T any] interface {
	SendMessage(params *T) error
}

// NewSender returns the queue as an interface: its summary is the fields
// of the struct it returns in it.
func NewSender[T any](url string) (Sender[T], error) { // want NewSender:`fields\(url=\$1\)`
	if url == "" {
		return nil, fmt.Errorf("no queue URL")
	}
	return &SQSQueue[T]{url: url}, nil
}
