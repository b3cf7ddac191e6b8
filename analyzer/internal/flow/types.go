package flow

import "go/types"

// TypeParams lists the type parameters that t mentions: in its elements,
// type arguments, struct fields and func parameters and results.
func TypeParams(t types.Type) []*types.TypeParam {
	var out []*types.TypeParam
	var visit func(t types.Type, depth int)
	visit = func(t types.Type, depth int) {
		if t == nil || depth > 32 {
			return
		}
		switch t := t.(type) {
		case *types.TypeParam:
			out = append(out, t)
		case *types.Alias:
			visit(types.Unalias(t), depth+1)
		case *types.Pointer:
			visit(t.Elem(), depth+1)
		case *types.Slice:
			visit(t.Elem(), depth+1)
		case *types.Array:
			visit(t.Elem(), depth+1)
		case *types.Map:
			visit(t.Key(), depth+1)
			visit(t.Elem(), depth+1)
		case *types.Chan:
			visit(t.Elem(), depth+1)
		case *types.Named:
			for a := range t.TypeArgs().Types() {
				visit(a, depth+1)
			}
		case *types.Struct:
			for f := range t.Fields() {
				visit(f.Type(), depth+1)
			}
		case *types.Signature:
			for v := range t.Params().Variables() {
				visit(v.Type(), depth+1)
			}
			for v := range t.Results().Variables() {
				visit(v.Type(), depth+1)
			}
		}
	}
	visit(t, 0)
	return out
}

// Qualifier writes types as the code of pkg would: its own names bare,
// the others' with their package name.
func Qualifier(pkg *types.Package) types.Qualifier {
	return func(p *types.Package) string {
		if p == pkg {
			return ""
		}
		return p.Name()
	}
}
