// Package handler is a stub of github.com/openfaas/templates-sdk/go-http.
package handler

import "net/http"

type Request struct {
	Body   []byte
	Header http.Header
}

type Response struct {
	Body       []byte
	StatusCode int
}
