// Package lambda is a stub of github.com/aws/aws-sdk-go/service/lambda v1.55.8:
// the client and the operations faasvet reads, with their real signatures.
package lambda

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/request"
	"io"
)

type Lambda struct{}

func New(p client.ConfigProvider, cfgs ...*aws.Config) *Lambda { return &Lambda{} }

func (c *Lambda) InvokeRequest(input *InvokeInput) (req *request.Request, output *InvokeOutput) {
	return &request.Request{}, &InvokeOutput{}
}

func (c *Lambda) Invoke(input *InvokeInput) (*InvokeOutput, error) {
	return &InvokeOutput{}, nil
}

func (c *Lambda) InvokeWithContext(ctx aws.Context, input *InvokeInput, opts ...request.Option) (*InvokeOutput, error) {
	return &InvokeOutput{}, nil
}

type InvokeInput struct {
	_              struct{} `type:"structure"`
	ClientContext  *string
	FunctionName   *string
	InvocationType *string
	LogType        *string
	Payload        []byte
	Qualifier      *string
}

func (s *InvokeInput) SetClientContext(v string) *InvokeInput {
	s.ClientContext = &v
	return s
}

func (s *InvokeInput) SetFunctionName(v string) *InvokeInput {
	s.FunctionName = &v
	return s
}

func (s *InvokeInput) SetInvocationType(v string) *InvokeInput {
	s.InvocationType = &v
	return s
}

func (s *InvokeInput) SetLogType(v string) *InvokeInput {
	s.LogType = &v
	return s
}

func (s *InvokeInput) SetPayload(v []byte) *InvokeInput {
	s.Payload = v
	return s
}

func (s *InvokeInput) SetQualifier(v string) *InvokeInput {
	s.Qualifier = &v
	return s
}

type InvokeOutput struct {
	_               struct{} `type:"structure"`
	ExecutedVersion *string
	FunctionError   *string
	LogResult       *string
	Payload         []byte
	StatusCode      *int64
}

func (c *Lambda) InvokeAsyncRequest(input *InvokeAsyncInput) (req *request.Request, output *InvokeAsyncOutput) {
	return &request.Request{}, &InvokeAsyncOutput{}
}

func (c *Lambda) InvokeAsync(input *InvokeAsyncInput) (*InvokeAsyncOutput, error) {
	return &InvokeAsyncOutput{}, nil
}

func (c *Lambda) InvokeAsyncWithContext(ctx aws.Context, input *InvokeAsyncInput, opts ...request.Option) (*InvokeAsyncOutput, error) {
	return &InvokeAsyncOutput{}, nil
}

type InvokeAsyncInput struct {
	_            struct{} `type:"structure"`
	FunctionName *string
	InvokeArgs   io.ReadSeeker
}

func (s *InvokeAsyncInput) SetFunctionName(v string) *InvokeAsyncInput {
	s.FunctionName = &v
	return s
}

func (s *InvokeAsyncInput) SetInvokeArgs(v io.ReadSeeker) *InvokeAsyncInput {
	s.InvokeArgs = v
	return s
}

type InvokeAsyncOutput struct {
	_      struct{} `type:"structure"`
	Status *int64
}

const (
	// InvocationTypeEvent is a InvocationType enum value
	InvocationTypeEvent = "Event"

	// InvocationTypeRequestResponse is a InvocationType enum value
	InvocationTypeRequestResponse = "RequestResponse"

	// InvocationTypeDryRun is a InvocationType enum value
	InvocationTypeDryRun = "DryRun"
)
