// Command arnapp publishes to topics held as parsed ARNs: an ARN that
// arn.Parse made prints back the string it parsed (here one from the
// environment, through a constructor that returns early on errors); one
// built from parts is not followed.
package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"msg"
)

type publisher struct {
	c     *sns.Client
	topic arn.ARN
}

func newPublisher(c *sns.Client, s string) (*publisher, error) {
	a, err := arn.Parse(s)
	if err != nil {
		return nil, err
	}
	return &publisher{c: c, topic: a}, nil
}

func (p *publisher) publish(ctx context.Context, o msg.Order) error {
	b, _ := json.Marshal(o)
	_, err := p.c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(p.topic.String()), Message: aws.String(string(b))})
	return err
}

var client *sns.Client

func handle(ctx context.Context, o msg.Order) error {
	p, err := newPublisher(client, os.Getenv("ORDERS_TOPIC_ARN"))
	if err != nil {
		return err
	}
	if err := p.publish(ctx, o); err != nil {
		return err
	}
	built := arn.ARN{Partition: "aws", Service: "sns", Region: os.Getenv("AWS_REGION"), Resource: "audit"}
	_, err = client.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(built.String()), Message: aws.String(`{}`)}) // want `sns Publish`
	return err
}

func main() {
	lambda.Start(handle)
}
