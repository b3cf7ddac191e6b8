module github.com/cloudevents/sdk-go/protocol/pubsub/v2

go 1.21
