// Package eventbridge is a stub of github.com/aws/aws-sdk-go/service/eventbridge v1.55.8:
// the client and the operations faasvet reads, with their real signatures.
package eventbridge

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/request"
	"time"
)

type EventBridge struct{}

func New(p client.ConfigProvider, cfgs ...*aws.Config) *EventBridge { return &EventBridge{} }

func (c *EventBridge) PutEventsRequest(input *PutEventsInput) (req *request.Request, output *PutEventsOutput) {
	return &request.Request{}, &PutEventsOutput{}
}

func (c *EventBridge) PutEvents(input *PutEventsInput) (*PutEventsOutput, error) {
	return &PutEventsOutput{}, nil
}

func (c *EventBridge) PutEventsWithContext(ctx aws.Context, input *PutEventsInput, opts ...request.Option) (*PutEventsOutput, error) {
	return &PutEventsOutput{}, nil
}

type PutEventsInput struct {
	_          struct{} `type:"structure"`
	EndpointId *string
	Entries    []*PutEventsRequestEntry
}

func (s *PutEventsInput) SetEndpointId(v string) *PutEventsInput {
	s.EndpointId = &v
	return s
}

func (s *PutEventsInput) SetEntries(v []*PutEventsRequestEntry) *PutEventsInput {
	s.Entries = v
	return s
}

type PutEventsOutput struct {
	_                struct{} `type:"structure"`
	FailedEntryCount *int64
}

type PutEventsRequestEntry struct {
	_            struct{} `type:"structure"`
	Detail       *string
	DetailType   *string
	EventBusName *string
	Resources    []*string
	Source       *string
	Time         *time.Time
	TraceHeader  *string
}
