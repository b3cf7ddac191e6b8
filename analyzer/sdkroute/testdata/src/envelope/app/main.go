// Command app publishes bodies that a helper package of its own
// encodes: a generic envelope's ToJSON, a field, an encoder.
package main

import (
	"context"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"envelope/obs"
	"msg"
)

var client *sns.Client

func handle(ctx context.Context, in msg.Order) error {
	evt := obs.New(ctx.Value("t").(string), in)
	data, _ := evt.ToJSON()
	message := string(data)
	topic := os.Getenv("ORDERS_TOPIC_ARN")
	_, _ = client.Publish(ctx, &sns.PublishInput{TopicArn: &topic, Message: &message})

	inner, _ := evt.DataJSON()
	_, _ = client.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(os.Getenv("DATA_TOPIC_ARN")), Message: aws.String(inner)})

	_, _ = client.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(os.Getenv("NOTES_TOPIC_ARN")), Message: aws.String(string(obs.Note{Text: "x"}.Pretty()))})

	r := msg.Refund{}
	body, _ := obs.Encode(time.Now(), r)
	_, _ = client.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(os.Getenv("REFUNDS_TOPIC_ARN")), Message: aws.String(string(body))})

	// A method promoted from an embedded field encodes that field.
	_, _ = client.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(os.Getenv("WRAPPED_TOPIC_ARN")), Message: aws.String(string(wrapped{Extra: 1}.Pretty()))})

	framed := obs.Framed(r)
	_, _ = client.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(os.Getenv("FRAMED_TOPIC_ARN")), Message: aws.String(string(framed))}) // want `payload`
	return nil
}

type wrapped struct {
	obs.Note
	Extra int
}

func main() {
	lambda.Start(handle)
}
