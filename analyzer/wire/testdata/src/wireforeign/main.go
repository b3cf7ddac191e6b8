package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"shared"
)

// The problems of shared.Notice are reported here, where it crosses the
// boundary, since its declaration is in another package.
//
//faas:publish topic=notices payload=shared.Notice // want `unknown json tag option "omitempy" on Notice.Text` `json.Marshal cannot encode channel type chan string`
func handle(ctx context.Context) error { return nil }

func main() {
	lambda.Start(handle)
}

var _ shared.Notice
