// Package msg holds the shop's payloads.
package msg

// Order is what a customer submits.
type Order struct {
	ID    string  `json:"id"`
	Total float64 `json:"total"`
}

// Invoice is what pricing produces.
type Invoice struct {
	OrderID string  `json:"order_id"`
	Amount  float64 `json:"amount"`
}

// Stock is a stock change.
type Stock struct {
	SKU   string `json:"sku"`
	Delta int    `json:"delta"`
}
