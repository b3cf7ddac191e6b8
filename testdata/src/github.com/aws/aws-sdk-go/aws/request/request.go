// Package request is a stub of github.com/aws/aws-sdk-go/aws/request.
package request

type Request struct{ Error error }

type Option func(*Request)

func (r *Request) Send() error { return r.Error }
