// Package tracing is an instrumenting wrapper, like ddlambda.WrapFunction
// or otellambda.InstrumentHandler: it takes the handler as any and
// returns it wrapped, as any, for the runtime to reflect on.
package tracing

type Config struct{ Service string }

func Wrap(handler any, cfg *Config) any { return handler }

// Two takes two funcs: which one is the handler is not known.
func Two(handler, onError any) any { return handler }
