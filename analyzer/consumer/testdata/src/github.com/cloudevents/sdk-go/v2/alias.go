// Package v2 is a stub of github.com/cloudevents/sdk-go/v2, whose aliases
// most programs import as cloudevents.
package v2

import (
	"github.com/cloudevents/sdk-go/v2/client"
	"github.com/cloudevents/sdk-go/v2/event"
)

type Event = event.Event

type Client = client.Client

var NewClientHTTP = client.NewClientHTTP
