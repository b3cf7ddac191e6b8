// Package proto is a stub of google.golang.org/protobuf/proto v1.36.12.
package proto

import "google.golang.org/protobuf/reflect/protoreflect"

type Message = protoreflect.ProtoMessage
