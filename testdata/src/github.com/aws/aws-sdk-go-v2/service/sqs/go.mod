module github.com/aws/aws-sdk-go-v2/service/sqs

go 1.21

require (
	github.com/aws/aws-sdk-go-v2 v1.48.0
	github.com/aws/smithy-go v1.25.0
)
