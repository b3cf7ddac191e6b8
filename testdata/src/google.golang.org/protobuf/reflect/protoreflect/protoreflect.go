// Package protoreflect is a stub of
// google.golang.org/protobuf/reflect/protoreflect v1.36.12: the interface
// every generated message implements, and Message without its methods.
package protoreflect

type ProtoMessage interface{ ProtoReflect() Message }

// Message is the reflective view of a message; the stub declares none of
// its methods.
type Message interface{}
