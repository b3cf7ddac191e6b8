// Package msg holds the payload types and names shared by the test apps.
package msg

type Order struct {
	ID    string  `json:"id"`
	Total float64 `json:"total"`
}

type Receipt struct {
	OrderID string `json:"orderId"`
}

type Refund struct {
	OrderID string `json:"orderId"`
}

// Names of resources, as an app's shared package declares them.
const (
	ChargeFunction = "charge"
	Region         = "eu-west-1"
	Account        = "123456789012"
)
