// Package proto is a stub of google.golang.org/protobuf/proto v1.36.12.
package proto

// Message is protoreflect.ProtoMessage, reduced to what the stubs need.
type Message interface {
	ProtoReflect() any
}
