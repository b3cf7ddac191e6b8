// Command choice registers handlers chosen at run time.
package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/cloudevents/sdk-go/v2/client"
	"github.com/cloudevents/sdk-go/v2/event"
	"github.com/cloudevents/sdk-go/v2/protocol"
)

type Order struct {
	ID string `json:"id"`
}

type Receipt struct {
	OK bool `json:"ok"`
}

type Refund struct {
	Amount int `json:"amount"`
}

type mapper struct{ sink string }

func (m *mapper) reply(ctx context.Context, e event.Event) (*event.Event, protocol.Result) {
	return &e, nil
}

func (m *mapper) send(ctx context.Context, e event.Event) protocol.Result { return nil }

func (m *mapper) bad(s string) {}

func live(ctx context.Context, o Order) (Receipt, error)   { return Receipt{}, nil }
func replay(ctx context.Context, o Order) (Receipt, error) { return Receipt{}, nil }
func refund(ctx context.Context, r Refund) error           { return nil }
func three(ctx context.Context, a, b string) error         { return nil }

// receive is one function whose handler is reply or send.
func receive(c client.Client, m *mapper) {
	var receiver interface{}
	if m.sink == "" {
		receiver = m.reply
	} else {
		receiver = m.send
	}
	c.StartReceiver(context.Background(), receiver)
}

// receiveBad: one candidate is rejected, and the finding names it.
func receiveBad(c client.Client, m *mapper) {
	var receiver interface{}
	if m.sink == "" {
		receiver = m.reply
	} else {
		receiver = m.bad // want `client.StartReceiver handler m.bad \(one of the handlers chosen at run time\) func\(s string\) is rejected by client.StartReceiver`
	}
	c.StartReceiver(context.Background(), receiver)
}

// receiveNil: a candidate that is not a func: no function, and an info
// line says why.
func receiveNil(c client.Client, m *mapper) {
	var receiver interface{}
	if m.sink == "" {
		receiver = m.reply
	} else {
		receiver = nil
	}
	c.StartReceiver(context.Background(), receiver) // want `client.StartReceiver handler receiver is chosen at run time, and faasvet cannot follow the choice: receiver may be nil, which is not a declared func or method`
}

// startMany: more candidates than faasvet follows.
func startMany() {
	var h any = live
	switch os.Getenv("MODE") {
	case "a":
		h = replay
	case "b":
		h = refund
	case "c":
		h = three
	case "d":
		h = live
	}
	lambda.Start(h) // want `lambda.Start handler h is chosen at run time, and faasvet cannot follow the choice: h is assigned 5 times, more than the 4 candidates faasvet follows`
}

// startAgree: two handlers of one payload type: one function of that
// type.
func startAgree() {
	var h any = live
	if os.Getenv("REPLAY") != "" {
		h = replay
	}
	lambda.Start(h)
}

// startDiffer: the candidates' payload types differ: one function
// without a payload type, and an info line.
func startDiffer() {
	h := any(live)
	if os.Getenv("REFUND") != "" {
		h = refund
	}
	lambda.Start(h) // want `lambda.Start handler h is chosen at run time among live, refund, which do not take and return the same payload types`
}

// startSame: one handler assigned twice is that handler.
func startSame() {
	var h interface{} = live
	if os.Getenv("X") != "" {
		h = live
	}
	lambda.Start(h)
}

// startBad: a candidate aws-lambda-go rejects.
func startBad() {
	var h interface{} = live
	if os.Getenv("X") != "" {
		h = three // want `lambda.Start handler three \(one of the handlers chosen at run time\) func\(ctx context.Context, a string, b string\) error is accepted by aws-lambda-go at start`
	}
	lambda.Start(h)
}

func main() {
	receive(nil, nil)
	receiveBad(nil, nil)
	receiveNil(nil, nil)
	startMany()
	startAgree()
	startDiffer()
	startSame()
	startBad()
}

// startFunc: a func variable assigned two handlers: one function with
// both.
func startFunc() {
	h := live
	if os.Getenv("REPLAY") != "" {
		h = replay
	}
	lambda.Start(h)
}

// startFuncLit: a func variable that may hold a literal is registered
// as before, without candidates.
func startFuncLit() {
	h := live
	if os.Getenv("LIT") != "" {
		h = func(ctx context.Context, o Order) (Receipt, error) { return Receipt{}, nil }
	}
	lambda.Start(h)
}
