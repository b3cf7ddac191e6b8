package handler

import (
	"fmt"
	"go/token"
	"go/types"
)

// The validators in this file mirror, rule for rule, what each platform's
// runtime does with a handler value (read from the SDK sources named in
// each function's comment). Their verdicts are proven against the real
// runtimes by internal/conformance.

// A rejection is a signature that the runtime refuses or that fails every
// invocation.
type rejection struct {
	variant string // docs section of handler-signature; "" for the default
	msg     string
}

var errorType = types.Universe.Lookup("error").Type()
var errorIface = errorType.Underlying().(*types.Interface)

// env holds the SDK types the validators compare against.
type env struct {
	context *types.Interface // context.Context
	handler *types.Interface // lambda.Handler, when known
	qual    types.Qualifier  // writes types as the package's code does
}

// lambdaShape is what aws-lambda-go makes of a handler value.
type lambdaShape struct {
	raw           bool // implements lambda.Handler: raw bytes in and out
	takesContext  bool
	input, output types.Type
	outputNull    bool
}

// checkLambda mirrors aws-lambda-go v1.55 lambda/handler.go reflectHandler,
// handlerTakesContext and validateReturns, and what the invoke loop then
// does with the values.
func checkLambda(t types.Type, e env) (lambdaShape, *rejection) {
	var s lambdaShape
	if e.handler != nil && types.Implements(t, e.handler) {
		s.raw = true
		return s, nil
	}
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return s, &rejection{"", fmt.Sprintf("handler kind %s is not func", reflectKind(t))}
	}
	params, results := sig.Params(), sig.Results()
	switch params.Len() {
	case 0:
	case 1:
		arg := params.At(0).Type()
		if iface, ok := arg.Underlying().(*types.Interface); ok && iface.NumMethods() > 0 {
			if !isContext(arg, e) {
				return s, &rejection{"", fmt.Sprintf("handler takes an interface, but it is not context.Context: %q", reflectName(arg))}
			}
			s.takesContext = true
		} else {
			s.input = arg
		}
	case 2:
		arg := params.At(0).Type()
		if _, ok := arg.Underlying().(*types.Interface); !ok || !isContext(arg, e) {
			return s, &rejection{"", fmt.Sprintf("handler takes two arguments, but the first is not Context. got %s", reflectKind(arg))}
		}
		s.takesContext = true
		s.input = params.At(1).Type()
	default:
		return s, &rejection{"", fmt.Sprintf("handlers may not take more than two arguments, but handler takes %d", params.Len())}
	}
	switch n := results.Len(); {
	case n > 2:
		return s, &rejection{"", "handler may not return more than two values"}
	case n == 2:
		if !types.Implements(results.At(1).Type(), errorIface) {
			return s, &rejection{"", "handler returns two values, but the second does not implement error"}
		}
		s.output = results.At(0).Type()
	case n == 1:
		if !types.Implements(results.At(0).Type(), errorIface) {
			return s, &rejection{"", "handler returns a single value, but it does not implement error"}
		}
		s.outputNull = true
	default:
		s.outputNull = true
	}
	if r := variadicEvent(sig, s.input, e); r != nil {
		return s, r
	}
	if r := concreteError(sig, e); r != nil {
		return s, r
	}
	if s.output != nil && unencodable(s.output) {
		return s, &rejection{"", "json: unsupported type: " + reflectString(s.output)}
	}
	return s, nil
}

// unencodable: aws-lambda-go JSON-encodes the first result and fails the
// invocation when that fails. encoding/json refuses a channel, a func, a
// complex number, an unsafe.Pointer, and a map whose key is neither a
// string, an integer nor a TextMarshaler by type, whatever the value (even
// nil), so such a result fails every invocation, unless the value is an
// io.Reader, which the runtime then streams instead.
func unencodable(t types.Type) bool {
	if types.IsInterface(t) || implementsAny(t, jsonMarshaler, textMarshaler, ioReader) {
		return false
	}
	switch u := t.Underlying().(type) {
	case *types.Chan, *types.Signature:
		return true
	case *types.Basic:
		return u.Info()&types.IsComplex != 0 || u.Kind() == types.UnsafePointer
	case *types.Map:
		if b, ok := u.Key().Underlying().(*types.Basic); ok && b.Info()&(types.IsString|types.IsInteger) != 0 {
			return false
		}
		return !implementsAny(u.Key(), textMarshaler)
	}
	return false
}

