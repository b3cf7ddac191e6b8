// Package handler defines the faashandler analyzer, which finds the FaaS
// handlers of a package and checks their signatures.
//
// # Analyzer faashandler
//
// faashandler: find FaaS handlers and check their signatures
//
// The analyzer recognises the handlers that AWS Lambda (aws-lambda-go:
// lambda.Start and its variants, lambda.NewHandler, lambdaurl.Start),
// Google Cloud Functions (functions-framework-go: functions.HTTP,
// functions.CloudEvent, functions.Typed and the funcframework.Register
// functions), CloudEvents (sdk-go client.StartReceiver) and the OpenFaaS
// Go templates (func Handle in package function) invoke, and the funcs
// that a //faas:function directive declares. Its result, a *Summary, lists
// each function with its name and its input and output payload types.
//
// Handlers registered through a wrapper are found too: an exported func
// of a non-main package that passes one of its parameters to a registrar
// (or to another such wrapper) exports a RegistersFact, and a call of it
// in another package registers the argument, whose signature is checked
// as the registrar would check it (platform.Run (lambda.Start) handler
// ...). Facts cross packages under every driver, so go vet -vettool
// reports a wrapped handler's signature too. A wrapper may register a
// func literal that calls the parameter instead (golambda-like
// libraries): the handler is still the caller's argument, and the
// signature the runtime sees, checked and read for the payload types, is
// the literal's, instantiated with the call's type arguments (checked
// in the wrapper's package when it has no type parameter). An exported func that
// registers a handler of its own package (a shared server's Start) is a
// starter: each program that calls it, directly or through other funcs
// of any package, the starter's own included, is one function with that
// handler. A handler chosen at run time among a few declared funcs (a
// variable of type interface{} assigned each of them) is one function
// whose handler is any of them (Function.Alternatives): each is checked,
// and the payload types are theirs when they agree.
//
// It reports handler-signature: a handler that the platform's runtime
// rejects or that fails every invocation, such as a Lambda handler with
// three parameters (accepted at start, then every invocation fails with
// "handlers may not take more than two arguments"), duplicate-function:
// two registrations of one name in a package, and directive: a //faas: or
// //faasvet: comment that does not parse.
package handler
