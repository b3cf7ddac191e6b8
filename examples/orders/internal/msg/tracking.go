package msg

import (
	"fmt"
	"strings"
)

// TrackRequest asks where an order is.
type TrackRequest struct {
	OrderID string `json:"order_id"`
	// seeded: interface-field (error). json.Unmarshal cannot decode into
	// a non-empty interface.
	Format fmt.Stringer `json:"format"`
	// seeded: interface-field (info). Numbers arrive as float64.
	Meta any `json:"meta"`
	// seeded: embedded-pointer. json.Unmarshal cannot allocate an
	// unexported embedded struct to set its promoted Since.
	*window
}

type window struct {
	Since string `json:"since"`
}

// Tracking is where an order is.
type Tracking struct {
	// seeded: tag-option. "omitempy" is a typo that encoding/json ignores.
	OrderID string `json:"order_id,omitempy"`
	// seeded: unsupported-type. json.Marshal cannot encode a channel.
	Updates chan string `json:"updates"`
	// seeded: marshaler-receiver. Carrier's MarshalJSON is on *Carrier,
	// and Tracking is returned by value.
	Carrier Carrier `json:"carrier"`
	// seeded: unexported-field. position has no exported field.
	Where position `json:"where"`
	// seeded: ambiguous-field. Both embeds promote At, untagged, at the
	// same depth: encoding/json drops "At" altogether.
	Requested
	Answered
}

// Requested is when the question came in.
type Requested struct{ At string }

// Answered is when it was answered.
type Answered struct{ At string }

// Carrier names a shipping company.
type Carrier struct{ Name string }

// MarshalJSON writes the carrier's name in upper case.
func (c *Carrier) MarshalJSON() ([]byte, error) {
	return []byte(`"` + strings.ToUpper(c.Name) + `"`), nil
}

type position struct {
	lat, lng float64
}
