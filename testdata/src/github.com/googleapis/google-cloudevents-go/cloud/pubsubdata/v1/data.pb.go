// Package pubsubdata is a stub of google-cloudevents-go's Pub/Sub event
// data, in the shape protoc-gen-go generates: unexported state fields,
// protobuf and json tags, nil-safe getters.
package pubsubdata

import "google.golang.org/protobuf/reflect/protoreflect"

type MessagePublishedData struct {
	state         struct{}
	sizeCache     int32
	unknownFields []byte

	Message      *PubsubMessage `protobuf:"bytes,1,opt,name=message,proto3" json:"message,omitempty"`
	Subscription string         `protobuf:"bytes,2,opt,name=subscription,proto3" json:"subscription,omitempty"`
}

func (x *MessagePublishedData) ProtoReflect() protoreflect.Message { return nil }

func (x *MessagePublishedData) GetMessage() *PubsubMessage {
	if x != nil {
		return x.Message
	}
	return nil
}

type PubsubMessage struct {
	state         struct{}
	sizeCache     int32
	unknownFields []byte

	Data        []byte            `protobuf:"bytes,1,opt,name=data,proto3" json:"data,omitempty"`
	Attributes  map[string]string `protobuf:"bytes,2,rep,name=attributes,proto3" json:"attributes,omitempty"`
	MessageId   string            `protobuf:"bytes,3,opt,name=message_id,json=messageId,proto3" json:"message_id,omitempty"`
	OrderingKey string            `protobuf:"bytes,5,opt,name=ordering_key,json=orderingKey,proto3" json:"ordering_key,omitempty"`
}

func (x *PubsubMessage) ProtoReflect() protoreflect.Message { return nil }

func (x *PubsubMessage) GetData() []byte {
	if x != nil {
		return x.Data
	}
	return nil
}
