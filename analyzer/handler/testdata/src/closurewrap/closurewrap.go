// Package closurewrap wraps a closure wrapper: the closure's signature
// is carried over this func's type parameter.
package closurewrap

import (
	"context"

	"closures"
)

func Run[T any](h func(context.Context, T) error) { // want Run:`registers\(\$1, lambda.Start, closure\)`
	closures.Start(h)
}
