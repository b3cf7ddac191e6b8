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
// Its Tracer follows values through the package with frames: a Frame is
// one func a walk entered, whose parameters (and receiver) Bind binds to
// the arguments of the call that entered it, and whose type parameters
// the caller may map to the call's type arguments. Step and Origins
// follow a variable or a field to the values assigned to it, FieldExpr
// finds a field of a struct value, Elems the entries of a slice, and
// Reaching the functions that lead to a set of others; a budget of steps
// bounds the work. BuilderWrites reads a strings.Builder or bytes.Buffer
// as the ordered writes into it, where straight-line code makes the order
// certain, and says why not elsewhere. A map that starts empty and that
// only the func reading it writes, under the same key variable, is a memo
// table: a read gives back what that func stores (a cache of looked-up
// queue URLs). FieldValues is FieldExpr for a field set on several paths
// or of a value that has several; LiveValues lists the funcs and the
// interface method values that a program's live code holds as values. The helpers (OnlyValue and ValueOf for a variable
// given one value, ConstString, IsEnvLookup, FuncKey, JSONPackages, and
// the rest) are the ones every analyzer uses.
//
// The analyzers keep only what is specific to them on top of the index:
// the handler finder what a registrar is, faassdk what an SDK call's
// target and payload are, and faasconsumer what a decode site is and
// where a body comes from; faassdk and faasconsumer walk from a handler
// with the Tracer's frames. The Index is read-only once built, so that
// the analyzers that require it share one copy.
package flow
