// Package errs is a library whose funcs and variables carry ErrorsFacts
// to the packages that import it.
package errs

import (
	"errors"
	"fmt"
)

// NotFound is a custom error type.
type NotFound struct{ ID string }

func (e *NotFound) Error() string { return "not found: " + e.ID }

// Declined is a value-receiver error type.
type Declined struct{}

func (Declined) Error() string { return "declined" }

var ErrGone = errors.New("gone") // want ErrGone:`errors\(errorString\)`

var ErrPicked error = &NotFound{ID: "x"} // want ErrPicked:`errors\(NotFound\)`

func Lookup(id string) error { // want Lookup:`errors\(NotFound, errorString\)`
	if id == "" {
		return ErrGone
	}
	return &NotFound{ID: id}
}

func Wrap(id string) error { // want Wrap:`errors\(NotFound, errorString, wrapError\)`
	if err := Lookup(id); err != nil {
		return fmt.Errorf("lookup %s: %w", id, err)
	}
	return Lookup(id)
}

func Two(a, b error) error { // want Two:`errors\(wrapErrors\)`
	return fmt.Errorf("%w and %w (100%%)", a, b)
}

func Plain(n int) error { // want Plain:`errors\(errorString\)`
	return fmt.Errorf("bad %d%%w", n)
}

func Passed(err error) error { // want Passed:`errors\(; open: the parameter err\)`
	return err
}

func Must(id string) { // want Must:`errors\(\) panics\(Declined\)`
	panic(Declined{})
}

func Recursive(n int) (err error) { // want Recursive:`errors\(Declined, NotFound\)`
	if n == 0 {
		err = &NotFound{}
		return
	}
	if n == 1 {
		return Declined{}
	}
	return Recursive(n - 1)
}
