// want package:"has-sends"

// Package events publishes through a slice of Publisher values with
// several implementations in this package, each sending to its own
// target: Service.Reset runs only the SQS one, Service.Created the SNS
// and EventBridge ones (class-hierarchy analysis, narrowed by the
// values the slices hold).
package events

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"msg"
)

// Publisher publishes an event.
type Publisher interface {
	Publish(ctx context.Context, v any) error
}

// NewInput is filled from the environment by its tags.
type NewInput struct {
	SQS      *sqs.Client
	SNS      *sns.Client
	Bus      *eventbridge.Client
	QueueURL string `env:"RESET_QUEUE_URL"`
	TopicARN string `env:"CREATED_TOPIC_ARN"`
}

type sqsPub struct {
	c   *sqs.Client
	url string
}

func (p *sqsPub) Publish(ctx context.Context, v any) error { // want Publish:`sends\(sqs.SendMessage queue-url=\$recv.url payload=json\(\$2\)\)`
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = p.c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(p.url), MessageBody: aws.String(string(b))})
	return err
}

func newSQS(c *sqs.Client, url string) (*sqsPub, error) { return &sqsPub{c: c, url: url}, nil }

type snsPub struct {
	c   *sns.Client
	arn string
}

func (p *snsPub) Publish(ctx context.Context, v any) error { // want Publish:`sends\(sns.Publish topic-arn=\$recv.arn payload=json\(\$2\)\)`
	b, _ := json.Marshal(v)
	_, err := p.c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(p.arn), Message: aws.String(string(b))})
	return err
}

type busPub struct {
	c          *eventbridge.Client
	detailType string
}

func (p *busPub) Publish(ctx context.Context, v any) error { // want Publish:`sends\(eventbridge.PutEvents bus=default payload=json\(\$2\)\)`
	b, _ := json.Marshal(v)
	_, err := p.c.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []types.PutEventsRequestEntry{
		{Source: aws.String("shop"), DetailType: aws.String(p.detailType), Detail: aws.String(string(b))},
	}})
	return err
}

// quiet implements Publisher and sends nothing: no route runs through it.
type quiet struct{}

func (quiet) Publish(ctx context.Context, v any) error { return nil }

// Service publishes each kind of event to its publishers.
type Service struct {
	reset   []Publisher
	created []Publisher
}

func (s *Service) publish(ctx context.Context, v any, ps ...Publisher) error {
	for _, p := range ps {
		if err := p.Publish(ctx, v); err != nil {
			return err
		}
	}
	return nil
}

// Reset publishes to the reset queue.
func (s *Service) Reset(ctx context.Context, o *msg.Order) error { // want Reset:`sends\(sqs.SendMessage queue-url=\$\{RESET_QUEUE_URL\} payload=json\(\$2\)\)`
	return s.publish(ctx, o, s.reset...)
}

// Created publishes to the created topic and the default bus.
func (s *Service) Created(ctx context.Context, o *msg.Order) error { // want Created:`sends\(sns.Publish topic-arn=\$\{CREATED_TOPIC_ARN\} payload=json\(\$2\); eventbridge.PutEvents bus=default payload=json\(\$2\)\)`
	return s.publish(ctx, o, s.created...)
}

// NewService builds the publishers.
func NewService(in NewInput) (*Service, error) {
	reset, err := newSQS(in.SQS, in.QueueURL)
	if err != nil {
		return nil, err
	}
	s := &Service{}
	s.reset = []Publisher{reset}
	s.created = []Publisher{&snsPub{c: in.SNS, arn: in.TopicARN}, &busPub{c: in.Bus, detailType: "OrderCreated"}, quiet{}}
	return s, nil
}
