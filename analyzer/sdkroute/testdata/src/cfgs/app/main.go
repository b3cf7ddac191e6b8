// Command app names its queues by config keys with in-code defaults.
package main

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"cfgs/config"
	"msg"
)

var client = sqs.New(sqs.Options{})

const base = "https://sqs.eu-west-1.amazonaws.com/1/"

func handle(ctx context.Context, o msg.Order) error {
	cfg := config.New()
	b, _ := json.Marshal(o)
	orders := base + cfg.Get("OrdersQueueName", "orders")
	client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &orders, MessageBody: aws.String(string(b))}) // want `the queue URL https://sqs.eu-west-1.amazonaws.com/1/orders rests on config key "OrdersQueueName", whose in-code default "orders" \(main.go:23\) faasvet takes as the value`
	audit := base + cfg.Prefixed("AuditQueueName", "audit")
	client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &audit, MessageBody: aws.String(string(b))}) // want `cannot resolve the queue URL \(it is the result of cfg.Prefixed\)`
	byID := base + cfg.Get(o.ID, "fallback")
	client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &byID, MessageBody: aws.String(string(b))}) // want `cannot resolve the queue URL \(it is the result of cfg.Get\)`
	fixed := base + config.Fixed("FixedQueueName", "fixed")
	client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &fixed, MessageBody: aws.String(string(b))})
	return nil
}

func main() { lambda.Start(handle) }
