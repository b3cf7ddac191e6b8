package main

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// A test sends to whatever it likes: not a route, not reported.
func TestSend(t *testing.T) {
	sq.SendMessage(context.Background(), &sqs.SendMessageInput{QueueUrl: aws.String(t.Name())})
}
