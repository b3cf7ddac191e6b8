package jsonshape

import (
	"go/types"
)

// The method signatures encoding/json looks for, built once. Receivers do
// not take part in types.Identical on signatures.
var (
	byteSlice = types.NewSlice(types.Typ[types.Byte])
	errorType = types.Universe.Lookup("error").Type()

	// MarshalJSON() ([]byte, error) and MarshalText() ([]byte, error)
	sigMarshal = types.NewSignatureType(nil, nil, nil, nil,
		types.NewTuple(param(byteSlice), param(errorType)), false)
	// UnmarshalJSON([]byte) error and UnmarshalText([]byte) error
	sigUnmarshal = types.NewSignatureType(nil, nil, nil,
		types.NewTuple(param(byteSlice)), types.NewTuple(param(errorType)), false)
	// IsZero() bool
	sigIsZero = types.NewSignatureType(nil, nil, nil, nil,
		types.NewTuple(param(types.Typ[types.Bool])), false)
)

func param(t types.Type) *types.Var { return types.NewParam(0, nil, "", t) }

// method returns t's method name with signature sig if it is in t's method
// set, as reflect.Type.Implements sees it: value receivers only for a
// non-pointer t, ambiguous promotions excluded, a field of that name
// shadowing the method.
func method(t types.Type, name string, sig *types.Signature) *types.Func {
	if !mayHaveMethods(t) {
		return nil
	}
	obj, _, _ := types.LookupFieldOrMethod(t, false, nil, name)
	fn, ok := obj.(*types.Func)
	if !ok || !types.Identical(fn.Type(), sig) {
		return nil
	}
	return fn
}

// mayHaveMethods is a cheap filter in front of LookupFieldOrMethod, which
// allocates: only named types, structs with embedded fields, interfaces and
// pointers to those have methods.
func mayHaveMethods(t types.Type) bool {
	switch t := t.(type) {
	case *types.Named:
		if t.NumMethods() > 0 {
			return true
		}
		switch u := t.Underlying().(type) {
		case *types.Struct:
			return hasEmbedded(u)
		case *types.Interface:
			return u.NumMethods() > 0
		}
		return false
	case *types.Pointer:
		switch e := types.Unalias(t.Elem()).(type) {
		case *types.Named:
			if _, isPtr := e.Underlying().(*types.Pointer); isPtr {
				return false // *PT for a named pointer PT has no methods
			}
			return e.NumMethods() > 0 || mayHaveMethods(e)
		case *types.Struct:
			return hasEmbedded(e)
		}
		return false
	case *types.Struct:
		return hasEmbedded(t)
	case *types.Interface:
		return t.NumMethods() > 0
	case *types.Alias:
		return mayHaveMethods(types.Unalias(t))
	}
	return false
}

func hasEmbedded(s *types.Struct) bool {
	for i := 0; i < s.NumFields(); i++ {
		if s.Field(i).Embedded() {
			return true
		}
	}
	return false
}

// isNamed reports whether t is the named type pkgPath.name (not a type
// defined from it: reflect compares such types by identity).
func isNamed(t types.Type, pkgPath, name string) bool {
	n, ok := t.(*types.Named)
	if !ok {
		return false
	}
	obj := n.Obj()
	return obj.Name() == name && obj.Pkg() != nil && obj.Pkg().Path() == pkgPath
}

// recvNamed returns the named type behind a method's receiver.
func recvNamed(m *types.Func) *types.Named {
	sig := m.Type().(*types.Signature)
	if sig.Recv() == nil {
		return nil
	}
	t := types.Unalias(sig.Recv().Type())
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, _ := t.(*types.Named)
	return n
}

// isTimeMethod reports whether m is one of time.Time's methods, which make
// the shape an RFC 3339 string rather than an opaque value.
func isTimeMethod(m *types.Func) bool {
	n := recvNamed(m)
	return n != nil && isNamed(n.Origin(), "time", "Time")
}
