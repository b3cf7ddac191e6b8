// Package lambda is a stub of github.com/aws/aws-lambda-go/lambda v1.55.1
// with the API that faasvet's discovery depends on.
package lambda

import "context"

type Handler interface {
	Invoke(ctx context.Context, payload []byte) ([]byte, error)
}

type Option func(*struct{})

func Start(handler interface{})                               {}
func StartWithOptions(handler interface{}, options ...Option) {}
func NewHandler(handlerFunc interface{}) Handler              { return nil }
