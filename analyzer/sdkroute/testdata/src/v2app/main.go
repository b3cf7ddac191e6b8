// Command v2app is a Lambda function that sends to every kind of target
// with aws-sdk-go-v2; every call resolves, so nothing is reported.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchevents"
	cwetypes "github.com/aws/aws-sdk-go-v2/service/cloudwatchevents/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	awslambda "github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"msg"
)

const queueURL = "https://sqs." + msg.Region + ".amazonaws.com/" + msg.Account + "/orders"

var (
	lc  = awslambda.NewFromConfig(aws.Config{})
	sq  = sqs.NewFromConfig(aws.Config{})
	sn  = sns.NewFromConfig(aws.Config{})
	eb  = eventbridge.NewFromConfig(aws.Config{})
	sf  = sfn.NewFromConfig(aws.Config{})
	cwe = cloudwatchevents.NewFromConfig(aws.Config{})
	bus = os.Getenv("BUS_NAME")
)

func handle(ctx context.Context, o msg.Order) (msg.Receipt, error) {
	b, err := json.Marshal(o)
	if err != nil {
		return msg.Receipt{}, err
	}
	// A synchronous invocation whose answer is decoded.
	out, err := lc.Invoke(ctx, &awslambda.InvokeInput{
		FunctionName: aws.String(msg.ChargeFunction),
		Payload:      b,
	})
	if err != nil {
		return msg.Receipt{}, err
	}
	var r msg.Receipt
	if err := json.Unmarshal(out.Payload, &r); err != nil {
		return msg.Receipt{}, err
	}
	// An asynchronous one, to an ARN.
	_, _ = lc.Invoke(ctx, &awslambda.InvokeInput{
		FunctionName:   aws.String(fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", msg.Region, msg.Account, "audit")),
		InvocationType: lambdatypes.InvocationTypeEvent,
		Payload:        b,
	})
	// A dry run sends nothing.
	_, _ = lc.Invoke(ctx, &awslambda.InvokeInput{
		FunctionName:   aws.String("charge"),
		InvocationType: lambdatypes.InvocationTypeDryRun,
	})
	_, _ = sq.SendMessage(ctx, &sqs.SendMessageInput{
		QueueUrl:    aws.String(queueURL),
		MessageBody: aws.String(string(b)),
	})
	refund, _ := json.Marshal(msg.Refund{OrderID: o.ID})
	_, _ = sq.SendMessageBatch(ctx, &sqs.SendMessageBatchInput{
		QueueUrl: aws.String(os.Getenv("REFUNDS_QUEUE_URL")),
		Entries: []sqstypes.SendMessageBatchRequestEntry{
			{Id: aws.String("1"), MessageBody: aws.String(string(refund))},
			{Id: aws.String("2"), MessageBody: aws.String(string(refund))},
		},
	})
	var buf bytes.Buffer
	_ = json.NewEncoder(&buf).Encode(r)
	_, _ = sn.Publish(ctx, &sns.PublishInput{
		TopicArn: aws.String("arn:aws:sns:" + msg.Region + ":" + msg.Account + ":receipts"),
		Message:  aws.String(buf.String()),
	})
	_, _ = eb.PutEvents(ctx, &eventbridge.PutEventsInput{
		Entries: []ebtypes.PutEventsRequestEntry{{
			Source:       aws.String("shop.orders"),
			DetailType:   aws.String("OrderPlaced"),
			Detail:       aws.String(string(b)),
			EventBusName: aws.String(bus),
		}},
	})
	_, _ = sf.StartExecution(ctx, &sfn.StartExecutionInput{
		StateMachineArn: aws.String("arn:aws:states:eu-west-1:123456789012:stateMachine:fulfil"),
		Input:           aws.String(string(b)),
	})
	res, err := sf.StartSyncExecution(ctx, &sfn.StartSyncExecutionInput{
		StateMachineArn: aws.String(os.Getenv("QUOTE_MACHINE_ARN")),
		Input:           aws.String(string(b)),
	})
	if err == nil {
		var q msg.Refund
		_ = json.Unmarshal([]byte(aws.ToString(res.Output)), &q)
	}
	// A structured SNS message: the payload is its "default" member.
	wrapped, _ := json.Marshal(map[string]string{"default": string(b), "email": "new order"})
	_, _ = sn.Publish(ctx, &sns.PublishInput{
		TopicArn:         aws.String("arn:aws:sns:eu-west-1:123456789012:orders"),
		MessageStructure: aws.String("json"),
		Message:          aws.String(string(wrapped)),
	})
	_, _ = lc.InvokeAsync(ctx, &awslambda.InvokeAsyncInput{FunctionName: aws.String("legacy"), InvokeArgs: bytes.NewReader(b)})
	_, _ = lc.InvokeWithResponseStream(ctx, &awslambda.InvokeWithResponseStreamInput{FunctionName: aws.String("stream"), Payload: b})
	_, _ = cwe.PutEvents(ctx, &cloudwatchevents.PutEventsInput{Entries: []cwetypes.PutEventsRequestEntry{{
		Source: aws.String("shop.orders"), DetailType: aws.String("OrderPlaced"), Detail: aws.String(string(b)),
		EventBusName: aws.String("arn:aws:events:eu-west-1:123456789012:event-bus/shop"),
	}}})
	return r, nil
}

func main() { lambda.Start(handle) }
