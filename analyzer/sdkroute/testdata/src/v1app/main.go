// Command v1app sends with aws-sdk-go v1: the plain, WithContext and
// Request variants, setters, and a call through lambdaiface.
package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/cloudwatchevents"
	awslambda "github.com/aws/aws-sdk-go/service/lambda"
	"github.com/aws/aws-sdk-go/service/lambda/lambdaiface"
	"github.com/aws/aws-sdk-go/service/sfn"
	"github.com/aws/aws-sdk-go/service/sns"
	"github.com/aws/aws-sdk-go/service/sqs"

	"msg"
)

type app struct {
	fn    lambdaiface.LambdaAPI
	queue *sqs.SQS
	topic string
}

func (a *app) handle(ctx context.Context, o msg.Order) error {
	b, _ := json.Marshal(o)
	out, err := a.fn.InvokeWithContext(ctx, &awslambda.InvokeInput{
		FunctionName:   aws.String(msg.ChargeFunction),
		InvocationType: aws.String(awslambda.InvocationTypeRequestResponse),
		Payload:        b,
	})
	if err == nil {
		var r msg.Receipt
		_ = json.Unmarshal(out.Payload, &r)
	}
	req, _ := a.fn.InvokeRequest(&awslambda.InvokeInput{
		FunctionName:   aws.String("audit"),
		InvocationType: aws.String(awslambda.InvocationTypeEvent),
		Payload:        b,
	})
	_ = req.Send()
	in := (&sqs.SendMessageInput{}).SetQueueUrl(os.Getenv("QUEUE_URL")).SetMessageBody(string(b))
	_, _ = a.queue.SendMessage(in)
	entries := []*sqs.SendMessageBatchRequestEntry{}
	for _, id := range []string{"1", "2"} {
		entries = append(entries, &sqs.SendMessageBatchRequestEntry{Id: aws.String(id), MessageBody: aws.String(string(b))})
	}
	_, _ = a.queue.SendMessageBatchWithContext(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(os.Getenv("QUEUE_URL")), Entries: entries})
	pub := &sns.PublishInput{}
	pub.SetTopicArn(a.topic)
	pub.SetMessage(string(b))
	_, _ = sns.New(session.Must(session.NewSession())).Publish(pub)
	_, _ = sns.New(session.Must(session.NewSession())).Publish(&sns.PublishInput{
		PhoneNumber: aws.String("+15555550100"), // an SMS: no route
		Message:     aws.String("hello"),
	})
	_, _ = cloudwatchevents.New(session.Must(session.NewSession())).PutEventsWithContext(ctx, &cloudwatchevents.PutEventsInput{
		Entries: []*cloudwatchevents.PutEventsRequestEntry{{
			Source:     aws.String("shop.orders"),
			DetailType: aws.String("OrderPlaced"),
			Detail:     aws.String(string(b)),
		}},
	})
	_, _ = sfn.New(session.Must(session.NewSession())).StartExecution(&sfn.StartExecutionInput{
		StateMachineArn: aws.String(os.Getenv("MACHINE_ARN")),
		Input:           aws.String(string(b)),
	})
	return nil
}

func main() {
	sess := session.Must(session.NewSession())
	a := &app{fn: awslambda.New(sess), queue: sqs.New(sess), topic: os.Getenv("TOPIC_ARN")}
	lambda.Start(a.handle)
}
