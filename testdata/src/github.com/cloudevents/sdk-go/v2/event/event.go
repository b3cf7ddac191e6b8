// Package event is a stub of github.com/cloudevents/sdk-go/v2/event v2.16.2:
// the Event type with its real fields, the data methods and the setters.
package event

const ApplicationJSON = "application/json"

type EventContext interface {
	GetType() string
}

type Event struct {
	Context     EventContext
	DataEncoded []byte
	DataBase64  bool
	FieldErrors map[string]error
}

func New(version ...string) Event { return Event{} }

func (e Event) String() string                                     { return "" }
func (e Event) Data() []byte                                       { return e.DataEncoded }
func (e Event) Type() string                                       { return "" }
func (e Event) DataAs(obj interface{}) error                       { return nil }
func (e *Event) SetData(contentType string, obj interface{}) error { return nil }
func (e *Event) SetType(t string)                                  {}
func (e *Event) SetSource(s string)                                {}
func (e *Event) SetSubject(s string)                               {}
func (e *Event) SetID(id string)                                   {}
