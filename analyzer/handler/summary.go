package handler

import (
	"go/token"
	"go/types"

	"github.com/faasvet/faasvet/directive"
)

// Platform is the FaaS runtime that invokes a function.
type Platform string

// The platforms.
const (
	Lambda         Platform = "aws-lambda"
	CloudFunctions Platform = "gcp-functions"
	CloudEvents    Platform = "cloudevents"
	OpenFaaS       Platform = "openfaas"
	Declared       Platform = "declared" // //faas:function on a func that no platform registers here
	// Program is a main package that is no function but sends to
	// functions and channels (a CLI, a container task, a CloudEvents
	// sender): a producer node of the graph, which the link stage makes.
	Program Platform = "program"
)

// Style is how a platform hands a payload to a function.
type Style string

// The styles.
const (
	JSON       Style = "json"       // typed: the payload is JSON-decoded into Input, Output is JSON-encoded
	Raw        Style = "raw"        // bytes in, bytes out (lambda.Handler, OpenFaaS classic)
	HTTP       Style = "http"       // an HTTP request and response
	CloudEvent Style = "cloudevent" // a CloudEvent; the data is decoded by the function itself
)

// NameSource says where a function's name came from.
type NameSource string

// The sources of names, in order of precedence.
const (
	NameRegistered NameSource = "registered" // the name given to the platform (Cloud Functions)
	NameDirective  NameSource = "directive"  // //faas:function NAME
	NamePackage    NameSource = "package"    // the base name of the package directory
	NameEntry      NameSource = "entry"      // an entry-point candidate's func name, until a manifest names it
)

// A Function is one FaaS handler found in a package.
type Function struct {
	Name       string
	NameSource NameSource
	Platform   Platform
	Style      Style
	// Registrar is the SDK entry point that registers the handler, such as
	// "lambda.Start" or "functions.Typed"; empty for directives.
	Registrar string
	// Candidate marks an exported func whose signature Cloud Functions
	// can run, in a package that registers nothing: a function only if a
	// deploy configuration names it as an entry point (the link stage
	// decides).
	Candidate bool
	// Wrapper is the func of another package through which the handler is
	// registered (platform.Run, which calls lambda.Start), when it is.
	Wrapper string
	// Starter marks a registration in an exported func of a package that
	// is not a program (a starter, see RegistersFact): each program that
	// calls the func deploys the function, and the link stage keeps this
	// one only when no analysed program does.
	Starter bool
	Pos     token.Pos // the registration call, or the declaration
	// Handler is the declared function or method, when the handler is one
	// (nil for func literals and computed values).
	Handler *types.Func
	// Alternatives are the other declared funcs or methods that the
	// registration may hand to the platform, when the program chooses
	// its handler at run time among a few (var h any; if cond { h = a }
	// else { h = b }; StartReceiver(ctx, h)): one function whose handler
	// is Handler or one of these (choice.go). Input and Output are set
	// only when all of them agree.
	Alternatives []*types.Func
	// HandlerName is the Go name of the handler: its function or method,
	// or the type of a lambda.Handler value; "" for func literals.
	HandlerName string
	HandlerAt   token.Pos // the handler's declaration or literal
	Signature   *types.Signature
	// Input and Output are the payload types on the wire: what the platform
	// JSON-decodes into the handler's argument, and JSON-encodes from its
	// result. Nil when the function has no such payload.
	Input, Output types.Type
	// OutputNull is set when the function has a JSON response but no
	// result value: the platform sends null.
	OutputNull bool
	// Directives are the //faas: directives on the handler's declaration
	// (and, for literals, on the enclosing declaration).
	Directives []*directive.Directive
}

// Summary is the faashandler analyzer's result: the functions of one
// package and its parsed directives, from which later phases build the
// function graph.
type Summary struct {
	Functions  []*Function
	Routes     []*Route
	Directives *directive.Set
	// Ignores are the package's //faasvet:ignore directives, which the
	// whole-program phase applies to its own findings.
	Ignores *directive.Ignores
}
