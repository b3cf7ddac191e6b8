// Command closed registers its handler through closure wrappers: each
// registration is the literal's signature, instantiated, with order as
// the handler's code.
package main

import (
	"context"

	"closures"
	"closurewrap"
	"msg"
)

func order(ctx context.Context, o msg.Order) error { return nil }

func refund(ctx context.Context, r msg.Item) error { return nil }

func main() {
	switch {
	case len("a") > 1:
		closures.Start(order)
	case len("b") > 1:
		closures.StartRaw(order)
	default:
		closurewrap.Run(refund)
	}
}
