package ce

import (
	"context"

	"github.com/cloudevents/sdk-go/v2/client"
	"github.com/cloudevents/sdk-go/v2/event"
	"github.com/cloudevents/sdk-go/v2/protocol"
)

func run(c client.Client) {
	ctx := context.Background()
	c.StartReceiver(ctx, func() {})
	c.StartReceiver(ctx, func(context.Context) protocol.Result { return nil })
	c.StartReceiver(ctx, func(e event.Event) {})
	c.StartReceiver(ctx, func(ctx context.Context, e event.Event) (*event.Event, protocol.Result) { return nil, nil })
	c.StartReceiver(ctx, func(e event.Event) error { return nil })
	c.StartReceiver(ctx, func(s string) {})                                  // want `cannot convert parameter 1 to string from context.Context or event.Event`
	c.StartReceiver(ctx, func(e, f event.Event) {})                          // want `duplicate parameter of type event.Event`
	c.StartReceiver(ctx, func(ctx context.Context, e event.Event, x int) {}) // want `function has too many parameters \(3\)`
	c.StartReceiver(ctx, func() (error, error) { return nil, nil })          // want `duplicate parameter of type event.Response`
	c.StartReceiver(ctx, func() string { return "" })                        // want `cannot convert parameter 1 from string to \*event.Event or transport.Result`
	c.StartReceiver(ctx, "not a func")                                       // want `must pass a function to handle events`
}
