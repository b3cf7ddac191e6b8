// want package:"has-sends"

// Package topics holds the app's Pub/Sub topics in package variables,
// opened at init from the environment.
package topics

import (
	"context"
	"os"
	"strings"

	"cloud.google.com/go/pubsub"
)

var (
	Orders  *pubsub.Topic // want Orders:`var\(\$\{ORDERS_TOPIC\}\)`
	Refunds *pubsub.Topic // set in two places: no summary
	Region  = "eu"        // want Region:`var\(eu\)`
)

func init() {
	c, _ := pubsub.NewClient(context.Background(), "p")
	Orders = c.Topic(strings.TrimSpace(os.Getenv("ORDERS_TOPIC")))
	Refunds = c.Topic("refunds")
	if os.Getenv("X") != "" {
		Refunds = c.Topic("refunds-x")
	}
}
