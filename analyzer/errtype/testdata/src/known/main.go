// Package main is a handler whose error types are all known, through
// another package's facts too.
package main

import (
	"context"

	"errs"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambda/messages"
)

type Order struct{ ID string }

type ErrOutOfStock struct{}

func (*ErrOutOfStock) Error() string { return "out of stock" }

func reserve(o Order) error { // want reserve:`errors\(ErrOutOfStock, NotFound, errorString\)`
	if o.ID == "" {
		return errs.Lookup(o.ID)
	}
	var err error
	if o.ID == "none" {
		err = &ErrOutOfStock{}
	}
	return err
}

func handle(ctx context.Context, o Order) (Order, error) { // want handle:`errors\(ErrOutOfStock, InsufficientFunds, NotFound, errorString, wrapError\) panics\(Declined(, [A-Za-z]+)*\)`
	if err := reserve(o); err != nil {
		return o, err
	}
	if o.ID == "x" {
		return o, messages.InvokeResponse_Error{Message: "no", Type: "InsufficientFunds"}
	}
	if o.ID == "y" {
		errs.Must(o.ID)
	}
	return o, errs.Wrap(o.ID)
}

func main() {
	lambda.Start(handle)
}
