// Package protojson is a stub of google.golang.org/protobuf/encoding/protojson v1.36.12.
package protojson

import "google.golang.org/protobuf/proto"

func Unmarshal(b []byte, m proto.Message) error { return UnmarshalOptions{}.Unmarshal(b, m) }

type UnmarshalOptions struct {
	DiscardUnknown bool
}

func (o UnmarshalOptions) Unmarshal(b []byte, m proto.Message) error { return nil }
