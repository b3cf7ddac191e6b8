// want package:"has-sends"

// Package fn invokes a function whose name it builds with a
// strings.Builder from its request's fields and the stage.
package fn

import (
	"context"
	"encoding/json"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
)

type Payload struct {
	Resolver string
	Body     string
}

type Request struct {
	Service  string
	Function string
	Payload  Payload
}

var client = lambda.New(lambda.Options{})

func Call(ctx context.Context, r Request) (*lambda.InvokeOutput, error) { // want Call:`sends\(lambda.Invoke function=\$2.Service-\$\{stage\}-\$2.Function payload=.*\)`
	stage := os.Getenv("stage")
	var b strings.Builder
	b.WriteString(r.Service)
	b.WriteString("-")
	b.WriteString(stage)
	b.WriteString("-")
	b.WriteString(r.Function)
	name := b.String()
	jb, err := json.Marshal(r.Payload)
	if err != nil {
		return nil, err
	}
	return client.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String(name), Payload: jb})
}