// The interfaces that change how encoding/json and aws-lambda-go treat a
// value, built here because the package under analysis need not import
// encoding/json or io.
var (
	byteSlice     = types.NewSlice(types.Typ[types.Byte])
	jsonMarshaler = methodInterface("MarshalJSON", nil, []types.Type{byteSlice, errorType})
	textMarshaler = methodInterface("MarshalText", nil, []types.Type{byteSlice, errorType})
	ioReader      = methodInterface("Read", []types.Type{byteSlice}, []types.Type{types.Typ[types.Int], errorType})
)

func methodInterface(name string, params, results []types.Type) *types.Interface {
	vars := func(ts []types.Type) *types.Tuple {
		var vs []*types.Var
		for _, t := range ts {
			vs = append(vs, types.NewParam(token.NoPos, nil, "", t))
		}
		return types.NewTuple(vs...)
	}
	sig := types.NewSignatureType(nil, nil, nil, vars(params), vars(results), false)
	return types.NewInterfaceType([]*types.Func{types.NewFunc(token.NoPos, nil, name, sig)}, nil).Complete()
}

// implementsAny reports whether t or *t implements one of ifaces.
// encoding/json uses *t's methods only for addressable values, which a
// result is not, but counting them keeps the check free of false positives.
func implementsAny(t types.Type, ifaces ...*types.Interface) bool {
	for _, iface := range ifaces {
		if types.Implements(t, iface) || types.Implements(types.NewPointer(t), iface) {
			return true
		}
	}
	return false
}

// variadicEvent: a runtime that decodes the event into the last parameter
// builds a value of the slice type and passes it to reflect.Value.Call,
// which takes it as one element of the variadic slice: unless the element
// type accepts the slice itself, Call panics on every invocation.
func variadicEvent(sig *types.Signature, input types.Type, e env) *rejection {
	if !sig.Variadic() || input == nil {
		return nil
	}
	last := sig.Params().At(sig.Params().Len() - 1).Type()
	if last != input {
		return nil
	}
	elem := last.(*types.Slice).Elem()
	if types.AssignableTo(input, elem) {
		return nil
	}
	return &rejection{"variadic", fmt.Sprintf("the event is decoded into %s and passed to the variadic parameter ...%s, so reflect.Value.Call panics on every invocation", e.typeString(input), e.typeString(elem))}
}

// concreteError: runtimes test the last result with `err != nil` after
// boxing it in an interface, so a concrete error type is never nil there:
// a nil *MyError still fails the invocation.
func concreteError(sig *types.Signature, e env) *rejection {
	res := sig.Results()
	if res.Len() == 0 {
		return nil
	}
	last := res.At(res.Len() - 1).Type()
	if types.IsInterface(last) || !types.Implements(last, errorIface) {
		return nil
	}
	return &rejection{"concrete-error", fmt.Sprintf("the error result has the concrete type %s: a nil %s is a non-nil error once boxed, so every invocation fails; return error", e.typeString(last), e.typeString(last))}
}

func isContext(t types.Type, e env) bool {
	iface, ok := t.Underlying().(*types.Interface)
	if !ok || e.context == nil {
		return false
	}
	return types.Implements(e.context, iface) && types.Implements(iface, e.context)
}

// typedShape is what functions-framework-go makes of a Typed function.
type typedShape struct {
	input, output types.Type
}

