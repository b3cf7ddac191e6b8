// Command helpers resolves targets and payloads through the package's own
// helpers: parameters, constructors, fields, generics and closures.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	awslambda "github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"msg"
)

// publisher wraps the SNS client, as apps do.
type publisher struct {
	client *sns.Client
	topic  string
}

func newPublisher(topic string) *publisher {
	return &publisher{client: sns.NewFromConfig(aws.Config{}), topic: topic}
}

func (p *publisher) publish(ctx context.Context, v any) error {
	b, err := encode(v)
	if err != nil {
		return err
	}
	_, err = p.client.Publish(ctx, &sns.PublishInput{TopicArn: &p.topic, Message: aws.String(string(b))})
	return err
}

func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return b, nil
}

var sq = sqs.NewFromConfig(aws.Config{})

// send is generic: each caller's type argument is the payload.
func send[T any](ctx context.Context, queue string, v T) {
	b, _ := json.Marshal(v)
	sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(queue), MessageBody: aws.String(string(b))})
}

func queueURL(name string) string {
	return fmt.Sprintf("https://sqs.%s.amazonaws.com/%s/%s", msg.Region, msg.Account, name)
}

func orderQueue() string {
	q := os.Getenv("ORDER_QUEUE_URL")
	if q == "" {
		q = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders-dev"
	}
	return q
}

func handle(ctx context.Context, o msg.Order) error {
	p := newPublisher(os.Getenv("RECEIPTS_TOPIC_ARN"))
	if err := p.publish(ctx, msg.Receipt{OrderID: o.ID}); err != nil {
		return err
	}
	send(ctx, queueURL("refunds"), msg.Refund{OrderID: o.ID})
	send(ctx, orderQueue(), o)
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn, ok := os.LookupEnv("AUDIT_FUNCTION")
		if !ok {
			return
		}
		invoke(ctx, fn, o)
	}()
	<-done
	return nil
}

var lc = awslambda.NewFromConfig(aws.Config{})

func invoke(ctx context.Context, fn string, o msg.Order) {
	b, _ := json.Marshal(&o)
	lc.Invoke(ctx, &awslambda.InvokeInput{FunctionName: aws.String(fn), Payload: b})
}

// Notify is exported and registered by no handler here: its call is
// attributed to it, for the whole-program phase to bind.
func Notify(ctx context.Context, r msg.Refund) {
	send(ctx, "https://sqs.eu-west-1.amazonaws.com/123456789012/notices", r)
}

func main() {
	lambda.Start(handle)
	lambda.Start(func(ctx context.Context, r msg.Refund) error {
		invoke(ctx, "charge", msg.Order{ID: r.OrderID})
		return nil
	})
	lambda.Start(receipts)
}

func receipts(ctx context.Context, o msg.Order) error {
	body, err := serialize(msg.Receipt{OrderID: o.ID})
	if err != nil {
		return err
	}
	sendText(ctx, body)
	return nil
}

// serialize returns "" and the error on its error path: only its live
// return carries the body.
func serialize(r msg.Receipt) (string, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return "", fmt.Errorf("serialize: %w", err)
	}
	return string(b), nil
}

func sendText(ctx context.Context, body string) {
	_, _ = sqs.NewFromConfig(aws.Config{}).SendMessage(ctx, &sqs.SendMessageInput{
		QueueUrl: aws.String(os.Getenv("RECEIPTS_QUEUE_URL")), MessageBody: aws.String(body),
	})
}
