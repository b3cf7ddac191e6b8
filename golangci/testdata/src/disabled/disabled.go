package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

func three(ctx context.Context, a, b string) (string, error) { return "", nil }

func main() {
	lambda.Start(three) // disabled: no finding
}
