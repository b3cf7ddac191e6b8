// Package function is an OpenFaaS golang-http handler.
package function

import (
	"encoding/json"
	"net/http"

	handler "github.com/openfaas/templates-sdk/go-http"
)

type Order struct {
	ID string `json:"id"`
}

func Handle(req handler.Request) (handler.Response, error) {
	var o Order
	if err := json.Unmarshal(req.Body, &o); err != nil {
		return handler.Response{StatusCode: http.StatusBadRequest}, nil
	}
	return handler.Response{Body: []byte(o.ID), StatusCode: http.StatusOK}, nil
}
