package cases

import (
	"context"

	"github.com/cloudevents/sdk-go/v2/event"
)

// Kind is how a case is registered, and so which runtime judges it.
type Kind string

// The kinds of registration.
const (
	Lambda   Kind = "lambda"   // lambda.Start and lambda.NewHandler
	Typed    Kind = "typed"    // functions.Typed
	Event    Kind = "event"    // funcframework.RegisterEventFunctionContext
	Receiver Kind = "receiver" // client.StartReceiver
)

// Platform names the runtime of a kind of registration.
func (k Kind) Platform() string {
	switch k {
	case Lambda:
		return "aws-lambda-go"
	case Typed, Event:
		return "functions-framework-go"
	case Receiver:
		return "cloudevents sdk-go"
	}
	return string(k)
}

// A Case is one handler signature.
type Case struct {
	// ID names the case; it is also the comment on the case's line in
	// Register, which is how a diagnostic finds its case.
	ID   string
	Kind Kind
	// Fn is the handler value, the same expression that Register passes.
	Fn any
	// Valid says what the runtime does with Fn: serves it, or rejects it
	// (at start or on every invocation). The test checks it against the
	// runtime, so a case cannot silently test something else.
	Valid bool
}

// Table is every case.
var Table = []Case{
	{"lambda/no-args", Lambda, lambdaNoArgs, true},
	{"lambda/ctx-only", Lambda, lambdaCtxOnly, true},
	{"lambda/event-only", Lambda, lambdaEventOnly, true},
	{"lambda/ctx-event", Lambda, lambdaCtxEvent, true},
	{"lambda/any-event", Lambda, lambdaAnyEvent, true},
	{"lambda/any-alone", Lambda, lambdaAnyAlone, true},
	{"lambda/raw-message", Lambda, lambdaRawMessage, true},
	{"lambda/error-only", Lambda, lambdaErrorOnly, true},
	{"lambda/no-result", Lambda, lambdaNoResult, true},
	{"lambda/pointers", Lambda, lambdaPointers, true},
	{"lambda/variadic-any", Lambda, lambdaVariadicAny, true},
	{"lambda/named-ctx", Lambda, lambdaNamedCtx, true},
	{"lambda/iface-error", Lambda, lambdaIfaceError, true},
	{"lambda/slice-event", Lambda, lambdaSliceEvent, true},
	{"lambda/map-event", Lambda, lambdaMapEvent, true},
	{"lambda/method-value", Lambda, svc.Lambda, true},
	{"lambda/method-pointer", Lambda, svcPtr.LambdaPtr, true},
	{"lambda/func-literal", Lambda, func(ctx context.Context, o Order) (Receipt, error) { return Receipt{OK: true}, nil }, true},
	{"lambda/generic", Lambda, typedCtx[Order, Receipt], true},
	{"lambda/handler-impl", Lambda, RawHandler{}, true},
	{"lambda/handler-ptr", Lambda, &RawHandlerPtr{}, true},
	{"lambda/chan-ptr-result", Lambda, lambdaChanPtrResult, true},
	{"lambda/reader-result", Lambda, lambdaReaderResult, true},
	{"lambda/marshaler-result", Lambda, lambdaMarshalerResult, true},
	{"lambda/new-handler", Lambda, lambdaCtxEvent, true},
	{"lambda/three-args", Lambda, lambdaThreeArgs, false},
	{"lambda/doer", Lambda, lambdaDoer, false},
	{"lambda/stringer", Lambda, lambdaStringer, false},
	{"lambda/first-not-ctx", Lambda, lambdaFirstNotCtx, false},
	{"lambda/ctx-second", Lambda, lambdaCtxSecond, false},
	{"lambda/any-first", Lambda, lambdaAnyFirst, false},
	{"lambda/doner-first", Lambda, lambdaDonerFirst, false},
	{"lambda/result-not-error", Lambda, lambdaResultNotError, false},
	{"lambda/second-not-error", Lambda, lambdaSecondNotError, false},
	{"lambda/three-results", Lambda, lambdaThreeResults, false},
	{"lambda/concrete-error", Lambda, lambdaConcreteError, false},
	{"lambda/concrete-error-only", Lambda, lambdaConcreteErrorOnly, false},
	{"lambda/value-error", Lambda, lambdaValueError, false},
	{"lambda/variadic-string", Lambda, lambdaVariadicString, false},
	{"lambda/variadic-alone", Lambda, lambdaVariadicAlone, false},
	{"lambda/method-expr", Lambda, Service.Lambda, false},
	{"lambda/generic-bad", Lambda, identity[Order], false},
	{"lambda/literal-bad", Lambda, func(a, b, c int) {}, false},
	{"lambda/not-func", Lambda, Order{}, false},
	{"lambda/handler-value-of-ptr", Lambda, RawHandlerPtr{}, false},
	{"lambda/chan-result", Lambda, lambdaChanResult, false},
	{"lambda/func-result", Lambda, lambdaFuncResult, false},
	{"lambda/complex-result", Lambda, lambdaComplexResult, false},
	{"lambda/struct-key-result", Lambda, lambdaStructKeyResult, false},
	{"lambda/new-handler-bad", Lambda, lambdaThreeArgs, false},

	{"typed/ok", Typed, typedOK, true},
	{"typed/no-result", Typed, typedNoResult, true},
	{"typed/pointers", Typed, typedPointers, true},
	{"typed/any-in", Typed, typedAnyIn, true},
	{"typed/slice-in", Typed, typedSliceIn, true},
	{"typed/variadic-any", Typed, typedVariadicAny, true},
	{"typed/iface-error", Typed, typedIfaceError, true},
	{"typed/generic", Typed, typedIn[Order, Receipt], true},
	{"typed/method-value", Typed, svc.Typed, true},
	{"typed/method-pointer", Typed, svcPtr.TypedPtr, true},
	{"typed/chan-result", Typed, typedChanResult, true},
	{"typed/func-literal", Typed, func(o Order) (Receipt, error) { return Receipt{OK: true}, nil }, true},
	{"typed/error-only", Typed, typedErrorOnly, false},
	{"typed/two-params", Typed, typedTwoParams, false},
	{"typed/no-params", Typed, typedNoParams, false},
	{"typed/not-error", Typed, typedNotError, false},
	{"typed/three-results", Typed, typedThreeResults, false},
	{"typed/concrete-error", Typed, typedConcreteError, false},
	{"typed/value-error", Typed, typedValueError, false},
	{"typed/variadic-string", Typed, typedVariadicString, false},
	{"typed/error-first", Typed, typedErrorFirst, false},
	{"typed/not-func", Typed, Order{}, false},

	{"event/ok", Event, eventOK, true},
	{"event/any-ctx", Event, eventAnyCtx, true},
	{"event/any-event", Event, eventAnyEvent, true},
	{"event/pointer", Event, eventPointer, true},
	{"event/doner-ctx", Event, eventDonerCtx, true},
	{"event/variadic-any", Event, eventVariadicAny, true},
	{"event/iface-error", Event, eventIfaceError, true},
	{"event/method-value", Event, svc.Event, true},
	{"event/method-pointer", Event, svcPtr.EventPtr, true},
	{"event/func-literal", Event, func(ctx context.Context, o Order) error { return nil }, true},
	{"event/one-param", Event, eventOneParam, false},
	{"event/no-error", Event, eventNoError, false},
	{"event/not-ctx", Event, eventNotCtx, false},
	{"event/stringer-ctx", Event, eventStringerCtx, false},
	{"event/concrete-error", Event, eventConcreteError, false},
	{"event/variadic-string", Event, eventVariadicString, false},
	{"event/two-results", Event, eventTwoResults, false},
	{"event/not-func", Event, Order{}, false},

	{"ce/none", Receiver, ceNone, true},
	{"ce/ctx", Receiver, ceCtx, true},
	{"ce/event", Receiver, ceEvent, true},
	{"ce/ctx-event", Receiver, ceCtxEvent, true},
	{"ce/error-result", Receiver, ceErrorResult, true},
	{"ce/responder", Receiver, ceResponder, true},
	{"ce/any-event", Receiver, ceAnyEvent, true},
	{"ce/ctx-result", Receiver, ceCtxResult, true},
	{"ce/iface-event", Receiver, ceIfaceEvent, true},
	{"ce/method-pointer", Receiver, svcPtr.Receive, true},
	{"ce/func-literal", Receiver, func(ctx context.Context, e event.Event) error { return nil }, true},
	{"ce/receipt-result", Receiver, ceReceiptResult, true},
	{"ce/http-result", Receiver, ceHTTPResult, true},
	{"ce/converted-result", Receiver, ceConvertedResult, true},
	{"ce/string-param", Receiver, ceStringParam, false},
	{"ce/two-events", Receiver, ceTwoEvents, false},
	{"ce/three-params", Receiver, ceThreeParams, false},
	{"ce/two-errors", Receiver, ceTwoErrors, false},
	{"ce/string-result", Receiver, ceStringResult, false},
	{"ce/event-pointer", Receiver, ceEventPointer, false},
	{"ce/variadic", Receiver, ceVariadic, false},
	{"ce/converted-event", Receiver, ceConvertedEvent, false},
	{"ce/concrete-error", Receiver, ceConcreteError, false},
	{"ce/event-value-result", Receiver, ceEventValueResult, false},
	{"ce/any-result", Receiver, ceAnyResult, false},
	{"ce/value-error", Receiver, ceValueError, false},
	{"ce/not-func", Receiver, Order{}, false},
}
