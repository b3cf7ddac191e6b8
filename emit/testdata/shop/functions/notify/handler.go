// Package function tells customers about stock changes (OpenFaaS
// golang-middleware).
package function

import (
	"encoding/json"
	"net/http"

	"example.com/shop/internal/msg"
)

// Handle decodes a stock event.
//
//faas:subscribe topic=stock-events
func Handle(w http.ResponseWriter, r *http.Request) {
	var s msg.Stock
	if err := json.NewDecoder(r.Body).Decode(&s); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}
