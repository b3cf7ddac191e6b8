// Package sfn is a stub of github.com/aws/aws-sdk-go-v2/service/sfn: the
// client and the operations faasvet reads, with their real signatures.
package sfn

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn/types"
	"github.com/aws/smithy-go/middleware"
)

type Options struct{ Region string }

type Client struct{ options Options }

func New(options Options, optFns ...func(*Options)) *Client { return &Client{options: options} }

func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client { return &Client{} }

type noSmithyDocumentSerde struct{}

var _ = middleware.Metadata{}

func (c *Client) StartExecution(ctx context.Context, params *StartExecutionInput, optFns ...func(*Options)) (*StartExecutionOutput, error) {
	return &StartExecutionOutput{}, nil
}

type StartExecutionInput struct {
	StateMachineArn *string
	Input           *string
	Name            *string
	TraceHeader     *string
	noSmithyDocumentSerde
}

type StartExecutionOutput struct {
	ExecutionArn   *string
	StartDate      *time.Time
	ResultMetadata middleware.Metadata
	noSmithyDocumentSerde
}

func (c *Client) StartSyncExecution(ctx context.Context, params *StartSyncExecutionInput, optFns ...func(*Options)) (*StartSyncExecutionOutput, error) {
	return &StartSyncExecutionOutput{}, nil
}

type StartSyncExecutionInput struct {
	StateMachineArn *string
	IncludedData    types.IncludedData
	Input           *string
	Name            *string
	TraceHeader     *string
	noSmithyDocumentSerde
}

type StartSyncExecutionOutput struct {
	ExecutionArn    *string
	StartDate       *time.Time
	Status          types.SyncExecutionStatus
	StopDate        *time.Time
	Cause           *string
	Error           *string
	Input           *string
	Name            *string
	Output          *string
	StateMachineArn *string
	TraceHeader     *string
	ResultMetadata  middleware.Metadata
	noSmithyDocumentSerde
}
