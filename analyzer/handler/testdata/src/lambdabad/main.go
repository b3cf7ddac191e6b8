package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

type Order struct{ ID string }

type MyErr struct{}

func (*MyErr) Error() string { return "" }

func three(ctx context.Context, a, b string) (string, error) { return "", nil }

type Doer interface{ Do() }

func notCtx(d Doer) error { return nil }

func notCtxTwo(s string, o Order) error { return nil }

func badResult(o Order) string { return "" }

func badPair(o Order) (string, string) { return "", "" }

func tooMany() (int, int, error) { return 0, 0, nil }

func typedNil(ctx context.Context, o Order) (string, *MyErr) { return "", nil }

func variadic(ctx context.Context, ids ...string) error { return nil }

func main() {
	lambda.Start(three)               // want `lambda.Start handler func\(ctx context.Context, a string, b string\) \(string, error\) is accepted by aws-lambda-go at start, which then fails every invocation with this error: handlers may not take more than two arguments, but handler takes 3`
	lambda.Start(notCtx)              // want `handler takes an interface, but it is not context.Context: "Doer"`
	lambda.Start(notCtxTwo)           // want `handler takes two arguments, but the first is not Context. got string`
	lambda.Start(badResult)           // want `handler returns a single value, but it does not implement error`
	lambda.Start(badPair)             // want `handler returns two values, but the second does not implement error`
	lambda.Start(tooMany)             // want `handler may not return more than two values`
	lambda.Start(typedNil)            // want `the error result has the concrete type \*MyErr: a nil \*MyErr is a non-nil error once boxed`
	lambda.StartWithOptions(variadic) // want `passed to the variadic parameter ...string, so reflect.Value.Call panics`
	lambda.Start(42)                  // want `handler kind int is not func`
	h := func(a, b, c int) {}
	lambda.Start(h)                                      // want `handlers may not take more than two arguments`
	lambda.StartWithContext(context.Background(), three) // want `handlers may not take more than two arguments`
	_ = lambda.NewHandler(badResult)                     // want `handler returns a single value`
	var s svc
	lambda.Start(s.Method)            // want `handlers may not take more than two arguments, but handler takes 3`
	lambda.Start(generic[Order, int]) // want `handler returns a single value, but it does not implement error`
	lambda.Start(chanResult)          // want `lambda.Start handler func\(o Order\) \(chan int, error\) is accepted by aws-lambda-go at start, which then fails every invocation with this error: json: unsupported type: chan int`
	lambda.Start(funcResult)          // want `json: unsupported type: func\(\) error`
	lambda.Start(complexResult)       // want `json: unsupported type: complex64`
	lambda.Start(structKeyResult)     // want `json: unsupported type: map\[main.Order\]int`
	//faasvet:ignore handler-signature kept for a migration test
	lambda.Start(three)
	lambda.Start(three) //faasvet:ignore handler-signature,wire-type same-line suppression
	suppressedInDoc()
}

func chanResult(o Order) (chan int, error)           { return nil, nil }
func funcResult(o Order) (func() error, error)       { return nil, nil }
func complexResult(o Order) (complex64, error)       { return 0, nil }
func structKeyResult(o Order) (map[Order]int, error) { return nil, nil }

type svc struct{}

func (svc) Method(ctx context.Context, a, b int) error { return nil }

func generic[In, Out any](in In) Out { var o Out; return o }

//faasvet:ignore handler-signature the whole declaration is exempt
func suppressedInDoc() {
	lambda.Start(three)
}

func trailingIgnoreOnlyCoversItsLine() {
	lambda.Start(three) //faasvet:ignore handler-signature this line only
	lambda.Start(three) // want `handlers may not take more than two arguments`
}
