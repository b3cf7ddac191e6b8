// Package sdkcalls is a Lambda function written against the real SDK
// modules, on which sdk_test.go runs the faassdk analyzer: the analyzer's
// recognition of each SDK is tested here against the SDK itself, not a
// stub.
package sdkcalls

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"

	pubsubv1 "cloud.google.com/go/pubsub"
	pubsubv2 "cloud.google.com/go/pubsub/v2"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	awslambda "github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	awsv1 "github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/aws/session"
	"github.com/aws/aws-sdk-go/service/cloudwatchevents"
	eventbridgev1 "github.com/aws/aws-sdk-go/service/eventbridge"
	lambdav1 "github.com/aws/aws-sdk-go/service/lambda"
	"github.com/aws/aws-sdk-go/service/lambda/lambdaiface"
	sfnv1 "github.com/aws/aws-sdk-go/service/sfn"
	snsv1 "github.com/aws/aws-sdk-go/service/sns"
	sqsv1 "github.com/aws/aws-sdk-go/service/sqs"
	cloudevents "github.com/cloudevents/sdk-go/v2"
)

// Order is what the function sends.
type Order struct {
	ID string `json:"id"`
}

// Receipt is what it decodes from synchronous answers.
type Receipt struct {
	OrderID string `json:"orderId"`
}

// Clients holds the SDK clients; Register builds them.
type Clients struct {
	Lambda   *awslambda.Client
	SQS      *sqs.Client
	SNS      *sns.Client
	Events   *eventbridge.Client
	SFN      *sfn.Client
	LambdaV1 lambdaiface.LambdaAPI
	SQSV1    *sqsv1.SQS
	PubSub   *pubsubv1.Client
	PubSubV2 *pubsubv2.Client
	CE       cloudevents.Client
}

// V2 sends with aws-sdk-go-v2.
func (c *Clients) V2(ctx context.Context, o Order) (Receipt, error) {
	b, err := json.Marshal(o)
	if err != nil {
		return Receipt{}, err
	}
	out, err := c.Lambda.Invoke(ctx, &awslambda.InvokeInput{FunctionName: aws.String("charge"), Payload: b})
	if err != nil {
		return Receipt{}, err
	}
	var r Receipt
	if err := json.Unmarshal(out.Payload, &r); err != nil {
		return Receipt{}, err
	}
	c.Lambda.Invoke(ctx, &awslambda.InvokeInput{FunctionName: aws.String("audit"), InvocationType: lambdatypes.InvocationTypeEvent, Payload: b})
	c.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(os.Getenv("QUEUE_URL")), MessageBody: aws.String(string(b))})
	c.SQS.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{
		QueueUrl: aws.String("https://sqs.eu-west-1.amazonaws.com/123456789012/orders"),
		Entries:  []sqstypes.SendMessageBatchRequestEntry{{Id: aws.String("1"), MessageBody: aws.String(string(b))}},
	})
	c.SNS.Publish(ctx, &sns.PublishInput{TopicArn: aws.String("arn:aws:sns:eu-west-1:123456789012:receipts"), Message: aws.String(string(b))})
	c.SNS.PublishBatch(ctx, &sns.PublishBatchInput{
		TopicArn:                   aws.String(os.Getenv("TOPIC_ARN")),
		PublishBatchRequestEntries: []snstypes.PublishBatchRequestEntry{{Id: aws.String("1"), Message: aws.String(string(b))}},
	})
	c.Events.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{{
		Source: aws.String("shop"), DetailType: aws.String("OrderPlaced"), Detail: aws.String(string(b)),
	}}})
	c.SFN.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: aws.String("arn:aws:states:eu-west-1:123456789012:stateMachine:fulfil"), Input: aws.String(string(b))})
	return r, nil
}

// V1 sends with aws-sdk-go.
func (c *Clients) V1(ctx context.Context, o Order) error {
	b, _ := json.Marshal(o)
	c.LambdaV1.InvokeWithContext(ctx, &lambdav1.InvokeInput{FunctionName: awsv1.String("charge"), Payload: b})
	c.SQSV1.SendMessage((&sqsv1.SendMessageInput{}).SetQueueUrl(os.Getenv("QUEUE_URL")).SetMessageBody(string(b)))
	sess := session.Must(session.NewSession())
	snsv1.New(sess).PublishWithContext(ctx, &snsv1.PublishInput{TopicArn: awsv1.String(os.Getenv("TOPIC_ARN")), Message: awsv1.String(string(b))})
	eventbridgev1.New(sess).PutEvents(&eventbridgev1.PutEventsInput{Entries: []*eventbridgev1.PutEventsRequestEntry{{
		Source: awsv1.String("shop"), DetailType: awsv1.String("OrderPlaced"), Detail: awsv1.String(string(b)),
	}}})
	cloudwatchevents.New(sess).PutEvents(&cloudwatchevents.PutEventsInput{Entries: []*cloudwatchevents.PutEventsRequestEntry{{
		Source: awsv1.String("shop"), DetailType: awsv1.String("OrderShipped"), Detail: awsv1.String(string(b)),
	}}})
	sfnv1.New(sess).StartExecution(&sfnv1.StartExecutionInput{StateMachineArn: awsv1.String(os.Getenv("MACHINE_ARN")), Input: awsv1.String(string(b))})
	return nil
}

// Google sends with Pub/Sub, CloudEvents and to an OpenFaaS gateway.
func (c *Clients) Google(ctx context.Context, o Order) error {
	b, _ := json.Marshal(o)
	c.PubSub.Topic("orders").Publish(ctx, &pubsubv1.Message{Data: b})
	c.PubSubV2.Publisher("projects/shop/topics/receipts").Publish(ctx, &pubsubv2.Message{Data: b})
	e := cloudevents.NewEvent()
	e.SetType("com.example.order")
	e.SetSource("/shop")
	_ = e.SetData(cloudevents.ApplicationJSON, o)
	_ = c.CE.Send(ctx, e)
	resp, err := http.Post(os.Getenv("gateway_url")+"/function/charge", "application/json", bytes.NewReader(b))
	if err == nil {
		var r Receipt
		_ = json.NewDecoder(resp.Body).Decode(&r)
	}
	return nil
}

// Unresolved sends to a queue that the input names.
func (c *Clients) Unresolved(ctx context.Context, queue string) error {
	_, err := c.SQS.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(queue), MessageBody: aws.String("{}")})
	return err
}

// Register starts the function (never called by the tests).
func Register(c *Clients) {
	lambda.Start(c.V2)
	lambda.Start(c.V1)
	lambda.Start(c.Google)
	lambda.Start(c.Unresolved)
}
