// Package chooser starts a CloudEvents receiver whose handler it chooses
// at run time: each program that calls New is one function with both
// candidates.
package chooser

import (
	"context"

	"github.com/cloudevents/sdk-go/v2/client"
	"github.com/cloudevents/sdk-go/v2/event"
	"github.com/cloudevents/sdk-go/v2/protocol"
)

type Handler struct {
	c    client.Client
	sink string
}

func New(c client.Client, sink string) (*Handler, error) { // want New:`starts\(chooser.Handler.Reply\|Handler.Send, client.StartReceiver\)`
	h := &Handler{c: c, sink: sink}
	var receiver interface{} // the SDK reflects on the signature
	if len(sink) == 0 {
		receiver = h.Reply
	} else {
		receiver = h.Send
	}
	if err := h.c.StartReceiver(context.Background(), receiver); err != nil {
		return nil, err
	}
	return h, nil
}

func (h *Handler) Send(ctx context.Context, e event.Event) protocol.Result {
	return h.c.Send(ctx, e)
}

func (h *Handler) Reply(ctx context.Context, e event.Event) (*event.Event, protocol.Result) {
	return &e, nil
}
