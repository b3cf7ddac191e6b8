package sdkroute

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Config accessors with an in-code default. An app often reads a queue
// or topic name from its configuration with a default written at the
// call: cfg.Get("OrdersQueueName", "orders"). The accessor is a func or
// method Get(key, def string) string that looks the key up and returns
// def when the lookup finds nothing. faasvet cannot tell whether a key
// is set: a config reads files named at run time, parameter stores,
// AppConfig, the environment, none of which the repository need hold.
// So the default is taken as the value only as an assumption, which the
// call carries (Call.Assumed) and unresolved-route reports at info
// level (variant assumed), naming the key, so that the route is drawn
// and the reader knows what it rests on. Anything less than a proof that
// the body can return def (and nothing else made from it) leaves the
// value unknown, as before.

// DefaultFact marks an accessor F(key, def string) string whose body
// returns def on some path and otherwise a value it does not make from
// def: a lookup of key. On an interface method, every method of the
// declaring package's types that implements it is such an accessor.
type DefaultFact struct{}

// AFact marks DefaultFact as an analysis fact.
func (*DefaultFact) AFact() {}

func (*DefaultFact) String() string { return "default($2)" }

// accessorShaped reports whether sig is func(key, def string) string.
func accessorShaped(sig *types.Signature) bool {
	if sig.Variadic() || sig.Params().Len() != 2 || sig.Results().Len() != 1 {
		return false
	}
	return isString(sig.Params().At(0).Type()) && isString(sig.Params().At(1).Type()) && isString(sig.Results().At(0).Type())
}

func isString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.String
}

// exportDefaults exports a DefaultFact on the package's accessors. It
// reads only the funcs and methods of the accessor's shape.
func exportDefaults(pass *analysis.Pass) {
	decls := map[*types.Func]*ast.FuncDecl{}
	var shaped []*types.Func
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			fn, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			decls[fn] = fd
			if accessorShaped(fn.Signature()) {
				shaped = append(shaped, fn)
			}
		}
	}
	if len(shaped) == 0 {
		return
	}
	proven := map[*types.Func]bool{}
	for _, fn := range shaped {
		if defaults(pass.TypesInfo, decls[fn], decls) {
			proven[fn] = true
			pass.ExportObjectFact(fn, &DefaultFact{})
		}
	}
	// An interface of the package whose accessor every implementation
	// of the package proves.
	scope := pass.Pkg.Scope()
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		for m := range iface.Methods() {
			if !accessorShaped(m.Signature()) {
				continue
			}
			impls := 0
			all := true
			for _, fn := range shaped {
				recv := fn.Signature().Recv()
				if recv == nil || fn.Name() != m.Name() || !implements(recv.Type(), iface) {
					continue
				}
				impls++
				all = all && proven[fn]
			}
			if impls > 0 && all {
				pass.ExportObjectFact(m, &DefaultFact{})
			}
		}
	}
}

