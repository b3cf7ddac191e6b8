// Package errtype defines the faaserrors analyzer, which works out the
// error types a FaaS handler can return, as aws-lambda-go names them.
//
// # Analyzer faaserrors
//
// faaserrors: find the error types each handler can return
//
// aws-lambda-go reports a handler's returned error to the platform with
// an errorType: the name of the error's dynamic type, a pointer stripped
// (reflect.TypeOf(err).Elem().Name()). So &OrderNotFound{} is reported as
// "OrderNotFound", errors.New and fmt.Errorf without %w as "errorString"
// (*errors.errorString), fmt.Errorf with one %w as "wrapError" and with
// more as "wrapErrors", errors.Join as "joinError". Step Functions matches
// a Task's Catch and Retry ErrorEquals against that name.
//
// The analyzer computes, for every func of the package that returns an
// error, the set of those names: from the static type of a returned
// expression when it is concrete, else through errors.New, fmt.Errorf and
// errors.Join, the local variables and package-level variables the value
// was assigned from, and static calls: of the package's own funcs (solved
// together, recursion included) and of funcs of other packages that carry
// an ErrorsFact. It exports an ErrorsFact for each such func and for each
// package-level error variable. What it cannot follow (a parameter, a
// call through an interface or a func value, a call into a package that
// was not analysed) makes the set open, and says why, so that no check
// claims that a name cannot occur when it might.
//
// Its result, a *Result, gives the set of every handler of the package
// (a declared func or method, or a func literal); the link stage checks
// Step Functions Catch and Retry clauses against it (catch-unreachable).
// The analyzer reports nothing itself.
package errtype
