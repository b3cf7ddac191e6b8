package sdkroute

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// PassFact marks an exported func of one statement, return p (or &p, *p,
// or a conversion of p), that hands back its parameter Param (1-based):
// a generic PtrTo[T](v T) *T { return &v } or a ToString of a package
// that no SDK call needs. A message body or target passed through it in
// another package is its argument.
//
// With Marshal, it marks an exported func or method whose first result
// is the JSON encoding of its parameter Param, or of its receiver
// (Recv), or of a field of either (Field): json.Marshal(ce),
// json.MarshalIndent(ce, "", "  "), or json.NewEncoder(&buf).Encode(ce)
// and return buf.Bytes(). A message body built by it in another package
// (tracedMessageData, _ := cloudEvent.ToJSON()) is its argument's type,
// as instantiated there: CloudEvent[T] sent as CloudEvent[Order].
type PassFact struct {
	Param   int
	Recv    bool
	Field   string
	Marshal bool
}

// AFact marks PassFact as an analysis fact.
func (*PassFact) AFact() {}

func (f *PassFact) String() string {
	if !f.Marshal {
		return "passes"
	}
	v := fmt.Sprintf("$%d", f.Param)
	if f.Recv {
		v = "$recv"
	}
	if f.Field != "" {
		v += "." + f.Field
	}
	return "returns json(" + v + ")"
}

// exportPasses exports a PassFact on each such func of the package. It
// reads only funcs whose body is one return statement, so that it costs
// nothing on the packages that have none.
func exportPasses(pass *analysis.Pass) {
	for _, f := range pass.Files {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || !fd.Name.IsExported() || fd.Body == nil {
				continue
			}
			if f := marshalsOwn(pass.TypesInfo, fd); f != nil {
				if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
					pass.ExportObjectFact(obj, f)
				}
				continue
			}
			if fd.Recv != nil || len(fd.Body.List) != 1 {
				continue
			}
			ret, ok := fd.Body.List[0].(*ast.ReturnStmt)
			if !ok || len(ret.Results) != 1 {
				continue
			}
			k := passedParam(pass.TypesInfo, fd, ret.Results[0])
			if k == 0 {
				continue
			}
			if obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func); ok {
				pass.ExportObjectFact(obj, &PassFact{Param: k})
			}
		}
	}
}

// passedParam returns the parameter (1-based) that e is, behind &, * and
// conversions; 0 when it is none.
func passedParam(info *types.Info, fd *ast.FuncDecl, e ast.Expr) int {
	for {
		switch x := ast.Unparen(e).(type) {
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return 0
			}
			e = x.X
			continue
		case *ast.StarExpr:
			e = x.X
			continue
		case *ast.CallExpr:
			if tv, ok := info.Types[x.Fun]; !ok || !tv.IsType() || len(x.Args) != 1 {
				return 0
			}
			e = x.Args[0]
			continue
		case *ast.Ident:
			v, ok := info.Uses[x].(*types.Var)
			if !ok {
				return 0
			}
			k := 0
			for _, field := range fd.Type.Params.List {
				if len(field.Names) == 0 {
					k++
					continue
				}
				for _, n := range field.Names {
					k++
					if _, variadic := field.Type.(*ast.Ellipsis); !variadic && info.Defs[n] == v {
						return k
					}
				}
			}
		}
		return 0
	}
}

