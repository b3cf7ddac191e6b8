//go:build go1.24

// Package wirefix holds a finding of every kind that has a certain fix,
// and, beside each, the same finding where no fix is certain.
package main

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aws/aws-lambda-go/lambda"
)

type Report struct {
	ID      string `json:"id,omitempy"`                // want `unknown json tag option "omitempy" on Report.ID: encoding/json ignores it; did you mean "omitempty"\?`
	Count   int    `json:"count,strng" yaml:"count"`   // want `unknown json tag option "strng" on Report.Count: encoding/json ignores it; did you mean "string"\?`
	Both    string `json:"both,omitempty,omitempy"`    // want `unknown json tag option "omitempy" on Report.Both`
	Vague   string `json:"vague,whatever"`             // want `unknown json tag option "whatever" on Report.Vague: encoding/json ignores it$`
	Quoted  string "json:\"quoted,omitempy\""          // want `unknown json tag option "omitempy" on Report.Quoted`
	When    Stamp  `json:"when,omitempty"`             // want `omitempty on struct field Report.When has no effect`
	Where   Stamp  `json:"where,omitempty,omitzero"`   // want `omitempty on struct field Report.Where has no effect`
	Cells   [3]int `json:"cells,omitempty"`            // want `omitempty on array field Report.Cells has no effect`
	Done    func() // want `output of wirefix field Report.Done: json.Marshal cannot encode func type func\(\)`
	Updates chan string `json:"updates"`     // want `output of wirefix field Report.updates: json.Marshal cannot encode channel type chan string`
	Hooks   []func() `yaml:"hooks"`          // want `output of wirefix field Report.Hooks\[\]: json.Marshal cannot encode func type func\(\)`
	Stop    chan bool                       // want `output of wirefix field Report.Stop: json.Marshal cannot encode channel type chan bool`
	Price   Money    `json:"price"`
	Cost    Counted  `json:"cost"`
	Tax     Cached   `json:"tax"`
	Fee     Nested   `json:"fee"`
}

type Stamp struct{ Unix int64 }

// Money only reads its receiver: the method moves to the value receiver.
type Money struct {
	Cents int64
	Cur   string
}

func (m *Money) MarshalJSON() ([]byte, error) { // want `output of wirefix: field Report.price has type Money, which json.Marshal reaches by value, so \(\*Money\).MarshalJSON is never called`
	if m.Cur == "" {
		return []byte(strconv.FormatInt(m.Cents, 10)), nil
	}
	return []byte(fmt.Sprintf("%q", fmt.Sprint(m.Cents, " ", m.Cur))), nil
}

// Counted counts its calls through the receiver: on a value receiver the
// count would be lost, so no fix.
type Counted struct {
	Cents int64
	calls int
}

func (c *Counted) MarshalJSON() ([]byte, error) { // want `\(\*Counted\).MarshalJSON is never called`
	c.calls++
	return []byte(strconv.FormatInt(c.Cents, 10)), nil
}

// Cached calls a pointer method on itself: no fix.
type Cached struct{ Cents int64 }

func (c *Cached) fill() { c.Cents = 1 }

func (c *Cached) MarshalText() ([]byte, error) { // want `\(\*Cached\).MarshalText is never called`
	c.fill()
	return []byte(strconv.FormatInt(c.Cents, 10)), nil
}

// Nested passes its receiver on: no fix.
type Nested struct{ Cents int64 }

func (n *Nested) MarshalJSON() ([]byte, error) { // want `\(\*Nested\).MarshalJSON is never called`
	return encode(n)
}

func encode(n *Nested) ([]byte, error) { return []byte(strconv.FormatInt(n.Cents, 10)), nil }

func handle(ctx context.Context) (Report, error) {
	r := Report{ID: "x"}
	r.Stop = make(chan bool) // Stop is set here: the code means something by it, no fix
	return r, nil
}

func main() {
	lambda.Start(handle)
}
