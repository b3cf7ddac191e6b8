// Package lambda is a stub of github.com/aws/aws-lambda-go/lambda v1.55.1:
// every way to register a handler (Start*, NewHandler*) and the handler
// options, with their real signatures.
package lambda

import "context"

type Handler interface {
	Invoke(ctx context.Context, payload []byte) ([]byte, error)
}

type Option func(*handlerOptions)

type handlerOptions struct{}

func WithContext(ctx context.Context) Option                      { return nil }
func WithContextValue(key interface{}, value interface{}) Option  { return nil }
func WithSetEscapeHTML(escapeHTML bool) Option                    { return nil }
func WithSetIndent(prefix, indent string) Option                  { return nil }
func WithUseNumber(useNumber bool) Option                         { return nil }
func WithDisallowUnknownFields(disallowUnknownFields bool) Option { return nil }
func WithEnableSIGTERM(callbacks ...func()) Option                { return nil }

func Start(handler interface{})                                                {}
func StartWithContext(ctx context.Context, handler interface{})                {}
func StartHandler(handler Handler)                                             {}
func StartHandlerWithContext(ctx context.Context, handler Handler)             {}
func StartWithOptions(handler interface{}, options ...Option)                  {}
func NewHandler(handlerFunc interface{}) Handler                               { return nil }
func NewHandlerWithOptions(handlerFunc interface{}, options ...Option) Handler { return nil }

type HandlerFunc[TIn, TOut any] interface {
	func(context.Context, TIn) (TOut, error)
}

func StartHandlerFunc[TIn any, TOut any, H HandlerFunc[TIn, TOut]](handler H, options ...Option) {}
