// Package msg holds the payload types that the order functions exchange.
package msg

import "time"

// Order is what a customer submits.
type Order struct {
	ID       string    `json:"id"`
	Customer string    `json:"customer"`
	Items    []Item    `json:"items"`
	Placed   time.Time `json:"placed"`
}

// Item is one line of an order.
type Item struct {
	SKU      string  `json:"sku"`
	Quantity int     `json:"quantity"`
	Price    float64 `json:"price"`
}

// Validated is an order that passed validation.
type Validated struct {
	Order Order   `json:"order"`
	Total float64 `json:"total"`
}

// Receipt is what charging an order produces.
type Receipt struct {
	OrderID  string  `json:"order_id"`
	Charged  float64 `json:"charged"`
	Items    int     `json:"items"`
	Currency string  `json:"currency"`
	Note     string  `json:"note"`
}

// ShipRequest is what the shipping function reads.
type ShipRequest struct {
	// seeded: wire-type. charge sends order_id as a JSON string
	// (Receipt.OrderID), this decodes it into an int.
	OrderID int `json:"order_id"`
	// seeded: wire-missing. Nothing sends a carrier.
	Carrier string `json:"carrier"`
	// seeded: wire-narrowing. charge sends a float64.
	Charged int `json:"charged"`
	// seeded: wire-quoted. charge sends a plain number; this expects it
	// inside a string.
	Items int `json:"items,string"`
	// seeded: wire-case. charge sends "currency"; the tag says "Currency".
	// (charge's Note is seeded wire-dropped: nothing here reads it.)
	Currency string `json:"Currency"`
}

// Refund asks to give money back.
type Refund struct {
	OrderID string  `json:"order_id"`
	Amount  float64 `json:"amount"`
}

// Notice is a message to a customer.
type Notice struct {
	Customer string `json:"customer"`
	Text     string `json:"text"`
}
