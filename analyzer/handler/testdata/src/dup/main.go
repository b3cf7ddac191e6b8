package main

import (
	"context"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
)

func a(ctx context.Context) error { return nil }
func b(ctx context.Context) error { return nil }

// Two handlers chosen at run time: alternatives of one binary, named
// apart, not duplicates.
func main() {
	if os.Getenv("MODE") == "b" {
		lambda.Start(b)
	}
	lambda.Start(a)
	lambda.Start(a)
}
