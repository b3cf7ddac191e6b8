// Package consumers holds sample consumers written against the real
// aws-lambda-go, functions-framework-go and cloudevents modules. The
// faasconsumer analyzer runs on it in consumer_test.go, so that the stubs
// its own tests use cannot drift from the real SDKs unnoticed.
package consumers

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"

	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdaurl"
	cloudevents "github.com/cloudevents/sdk-go/v2"
	"github.com/cloudevents/sdk-go/v2/event"
)

// Order is the payload the consumers decode.
type Order struct {
	ID    string  `json:"id"`
	Total float64 `json:"total"`
}

// Refund is a second payload.
type Refund struct {
	OrderID string `json:"order_id"`
}

// SQS records in a range loop, through a helper.
func sqsConsumer(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	for _, rec := range ev.Records {
		if err := processRecord(rec); err != nil {
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: rec.MessageId})
		}
	}
	return resp, nil
}

func processRecord(rec events.SQSMessage) error {
	var o Order
	return json.Unmarshal([]byte(rec.Body), &o)
}

// SNS to SQS without raw message delivery.
func snsThroughSQS(ctx context.Context, ev events.SQSEvent) error {
	for _, rec := range ev.Records {
		var n events.SNSEntity
		if err := json.Unmarshal([]byte(rec.Body), &n); err != nil {
			return err
		}
		o, err := decode[Refund](n.Message)
		if err != nil {
			return err
		}
		_ = o
	}
	return nil
}

func decode[T any](s string) (T, error) {
	var v T
	err := json.Unmarshal([]byte(s), &v)
	return v, err
}

func snsConsumer(ctx context.Context, ev events.SNSEvent) error {
	_, err := decode[Order](ev.Records[0].SNS.Message)
	return err
}

func eventBridgeConsumer(ctx context.Context, ev events.EventBridgeEvent) error {
	var o Order
	return json.Unmarshal(ev.Detail, &o)
}

func kinesisConsumer(ctx context.Context, ev events.KinesisEvent) error {
	for _, r := range ev.Records {
		var rf Refund
		if err := json.Unmarshal(r.Kinesis.Data, &rf); err != nil {
			return err
		}
	}
	return nil
}

func dynamoConsumer(ctx context.Context, ev events.DynamoDBEvent) error {
	for _, r := range ev.Records {
		_ = r.Change.NewImage
	}
	return nil
}

func s3Consumer(ctx context.Context, ev events.S3Event) error {
	for _, r := range ev.Records {
		_ = r.S3.Object.Key
	}
	return nil
}

func restConsumer(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	body := []byte(req.Body)
	if req.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(req.Body)
		if err != nil {
			return events.APIGatewayProxyResponse{StatusCode: http.StatusBadRequest}, nil
		}
		body = b
	}
	var o Order
	if err := json.Unmarshal(body, &o); err != nil {
		return events.APIGatewayProxyResponse{StatusCode: http.StatusBadRequest}, nil
	}
	return events.APIGatewayProxyResponse{StatusCode: http.StatusOK}, nil
}

func httpAPIConsumer(ctx context.Context, req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	var rf Refund
	err := json.Unmarshal([]byte(req.Body), &rf)
	return events.APIGatewayV2HTTPResponse{}, err
}

func functionURLConsumer(ctx context.Context, req events.LambdaFunctionURLRequest) (events.LambdaFunctionURLResponse, error) {
	var o Order
	err := json.Unmarshal([]byte(req.Body), &o)
	return events.LambdaFunctionURLResponse{}, err
}

func rawConsumer(ctx context.Context, in json.RawMessage) error {
	var o Order
	return json.Unmarshal(in, &o)
}

// bytesHandler is a lambda.Handler: the runtime hands it the raw bytes.
type bytesHandler struct{}

func (bytesHandler) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	var rf Refund
	if err := json.Unmarshal(payload, &rf); err != nil {
		return nil, err
	}
	return payload, nil
}

func serveURL(w http.ResponseWriter, r *http.Request) {
	var o Order
	if err := json.NewDecoder(r.Body).Decode(&o); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

// messagePublishedData is the CloudEvent data of a Pub/Sub trigger.
type messagePublishedData struct {
	Message struct {
		Data []byte `json:"data"`
	} `json:"message"`
}

func pubsubConsumer(ctx context.Context, e event.Event) error {
	var m messagePublishedData
	if err := e.DataAs(&m); err != nil {
		return err
	}
	var o Order
	return json.Unmarshal(m.Message.Data, &o)
}

func receiver(ctx context.Context, e cloudevents.Event) error {
	var rf Refund
	return e.DataAs(&rf)
}

// Lambda registers the aws-lambda-go consumers; each process would start
// one of them.
func Lambda(which string) {
	switch which {
	case "sqs":
		lambda.Start(sqsConsumer)
	case "sns-sqs":
		lambda.Start(snsThroughSQS)
	case "sns":
		lambda.Start(snsConsumer)
	case "eventbridge":
		lambda.Start(eventBridgeConsumer)
	case "kinesis":
		lambda.Start(kinesisConsumer)
	case "dynamodb":
		lambda.Start(dynamoConsumer)
	case "s3":
		lambda.Start(s3Consumer)
	case "rest":
		lambda.Start(restConsumer)
	case "httpapi":
		lambda.Start(httpAPIConsumer)
	case "url":
		lambda.Start(functionURLConsumer)
	case "raw":
		lambda.Start(rawConsumer)
	case "bytes":
		lambda.StartHandler(bytesHandler{})
	case "lambdaurl":
		lambdaurl.Start(http.HandlerFunc(serveURL))
	}
}

func init() {
	functions.CloudEvent("pubsub", pubsubConsumer)
}

// Receive starts the CloudEvents receiver.
func Receive(ctx context.Context) error {
	c, err := cloudevents.NewClientHTTP()
	if err != nil {
		return err
	}
	return c.StartReceiver(ctx, receiver)
}
