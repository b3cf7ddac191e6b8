// Floor is the load floor of the benchmarks: the least any whole-tree
// checker must do. It loads the packages matching its patterns with
// go/packages as faasvet check loads each of them (internal/driver's
// LoadMode and ParseFile: roots from source with syntax and types,
// parsed without object resolution, dependencies from export data),
// all at once (faasvet check loads them one at a time, dropping each
// once analysed), and does nothing else.
//
// Two flags measure what a change to faasvet's loader would save or
// what an earlier one saved: -object-resolution parses as go/packages
// does by default, with go/ast's object resolution (which no faasvet
// analyzer uses, and which faasvet skips), and -strip-bodies drops every
// function body after parsing, the lower bound of a loader that
// type-checks only the declarations of packages that hold no FaaS code.
//
// Usage:
//
//	go run ./bench/floor [-C dir] [-object-resolution] [-strip-bodies] [packages]
package main
