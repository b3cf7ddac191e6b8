// Package types is a stub of github.com/aws/aws-sdk-go-v2/service/sqs/types.
package types

type noSmithyDocumentSerde struct{}

type MessageAttributeValue struct {
	DataType    *string
	StringValue *string
	noSmithyDocumentSerde
}

type MessageSystemAttributeValue struct {
	DataType    *string
	StringValue *string
	noSmithyDocumentSerde
}

type SendMessageBatchRequestEntry struct {
	Id                      *string
	MessageBody             *string
	DelaySeconds            int32
	MessageAttributes       map[string]MessageAttributeValue
	MessageDeduplicationId  *string
	MessageGroupId          *string
	MessageSystemAttributes map[string]MessageSystemAttributeValue
	noSmithyDocumentSerde
}
