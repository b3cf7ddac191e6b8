// Package cases holds the handler signatures of the conformance test: each
// is a real Go value that the test hands to a platform's runtime, and that
// Register hands to faasvet.
package cases

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/cloudevents/sdk-go/v2/event"
	"github.com/cloudevents/sdk-go/v2/protocol"
	cehttp "github.com/cloudevents/sdk-go/v2/protocol/http"
)

// Order is the event that the handlers take.
type Order struct {
	ID  string
	Qty int
}

// Receipt is the response that the handlers return.
type Receipt struct{ OK bool }

// MyErr is a concrete error type. Its Error method does not dereference
// the receiver, so that a nil *MyErr fails as a runtime sees it and not by
// a nil dereference.
type MyErr struct{}

func (*MyErr) Error() string { return "my error" }

// CodeErr is a concrete error type with a value receiver.
type CodeErr int

func (CodeErr) Error() string { return "code error" }

// CodedError is an interface error type: a nil CodedError is a nil error.
type CodedError interface {
	error
	Code() int
}

// Doer is an interface that is not context.Context.
type Doer interface{ Do() }

// Doner has part of context.Context's methods: a context is assignable to
// it, but it does not implement context.Context.
type Doner interface{ Done() <-chan struct{} }

// Ctx is a named context.Context.
type Ctx context.Context

// MyEvent has event.Event's underlying type: event.Event converts to it,
// but is not assignable to it.
type MyEvent event.Event

// Service carries handlers as methods.
type Service struct{ Name string }

// Lambda is a value-receiver Lambda handler.
func (s Service) Lambda(ctx context.Context, o Order) (Receipt, error) { return Receipt{OK: true}, nil }

// LambdaPtr is a pointer-receiver Lambda handler.
func (s *Service) LambdaPtr(ctx context.Context, o Order) (Receipt, error) {
	return Receipt{OK: true}, nil
}

// Typed is a value-receiver Typed function.
func (s Service) Typed(o Order) (Receipt, error) { return Receipt{OK: true}, nil }

// TypedPtr is a pointer-receiver Typed function.
func (s *Service) TypedPtr(o Order) (Receipt, error) { return Receipt{OK: true}, nil }

// Event is a value-receiver event function.
func (s Service) Event(ctx context.Context, o Order) error { return nil }

// EventPtr is a pointer-receiver event function.
func (s *Service) EventPtr(ctx context.Context, o Order) error { return nil }

// Receive is a CloudEvents receiver.
func (s *Service) Receive(ctx context.Context, e event.Event) protocol.Result { return nil }

// RawHandler implements lambda.Handler: raw bytes in and out.
type RawHandler struct{}

// Invoke echoes the payload.
func (RawHandler) Invoke(ctx context.Context, payload []byte) ([]byte, error) { return payload, nil }

// RawHandlerPtr implements lambda.Handler with a pointer receiver: only
// a *RawHandlerPtr is a lambda.Handler.
type RawHandlerPtr struct{}

// Invoke echoes the payload.
func (*RawHandlerPtr) Invoke(ctx context.Context, payload []byte) ([]byte, error) {
	return payload, nil
}

var (
	svc    = Service{Name: "value"}
	svcPtr = &Service{Name: "pointer"}
)

func typedCtx[In, Out any](ctx context.Context, in In) (Out, error) {
	var out Out
	return out, nil
}

func typedIn[In, Out any](in In) (Out, error) {
	var out Out
	return out, nil
}

func identity[T any](t T) T { return t }

// Lambda handlers.

