// Package event is a stub of github.com/cloudevents/sdk-go/v2/event v2.16.2:
// the Event type with its real fields and the data methods.
package event

// EventContext is the CloudEvents context (attributes); the stub keeps
// only what callers here use.
type EventContext interface {
	GetType() string
}

// Event represents the canonical representation of a CloudEvent.
type Event struct {
	Context     EventContext
	DataEncoded []byte
	DataBase64  bool
	FieldErrors map[string]error
}

func New(version ...string) Event                                  { return Event{} }
func (e Event) String() string                                     { return "" }
func (e Event) Data() []byte                                       { return e.DataEncoded }
func (e Event) DataAs(obj interface{}) error                       { return nil }
func (e *Event) SetData(contentType string, obj interface{}) error { return nil }
func (e Event) Type() string                                       { return "" }
