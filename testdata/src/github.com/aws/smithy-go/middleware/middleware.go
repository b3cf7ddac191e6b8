// Package middleware is a stub of github.com/aws/smithy-go/middleware.
package middleware

type Metadata struct{ values map[interface{}]interface{} }