// passedArg returns the argument that a call of another package's
// PassFact func hands back.
func (x *index) passedArg(call *ast.CallExpr) (ast.Expr, bool) {
	fn, ok := typeutil.Callee(x.Info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg() == x.pass.Pkg || call.Ellipsis.IsValid() {
		return nil, false
	}
	var f PassFact
	if !x.pass.ImportObjectFact(fn.Origin(), &f) || f.Marshal || f.Param < 1 || f.Param > len(call.Args) {
		return nil, false
	}
	return call.Args[f.Param-1], true
}

// marshalledArg returns the body that a call of another package's
// PassFact func with Marshal builds: the JSON encoding of the argument
// or receiver it names (or of its field), typed as at the call, so that
// a generic receiver is its instantiation here.
func (x *index) marshalledArg(call *ast.CallExpr, b bound) (pay, bool) {
	fn, ok := typeutil.Callee(x.Info, call).(*types.Func)
	if !ok || fn.Pkg() == nil || fn.Pkg() == x.pass.Pkg || call.Ellipsis.IsValid() || b.Index > 0 {
		return pay{}, false
	}
	var f PassFact
	if !x.pass.ImportObjectFact(fn.Origin(), &f) || !f.Marshal {
		return pay{}, false
	}
	var arg ast.Expr
	switch {
	case f.Recv:
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		s := x.Info.Selections[sel]
		if !ok || s == nil || s.Kind() != types.MethodVal {
			return pay{}, false // a method expression, T.ToJSON(v): not followed
		}
		arg = sel.X
		if len(s.Index()) > 1 {
			// A method promoted from an embedded field: it encodes that
			// field, not the value it is called on.
			t := embedded(s.Recv(), s.Index()[:len(s.Index())-1])
			if t == nil || f.Field != "" || !concrete(t) {
				return pay{why: fmt.Sprintf("%s encodes a field embedded in %s", fn.Name(), flow.ExprString(arg))}, true
			}
			return pay{t: t, arg: flow.At(arg, b.Fr)}, true
		}
	case f.Param >= 1 && f.Param <= len(call.Args):
		arg = call.Args[f.Param-1]
	default:
		return pay{}, false
	}
	if f.Field == "" {
		return x.marshalled(flow.At(arg, b.Fr)), true
	}
	// A field of the argument: its type as the argument's static type
	// (instantiated) declares it.
	t := x.Info.TypeOf(arg)
	if t == nil {
		return pay{}, false
	}
	obj, _, _ := types.LookupFieldOrMethod(t, true, nil, f.Field)
	if v, ok := obj.(*types.Var); ok && v.IsField() && concrete(v.Type()) {
		return pay{t: v.Type(), arg: flow.At(arg, b.Fr)}, true
	}
	return pay{why: fmt.Sprintf("%s encodes the field %s of %s, whose type is not known here", fn.Name(), f.Field, flow.ExprString(arg))}, true
}

// embedded returns the type of the field that path (a selection's
// indices) reaches from t through embedded structs; nil if it reaches
// none.
func embedded(t types.Type, path []int) types.Type {
	for _, i := range path {
		if p, ok := t.Underlying().(*types.Pointer); ok {
			t = p.Elem()
		}
		st, ok := t.Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil
		}
		t = st.Field(i).Type()
	}
	return t
}

// marshalsOwn returns the fact of a func or method whose every return
// that carries a body is the JSON encoding of its receiver or one of its
// parameters (or a field of it): return json.Marshal(v), or b (or
// string(b)) after b, err := json.Marshal(v), or buf.Bytes() (String())
// after json.NewEncoder(&buf).Encode(v). Other funcs, and those whose
// first result is not []byte or string, give nil. It reads only the
// body's syntax: no flow, so it costs next to nothing.
func marshalsOwn(info *types.Info, fd *ast.FuncDecl) *PassFact {
	res := fd.Type.Results
	if res == nil || len(res.List) == 0 {
		return nil
	}
	if t := info.TypeOf(res.List[0].Type); t == nil || !isBytesOrString(t) {
		return nil
	}
	// The locals assigned json.Marshal's result, and the buffers an
	// encoder wrote into, each with what was encoded; a local used in
	// any other way (a second assignment, a write, an argument) is not
	// followed: its uses must all be the ones matched here.
	encoded := map[types.Object]ast.Expr{}
	ambiguous := map[types.Object]bool{}
	uses, matched := map[types.Object]int{}, map[types.Object]int{}
	note := func(id *ast.Ident, v ast.Expr) {
		obj := info.ObjectOf(id)
		if obj == nil {
			return
		}
		if _, ok := encoded[obj]; ok {
			ambiguous[obj] = true
		}
		encoded[obj] = v
		if info.Uses[id] != nil {
			matched[obj]++
		}
	}
	var returns []*ast.ReturnStmt
	ast.Inspect(fd.Body, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false
		case *ast.Ident:
			if obj := info.Uses[n]; obj != nil {
				uses[obj]++
			}
		case *ast.ReturnStmt:
			returns = append(returns, n)
		case *ast.AssignStmt:
			if len(n.Rhs) == 1 {
				if call, ok := ast.Unparen(n.Rhs[0]).(*ast.CallExpr); ok {
					if v := jsonMarshalArg(info, call); v != nil {
						if id, ok := n.Lhs[0].(*ast.Ident); ok {
							note(id, v)
						}
					}
				}
			}
		case *ast.CallExpr:
			if buf, v := encodeInto(info, n); buf != nil {
				note(buf, v)
			}
		}
		return true
	})
	local := func(id *ast.Ident) ast.Expr {
		obj := info.ObjectOf(id)
		if obj == nil || ambiguous[obj] {
			return nil
		}
		matched[obj]++
		return encoded[obj]
	}
	var got *PassFact
	for _, r := range returns {
		if len(r.Results) == 0 {
			return nil // named results: not followed
		}
		e := ast.Unparen(r.Results[0])
		if tv, ok := info.Types[e]; ok && (tv.IsNil() || tv.Value != nil) {
			continue // an error path: return nil, err (or "", err)
		}
		var v ast.Expr
		if call, ok := e.(*ast.CallExpr); ok {
			if tv, ok := info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
				e = ast.Unparen(call.Args[0]) // string(b)
			}
		}
		switch e := e.(type) {
		case *ast.CallExpr:
			if v = jsonMarshalArg(info, e); v == nil {
				// buf.Bytes(), buf.String() of an encoder's buffer
				if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && len(e.Args) == 0 && (sel.Sel.Name == "Bytes" || sel.Sel.Name == "String") {
					if id, ok := ast.Unparen(sel.X).(*ast.Ident); ok && isBuffer(info.TypeOf(id)) {
						v = local(id)
					}
				}
			}
		case *ast.Ident:
			v = local(e)
		}
		if v == nil {
			return nil
		}
		f := ownValue(info, fd, v)
		if f == nil || got != nil && *got != *f {
			return nil
		}
		got = f
	}
	for obj, n := range matched {
		if uses[obj] != n {
			return nil // written, reassigned or passed elsewhere too
		}
	}
	return got
}

