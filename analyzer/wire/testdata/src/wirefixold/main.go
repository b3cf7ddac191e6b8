//go:build go1.23

// Package wirefixold is built with Go 1.23, whose encoding/json has no
// omitzero: the omitempty finding has no fix.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

type Report struct {
	When Stamp `json:"when,omitempty"` // want `omitempty on struct field Report.When has no effect`
}

type Stamp struct{ Unix int64 }

func handle(ctx context.Context) (Report, error) { return Report{}, nil }

func main() {
	lambda.Start(handle)
}
