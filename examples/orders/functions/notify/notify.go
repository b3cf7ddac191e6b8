// Package notify tells customers about their orders (Cloud Functions).
package notify

import (
	"github.com/GoogleCloudPlatform/functions-framework-go/functions"

	"github.com/faasvet/faasvet/examples/orders/internal/msg"
)

func init() {
	// seeded: handler-signature. A Typed function whose only result is an
	// error answers 500 to every successful call.
	functions.Typed("notify", send)
}

// send reads the order events that charge publishes.
//
//faas:subscribe topic=order-events
func send(n msg.Notice) error {
	return nil
}
