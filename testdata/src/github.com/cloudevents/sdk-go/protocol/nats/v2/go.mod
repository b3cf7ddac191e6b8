module github.com/cloudevents/sdk-go/protocol/nats/v2

go 1.21
