// Package svc declares a generic queue interface; its implementation
// lives in another package.
package svc

// Queue sends messages of one type.
type Queue[T any] interface {
	SendMessage(params *T) error
}

// Log takes values: no instantiation of impl's queue, whose method
// takes a pointer, implements it.
type Log[T any] interface {
	SendMessage(params T) error
}

// Email is what the e-mail queue carries.
type Email struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
}
