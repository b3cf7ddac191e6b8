// Package v2 is a stub of github.com/cloudevents/sdk-go/v2 v2.16.2, whose
// names alias those of its subpackages.
package v2

import (
	"context"

	"github.com/cloudevents/sdk-go/v2/client"
	"github.com/cloudevents/sdk-go/v2/event"
	"github.com/cloudevents/sdk-go/v2/protocol"
	"github.com/cloudevents/sdk-go/v2/protocol/http"
)

type (
	Event  = event.Event
	Client = client.Client
)

const (
	ApplicationJSON = event.ApplicationJSON
)

var (
	NewEvent      = event.New
	NewClient     = client.New
	NewClientHTTP = client.NewHTTP
	NewHTTP       = http.New
	WithTarget    = http.WithTarget

	ContextWithTarget = func(ctx context.Context, target string) context.Context { return ctx }
)

var IsACK = protocol.IsACK
