// Package lambda is a stub of github.com/aws/aws-sdk-go-v2/service/lambda: the
// client and the operations faasvet reads, with their real signatures.
package lambda

import (
	"context"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/smithy-go/middleware"
)

type Options struct{ Region string }

type Client struct{ options Options }

func New(options Options, optFns ...func(*Options)) *Client { return &Client{options: options} }

func NewFromConfig(cfg aws.Config, optFns ...func(*Options)) *Client { return &Client{} }

type noSmithyDocumentSerde struct{}

var _ = middleware.Metadata{}

func (c *Client) Invoke(ctx context.Context, params *InvokeInput, optFns ...func(*Options)) (*InvokeOutput, error) {
	return &InvokeOutput{}, nil
}

type InvokeInput struct {
	FunctionName         *string
	ClientContext        *string
	DurableExecutionName *string
	InvocationType       types.InvocationType
	LogType              types.LogType
	Payload              []byte
	Qualifier            *string
	TenantId             *string
	noSmithyDocumentSerde
}

type InvokeOutput struct {
	DurableExecutionArn *string
	ExecutedVersion     *string
	FunctionError       *string
	LogResult           *string
	Payload             []byte
	StatusCode          int32
	ResultMetadata      middleware.Metadata
	noSmithyDocumentSerde
}

// Deprecated: use Invoke.
func (c *Client) InvokeAsync(ctx context.Context, params *InvokeAsyncInput, optFns ...func(*Options)) (*InvokeAsyncOutput, error) {
	return &InvokeAsyncOutput{}, nil
}

type InvokeAsyncInput struct {
	FunctionName *string
	InvokeArgs   io.Reader
	noSmithyDocumentSerde
}

type InvokeAsyncOutput struct {
	Status         int32
	ResultMetadata middleware.Metadata
	noSmithyDocumentSerde
}

func (c *Client) InvokeWithResponseStream(ctx context.Context, params *InvokeWithResponseStreamInput, optFns ...func(*Options)) (*InvokeWithResponseStreamOutput, error) {
	return &InvokeWithResponseStreamOutput{}, nil
}

type InvokeWithResponseStreamInput struct {
	FunctionName   *string
	ClientContext  *string
	InvocationType types.ResponseStreamingInvocationType
	LogType        types.LogType
	Payload        []byte
	Qualifier      *string
	TenantId       *string
	noSmithyDocumentSerde
}

type InvokeWithResponseStreamOutput struct {
	ExecutedVersion           *string
	ResponseStreamContentType *string
	StatusCode                int32
	ResultMetadata            middleware.Metadata
	noSmithyDocumentSerde
}

// GetFunction is an operation that sends nothing to the function.
func (c *Client) GetFunction(ctx context.Context, params *GetFunctionInput, optFns ...func(*Options)) (*GetFunctionOutput, error) {
	return &GetFunctionOutput{}, nil
}

type GetFunctionInput struct {
	FunctionName *string
	Qualifier    *string
	noSmithyDocumentSerde
}

type GetFunctionOutput struct {
	ResultMetadata middleware.Metadata
	noSmithyDocumentSerde
}
