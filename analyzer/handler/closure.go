package handler

import (
	"go/ast"
	"go/types"
	"strings"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// Closure wrappers: an exported func that registers a func literal
// calling one of its parameters (func Start[E any](h func(context.Context,
// E) error) { lambda.Start(func(ctx context.Context, e E) error { return
// h(ctx, e) }) }) registers its caller's argument, whose code is the
// handler's, with the literal's signature as the runtime sees it. The
// fact carries that signature over the wrapper's type parameters and
// named types, and each call instantiates it.

// A TypeSlot is one parameter or result type of a closure's signature:
// the wrapper's TypeParam-th type parameter (1-based), or a named or
// predeclared type (Pkg "" for error, string, any...), behind the
// pointers and slices of Wrap ("*", "[]", "[]*"...).
type TypeSlot struct {
	TypeParam int
	Pkg, Name string
	Wrap      string
}

// closureParam returns the 1-based index of the parameter of decl that
// the func literal lit calls, when it calls exactly one parameter of a
// func type and no other parameter is called; else 0.
func (f *finder) closureParam(decl *ast.FuncDecl, lit *ast.FuncLit) int {
	k := 0
	ast.Inspect(lit.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || k < 0 {
			return k >= 0
		}
		if i := f.paramIndex(decl, call.Fun); i > 0 {
			if k > 0 && k != i {
				k = -1
				return false
			}
			k = i
		}
		return true
	})
	return max(k, 0)
}

// closureWrapper reports whether a registration's handler is a func
// literal that calls a parameter of the exported func that holds the
// registration, and if so exports the fact that makes that func a
// registrar of its caller's argument with the literal's signature. A
// literal whose signature names no type parameter is checked here.
func (f *finder) closureWrapper(out *Function, arg, nameArg ast.Expr, stack []ast.Node) bool {
	lit, ok := ast.Unparen(f.valueOf(arg)).(*ast.FuncLit)
	if !ok || f.pass.Pkg.Name() == "main" {
		return false
	}
	decl := enclosingDecl(stack)
	if decl == nil {
		return false
	}
	obj, ok := f.pass.TypesInfo.Defs[decl.Name].(*types.Func)
	if !ok || !obj.Exported() {
		return false
	}
	k := f.closureParam(decl, lit)
	sig, isSig := f.pass.TypesInfo.TypeOf(lit).(*types.Signature)
	if k == 0 || !isSig || sig.Variadic() {
		return false
	}
	params, pok := encodeTuple(sig.Params(), obj.Signature().TypeParams())
	results, rok := encodeTuple(sig.Results(), obj.Signature().TypeParams())
	if !pok || !rok {
		return false
	}
	fact := &RegistersFact{Param: k, Registrar: out.Registrar, Platform: out.Platform, Style: out.Style,
		Closure: true, ClosureParams: params, ClosureResults: results}
	if nameArg != nil {
		fact.NameParam = f.paramIndex(decl, f.valueOf(nameArg))
	}
	f.pass.ExportObjectFact(obj, fact)
	if len(flow.TypeParams(sig)) == 0 {
		if rej := f.classify(out, sig); rej != nil {
			f.reportSignature(out, arg, sig, rej, "")
		}
	}
	return true
}

func encodeTuple(t *types.Tuple, tparams *types.TypeParamList) ([]TypeSlot, bool) {
	var out []TypeSlot
	for v := range t.Variables() {
		s, ok := encodeType(v.Type(), tparams)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// encodeType writes t as a slot, when it is one.
func encodeType(t types.Type, tparams *types.TypeParamList) (TypeSlot, bool) {
	var s TypeSlot
	for {
		switch u := t.(type) {
		case *types.Pointer:
			s.Wrap += "*"
			t = u.Elem()
			continue
		case *types.Slice:
			s.Wrap += "[]"
			t = u.Elem()
			continue
		case *types.TypeParam:
			for i := range tparams.Len() {
				if tparams.At(i).Obj() == u.Obj() {
					s.TypeParam = i + 1
					return s, true
				}
			}
			return s, false
		case *types.Alias:
			if u.Obj().Pkg() == nil {
				s.Name = u.Obj().Name() // any, byte, rune
				return s, true
			}
			t = types.Unalias(u)
			continue
		case *types.Basic:
			s.Name = u.Name()
			return s, true
		case *types.Named:
			obj := u.Obj()
			if u.TypeArgs().Len() > 0 {
				return s, false
			}
			if obj.Pkg() == nil {
				s.Name = obj.Name() // error
				return s, true
			}
			if obj.Parent() != obj.Pkg().Scope() {
				return s, false // a local type
			}
			s.Pkg, s.Name = obj.Pkg().Path(), obj.Name()
			return s, true
		case *types.Interface:
			if u.Empty() {
				s.Name = "any"
				return s, true
			}
		}
		return s, false
	}
}

// closureSig instantiates a fact's closure signature at a call whose
// callee's type arguments are targs; nil when a type is not visible.
func (f *finder) closureSig(rf *RegistersFact, targs *types.TypeList) *types.Signature {
	decode := func(slots []TypeSlot) (*types.Tuple, bool) {
		var vars []*types.Var
		for _, s := range slots {
			var t types.Type
			switch {
			case s.TypeParam > 0:
				if targs == nil || s.TypeParam > targs.Len() {
					return nil, false
				}
				t = targs.At(s.TypeParam - 1)
			case s.Pkg == "":
				obj, ok := types.Universe.Lookup(s.Name).(*types.TypeName)
				if !ok {
					return nil, false
				}
				t = obj.Type()
			default:
				t = flow.LookupType(f.pass.Pkg, s.Pkg, s.Name)
				if t == nil {
					return nil, false
				}
			}
			for w := s.Wrap; w != ""; {
				if strings.HasSuffix(w, "*") {
					t, w = types.NewPointer(t), w[:len(w)-1]
				} else {
					t, w = types.NewSlice(t), w[:len(w)-2]
				}
			}
			vars = append(vars, types.NewParam(0, nil, "", t))
		}
		return types.NewTuple(vars...), true
	}
	params, ok := decode(rf.ClosureParams)
	if !ok {
		return nil
	}
	results, ok := decode(rf.ClosureResults)
	if !ok {
		return nil
	}
	return types.NewSignatureType(nil, nil, nil, params, results, false)
}
