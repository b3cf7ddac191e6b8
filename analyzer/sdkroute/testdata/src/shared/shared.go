// want package:"has-sends"

// Package shared sends any payload to a queue named by its caller,
// looking the queue's URL up by name, and wraps another package's
// sender: summaries compose.
package shared

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"library"
)

var client = sqs.New(sqs.Options{})

func SendMessage(ctx context.Context, payload any, queueName string) error { // want SendMessage:`sends\(sqs.SendMessage queue-url=https://sqs.<region>.amazonaws.com/<account>/\$3 payload=json\(\$2\)\)`
	out, err := client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(queueName)})
	if err != nil {
		return err
	}
	b, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	_, err = client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: out.QueueUrl, MessageBody: aws.String(string(b))})
	return err
}

// Notify wraps library's queue: its summary is library's, instantiated.
func Notify(ctx context.Context, q *library.Queue, v any) error { // want Notify:`sends\(sqs.SendMessage queue-url=\$2.url payload=json\(\$3\)\)`
	return q.Send(ctx, v)
}

// QueueURL looks a queue's URL up by name; "" with the error on the error
// path, which is not the value callers use.
func QueueURL(ctx context.Context, name string) (string, error) {
	out, err := client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: &name})
	if err != nil {
		return "", err
	}
	return *out.QueueUrl, err
}

func SendByName(ctx context.Context, payload any, name string) error { // want SendByName:`sends\(sqs.SendMessage queue-url=https://sqs.<region>.amazonaws.com/<account>/\$3 payload=json\(\$2\)\)`
	url, err := QueueURL(ctx, name)
	if err != nil {
		return err
	}
	b, _ := json.Marshal(payload)
	_, err = client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &url, MessageBody: aws.String(string(b))})
	return err
}
