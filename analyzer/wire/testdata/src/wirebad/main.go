package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/aws/aws-lambda-go/lambda"

	"shared"
)

type Shipment struct {
	ID    string `json:"id"`
	Notes []Note `json:"notes"`
	Done  func() // want `output of wirebad field Shipment.Done: json.Marshal cannot encode func type func\(\): every json.Marshal of it fails; tag it`
	Price Money  `json:"price"`
	Hooks []func() `json:"hooks"` // want `output of wirebad field Shipment.hooks\[\]: json.Marshal cannot encode func type func\(\): json.Marshal fails whenever it is not nil or empty`
	Later chan int `json:"later,omitzero"` // want `output of wirebad field Shipment.later: .*fails whenever it is not nil or empty`
	Quiet chan int `json:"quiet"` //faasvet:ignore unsupported-type set only in tests, never returned
}

type Note struct {
	Author  string     `json:"author,omitempy"` // want `unknown json tag option "omitempy" on Note.Author: encoding/json ignores it; did you mean "omitempty"\?`
	When    Stamp      `json:"when,omitempty"`  // want `omitempty on struct field Note.When has no effect: encoding/json never omits a struct value`
	Tags    [2]string  `json:"tags,omitempty"`  // want `omitempty on array field Note.Tags has no effect: an array of length 2 is never empty`
	Weights []int      `json:"weights,string"`  // want `the string option on Note.Weights \(\[\]int\) is ignored`
	Extra   map[Key]int `json:"extra"`          // want `map key type main.Key is not a string, an integer or an encoding.TextMarshaler: every json.Marshal of it fails`
}

type Key struct{ A, B int }

type Stamp struct{ Unix int64 }

// Money's MarshalJSON is on the pointer receiver, but Shipment is
// returned by value: the method never runs.
type Money struct{ Cents int64 }

func (m *Money) MarshalJSON() ([]byte, error) { return []byte(fmt.Sprint(m.Cents)), nil } // want `output of wirebad: field Shipment.price has type Money, which json.Marshal reaches by value, so \(\*Money\).MarshalJSON is never called`

type secret struct { // want `input of wirebad: Input.secret secret keeps all its data in unexported fields \(token, count\), which encoding/json skips: it travels as \{\}`
	token string
	count int
}

type Input struct {
	Handler fmt.Stringer `json:"handler"` // want `input of wirebad field Input.handler has the non-empty interface type fmt.Stringer: json.Unmarshal cannot choose a concrete type`
	Meta    any          `json:"meta"`    // want `input of wirebad field Input.meta is an empty interface \(any\): json.Unmarshal fills it with map\[string\]any`
	*inner
	Secret secret `json:"secret"`
}

type inner struct {
	Promoted string `json:"promoted"` // want `input of wirebad field Input.promoted is promoted through an embedded pointer to an unexported struct: json.Unmarshal fails`
}

func handle(ctx context.Context, in Input) (Shipment, error) { return Shipment{}, nil }

func main() {
	lambda.Start(handle)
	_ = json.Marshal
	_ = shared.Notice{}
}

