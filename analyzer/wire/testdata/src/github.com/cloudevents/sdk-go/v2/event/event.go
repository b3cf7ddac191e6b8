// Package event is a stub of cloudevents sdk-go v2 event.
package event

type Event struct {
	Context     interface{}
	DataEncoded []byte
}

func (e Event) String() string                                     { return "" }
func (e Event) DataAs(obj interface{}) error                       { return nil }
func (e *Event) SetData(contentType string, obj interface{}) error { return nil }
