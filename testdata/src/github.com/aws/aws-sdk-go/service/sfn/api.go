// Package sfn is a stub of github.com/aws/aws-sdk-go/service/sfn v1.55.8:
// the client and the operations faasvet reads, with their real signatures.
package sfn

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/request"
	"time"
)

type SFN struct{}

func New(p client.ConfigProvider, cfgs ...*aws.Config) *SFN { return &SFN{} }

func (c *SFN) StartExecutionRequest(input *StartExecutionInput) (req *request.Request, output *StartExecutionOutput) {
	return &request.Request{}, &StartExecutionOutput{}
}

func (c *SFN) StartExecution(input *StartExecutionInput) (*StartExecutionOutput, error) {
	return &StartExecutionOutput{}, nil
}

func (c *SFN) StartExecutionWithContext(ctx aws.Context, input *StartExecutionInput, opts ...request.Option) (*StartExecutionOutput, error) {
	return &StartExecutionOutput{}, nil
}

type StartExecutionInput struct {
	_               struct{} `type:"structure"`
	Input           *string
	Name            *string
	StateMachineArn *string
	TraceHeader     *string
}

func (s *StartExecutionInput) SetInput(v string) *StartExecutionInput {
	s.Input = &v
	return s
}

func (s *StartExecutionInput) SetName(v string) *StartExecutionInput {
	s.Name = &v
	return s
}

func (s *StartExecutionInput) SetStateMachineArn(v string) *StartExecutionInput {
	s.StateMachineArn = &v
	return s
}

func (s *StartExecutionInput) SetTraceHeader(v string) *StartExecutionInput {
	s.TraceHeader = &v
	return s
}

type StartExecutionOutput struct {
	_            struct{} `type:"structure"`
	ExecutionArn *string
	StartDate    *time.Time
}

func (c *SFN) StartSyncExecutionRequest(input *StartSyncExecutionInput) (req *request.Request, output *StartSyncExecutionOutput) {
	return &request.Request{}, &StartSyncExecutionOutput{}
}

func (c *SFN) StartSyncExecution(input *StartSyncExecutionInput) (*StartSyncExecutionOutput, error) {
	return &StartSyncExecutionOutput{}, nil
}

func (c *SFN) StartSyncExecutionWithContext(ctx aws.Context, input *StartSyncExecutionInput, opts ...request.Option) (*StartSyncExecutionOutput, error) {
	return &StartSyncExecutionOutput{}, nil
}

type StartSyncExecutionInput struct {
	_               struct{} `type:"structure"`
	IncludedData    *string
	Input           *string
	Name            *string
	StateMachineArn *string
	TraceHeader     *string
}

func (s *StartSyncExecutionInput) SetIncludedData(v string) *StartSyncExecutionInput {
	s.IncludedData = &v
	return s
}

func (s *StartSyncExecutionInput) SetInput(v string) *StartSyncExecutionInput {
	s.Input = &v
	return s
}

func (s *StartSyncExecutionInput) SetName(v string) *StartSyncExecutionInput {
	s.Name = &v
	return s
}

func (s *StartSyncExecutionInput) SetStateMachineArn(v string) *StartSyncExecutionInput {
	s.StateMachineArn = &v
	return s
}

func (s *StartSyncExecutionInput) SetTraceHeader(v string) *StartSyncExecutionInput {
	s.TraceHeader = &v
	return s
}

type StartSyncExecutionOutput struct {
	_            struct{} `type:"structure"`
	ExecutionArn *string
	Output       *string
	Status       *string
	StartDate    *time.Time
}
