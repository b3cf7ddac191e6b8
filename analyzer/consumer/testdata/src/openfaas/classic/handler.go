// Package function is a classic OpenFaaS Go handler.
package function

import (
	"encoding/json"
)

type Order struct {
	ID string `json:"id"`
}

func Handle(req []byte) string {
	var o Order
	if err := json.Unmarshal(req, &o); err != nil {
		return err.Error()
	}
	return o.ID
}
