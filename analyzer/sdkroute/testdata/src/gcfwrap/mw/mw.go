// Package mw is middleware from a dependency (an instrumentation
// library): a handler that wraps another.
package mw

import "net/http"

type Handler struct {
	next http.Handler
	name string
}

func NewHandler(next http.Handler, name string) *Handler {
	return &Handler{next: next, name: name}
}

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.next.ServeHTTP(w, r)
}
