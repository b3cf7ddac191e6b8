// Command track answers where an order is, and records the question.
package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/faasvet/faasvet/examples/orders/internal/msg"
)

type tracker struct{ queue *sqs.Client }

func (t *tracker) track(ctx context.Context, r msg.TrackRequest) (msg.Tracking, error) {
	// seeded: unresolved-route (info). The queue URL is read from a file
	// at run time; //faas:route would name it.
	queue, _ := os.ReadFile("/etc/audit-queue")
	body, _ := json.Marshal(r)
	_, err := t.queue.SendMessage(ctx, &sqs.SendMessageInput{
		QueueUrl:    aws.String(string(queue)),
		MessageBody: aws.String(string(body)),
	})
	return msg.Tracking{OrderID: r.OrderID}, err
}

func main() {
	t := &tracker{}
	lambda.Start(t.track)
}
