// Package sqs is a stub of github.com/aws/aws-sdk-go/service/sqs v1.55.8:
// the client and the operations faasvet reads, with their real signatures.
package sqs

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/request"
)

type SQS struct{}

func New(p client.ConfigProvider, cfgs ...*aws.Config) *SQS { return &SQS{} }

func (c *SQS) SendMessageRequest(input *SendMessageInput) (req *request.Request, output *SendMessageOutput) {
	return &request.Request{}, &SendMessageOutput{}
}

func (c *SQS) SendMessage(input *SendMessageInput) (*SendMessageOutput, error) {
	return &SendMessageOutput{}, nil
}

func (c *SQS) SendMessageWithContext(ctx aws.Context, input *SendMessageInput, opts ...request.Option) (*SendMessageOutput, error) {
	return &SendMessageOutput{}, nil
}

type SendMessageInput struct {
	_                      struct{} `type:"structure"`
	DelaySeconds           *int64
	MessageBody            *string
	MessageDeduplicationId *string
	MessageGroupId         *string
	QueueUrl               *string
}

func (s *SendMessageInput) SetDelaySeconds(v int64) *SendMessageInput {
	s.DelaySeconds = &v
	return s
}

func (s *SendMessageInput) SetMessageBody(v string) *SendMessageInput {
	s.MessageBody = &v
	return s
}

func (s *SendMessageInput) SetMessageDeduplicationId(v string) *SendMessageInput {
	s.MessageDeduplicationId = &v
	return s
}

func (s *SendMessageInput) SetMessageGroupId(v string) *SendMessageInput {
	s.MessageGroupId = &v
	return s
}

func (s *SendMessageInput) SetQueueUrl(v string) *SendMessageInput {
	s.QueueUrl = &v
	return s
}

type SendMessageOutput struct {
	_                struct{} `type:"structure"`
	MD5OfMessageBody *string
	MessageId        *string
}

func (c *SQS) SendMessageBatchRequest(input *SendMessageBatchInput) (req *request.Request, output *SendMessageBatchOutput) {
	return &request.Request{}, &SendMessageBatchOutput{}
}

func (c *SQS) SendMessageBatch(input *SendMessageBatchInput) (*SendMessageBatchOutput, error) {
	return &SendMessageBatchOutput{}, nil
}

func (c *SQS) SendMessageBatchWithContext(ctx aws.Context, input *SendMessageBatchInput, opts ...request.Option) (*SendMessageBatchOutput, error) {
	return &SendMessageBatchOutput{}, nil
}

type SendMessageBatchInput struct {
	_        struct{} `type:"structure"`
	Entries  []*SendMessageBatchRequestEntry
	QueueUrl *string
}

func (s *SendMessageBatchInput) SetEntries(v []*SendMessageBatchRequestEntry) *SendMessageBatchInput {
	s.Entries = v
	return s
}

func (s *SendMessageBatchInput) SetQueueUrl(v string) *SendMessageBatchInput {
	s.QueueUrl = &v
	return s
}

type SendMessageBatchOutput struct {
	_ struct{} `type:"structure"`
}

type SendMessageBatchRequestEntry struct {
	_                      struct{} `type:"structure"`
	DelaySeconds           *int64
	Id                     *string
	MessageBody            *string
	MessageDeduplicationId *string
	MessageGroupId         *string
}

func (s *SendMessageBatchRequestEntry) SetId(v string) *SendMessageBatchRequestEntry {
	s.Id = &v
	return s
}

func (s *SendMessageBatchRequestEntry) SetMessageBody(v string) *SendMessageBatchRequestEntry {
	s.MessageBody = &v
	return s
}