// checkTyped mirrors functions-framework-go v1.9 funcframework
// validateTypedFunction, and handleTypedReturn, which panics (a 500 for
// every successful call) when the only result is an error.
func checkTyped(t types.Type, e env) (typedShape, *rejection) {
	var s typedShape
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return s, &rejection{"", fmt.Sprintf("the handler is a %s, not a func: reflect panics when the server starts", reflectKind(t))}
	}
	if n := sig.Params().Len(); n != 1 {
		return s, &rejection{"", fmt.Sprintf("expected function to have one parameters, found %d", n)}
	}
	res := sig.Results()
	if res.Len() > 2 {
		return s, &rejection{"", "expected function to have maximum two return values"}
	}
	if res.Len() > 0 && !types.AssignableTo(res.At(res.Len()-1).Type(), errorType) {
		return s, &rejection{"", "expected last return type to be of error"}
	}
	s.input = sig.Params().At(0).Type()
	if r := variadicEvent(sig, s.input, e); r != nil {
		return s, r
	}
	if res.Len() == 1 {
		return s, &rejection{"typed-error-only", "a Typed function whose only result is an error makes handleTypedReturn call reflect.TypeOf(nil).AssignableTo, which panics: every successful call answers 500; return (T, error) or nothing"}
	}
	if r := concreteError(sig, e); r != nil {
		return s, r
	}
	if res.Len() == 2 {
		s.output = res.At(0).Type()
	}
	return s, nil
}

// checkEvent mirrors functions-framework-go funcframework
// validateEventFunction and runUserFunctionWithContext.
func checkEvent(t types.Type, e env) (input types.Type, r *rejection) {
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return nil, &rejection{"", fmt.Sprintf("the handler is a %s, not a func: reflect panics when the server starts", reflectKind(t))}
	}
	if n := sig.Params().Len(); n != 2 {
		return nil, &rejection{"", fmt.Sprintf("expected function to have two parameters, found %d", n)}
	}
	res := sig.Results()
	if res.Len() != 1 || !types.AssignableTo(res.At(0).Type(), errorType) {
		return nil, &rejection{"", "expected function to return only an error"}
	}
	if e.context == nil || !types.AssignableTo(e.context, sig.Params().At(0).Type()) {
		return nil, &rejection{"", "expected first parameter to be context.Context"}
	}
	input = sig.Params().At(1).Type()
	if r := variadicEvent(sig, input, e); r != nil {
		return input, r
	}
	if r := concreteError(sig, e); r != nil {
		return input, r
	}
	return input, nil
}

