// Package flow is faasvet's one value-flow engine: what every analyzer
// needs to answer "where does this value come from" inside one package.
//
// Its Analyzer builds an Index once per package, in one walk of the shared
// inspector: the package's functions (declarations and literals, with the
// literal's enclosing function), every call with its static callee (a
// declared function with a body, or a literal called in place or through
// a variable assigned once), the values assigned to each variable and to
// the fields of the package's struct types, parameters and returns, and
// the error checks that tell a function's live returns from its error
// path. Test files are left out: tests send to fakes.
//
// The analyzers keep only what is specific to them on top of the index:
// the handler finder what a registrar is, faassdk what an SDK call's
// target and payload are (following values with frames that bind a
// callee's parameters to the arguments of the call that entered it), and
// faasconsumer what a decode site is. The Index is read-only once built,
// so that the analyzers that require it share one copy.
package flow
