package consumer

import (
	"go/types"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// subst replaces the type parameters of m in t by their arguments. It
// handles the types a decode target is made of (pointers, slices, arrays,
// maps and instantiated named types) and gives up (ok false) on struct
// literals and funcs that mention a type parameter.
func subst(t types.Type, m map[*types.TypeParam]types.Type, depth int) (types.Type, bool) {
	if len(m) == 0 {
		return t, true
	}
	if depth > 16 {
		return nil, false
	}
	switch x := t.(type) {
	case *types.TypeParam:
		if r, ok := m[x]; ok {
			return r, true
		}
		return x, true
	case *types.Alias:
		return subst(types.Unalias(x), m, depth+1)
	case *types.Pointer:
		e, ok := subst(x.Elem(), m, depth+1)
		if !ok {
			return nil, false
		}
		return types.NewPointer(e), true
	case *types.Slice:
		e, ok := subst(x.Elem(), m, depth+1)
		if !ok {
			return nil, false
		}
		return types.NewSlice(e), true
	case *types.Array:
		e, ok := subst(x.Elem(), m, depth+1)
		if !ok {
			return nil, false
		}
		return types.NewArray(e, x.Len()), true
	case *types.Map:
		k, ok1 := subst(x.Key(), m, depth+1)
		e, ok2 := subst(x.Elem(), m, depth+1)
		if !ok1 || !ok2 {
			return nil, false
		}
		return types.NewMap(k, e), true
	case *types.Named:
		if x.TypeArgs().Len() == 0 {
			return x, true
		}
		args := make([]types.Type, x.TypeArgs().Len())
		for i := range args {
			a, ok := subst(x.TypeArgs().At(i), m, depth+1)
			if !ok {
				return nil, false
			}
			args[i] = a
		}
		r, err := types.Instantiate(nil, x.Origin(), args, false)
		if err != nil {
			return nil, false
		}
		return r, true
	}
	if len(flow.TypeParams(t)) > 0 {
		return nil, false
	}
	return t, true
}
