package gcf

import (
	"context"
	"net/http"

	"github.com/GoogleCloudPlatform/functions-framework-go/funcframework"
	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	"github.com/cloudevents/sdk-go/v2/event"
)

type Msg struct{ Text string }
type Reply struct{ OK bool }

func typedOK(m Msg) (Reply, error)                  { return Reply{}, nil }
func typedNoResult(m Msg)                           {}
func typedTwo(a, b Msg) error                       { return nil }
func typedErrOnly(m Msg) error                      { return nil }
func typedNotErr(m Msg) Reply                       { return Reply{} }
func eventOK(ctx context.Context, m Msg) error      { return nil }
func eventAnyCtx(ctx any, m Msg) error              { return nil }
func eventOne(m Msg) error                          { return nil }
func eventNoErr(ctx context.Context, m Msg)         {}
func eventNotCtx(s string, m Msg) error             { return nil }
func httpFn(w http.ResponseWriter, r *http.Request) {}
func ceFn(ctx context.Context, e event.Event) error { return nil }

func init() {
	functions.Typed("typed-ok", typedOK)
	functions.Typed("typed-none", typedNoResult)
	functions.Typed("typed-two", typedTwo)          // want `functions.Typed handler func\(a Msg, b Msg\) error is rejected by functions-framework-go when it starts serving \(funcframework.Start returns the error\): expected function to have one parameters, found 2`
	functions.Typed("typed-err-only", typedErrOnly) // want `every successful call answers 500`
	functions.Typed("typed-not-err", typedNotErr)   // want `expected last return type to be of error`
	functions.HTTP("http", httpFn)
	functions.CloudEvent("ce", ceFn)
	ctx := context.Background()
	funcframework.RegisterEventFunctionContext(ctx, "/event-ok", eventOK)
	funcframework.RegisterEventFunctionContext(ctx, "/event-any", eventAnyCtx)
	funcframework.RegisterEventFunctionContext(ctx, "/event-one", eventOne)     // want `expected function to have two parameters, found 1`
	funcframework.RegisterEventFunctionContext(ctx, "/event-noerr", eventNoErr) // want `expected function to return only an error`
	funcframework.RegisterEventFunction("/event-notctx", eventNotCtx)           // want `expected first parameter to be context.Context`
	funcframework.RegisterHTTPFunction("/legacy", httpFn)
	funcframework.RegisterHTTPFunction("/legacy-bad", typedOK) // want `makes funcframework.RegisterHTTPFunction panic: expected function to have signature func\(http.ResponseWriter, \*http.Request\)`
	functions.Typed("typed-ok", typedNoResult)                 // want `function name "typed-ok" is already used by the functions.Typed handler`
}
