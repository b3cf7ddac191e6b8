package cases

import (
	"context"

	"github.com/GoogleCloudPlatform/functions-framework-go/funcframework"
	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	"github.com/aws/aws-lambda-go/lambda"
	"github.com/cloudevents/sdk-go/v2/client"
	"github.com/cloudevents/sdk-go/v2/event"
)

// Register is never called. It registers every case of Table the way an
// application would, so that faasvet sees them: one registration per line,
// commented with the case's ID.
func Register(ctx context.Context, c client.Client) {
	lambda.Start(lambdaNoArgs)                                                                          // lambda/no-args
	lambda.Start(lambdaCtxOnly)                                                                         // lambda/ctx-only
	lambda.Start(lambdaEventOnly)                                                                       // lambda/event-only
	lambda.Start(lambdaCtxEvent)                                                                        // lambda/ctx-event
	lambda.Start(lambdaAnyEvent)                                                                        // lambda/any-event
	lambda.Start(lambdaAnyAlone)                                                                        // lambda/any-alone
	lambda.Start(lambdaRawMessage)                                                                      // lambda/raw-message
	lambda.Start(lambdaErrorOnly)                                                                       // lambda/error-only
	lambda.Start(lambdaNoResult)                                                                        // lambda/no-result
	lambda.Start(lambdaPointers)                                                                        // lambda/pointers
	lambda.Start(lambdaVariadicAny)                                                                     // lambda/variadic-any
	lambda.Start(lambdaNamedCtx)                                                                        // lambda/named-ctx
	lambda.Start(lambdaIfaceError)                                                                      // lambda/iface-error
	lambda.Start(lambdaSliceEvent)                                                                      // lambda/slice-event
	lambda.Start(lambdaMapEvent)                                                                        // lambda/map-event
	lambda.Start(svc.Lambda)                                                                            // lambda/method-value
	lambda.Start(svcPtr.LambdaPtr)                                                                      // lambda/method-pointer
	lambda.Start(func(ctx context.Context, o Order) (Receipt, error) { return Receipt{OK: true}, nil }) // lambda/func-literal
	lambda.Start(typedCtx[Order, Receipt])                                                              // lambda/generic
	lambda.Start(RawHandler{})                                                                          // lambda/handler-impl
	lambda.Start(&RawHandlerPtr{})                                                                      // lambda/handler-ptr
	lambda.Start(lambdaChanPtrResult)                                                                   // lambda/chan-ptr-result
	lambda.Start(lambdaReaderResult)                                                                    // lambda/reader-result
	lambda.Start(lambdaMarshalerResult)                                                                 // lambda/marshaler-result
	lambda.NewHandler(lambdaCtxEvent)                                                                   // lambda/new-handler
	lambda.Start(lambdaThreeArgs)                                                                       // lambda/three-args
	lambda.Start(lambdaDoer)                                                                            // lambda/doer
	lambda.Start(lambdaStringer)                                                                        // lambda/stringer
	lambda.Start(lambdaFirstNotCtx)                                                                     // lambda/first-not-ctx
	lambda.Start(lambdaCtxSecond)                                                                       // lambda/ctx-second
	lambda.Start(lambdaAnyFirst)                                                                        // lambda/any-first
	lambda.Start(lambdaDonerFirst)                                                                      // lambda/doner-first
	lambda.Start(lambdaResultNotError)                                                                  // lambda/result-not-error
	lambda.Start(lambdaSecondNotError)                                                                  // lambda/second-not-error
	lambda.Start(lambdaThreeResults)                                                                    // lambda/three-results
	lambda.Start(lambdaConcreteError)                                                                   // lambda/concrete-error
	lambda.Start(lambdaConcreteErrorOnly)                                                               // lambda/concrete-error-only
	lambda.Start(lambdaValueError)                                                                      // lambda/value-error
	lambda.Start(lambdaVariadicString)                                                                  // lambda/variadic-string
	lambda.Start(lambdaVariadicAlone)                                                                   // lambda/variadic-alone
	lambda.Start(Service.Lambda)                                                                        // lambda/method-expr
	lambda.Start(identity[Order])                                                                       // lambda/generic-bad
	lambda.Start(func(a, b, c int) {})                                                                  // lambda/literal-bad
	lambda.Start(Order{})                                                                               // lambda/not-func
	lambda.Start(RawHandlerPtr{})                                                                       // lambda/handler-value-of-ptr
	lambda.Start(lambdaChanResult)                                                                      // lambda/chan-result
	lambda.Start(lambdaFuncResult)                                                                      // lambda/func-result
	lambda.Start(lambdaComplexResult)                                                                   // lambda/complex-result
	lambda.Start(lambdaStructKeyResult)                                                                 // lambda/struct-key-result
	lambda.NewHandler(lambdaThreeArgs)                                                                  // lambda/new-handler-bad

	functions.Typed("typed-ok", typedOK)                                                                    // typed/ok
	functions.Typed("typed-no-result", typedNoResult)                                                       // typed/no-result
	functions.Typed("typed-pointers", typedPointers)                                                        // typed/pointers
	functions.Typed("typed-any-in", typedAnyIn)                                                             // typed/any-in
	functions.Typed("typed-slice-in", typedSliceIn)                                                         // typed/slice-in
	functions.Typed("typed-variadic-any", typedVariadicAny)                                                 // typed/variadic-any
	functions.Typed("typed-iface-error", typedIfaceError)                                                   // typed/iface-error
	functions.Typed("typed-generic", typedIn[Order, Receipt])                                               // typed/generic
	functions.Typed("typed-method-value", svc.Typed)                                                        // typed/method-value
	functions.Typed("typed-method-pointer", svcPtr.TypedPtr)                                                // typed/method-pointer
	functions.Typed("typed-chan-result", typedChanResult)                                                   // typed/chan-result
	functions.Typed("typed-func-literal", func(o Order) (Receipt, error) { return Receipt{OK: true}, nil }) // typed/func-literal
	functions.Typed("typed-error-only", typedErrorOnly)                                                     // typed/error-only
	functions.Typed("typed-two-params", typedTwoParams)                                                     // typed/two-params
	functions.Typed("typed-no-params", typedNoParams)                                                       // typed/no-params
	functions.Typed("typed-not-error", typedNotError)                                                       // typed/not-error
	functions.Typed("typed-three-results", typedThreeResults)                                               // typed/three-results
	functions.Typed("typed-concrete-error", typedConcreteError)                                             // typed/concrete-error
	functions.Typed("typed-value-error", typedValueError)                                                   // typed/value-error
	functions.Typed("typed-variadic-string", typedVariadicString)                                           // typed/variadic-string
	functions.Typed("typed-error-first", typedErrorFirst)                                                   // typed/error-first
	functions.Typed("typed-not-func", Order{})                                                              // typed/not-func

	funcframework.RegisterEventFunctionContext(ctx, "/event-ok", eventOK)                                                           // event/ok
	funcframework.RegisterEventFunctionContext(ctx, "/event-any-ctx", eventAnyCtx)                                                  // event/any-ctx
	funcframework.RegisterEventFunctionContext(ctx, "/event-any-event", eventAnyEvent)                                              // event/any-event
	funcframework.RegisterEventFunctionContext(ctx, "/event-pointer", eventPointer)                                                 // event/pointer
	funcframework.RegisterEventFunctionContext(ctx, "/event-doner-ctx", eventDonerCtx)                                              // event/doner-ctx
	funcframework.RegisterEventFunctionContext(ctx, "/event-variadic-any", eventVariadicAny)                                        // event/variadic-any
	funcframework.RegisterEventFunctionContext(ctx, "/event-iface-error", eventIfaceError)                                          // event/iface-error
	funcframework.RegisterEventFunctionContext(ctx, "/event-method-value", svc.Event)                                               // event/method-value
	funcframework.RegisterEventFunctionContext(ctx, "/event-method-pointer", svcPtr.EventPtr)                                       // event/method-pointer
	funcframework.RegisterEventFunctionContext(ctx, "/event-func-literal", func(ctx context.Context, o Order) error { return nil }) // event/func-literal
	funcframework.RegisterEventFunctionContext(ctx, "/event-one-param", eventOneParam)                                              // event/one-param
	funcframework.RegisterEventFunctionContext(ctx, "/event-no-error", eventNoError)                                                // event/no-error
	funcframework.RegisterEventFunctionContext(ctx, "/event-not-ctx", eventNotCtx)                                                  // event/not-ctx
	funcframework.RegisterEventFunctionContext(ctx, "/event-stringer-ctx", eventStringerCtx)                                        // event/stringer-ctx
	funcframework.RegisterEventFunctionContext(ctx, "/event-concrete-error", eventConcreteError)                                    // event/concrete-error
	funcframework.RegisterEventFunctionContext(ctx, "/event-variadic-string", eventVariadicString)                                  // event/variadic-string
	funcframework.RegisterEventFunctionContext(ctx, "/event-two-results", eventTwoResults)                                          // event/two-results
	funcframework.RegisterEventFunctionContext(ctx, "/event-not-func", Order{})                                                     // event/not-func

	c.StartReceiver(ctx, ceNone)                                                        // ce/none
	c.StartReceiver(ctx, ceCtx)                                                         // ce/ctx
	c.StartReceiver(ctx, ceEvent)                                                       // ce/event
	c.StartReceiver(ctx, ceCtxEvent)                                                    // ce/ctx-event
	c.StartReceiver(ctx, ceErrorResult)                                                 // ce/error-result
	c.StartReceiver(ctx, ceResponder)                                                   // ce/responder
	c.StartReceiver(ctx, ceAnyEvent)                                                    // ce/any-event
	c.StartReceiver(ctx, ceCtxResult)                                                   // ce/ctx-result
	c.StartReceiver(ctx, ceIfaceEvent)                                                  // ce/iface-event
	c.StartReceiver(ctx, svcPtr.Receive)                                                // ce/method-pointer
	c.StartReceiver(ctx, func(ctx context.Context, e event.Event) error { return nil }) // ce/func-literal
	c.StartReceiver(ctx, ceReceiptResult)                                               // ce/receipt-result
	c.StartReceiver(ctx, ceHTTPResult)                                                  // ce/http-result
	c.StartReceiver(ctx, ceConvertedResult)                                             // ce/converted-result
	c.StartReceiver(ctx, ceStringParam)                                                 // ce/string-param
	c.StartReceiver(ctx, ceTwoEvents)                                                   // ce/two-events
	c.StartReceiver(ctx, ceThreeParams)                                                 // ce/three-params
	c.StartReceiver(ctx, ceTwoErrors)                                                   // ce/two-errors
	c.StartReceiver(ctx, ceStringResult)                                                // ce/string-result
	c.StartReceiver(ctx, ceEventPointer)                                                // ce/event-pointer
	c.StartReceiver(ctx, ceVariadic)                                                    // ce/variadic
	c.StartReceiver(ctx, ceConvertedEvent)                                              // ce/converted-event
	c.StartReceiver(ctx, ceConcreteError)                                               // ce/concrete-error
	c.StartReceiver(ctx, ceEventValueResult)                                            // ce/event-value-result
	c.StartReceiver(ctx, ceAnyResult)                                                   // ce/any-result
	c.StartReceiver(ctx, ceValueError)                                                  // ce/value-error
	c.StartReceiver(ctx, Order{})                                                       // ce/not-func
}
