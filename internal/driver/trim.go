package driver

import (
	"go/types"
	"reflect"
	"unsafe"
)

// Trimming a package's types once it is analysed.
//
// A package's types outlive its syntax and type information: the
// packages that import it were checked against them, and the facts are
// keyed by them. But go/types hangs the scope of every function body,
// with every local variable, block scope and local type, off the
// package: from the scopes of its files (their children) and from each
// function's signature. Nothing that imports the package reads them
// (export data has none: a package read from it has no function
// scopes), so once the package is analysed they are cut off and left to
// the garbage collector; on aws-sdk-go v1 they are a third of what the
// types hold. go/types has no API for it: the two unexported fields are
// set to nil through reflection, and left alone should a later Go name
// them otherwise.

var (
	scopeChildren  = field[types.Scope]("children", reflect.Slice)
	signatureScope = field[types.Signature]("scope", reflect.Pointer)
)

// field finds T's unexported field name of kind k; -1 when T has none.
func field[T any](name string, k reflect.Kind) int {
	f, ok := reflect.TypeFor[T]().FieldByName(name)
	if !ok || f.Type.Kind() != k || len(f.Index) != 1 {
		return -1
	}
	return f.Index[0]
}

// zero sets field i of *p to its zero value.
func zero[T any](p *T, i int) {
	if i < 0 || p == nil {
		return
	}
	f := reflect.ValueOf(p).Elem().Field(i)
	reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().SetZero()
}

// trimScopes cuts the function scopes off pkg (see above).
func trimScopes(pkg *types.Package) {
	if pkg == nil || pkg == types.Unsafe {
		return
	}
	scope := pkg.Scope()
	for i := range scope.NumChildren() {
		zero(scope.Child(i), scopeChildren) // a file's scope: its functions' scopes
	}
	for _, name := range scope.Names() {
		switch obj := scope.Lookup(name).(type) {
		case *types.Func:
			zero(obj.Signature(), signatureScope)
		case *types.TypeName:
			if named, ok := obj.Type().(*types.Named); ok {
				for m := range named.Methods() {
					zero(m.Signature(), signatureScope)
				}
			}
		}
	}
}
