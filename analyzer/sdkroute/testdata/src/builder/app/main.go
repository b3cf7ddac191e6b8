// Command app names the functions it invokes with builders: in
// straight-line code their writes are a concatenation; in a branch, a
// loop or a callee they are not known, and faasvet says so.
package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	awslambda "github.com/aws/aws-sdk-go-v2/service/lambda"

	"builder/fn"
)

var lc = awslambda.New(awslambda.Options{})

func handle(ctx context.Context, in fn.Payload) error {
	var b strings.Builder
	b.WriteString("orders-")
	b.WriteString(os.Getenv("STAGE"))
	b.WriteByte('-')
	_, _ = b.WriteString("charge")
	lc.Invoke(ctx, &awslambda.InvokeInput{FunctionName: aws.String(b.String())})

	buf := bytes.NewBufferString("audit")
	fmt.Fprintf(buf, "-%s", "v2")
	buf.Write([]byte("-log"))
	lc.Invoke(ctx, &awslambda.InvokeInput{FunctionName: aws.String(buf.String())})

	var c strings.Builder
	c.WriteString("ship")
	if in.Resolver != "" {
		c.WriteString("-fast")
	}
	lc.Invoke(ctx, &awslambda.InvokeInput{FunctionName: aws.String(c.String())}) // want `cannot resolve the function name \(c is written inside a branch or a loop at main.go:38, so the order of its writes is not certain\)`

	var d strings.Builder
	suffix(&d)
	lc.Invoke(ctx, &awslambda.InvokeInput{FunctionName: aws.String(d.String())}) // want `cannot resolve the function name \(d is used at main.go:43 in a way faasvet does not follow \(its address is passed on\)\)`

	var e strings.Builder
	for _, part := range []string{"a", "b"} {
		e.WriteString(part)
	}
	lc.Invoke(ctx, &awslambda.InvokeInput{FunctionName: aws.String(e.String())}) // want `cannot resolve the function name \(e is written inside a branch or a loop at main.go:48, so the order of its writes is not certain\)`

	var f strings.Builder
	f.WriteString("late")
	defer func() { f.WriteString("-x") }()
	lc.Invoke(ctx, &awslambda.InvokeInput{FunctionName: aws.String(f.String())}) // want `cannot resolve the function name \(f is used in a func literal, so the order of its writes is not certain\)`

	// Written after the read: the read sees what came before.
	var g strings.Builder
	g.WriteString("early")
	name := g.String()
	g.WriteString("-later")
	lc.Invoke(ctx, &awslambda.InvokeInput{FunctionName: aws.String(name)})

	fn.Call(ctx, fn.Request{Service: "billing", Function: "refund", Payload: in})
	return nil
}

func suffix(b *strings.Builder) { b.WriteString("x") }

func main() {
	lambda.Start(handle)
}
