// Package functions is a stub of
// github.com/GoogleCloudPlatform/functions-framework-go/functions v1.9.2.
package functions

import "net/http"

func HTTP(name string, fn func(http.ResponseWriter, *http.Request)) {}
