// Package handler is a stub of github.com/openfaas/templates-sdk/go-http
// with the real Request and Response fields.
package handler

import (
	"context"
	"net/http"
)

type Response struct {
	Body       []byte
	StatusCode int
	Header     http.Header
}

type Request struct {
	Body        []byte
	Header      http.Header
	QueryString string
	Method      string
	Host        string
	ctx         context.Context
}

func (r *Request) Context() context.Context { return r.ctx }

type FunctionHandler interface {
	Handle(req Request) (Response, error)
}
