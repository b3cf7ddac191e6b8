// Package function is an OpenFaaS golang-middleware handler.
package function

import (
	"encoding/json"
	"io"
	"net/http"
)

type Order struct {
	ID string `json:"id"`
}

func Handle(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return
	}
	var o Order
	_ = json.Unmarshal(body, &o)
}
