// Package functions is a stub of functions-framework-go v1.9.2 functions.
package functions

import (
	"context"
	"net/http"

	cloudevents "github.com/cloudevents/sdk-go/v2"
)

func HTTP(name string, fn func(http.ResponseWriter, *http.Request))             {}
func CloudEvent(name string, fn func(context.Context, cloudevents.Event) error) {}
func Typed(name string, fn interface{})                                         {}
