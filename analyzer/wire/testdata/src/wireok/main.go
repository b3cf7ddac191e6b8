package main

import (
	"context"
	"encoding/json"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
)

// Every type here round-trips through encoding/json: no findings.
type Out struct {
	ID       string          `json:"id"`
	Skip     chan int        `json:"-"`           // tagged out: never marshalled
	Count    int             `json:"count,string"` // string on a number: fine
	Ptr      *int            `json:"ptr,string"`   // and on a pointer to one
	When     time.Time       `json:"when,omitzero"`
	Sub      *Sub            `json:"sub,omitempty"` // omitempty on a pointer works
	Price    Price           `json:"price"`
	Raw      json.RawMessage `json:"raw"`
	Labels   map[int]string  `json:"labels"`
	Embedded                 // exported embed: promoted
	private                  // unexported embedded struct: promotes Visible
	Opaque   opaqueData      `json:"opaque"`
	Items    []Item          `json:"items"`
}

type Sub struct{ N int }

// Price marshals itself with a value receiver: called for values too.
type Price struct{ Cents int64 }

func (p Price) MarshalJSON() ([]byte, error) { return []byte(strconv.FormatInt(p.Cents, 10)), nil }

type Embedded struct{ Note string }

type private struct{ Visible string }

// opaqueData keeps unexported fields but marshals itself.
type opaqueData struct{ secret string }

func (o opaqueData) MarshalJSON() ([]byte, error)  { return json.Marshal(o.secret) }
func (o *opaqueData) UnmarshalJSON(b []byte) error { return json.Unmarshal(b, &o.secret) }

// Item's pointer-receiver MarshalJSON is called: slice elements are
// addressable.
type Item struct{ SKU string }

func (i *Item) MarshalJSON() ([]byte, error) { return json.Marshal(i.SKU) }

type In struct {
	Embedded
	*Exported
	Any map[string]any `json:"any"` // a map of any is deliberate, not flagged
}

type Exported struct{ X int }

func handle(ctx context.Context, in In) (*Out, error) { return nil, nil }

func main() { lambda.Start(handle) }
