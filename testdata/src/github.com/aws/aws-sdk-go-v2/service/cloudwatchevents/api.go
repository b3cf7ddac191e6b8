// Package cloudwatchevents is a stub of github.com/aws/aws-sdk-go-v2/service/cloudwatchevents: the
// client and the operations faasvet reads, with their real signatures.
package cloudwatchevents

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchevents/types"
	"github.com/aws/smithy-go/middleware"
)

type Options struct{ Region string }

type Client struct{ options Options }

func New(options Options, optFns ...func(*Options)) *Client { return &Client{options: options} }

func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client { return &Client{} }

type noSmithyDocumentSerde struct{}

var _ = middleware.Metadata{}

func (c *Client) PutEvents(ctx context.Context, params *PutEventsInput, optFns ...func(*Options)) (*PutEventsOutput, error) {
	return &PutEventsOutput{}, nil
}

type PutEventsInput struct {
	Entries []types.PutEventsRequestEntry
	noSmithyDocumentSerde
}

type PutEventsOutput struct {
	FailedEntryCount int32
	ResultMetadata   middleware.Metadata
	noSmithyDocumentSerde
}
