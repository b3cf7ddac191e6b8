module github.com/cloudevents/sdk-go/v2

go 1.21
