// Floor is the load floor of the benchmarks: the least any whole-tree
// checker must do. It loads the packages matching its patterns with
// go/packages exactly as faasvet check does (roots from source with
// syntax and types, dependencies from export data) and does nothing else.
//
// Two flags measure what a change to faasvet's loader would save:
// -skip-object-resolution parses without go/ast's object resolution
// (which no faasvet analyzer uses), and -strip-bodies drops every
// function body after parsing, the lower bound of a loader that
// type-checks only the declarations of packages that hold no FaaS code.
//
// Usage:
//
//	go run ./bench/floor [-C dir] [-skip-object-resolution] [-strip-bodies] [packages]
package main
