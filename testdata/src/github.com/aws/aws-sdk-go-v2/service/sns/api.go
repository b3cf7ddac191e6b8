// Package sns is a stub of github.com/aws/aws-sdk-go-v2/service/sns: the
// client and the operations faasvet reads, with their real signatures.
package sns

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/smithy-go/middleware"
)

type Options struct{ Region string }

type Client struct{ options Options }

func New(options Options, optFns ...func(*Options)) *Client { return &Client{options: options} }

func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client { return &Client{} }

type noSmithyDocumentSerde struct{}

var _ = middleware.Metadata{}

func (c *Client) Publish(ctx context.Context, params *PublishInput, optFns ...func(*Options)) (*PublishOutput, error) {
	return &PublishOutput{}, nil
}

type PublishInput struct {
	Message                *string
	MessageAttributes      map[string]types.MessageAttributeValue
	MessageDeduplicationId *string
	MessageGroupId         *string
	MessageStructure       *string
	PhoneNumber            *string
	Subject                *string
	TargetArn              *string
	TopicArn               *string
	noSmithyDocumentSerde
}

type PublishOutput struct {
	MessageId      *string
	SequenceNumber *string
	ResultMetadata middleware.Metadata
	noSmithyDocumentSerde
}

func (c *Client) PublishBatch(ctx context.Context, params *PublishBatchInput, optFns ...func(*Options)) (*PublishBatchOutput, error) {
	return &PublishBatchOutput{}, nil
}

type PublishBatchInput struct {
	PublishBatchRequestEntries []types.PublishBatchRequestEntry
	TopicArn                   *string
	noSmithyDocumentSerde
}

type PublishBatchOutput struct {
	ResultMetadata middleware.Metadata
	noSmithyDocumentSerde
}
