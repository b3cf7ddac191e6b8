// want package:"has-sends"

// Package pubhelper is a generic SQS helper in its own package: the
// queue is a field its constructor sets, the payload a type parameter.
package pubhelper

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

type SQSService[T any] struct {
	client *sqs.Client
	url    string
}

func NewSQSService[T any](c *sqs.Client, url string) *SQSService[T] { // want NewSQSService:`fields\(url=\$2\)`
	return &SQSService[T]{client: c, url: url}
}

func (s *SQSService[T]) Send(ctx context.Context, v T) error { // want Send:`sends\(sqs.SendMessage queue-url=\$recv.url payload=json\(\$2\)\)`
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = s.client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &s.url, MessageBody: aws.String(string(b))})
	return err
}
