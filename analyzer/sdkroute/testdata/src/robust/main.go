// Command robust holds code that must neither crash the analyzer nor make
// it guess: recursion, variadic and multi-value calls, method values,
// values assigned in several places.
package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"cloud.google.com/go/pubsub"

	"msg"
	"topics"
)

var sq = sqs.NewFromConfig(aws.Config{})

// loop recurses: the walk stops at the cycle.
func loop(ctx context.Context, n int, url string) {
	if n > 0 {
		loop(ctx, n-1, url)
		ping(ctx, n, url)
	}
	sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("{}")})
}

func ping(ctx context.Context, n int, url string) { loop(ctx, n, url) }

func pair() (string, string) { return "https://sqs.eu-west-1.amazonaws.com/1/a", "x" }

func first(url, _ string) string { return url }

func variadic(ctx context.Context, urls ...string) {
	for _, u := range urls {
		sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(u), MessageBody: aws.String("{}")}) // want `cannot resolve the queue URL \(it comes from parameter urls of variadic, known only at run time\)`
	}
}

func handle(ctx context.Context, o msg.Order) error {
	loop(ctx, 3, "https://sqs.eu-west-1.amazonaws.com/1/loop")
	url := first(pair())
	sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(url), MessageBody: aws.String("{}")}) // want `cannot resolve the queue URL \(it comes from parameter url of first, known only at run time\)`
	variadic(ctx, "https://sqs.eu-west-1.amazonaws.com/1/v")
	send := sq.SendMessage // a method value: not a call faasvet follows
	_, _ = send(ctx, &sqs.SendMessageInput{})
	// Two different queues: no guess.
	q := "https://sqs.eu-west-1.amazonaws.com/1/a"
	if o.Total > 100 {
		q = "https://sqs.eu-west-1.amazonaws.com/1/b"
	}
	sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(q), MessageBody: aws.String("{}")}) // want `cannot resolve the queue URL \(q has 2 different values\)`
	// Payloads of two types: no guess.
	var v any = o
	if o.ID == "" {
		v = msg.Refund{}
	}
	b, _ := json.Marshal(v)
	sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(os.Getenv("Q")), MessageBody: aws.String(string(b))}) // want `cannot resolve the payload \(json.Marshal encodes v, which holds values of several types\)`
	// A self-referencing string.
	s := "a"
	s = s + s
	sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(s), MessageBody: aws.String("{}")}) // want `cannot resolve the queue URL`
	// Topics held in another package's variables: one set once (its
	// fact resolves it), one set in two places (not guessed).
	topics.Orders.Publish(ctx, &pubsub.Message{Data: []byte("{}")})
	topics.Refunds.Publish(ctx, &pubsub.Message{Data: []byte("{}")}) // want `cannot resolve the topic`
	// An address taken for the SDK's input lets nothing else set the
	// variable; one handed to a func may be anything.
	u := os.Getenv("Q2")
	body := "{}"
	sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &u, MessageBody: &body})
	w := "https://sqs.eu-west-1.amazonaws.com/1/w"
	set(&w)
	sq.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &w, MessageBody: &body}) // want `cannot resolve the queue URL \(variable w has its address taken`
	return nil
}

func set(p *string) { *p = os.Getenv("W") }

func main() { lambda.Start(handle) }
