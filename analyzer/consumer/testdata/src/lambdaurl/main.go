// Package lambdaurl serves a Function URL with net/http.
package main

import (
	"encoding/json"
	"net/http"

	"github.com/aws/aws-lambda-go/lambdaurl"
)

type Order struct {
	ID string `json:"id"`
}

func handle(w http.ResponseWriter, r *http.Request) {
	var o Order
	_ = decodeJSON(r, &o)
}

func decodeJSON(r *http.Request, v any) error {
	defer r.Body.Close()
	return json.NewDecoder(r.Body).Decode(v)
}

func main() {
	lambdaurl.Start(http.HandlerFunc(handle))
}
