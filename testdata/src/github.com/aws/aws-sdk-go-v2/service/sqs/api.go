// Package sqs is a stub of github.com/aws/aws-sdk-go-v2/service/sqs: the
// client and the operations faasvet reads, with their real signatures.
package sqs

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/smithy-go/middleware"
)

type Options struct{ Region string }

type Client struct{ options Options }

func New(options Options, optFns ...func(*Options)) *Client { return &Client{options: options} }

func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client { return &Client{} }

type noSmithyDocumentSerde struct{}

var _ = middleware.Metadata{}

func (c *Client) SendMessage(ctx context.Context, params *SendMessageInput, optFns ...func(*Options)) (*SendMessageOutput, error) {
	return &SendMessageOutput{}, nil
}

type SendMessageInput struct {
	MessageBody             *string
	QueueUrl                *string
	DelaySeconds            int32
	MessageAttributes       map[string]types.MessageAttributeValue
	MessageDeduplicationId  *string
	MessageGroupId          *string
	MessageSystemAttributes map[string]types.MessageSystemAttributeValue
	noSmithyDocumentSerde
}

type SendMessageOutput struct {
	MD5OfMessageBody *string
	MessageId        *string
	SequenceNumber   *string
	ResultMetadata   middleware.Metadata
	noSmithyDocumentSerde
}

func (c *Client) SendMessageBatch(ctx context.Context, params *SendMessageBatchInput, optFns ...func(*Options)) (*SendMessageBatchOutput, error) {
	return &SendMessageBatchOutput{}, nil
}

type SendMessageBatchInput struct {
	Entries  []types.SendMessageBatchRequestEntry
	QueueUrl *string
	noSmithyDocumentSerde
}

type SendMessageBatchOutput struct {
	ResultMetadata middleware.Metadata
	noSmithyDocumentSerde
}

func (c *Client) GetQueueUrl(ctx context.Context, params *GetQueueUrlInput, optFns ...func(*Options)) (*GetQueueUrlOutput, error) {
	return &GetQueueUrlOutput{}, nil
}

type GetQueueUrlInput struct {
	QueueName *string
	noSmithyDocumentSerde
}

type GetQueueUrlOutput struct {
	QueueUrl       *string
	ResultMetadata middleware.Metadata
	noSmithyDocumentSerde
}
