// Package funcframework is a stub of functions-framework-go v1.9.2 funcframework.
package funcframework

import (
	"context"
	"net/http"

	cloudevents "github.com/cloudevents/sdk-go/v2"
)

func RegisterHTTPFunction(path string, fn interface{})  {}
func RegisterEventFunction(path string, fn interface{}) {}
func RegisterHTTPFunctionContext(ctx context.Context, path string, fn func(http.ResponseWriter, *http.Request)) error {
	return nil
}
func RegisterEventFunctionContext(ctx context.Context, path string, fn interface{}) error { return nil }
func RegisterCloudEventFunctionContext(ctx context.Context, path string, fn func(context.Context, cloudevents.Event) error) error {
	return nil
}
func Start(port string) error                   { return nil }
func StartHostPort(hostname, port string) error { return nil }
