// Package lambdaenv has one consumer per aws-lambda-go envelope.
package main

import (
	"context"
	"encoding/base64"
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

type Order struct {
	ID    string  `json:"id"`
	Total float64 `json:"total"`
}

type Shipment struct {
	OrderID string `json:"order_id"`
}

type Click struct{ URL string }

type Row struct{ Key string }

// SQS: a range loop over the records.
func sqsHandler(ctx context.Context, ev events.SQSEvent) error {
	for _, rec := range ev.Records {
		var o Order
		if err := json.Unmarshal([]byte(rec.Body), &o); err != nil {
			return err
		}
	}
	return nil
}

// SQS: an index into the records, through a pointer.
func sqsFirst(ctx context.Context, ev *events.SQSEvent) (events.SQSEventResponse, error) {
	o := new(Order)
	err := json.Unmarshal([]byte(ev.Records[0].Body), o)
	return events.SQSEventResponse{}, err
}

// SNS: Records[i].SNS.Message.
func snsHandler(ctx context.Context, ev events.SNSEvent) error {
	for i := range ev.Records {
		msg := ev.Records[i].SNS.Message
		var s Shipment
		if err := json.Unmarshal([]byte(msg), &s); err != nil {
			return err
		}
	}
	return nil
}

// EventBridge: the Detail, with the alias type.
func ebHandler(ctx context.Context, ev events.EventBridgeEvent) error {
	var o Order
	return json.Unmarshal(ev.Detail, &o)
}

// CloudWatch Events: the same type under its old name.
func cwHandler(ev events.CloudWatchEvent) error {
	o := &Order{}
	return json.Unmarshal(ev.Detail, o)
}

// Kinesis: the data is already base64-decoded by the runtime.
func kinesisHandler(ctx context.Context, ev events.KinesisEvent) error {
	for _, r := range ev.Records {
		var c Click
		if err := json.Unmarshal(r.Kinesis.Data, &c); err != nil {
			return err
		}
	}
	return nil
}

// DynamoDB: attribute values, no JSON body.
func dynamoHandler(ctx context.Context, ev events.DynamoDBEvent) error {
	for _, r := range ev.Records {
		_ = r.Change.NewImage["Key"].String()
	}
	return nil
}

// S3: object keys.
func s3Handler(ctx context.Context, ev events.S3Event) error {
	for _, r := range ev.Records {
		_ = r.S3.Object.Key
	}
	return nil
}

// API Gateway REST, with a base64 body.
func restHandler(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	body := []byte(req.Body)
	if req.IsBase64Encoded {
		b, err := base64.StdEncoding.DecodeString(req.Body)
		if err != nil {
			return events.APIGatewayProxyResponse{StatusCode: 400}, nil
		}
		body = b
	}
	var o Order
	if err := json.Unmarshal(body, &o); err != nil {
		return events.APIGatewayProxyResponse{StatusCode: 400}, nil
	}
	return events.APIGatewayProxyResponse{StatusCode: 200}, nil
}

// API Gateway HTTP API.
func httpAPIHandler(req events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	var s Shipment
	err := json.Unmarshal([]byte(req.Body), &s)
	return events.APIGatewayV2HTTPResponse{}, err
}

// Function URL.
func urlHandler(ctx context.Context, req events.LambdaFunctionURLRequest) (events.LambdaFunctionURLResponse, error) {
	var o Order
	err := json.Unmarshal([]byte(req.Body), &o)
	return events.LambdaFunctionURLResponse{}, err
}

// json.RawMessage: the function decodes the event itself.
func rawMsgHandler(ctx context.Context, in json.RawMessage) error {
	var r Row
	return json.Unmarshal(in, &r)
}

// A lambda.Handler: raw bytes in Invoke.
type rawHandler struct{}

func (rawHandler) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	var o Order
	if err := json.Unmarshal(payload, &o); err != nil {
		return nil, err
	}
	return json.Marshal(o)
}

// A plain payload: no Payload.
func plainHandler(ctx context.Context, o Order) error { return nil }

func main() {
	lambda.Start(sqsHandler)
	lambda.Start(sqsFirst)
	lambda.Start(snsHandler)
	lambda.Start(ebHandler)
	lambda.Start(cwHandler)
	lambda.Start(kinesisHandler)
	lambda.Start(dynamoHandler)
	lambda.Start(s3Handler)
	lambda.Start(restHandler)
	lambda.Start(httpAPIHandler)
	lambda.Start(urlHandler)
	lambda.Start(rawMsgHandler)
	lambda.StartHandler(rawHandler{})
	lambda.Start(plainHandler)
	lambda.Start(func(ctx context.Context, ev events.SQSEvent) error {
		var s Shipment
		return json.Unmarshal([]byte(ev.Records[0].Body), &s)
	})
}
