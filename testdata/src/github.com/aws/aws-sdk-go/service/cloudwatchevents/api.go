// Package cloudwatchevents is a stub of github.com/aws/aws-sdk-go/service/cloudwatchevents v1.55.8:
// the client and the operations faasvet reads, with their real signatures.
package cloudwatchevents

import (
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/client"
	"github.com/aws/aws-sdk-go/aws/request"
	"time"
)

type CloudWatchEvents struct{}

func New(p client.ConfigProvider, cfgs ...*aws.Config) *CloudWatchEvents { return &CloudWatchEvents{} }

func (c *CloudWatchEvents) PutEventsRequest(input *PutEventsInput) (req *request.Request, output *PutEventsOutput) {
	return &request.Request{}, &PutEventsOutput{}
}

func (c *CloudWatchEvents) PutEvents(input *PutEventsInput) (*PutEventsOutput, error) {
	return &PutEventsOutput{}, nil
}

func (c *CloudWatchEvents) PutEventsWithContext(ctx aws.Context, input *PutEventsInput, opts ...request.Option) (*PutEventsOutput, error) {
	return &PutEventsOutput{}, nil
}

type PutEventsInput struct {
	_       struct{} `type:"structure"`
	Entries []*PutEventsRequestEntry
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
