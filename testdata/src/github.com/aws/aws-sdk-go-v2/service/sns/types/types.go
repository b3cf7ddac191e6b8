// Package types is a stub of github.com/aws/aws-sdk-go-v2/service/sns/types.
package types

type noSmithyDocumentSerde struct{}

type MessageAttributeValue struct {
	DataType    *string
	StringValue *string
	noSmithyDocumentSerde
}

type PublishBatchRequestEntry struct {
	Id                     *string
	Message                *string
	MessageAttributes      map[string]MessageAttributeValue
	MessageDeduplicationId *string
	MessageGroupId         *string
	MessageStructure       *string
	Subject                *string
	noSmithyDocumentSerde
}
