// Package lambdaurl is a stub of github.com/aws/aws-lambda-go/lambdaurl
// v1.55.1: Start, and Wrap for lambda.Start.
package lambdaurl

import (
	"context"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

func WithDetectContentType(detectContentType bool) lambda.Option { return nil }

func RequestFromContext(ctx context.Context) (*events.LambdaFunctionURLRequest, bool) {
	return nil, false
}

func Wrap(handler http.Handler) func(context.Context, *events.LambdaFunctionURLRequest) (*events.LambdaFunctionURLStreamingResponse, error) {
	return nil
}

func Start(handler http.Handler, options ...lambda.Option) {}
