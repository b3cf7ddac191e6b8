package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

type Out struct {
	ID string `json:"id,omitempy"` // want `unknown json tag option "omitempy" on Out.ID: encoding/json ignores it; did you mean "omitempty"\? \(tag-option\)`
}

func handle(ctx context.Context) (Out, error) { return Out{}, nil }

func main() { lambda.Start(handle) }
