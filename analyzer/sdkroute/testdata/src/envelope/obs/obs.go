// Package obs imports no SDK: its helpers return the JSON encoding of
// their receiver or a parameter, and say so in a fact, so that a body
// built with them in another package is typed.
package obs

import (
	"bytes"
	"encoding/json"
	"time"
)

// Event is a generic envelope.
type Event[T any] struct {
	Data T      `json:"data"`
	Type string `json:"type"`
}

func New[T any](typ string, data T) Event[T] { return Event[T]{Type: typ, Data: data} }

func (e Event[T]) ToJSON() ([]byte, error) { // want ToJSON:"returns json\\(\\$recv\\)"
	return json.Marshal(e)
}

// DataJSON encodes the envelope's data only.
func (e *Event[T]) DataJSON() (string, error) { // want DataJSON:"returns json\\(\\$recv.Data\\)"
	b, err := json.Marshal(e.Data)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// Note is not generic.
type Note struct {
	Text string `json:"text"`
}

func (n Note) Pretty() []byte { // want Pretty:"returns json\\(\\$recv\\)"
	b, _ := json.MarshalIndent(n, "", "  ")
	return b
}

// Encode writes v through an encoder into a buffer.
func Encode(at time.Time, v any) ([]byte, error) { // want Encode:"returns json\\(\\$2\\)"
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Not facts: a prefix written into the buffer, a body appended to, a
// struct built here, an unexported helper, two different values.

func Framed(v any) []byte {
	var buf bytes.Buffer
	buf.WriteString("v1:")
	_ = json.NewEncoder(&buf).Encode(v)
	return buf.Bytes()
}

func Line(v any) []byte {
	b, _ := json.Marshal(v)
	b = append(b, '\n')
	return b
}

func Wrapped(v any) []byte {
	b, _ := json.Marshal(struct{ V any }{v})
	return b
}

func encode(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func Either(a, b any, first bool) []byte {
	if first {
		x, _ := json.Marshal(a)
		return x
	}
	y, _ := json.Marshal(b)
	return y
}

var _ = encode
