// Package sns is a stub of github.com/aws/aws-sdk-go/service/sns v1.55.8:
// the client and the operations faasvet reads, with their real signatures.
package sns

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/request"
)

type SNS struct{}

func New(p client.ConfigProvider, cfgs ...*aws.Config) *SNS { return &SNS{} }

func (c *SNS) PublishRequest(input *PublishInput) (req *request.Request, output *PublishOutput) {
	return &request.Request{}, &PublishOutput{}
}

func (c *SNS) Publish(input *PublishInput) (*PublishOutput, error) {
	return &PublishOutput{}, nil
}

func (c *SNS) PublishWithContext(ctx aws.Context, input *PublishInput, opts ...request.Option) (*PublishOutput, error) {
	return &PublishOutput{}, nil
}

type PublishInput struct {
	_                      struct{} `type:"structure"`
	Message                *string
	MessageDeduplicationId *string
	MessageGroupId         *string
	MessageStructure       *string
	PhoneNumber            *string
	Subject                *string
	TargetArn              *string
	TopicArn               *string
}

func (s *PublishInput) SetMessage(v string) *PublishInput {
	s.Message = &v
	return s
}

func (s *PublishInput) SetMessageDeduplicationId(v string) *PublishInput {
	s.MessageDeduplicationId = &v
	return s
}

func (s *PublishInput) SetMessageGroupId(v string) *PublishInput {
	s.MessageGroupId = &v
	return s
}

func (s *PublishInput) SetMessageStructure(v string) *PublishInput {
	s.MessageStructure = &v
	return s
}

func (s *PublishInput) SetPhoneNumber(v string) *PublishInput {
	s.PhoneNumber = &v
	return s
}

func (s *PublishInput) SetSubject(v string) *PublishInput {
	s.Subject = &v
	return s
}

func (s *PublishInput) SetTargetArn(v string) *PublishInput {
	s.TargetArn = &v
	return s
}

func (s *PublishInput) SetTopicArn(v string) *PublishInput {
	s.TopicArn = &v
	return s
}

type PublishOutput struct {
	_              struct{} `type:"structure"`
	MessageId      *string
	SequenceNumber *string
}

func (c *SNS) PublishBatchRequest(input *PublishBatchInput) (req *request.Request, output *PublishBatchOutput) {
	return &request.Request{}, &PublishBatchOutput{}
}

func (c *SNS) PublishBatch(input *PublishBatchInput) (*PublishBatchOutput, error) {
	return &PublishBatchOutput{}, nil
}

func (c *SNS) PublishBatchWithContext(ctx aws.Context, input *PublishBatchInput, opts ...request.Option) (*PublishBatchOutput, error) {
	return &PublishBatchOutput{}, nil
}

type PublishBatchInput struct {
	_                          struct{} `type:"structure"`
	PublishBatchRequestEntries []*PublishBatchRequestEntry
	TopicArn                   *string
}

func (s *PublishBatchInput) SetPublishBatchRequestEntries(v []*PublishBatchRequestEntry) *PublishBatchInput {
	s.PublishBatchRequestEntries = v
	return s
}

func (s *PublishBatchInput) SetTopicArn(v string) *PublishBatchInput {
	s.TopicArn = &v
	return s
}

type PublishBatchOutput struct {
	_ struct{} `type:"structure"`
}

type PublishBatchRequestEntry struct {
	_                      struct{} `type:"structure"`
	Id                     *string
	Message                *string
	MessageDeduplicationId *string
	MessageGroupId         *string
	MessageStructure       *string
	Subject                *string
}
