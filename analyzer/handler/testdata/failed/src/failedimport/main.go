// Package failedimport registers its handlers through SDK packages that
// are not there (no stubs under this GOPATH): the imports fail, the type
// checker gives each a fake package, and the finder recognises the
// registrars by import path and name.
package failedimport

import (
	"context"
	"net/http"

	ddlambda "github.com/DataDog/datadog-lambda-go"
	"github.com/GoogleCloudPlatform/functions-framework-go/functions"
	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
)

type Order struct{ ID string }

func handle(ctx context.Context, o Order) (Order, error) { return o, nil }

// three takes three arguments, which aws-lambda-go rejects; but its
// types are not known here, so nothing is reported.
func three(ctx context.Context, a, b string) error { return nil }

// queue takes an SDK type that is not known: an opaque payload.
func queue(ctx context.Context, e events.SQSEvent) error { return nil }

func wrapped(ctx context.Context, o Order) error { return nil }

func serve(w http.ResponseWriter, r *http.Request) {}

// Start is a wrapper: each caller's argument is the handler.
func Start(h any) { // want Start:`registers\(\$1, lambda.Start\)`
	lambda.Start(h)
}

func run() {
	lambda.Start(handle)
	lambda.Start(three)
	lambda.StartWithContext(context.Background(), queue)
	lambda.Start(ddlambda.WrapFunction(wrapped, nil))
	functions.HTTP("web", serve)
	lambda.Other(handle) // not a registrar
}
