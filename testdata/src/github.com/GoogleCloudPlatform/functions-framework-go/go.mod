module github.com/GoogleCloudPlatform/functions-framework-go

go 1.21

require (
	github.com/cloudevents/sdk-go/v2 v2.16.2
)
