package ce

import (
	"context"

	"github.com/cloudevents/sdk-go/v2/client"
	"github.com/cloudevents/sdk-go/v2/event"
	"github.com/cloudevents/sdk-go/v2/protocol"
)

type myEvent event.Event

type myErr struct{}

func (*myErr) Error() string { return "" }

type codeErr int

func (codeErr) Error() string { return "" }

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
	c.StartReceiver(ctx, func(ctx context.Context, e myEvent) {})            // want `parameter 2 has type myEvent, to which event.Event converts but is not assignable, so reflect.Value.Call panics on every event`
	c.StartReceiver(ctx, func(e myEvent) error { return nil })               // want `parameter 1 has type myEvent`
	c.StartReceiver(ctx, func(e event.Event) *myErr { return nil })          // want `the result has the concrete type \*myErr, which is never nil once boxed`
	c.StartReceiver(ctx, func() (*event.Event, codeErr) { return nil, 0 })   // want `the result has the concrete type codeErr`
	c.StartReceiver(ctx, func(e event.Event) *protocol.Receipt { return nil })
	c.StartReceiver(ctx, func(e event.Event) *myEvent { return nil })
	c.StartReceiver(ctx, func(e interface{ String() string }) {})
}