// checkReceiver mirrors cloudevents sdk-go v2 client/receiver.go
// validateInParamSignature and validateOutParamSignature; reflect's
// ConvertibleTo is go/types' ConvertibleTo for these types. It then checks
// what receiverFn.invoke does with a receiver that StartReceiver took.
func checkReceiver(t types.Type, e env, event, result types.Type) *rejection {
	const inUsage = "expected a function taking either no parameters, one or more of (context.Context, event.Event) ordered"
	const outUsage = "expected a function returning one or mode of (*event.Event, protocol.Result) ordered"
	sig, ok := t.Underlying().(*types.Signature)
	if !ok {
		return &rejection{"", "must pass a function to handle events"}
	}
	params, results := sig.Params(), sig.Results()
	if e.context == nil {
		return nil // cannot judge without context.Context
	}
	var ctxType types.Type = e.context
	eventPtr := types.NewPointer(event)
	var eventIn, resultOut types.Type // the parameter that takes the event, the result that is the Result
	eventAt := 0
	switch params.Len() {
	case 2:
		if !types.ConvertibleTo(event, params.At(1).Type()) {
			return &rejection{"", fmt.Sprintf("%s; cannot convert parameter 2 to %s from event.Event", inUsage, reflectString(params.At(1).Type()))}
		}
		eventIn, eventAt = params.At(1).Type(), 2
		fallthrough
	case 1:
		p := params.At(0).Type()
		if !types.ConvertibleTo(ctxType, p) {
			if !types.ConvertibleTo(event, p) {
				return &rejection{"", fmt.Sprintf("%s; cannot convert parameter 1 to %s from context.Context or event.Event", inUsage, reflectString(p))}
			} else if eventIn != nil {
				return &rejection{"", inUsage + "; duplicate parameter of type event.Event"}
			}
			eventIn, eventAt = p, 1
		}
	case 0:
	default:
		return &rejection{"", fmt.Sprintf("%s; function has too many parameters (%d)", inUsage, params.Len())}
	}
	switch results.Len() {
	case 2:
		if !types.ConvertibleTo(results.At(1).Type(), result) {
			return &rejection{"", fmt.Sprintf("%s; cannot convert parameter 2 from %s to event.Response", outUsage, reflectString(results.At(1).Type()))}
		}
		resultOut = results.At(1).Type()
		fallthrough
	case 1:
		r := results.At(0).Type()
		if !types.ConvertibleTo(r, result) {
			if !types.ConvertibleTo(r, eventPtr) {
				return &rejection{"", fmt.Sprintf("%s; cannot convert parameter 1 from %s to *event.Event or transport.Result", outUsage, reflectString(r))}
			}
		} else if resultOut != nil {
			return &rejection{"", outUsage + "; duplicate parameter of type event.Response"}
		} else {
			resultOut = r
		}
	case 0:
	default:
		return &rejection{"", fmt.Sprintf("%s; function has too many return types (%d)", outUsage, results.Len())}
	}
	// StartReceiver checks convertibility, but invoke passes the event.Event
	// itself to reflect.Value.Call, which needs assignability: for a
	// parameter of another named type with event.Event's structure, Call
	// panics, the client recovers, and every event fails.
	if eventIn != nil && !types.AssignableTo(event, eventIn) {
		return &rejection{"converted-event", fmt.Sprintf("parameter %d has type %s, to which event.Event converts but is not assignable, so reflect.Value.Call panics on every event; take event.Event",
			eventAt, e.typeString(eventIn))}
	}
	// The client treats any non-nil Result that is not an ACK as a failure.
	// A concrete type is never nil once boxed; only a type with an Is, As or
	// Unwrap method (protocol.Receipt, http.Result) can still be an ACK.
	if resultOut != nil && !types.IsInterface(resultOut) && !hasMethod(resultOut, "Is", "As", "Unwrap") {
		return &rejection{"concrete-error", fmt.Sprintf("the result has the concrete type %s, which is never nil once boxed in a protocol.Result and is not an ACK, so every event fails; return protocol.Result",
			e.typeString(resultOut))}
	}
	return nil
}

// hasMethod reports whether t's method set has one of the methods.
func hasMethod(t types.Type, names ...string) bool {
	for _, name := range names {
		if sel, ok := types.LookupSelection(t, false, nil, name); ok && sel.Kind() == types.MethodVal {
			return true
		}
	}
	return false
}

// reflectKind names t's kind as reflect.Kind.String does, so that messages
// quote the runtime's own error.
func reflectKind(t types.Type) string {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		switch u.Kind() {
		case types.UnsafePointer:
			return "unsafe.Pointer"
		case types.UntypedNil:
			return "invalid"
		}
		return types.Typ[u.Kind()].Name()
	case *types.Pointer:
		return "ptr"
	case *types.Slice:
		return "slice"
	case *types.Array:
		return "array"
	case *types.Map:
		return "map"
	case *types.Chan:
		return "chan"
	case *types.Struct:
		return "struct"
	case *types.Interface:
		return "interface"
	case *types.Signature:
		return "func"
	}
	return "invalid"
}

// reflectName is reflect.Type.Name: the name of a named type, else "".
func reflectName(t types.Type) string {
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Obj().Name()
	}
	return ""
}

func (e env) typeString(t types.Type) string { return types.TypeString(t, e.qual) }

// reflectString approximates reflect.Type.String: package name qualified.
func reflectString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}
