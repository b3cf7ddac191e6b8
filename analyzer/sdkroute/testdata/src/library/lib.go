// want package:"has-sends"

// Package library is an SDK wrapper with no FaaS function: its unresolved
// calls are not reported, and its calls are attributed to its exported
// funcs.
package library

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

type Queue struct {
	client *sqs.Client
	url    string
}

func New(c *sqs.Client, url string) *Queue { return &Queue{client: c, url: url} } // want New:`fields\(url=\$2\)`

func (q *Queue) Send(ctx context.Context, v any) error { // want Send:`sends\(sqs.SendMessage queue-url=\$recv.url payload=json\(\$2\)\)`
	return q.send(ctx, v)
}

func (q *Queue) send(ctx context.Context, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = q.client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(q.url), MessageBody: aws.String(string(b))})
	return err
}

// Ping sends a constant body to a constant queue.
func Ping(ctx context.Context, c *sqs.Client) { // want Ping:`sends\(sqs.SendMessage queue-url=https://sqs.eu-west-1.amazonaws.com/1/ping payload=`
	c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/1/ping"), MessageBody: aws.String(`{"ping":true}`)})
}
