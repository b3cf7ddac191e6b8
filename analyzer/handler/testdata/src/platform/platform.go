// Package platform starts a company's Lambda functions: Run registers
// its argument with lambda.Start, Serve registers a named Cloud Function.
package platform

import (
	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	"github.com/aws/aws-lambda-go/lambda"
)

func Run(handler any) { // want Run:`registers\(\$1, lambda.Start\)`
	// (tracing, config, logging would go here)
	lambda.Start(handler)
}

func Serve(name string, fn func(any) error) { // want Serve:`registers\(\$2, functions.Typed\)`
	functions.Typed(name, fn)
}

// local registers a handler it builds itself: no fact.
func local() {
	lambda.Start(func() error { return nil })
}
