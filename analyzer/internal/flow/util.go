package flow

import (
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// VarOf returns the variable (not a field) an identifier expression
// denotes, or nil.
func (x *Index) VarOf(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := x.Info.ObjectOf(id).(*types.Var)
	if v == nil || v.IsField() {
		return nil
	}
	return v
}

// ConstString returns the value of a constant expression: the string of
// a string constant, the exact text of any other.
func (x *Index) ConstString(e ast.Expr) (string, bool) {
	tv, ok := x.Info.Types[ast.Unparen(e)]
	if !ok || tv.Value == nil {
		return "", false
	}
	if tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	return tv.Value.ExactString(), true
}

// IsFunc reports whether call calls the package-level func name of one of
// the packages.
func (x *Index) IsFunc(call *ast.CallExpr, name string, pkgs ...string) bool {
	fn, ok := typeutil.Callee(x.Info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Name() != name || fn.Signature().Recv() != nil {
		return false
	}
	for _, p := range pkgs {
		if fn.Pkg().Path() == p {
			return true
		}
	}
	return false
}

// Builtin reports whether call calls the named builtin, and whether it
// calls a builtin at all.
func (x *Index) Builtin(call *ast.CallExpr, name string) (bool, bool) {
	b, ok := typeutil.Callee(x.Info, call).(*types.Builtin)
	return ok && b.Name() == name, ok
}

// IsEnvLookup reports whether fn is os.Getenv or os.LookupEnv.
func IsEnvLookup(fn *types.Func) bool {
	return PkgPath(fn) == "os" && (fn.Name() == "Getenv" || fn.Name() == "LookupEnv")
}

// ExprString is e's source text, cut to a length for messages.
func ExprString(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

// ArgAt is argument i of call, or nil.
func ArgAt(call *ast.CallExpr, i int) ast.Expr {
	if i < len(call.Args) {
		return call.Args[i]
	}
	return nil
}

// StripAddr returns x of &x, else e.
func StripAddr(e ast.Expr) ast.Expr {
	if e == nil {
		return nil
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		return u.X
	}
	return e
}

// FuncOf returns the function an expression names: f, pkg.F, a method
// value, an instantiation f[T].
func FuncOf(info *types.Info, e ast.Expr) *types.Func {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		f, _ := info.Uses[x].(*types.Func)
		return f
	case *ast.SelectorExpr:
		if s, ok := info.Selections[x]; ok {
			if s.Kind() != types.MethodVal {
				return nil
			}
			f, _ := s.Obj().(*types.Func)
			return f
		}
		f, _ := info.Uses[x.Sel].(*types.Func)
		return f
	case *ast.IndexExpr:
		return FuncOf(info, x.X)
	case *ast.IndexListExpr:
		return FuncOf(info, x.X)
	}
	return nil
}

// CalleeIdent is the identifier that names the function in a call's Fun.
func CalleeIdent(e ast.Expr) *ast.Ident {
	for range 4 {
		switch x := ast.Unparen(e).(type) {
		case *ast.Ident:
			return x
		case *ast.SelectorExpr:
			return x.Sel
		case *ast.IndexExpr:
			e = x.X
		case *ast.IndexListExpr:
			e = x.X
		default:
			return nil
		}
	}
	return nil
}

// PkgPath is the path of fn's package, "" for a builtin or universe func.
func PkgPath(fn *types.Func) string {
	if fn.Pkg() == nil {
		return ""
	}
	return fn.Pkg().Path()
}

// FuncKey names a function as "path.Func" or "path.Type.Method"; "" when
// it has no package or its receiver is not named.
func FuncKey(fn *types.Func) string {
	if fn.Pkg() == nil {
		return ""
	}
	if recv := fn.Signature().Recv(); recv != nil {
		if n := NamedOf(recv.Type()); n != nil {
			return fn.Pkg().Path() + "." + n.Obj().Name() + "." + fn.Name()
		}
		return ""
	}
	return fn.Pkg().Path() + "." + fn.Name()
}

// RecvNamed reports whether fn is a method of the named type name (or a
// pointer to it).
func RecvNamed(fn *types.Func, name string) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	n := NamedOf(recv.Type())
	return n != nil && n.Obj().Name() == name
}

// Deref is the element of a pointer type, else t.
func Deref(t types.Type) types.Type {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		return types.Unalias(p.Elem())
	}
	return t
}

// NamedOf is the named type of t or *t, or nil.
func NamedOf(t types.Type) *types.Named {
	n, _ := Deref(t).(*types.Named)
	return n
}

// Under is the underlying type of t, or of its element when t is a
// pointer; nil for nil.
func Under(t types.Type) types.Type {
	if t == nil {
		return nil
	}
	t = types.Unalias(t)
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	return t.Underlying()
}

// IsError reports whether t is the error type.
func IsError(t types.Type) bool {
	return types.Identical(t, types.Universe.Lookup("error").Type())
}

// FindImports sets paths[path], for each path it holds, to the first
// package of that path that a breadth-first walk of pkg and its
// transitive imports meets (export data lists the packages a package's
// API mentions). It walks once for all the paths: a package imports
// hundreds of others.
func FindImports(pkg *types.Package, paths map[string]*types.Package) {
	missing := len(paths)
	seen := map[*types.Package]bool{pkg: true}
	queue := []*types.Package{pkg}
	for i := 0; i < len(queue) && missing > 0; i++ {
		p := queue[i]
		if found, ok := paths[p.Path()]; ok && found == nil {
			paths[p.Path()] = p
			missing--
		}
		for _, imp := range p.Imports() {
			if !seen[imp] {
				seen[imp] = true
				queue = append(queue, imp)
			}
		}
	}
}

// FindPackage returns the package at path among pkg and its transitive
// imports, or nil.
func FindPackage(pkg *types.Package, path string) *types.Package {
	paths := map[string]*types.Package{path: nil}
	FindImports(pkg, paths)
	return paths[path]
}

// LookupType finds a package-level type among pkg's transitive imports.
func LookupType(pkg *types.Package, path, name string) types.Type {
	if p := FindPackage(pkg, path); p != nil {
		if obj, ok := p.Scope().Lookup(name).(*types.TypeName); ok {
			return obj.Type()
		}
	}
	return nil
}

// JSONPackages are encoding/json and the drop-in replacements with its
// API and semantics: what one encodes, another decodes alike.
var JSONPackages = []string{
	"encoding/json",
	"github.com/goccy/go-json",
	"github.com/segmentio/encoding/json",
	"github.com/json-iterator/go",
}