func lambdaNoArgs()                                                                    {}
func lambdaCtxOnly(ctx context.Context) error                                          { return nil }
func lambdaEventOnly(o Order) (Receipt, error)                                         { return Receipt{OK: true}, nil }
func lambdaCtxEvent(ctx context.Context, o Order) (Receipt, error)                     { return Receipt{OK: true}, nil }
func lambdaAnyEvent(ctx context.Context, e any) (any, error)                           { return e, nil }
func lambdaAnyAlone(e any) error                                                       { return nil }
func lambdaRawMessage(ctx context.Context, m json.RawMessage) (json.RawMessage, error) { return m, nil }
func lambdaErrorOnly(ctx context.Context, o Order) error                               { return nil }
func lambdaNoResult(ctx context.Context, o Order)                                      {}
func lambdaPointers(ctx context.Context, o *Order) (*Receipt, error)                   { return &Receipt{OK: true}, nil }
func lambdaVariadicAny(ctx context.Context, args ...any) error                         { return nil }
func lambdaNamedCtx(ctx Ctx, o Order) error                                            { return nil }
func lambdaIfaceError(ctx context.Context, o Order) (Receipt, CodedError)              { return Receipt{}, nil }
func lambdaSliceEvent(ctx context.Context, ids []string) (int, error)                  { return len(ids), nil }
func lambdaMapEvent(m map[string]int) (map[string]int, error)                          { return m, nil }
func lambdaThreeArgs(ctx context.Context, a, b string) (string, error)                 { return a + b, nil }
func lambdaDoer(d Doer) error                                                          { return nil }
func lambdaStringer(s fmt.Stringer) error                                              { return nil }
func lambdaFirstNotCtx(s string, o Order) error                                        { return nil }
func lambdaCtxSecond(o Order, ctx context.Context) error                               { return nil }
func lambdaAnyFirst(x any, o Order) error                                              { return nil }
func lambdaDonerFirst(ctx Doner, o Order) error                                        { return nil }
func lambdaResultNotError(o Order) Receipt                                             { return Receipt{} }
func lambdaSecondNotError(o Order) (Receipt, string)                                   { return Receipt{}, "" }
func lambdaThreeResults() (int, int, error)                                            { return 0, 0, nil }
func lambdaConcreteError(ctx context.Context, o Order) (Receipt, *MyErr)               { return Receipt{}, nil }
func lambdaConcreteErrorOnly(ctx context.Context, o Order) *MyErr                      { return nil }
func lambdaValueError(o Order) CodeErr                                                 { return 0 }
func lambdaVariadicString(ctx context.Context, ids ...string) error                    { return nil }
func lambdaVariadicAlone(ids ...string) error                                          { return nil }

// Cloud Functions Typed functions.

func typedOK(o Order) (Receipt, error)                   { return Receipt{OK: true}, nil }
func typedNoResult(o Order)                              {}
func typedPointers(o *Order) (*Receipt, error)           { return &Receipt{OK: true}, nil }
func typedAnyIn(in any) (Receipt, error)                 { return Receipt{OK: true}, nil }
func typedSliceIn(ids []string) (int, error)             { return len(ids), nil }
func typedVariadicAny(args ...any) (Receipt, error)      { return Receipt{OK: true}, nil }
func typedIfaceError(o Order) (Receipt, CodedError)      { return Receipt{OK: true}, nil }
func typedErrorOnly(o Order) error                       { return nil }
func typedTwoParams(ctx context.Context, o Order) error  { return nil }
func typedNoParams() (Receipt, error)                    { return Receipt{}, nil }
func typedNotError(o Order) Receipt                      { return Receipt{} }
func typedThreeResults(o Order) (Receipt, int, error)    { return Receipt{}, 0, nil }
func typedConcreteError(o Order) (Receipt, *MyErr)       { return Receipt{OK: true}, nil }
func typedVariadicString(ids ...string) (Receipt, error) { return Receipt{}, nil }
func typedErrorFirst(o Order) (error, Receipt)           { return nil, Receipt{} }
func typedValueError(o Order) (Receipt, CodeErr)         { return Receipt{}, 0 }

// Cloud Functions event functions.