// jsonMarshalArg returns what json.Marshal(v) or MarshalIndent encodes.
func jsonMarshalArg(info *types.Info, call *ast.CallExpr) ast.Expr {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || !isJSONPkg(flow.PkgPath(fn)) || fn.Signature().Recv() != nil || len(call.Args) == 0 {
		return nil
	}
	if fn.Name() != "Marshal" && fn.Name() != "MarshalIndent" {
		return nil
	}
	return call.Args[0]
}

// encodeInto matches json.NewEncoder(&buf).Encode(v) (or buf without &,
// a *bytes.Buffer) and returns buf and v.
func encodeInto(info *types.Info, call *ast.CallExpr) (*ast.Ident, ast.Expr) {
	fn, ok := typeutil.Callee(info, call).(*types.Func)
	if !ok || fn.Name() != "Encode" || !isJSONPkg(flow.PkgPath(fn)) || len(call.Args) != 1 {
		return nil, nil
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil, nil
	}
	ctor, ok := ast.Unparen(sel.X).(*ast.CallExpr)
	if !ok || len(ctor.Args) != 1 {
		return nil, nil
	}
	if nf, ok := typeutil.Callee(info, ctor).(*types.Func); !ok || nf.Name() != "NewEncoder" || !isJSONPkg(flow.PkgPath(nf)) {
		return nil, nil
	}
	w := ast.Unparen(ctor.Args[0])
	if u, ok := w.(*ast.UnaryExpr); ok && u.Op == token.AND {
		w = ast.Unparen(u.X)
	}
	id, ok := w.(*ast.Ident)
	if !ok || !isBuffer(info.TypeOf(id)) {
		return nil, nil
	}
	return id, call.Args[0]
}

// isBuffer reports whether t is bytes.Buffer or *bytes.Buffer.
func isBuffer(t types.Type) bool {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "bytes" && n.Obj().Name() == "Buffer"
}

func isBytesOrString(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.String
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

// ownValue returns the fact for v, the encoded value, when it is the
// func's receiver or a parameter (behind & or *), or a field of one.
func ownValue(info *types.Info, fd *ast.FuncDecl, v ast.Expr) *PassFact {
	for {
		switch x := ast.Unparen(v).(type) {
		case *ast.UnaryExpr:
			if x.Op != token.AND {
				return nil
			}
			v = x.X
			continue
		case *ast.StarExpr:
			v = x.X
			continue
		}
		break
	}
	field := ""
	if sel, ok := ast.Unparen(v).(*ast.SelectorExpr); ok {
		if s := info.Selections[sel]; s == nil || s.Kind() != types.FieldVal || len(s.Index()) != 1 {
			return nil
		}
		field, v = sel.Sel.Name, sel.X
	}
	id, ok := ast.Unparen(v).(*ast.Ident)
	if !ok {
		return nil
	}
	obj := info.Uses[id]
	if obj == nil {
		return nil
	}
	if fd.Recv != nil && len(fd.Recv.List) == 1 && len(fd.Recv.List[0].Names) == 1 && info.Defs[fd.Recv.List[0].Names[0]] == obj {
		return &PassFact{Recv: true, Field: field, Marshal: true}
	}
	if k := passedParam(info, fd, id); k > 0 {
		return &PassFact{Param: k, Field: field, Marshal: true}
	}
	return nil
}
