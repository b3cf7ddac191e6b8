package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

func three(ctx context.Context, a, b string) (string, error) { return "", nil }

func main() {
	lambda.Start(three) // want `handlers may not take more than two arguments, but handler takes 3 \(handler-signature\)$`
}