func eventOK(ctx context.Context, o Order) error                    { return nil }
func eventAnyCtx(ctx any, o Order) error                            { return nil }
func eventAnyEvent(ctx context.Context, e any) error                { return nil }
func eventPointer(ctx context.Context, o *Order) error              { return nil }
func eventDonerCtx(ctx Doner, o Order) error                        { return nil }
func eventVariadicAny(ctx context.Context, args ...any) error       { return nil }
func eventIfaceError(ctx context.Context, o Order) CodedError       { return nil }
func eventOneParam(o Order) error                                   { return nil }
func eventNoError(ctx context.Context, o Order)                     {}
func eventNotCtx(s string, o Order) error                           { return nil }
func eventStringerCtx(s fmt.Stringer, o Order) error                { return nil }
func eventConcreteError(ctx context.Context, o Order) *MyErr        { return nil }
func eventVariadicString(ctx context.Context, ids ...string) error  { return nil }
func eventTwoResults(ctx context.Context, o Order) (Receipt, error) { return Receipt{}, nil }

// CloudEvents receivers.

func ceNone()                                                       {}
func ceCtx(ctx context.Context)                                     {}
func ceEvent(e event.Event)                                         {}
func ceCtxEvent(ctx context.Context, e event.Event) protocol.Result { return nil }
func ceErrorResult(ctx context.Context, e event.Event) error        { return nil }
func ceResponder(ctx context.Context, e event.Event) (*event.Event, protocol.Result) {
	return nil, nil
}
func ceAnyEvent(ctx context.Context, e any) error               { return nil }
func ceCtxResult(ctx context.Context) protocol.Result           { return nil }
func ceIfaceEvent(e fmt.Stringer) error                         { return nil }
func ceStringParam(s string)                                    {}
func ceTwoEvents(e, f event.Event)                              {}
func ceThreeParams(ctx context.Context, e event.Event, x int)   {}
func ceTwoErrors() (error, error)                               { return nil, nil }
func ceStringResult() string                                    { return "" }
func ceEventPointer(e *event.Event)                             {}
func ceVariadic(ctx context.Context, es ...event.Event)         {}
func ceConvertedEvent(ctx context.Context, e MyEvent) error     { return nil }
func ceConcreteError(ctx context.Context, e event.Event) *MyErr { return nil }
func ceEventValueResult(e event.Event) event.Event              { return e }

// Results that JSON cannot encode, and the receivers' concrete results.

func lambdaChanResult(ctx context.Context, o Order) (chan int, error) { return make(chan int), nil }
func lambdaFuncResult(o Order) (func(), error)                        { return func() {}, nil }
func lambdaComplexResult(o Order) (complex128, error)                 { return 1i, nil }
func lambdaChanPtrResult(o Order) (*chan int, error)                  { return nil, nil }
func typedChanResult(o Order) (chan int, error)                       { return make(chan int), nil }
func ceAnyResult(e event.Event) any                                   { return nil }
func ceValueError(e event.Event) CodeErr                              { return 0 }
func ceReceiptResult(e event.Event) *protocol.Receipt                 { return nil }
func ceHTTPResult(e event.Event) *cehttp.Result {
	return &cehttp.Result{StatusCode: 202, Format: "accepted"}
}
func ceConvertedResult(e event.Event) *MyEvent { return nil }

// Stream is a channel type that is also an io.Reader: aws-lambda-go
// streams it when JSON cannot encode it.
type Stream chan []byte

func (Stream) Read(p []byte) (int, error) { return 0, io.EOF }

// Lazy is a func type that encodes itself.
type Lazy func() Receipt

// MarshalJSON encodes the Receipt that the func makes.
func (l Lazy) MarshalJSON() ([]byte, error) { return json.Marshal(l()) }

func lambdaStructKeyResult(o Order) (map[Order]int, error) { return map[Order]int{}, nil }
func lambdaReaderResult(o Order) (Stream, error)           { return make(Stream), nil }
func lambdaMarshalerResult(o Order) (Lazy, error) {
	return func() Receipt { return Receipt{OK: true} }, nil
}