// defaults reports whether fd, of the accessor's shape, returns its
// default parameter on some path and, on the others, values it does
// not make from it, having used its key.
func defaults(info *types.Info, fd *ast.FuncDecl, decls map[*types.Func]*ast.FuncDecl) bool {
	params := paramVars(info, fd)
	if len(params) != 2 || params[0] == nil || params[1] == nil {
		return false
	}
	key, def := params[0], params[1]
	usesKey, assignsDef := false, false
	locals := map[*types.Var][]ast.Expr{} // the values of the body's variables, nil for a computed one
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			if info.Uses[n] == key {
				usesKey = true
			}
		case *ast.AssignStmt:
			for i, l := range n.Lhs {
				v, _ := info.ObjectOf(identOf(l)).(*types.Var)
				if v == nil {
					continue
				}
				if v == def {
					assignsDef = true
				}
				var val ast.Expr
				if len(n.Lhs) == len(n.Rhs) && (n.Tok == token.ASSIGN || n.Tok == token.DEFINE) {
					val = n.Rhs[i]
				} else if len(n.Rhs) == 1 && !mentions(info, n.Rhs[0], def) {
					val = n.Rhs[0] // one result of a lookup
				}
				locals[v] = append(locals[v], val)
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				v, _ := info.Defs[name].(*types.Var)
				if v == nil {
					continue
				}
				var val ast.Expr
				switch {
				case len(n.Values) == len(n.Names):
					val = n.Values[i]
				case len(n.Values) == 1 && !mentions(info, n.Values[0], def):
					val = n.Values[0]
				case len(n.Values) == 0:
					val = &ast.BasicLit{Kind: token.STRING, Value: `""`}
				}
				locals[v] = append(locals[v], val)
			}
		}
		return true
	})
	if !usesKey || assignsDef {
		return false
	}
	sawDef := false
	// value classifies a returned value: def, or something not made from
	// it; ok false when it is neither for certain.
	var value func(e ast.Expr, depth int) (isDef, ok bool)
	value = func(e ast.Expr, depth int) (bool, bool) {
		e = ast.Unparen(e)
		if e == nil || depth > 4 {
			return false, false
		}
		if id, isID := e.(*ast.Ident); isID {
			v, _ := info.Uses[id].(*types.Var)
			if v == def {
				return true, true
			}
			if vals, local := locals[v]; local {
				for _, val := range vals {
					d, ok := value(val, depth+1)
					if !ok {
						return false, false
					}
					sawDef = sawDef || d
				}
				return false, true
			}
		}
		if call, isCall := e.(*ast.CallExpr); isCall {
			// A helper of the package that returns one of its
			// parameters: returnIfFound(found, value, def).
			if fn := typeutil.StaticCallee(info, call); fn != nil && decls[fn] != nil && len(call.Args) == fn.Signature().Params().Len() {
				if picks := pickedParams(info, decls[fn]); picks != nil {
					for i, a := range call.Args {
						if !picks[i] {
							if mentions(info, a, def) {
								return false, false
							}
							continue
						}
						d, ok := value(a, depth+1)
						if !ok {
							return false, false
						}
						sawDef = sawDef || d
					}
					return false, true
				}
			}
		}
		return false, !mentions(info, e, def)
	}
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				ok = false
				return false
			}
			d, fine := value(n.Results[0], 0)
			ok = ok && fine
			sawDef = sawDef || d
		}
		return true
	})
	return ok && sawDef
}

// pickedParams returns, for a func each of whose returns hands back one
// of its parameters, which ones (by index); nil for any other func.
func pickedParams(info *types.Info, fd *ast.FuncDecl) map[int]bool {
	params := paramVars(info, fd)
	picks := map[int]bool{}
	ok := true
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.ReturnStmt:
			if len(n.Results) != 1 {
				ok = false
				return false
			}
			id, isID := ast.Unparen(n.Results[0]).(*ast.Ident)
			i := -1
			if isID {
				i = slices.Index(params, info.Uses[id])
			}
			if i < 0 {
				ok = false
				return false
			}
			picks[i] = true
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				if v := info.ObjectOf(identOf(l)); v != nil && slices.Contains(params, v) {
					ok = false // a parameter reassigned: not handed back as passed
				}
			}
		}
		return ok
	})
	if !ok || len(picks) == 0 {
		return nil
	}
	return picks
}

// paramVars are fd's parameters, in order (nil for an unnamed one).
func paramVars(info *types.Info, fd *ast.FuncDecl) []types.Object {
	var out []types.Object
	for _, f := range fd.Type.Params.List {
		if len(f.Names) == 0 {
			out = append(out, nil)
		}
		for _, n := range f.Names {
			out = append(out, info.Defs[n])
		}
	}
	return out
}

func identOf(e ast.Expr) *ast.Ident {
	id, _ := ast.Unparen(e).(*ast.Ident)
	if id == nil {
		return &ast.Ident{}
	}
	return id
}

// mentions reports whether e uses v.
func mentions(info *types.Info, e ast.Expr, v types.Object) bool {
	found := false
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && info.Uses[id] == v {
			found = true
		}
		return !found
	})
	return found
}

// configDefault resolves a call of a config accessor with a constant key
// to its default, noting the assumption that no source sets the key.
func (x *index) configDefault(call *ast.CallExpr, fn *types.Func, fr *frame) (strv, bool) {
	if len(call.Args) != 2 || !accessorShaped(fn.Signature()) || !x.pass.ImportObjectFact(fn.Origin(), new(DefaultFact)) {
		return nil, false
	}
	key, ok := x.constString(bound{E: call.Args[0], Fr: fr, Index: -1})
	if !ok {
		return nil, false
	}
	def := x.str(bound{E: call.Args[1], Fr: fr, Index: -1})
	if !def.known() || len(def) == 0 {
		return nil, false
	}
	pos := x.pass.Fset.Position(call.Pos())
	note := fmt.Sprintf("config key %q, whose in-code default %q (%s:%d) faasvet takes as the value", key, def.render(), filepath.Base(pos.Filename), pos.Line)
	out := make(strv, len(def))
	for i, p := range def {
		p.note = note
		out[i] = p
	}
	return out, true
}
