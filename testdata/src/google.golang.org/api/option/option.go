// Package option is a stub of google.golang.org/api/option. The real
// ClientOption's method takes an internal type.
package option

type ClientOption interface{}
