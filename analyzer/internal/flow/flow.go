package flow

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/passes/inspect"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer hands the package's Index to the analyzers; its result is a
// *Result.
var Analyzer = &analysis.Analyzer{
	Name:       "faasflow",
	Doc:        "faasflow indexes a package's functions, calls and assignments for faasvet's analyzers",
	Requires:   []*analysis.Analyzer{inspect.Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	Run: func(pass *analysis.Pass) (any, error) {
		return &Result{pass: pass}, nil
	},
}

// Result builds the Index on first use: most packages a driver analyses
// for facts (dependencies that send nothing and register nothing) never
// need it. The analyzers that read it may run at once.
type Result struct {
	pass     *analysis.Pass
	once     sync.Once
	index    *Index
	panicked any
}

// Index returns the package's index, built once. A crash while building
// it is raised again in each analyzer that asks, whose guard
// (analysisutil.Safe) reports it, since no driver reports this one's.
func (r *Result) Index() *Index {
	r.once.Do(func() {
		defer func() {
			if os.Getenv("FAASVET_PANIC") == "" { // faasvet's developers want the stack
				r.panicked = recover()
			}
		}()
		r.index = New(r.pass, r.pass.ResultOf[inspect.Analyzer].(*inspector.Inspector))
	})
	if r.panicked != nil {
		panic(fmt.Sprintf("faasflow: %v", r.panicked))
	}
	return r.index
}

// A Func is a function of the package: a declaration or a literal.
type Func struct {
	Decl   *ast.FuncDecl // nil for a literal
	Lit    *ast.FuncLit  // nil for a declaration
	Obj    *types.Func   // declarations only
	Sig    *types.Signature
	Parent *Func // the function a literal is written in
	// Nested are the literals written directly in this function, Refs
	// the declared functions and methods that its body names, Returns
	// its own return statements (not those of its literals).
	Nested  []*Func
	Refs    []*Func
	Returns []*ast.ReturnStmt
}

// Node is the *ast.FuncDecl or *ast.FuncLit.
func (f *Func) Node() ast.Node {
	if f.Decl != nil {
		return f.Decl
	}
	return f.Lit
}

// FullName is the declared function's full name, "" for a literal.
func (f *Func) FullName() string {
	if f.Obj != nil {
		return f.Obj.FullName()
	}
	return ""
}

// Container is the declaration that f is written in, or the outermost
// literal when f is outside any declaration (a package-level var).
func (f *Func) Container() *Func {
	for f.Parent != nil {
		f = f.Parent
	}
	return f
}

// A Call is a call written in the package.
type Call struct {
	Call *ast.CallExpr
	In   *Func // the innermost function that holds it; nil at package level
	// Callee is the function of the package it calls, when known: a
	// declared function with a body (Static), or a literal called in
	// place or through a variable assigned once.
	Callee *Func
	Static bool
	// Subst maps the callee's type parameters to this call's type
	// arguments.
	Subst map[*types.TypeParam]types.Type
}

// An Assign is one value assigned to a variable: Value, or result Index of
// the multi-value expression Value (-1 for a single value). Value is nil for
// an assignment that computes (+= and the like); Range, for the value
// variable of a range over a slice or array, is the ranged expression.
type Assign struct {
	In    *Func // nil at package level
	Value ast.Expr
	Index int
	Range ast.Expr
}

// A Param is parameter I of function Fn.
type Param struct {
	Fn *Func
	I  int
}

// A VarField is the field Field of the variable V (v.f = e).
type VarField struct {
	V     *types.Var
	Field string
}

// A MapWrite is m[Key] = Value written in In (Value nil when computed:
// one result of a tuple, +=).
type MapWrite struct {
	In         *Func
	Key, Value ast.Expr
}

// An Index is what one pass over a package records for the analyzers
// that follow values; read-only once built.
type Index struct {
	// Pkg, Fset and Info are the package's; the pass that built the index
	// is not kept: facts and reports go through each analyzer's own.
	Pkg  *types.Package
	Fset *token.FileSet
	Info *types.Info

	Funcs []*Func // in source order
	Calls []*Call // in source order

	decls   map[*types.Func]*Func
	lits    map[*ast.FuncLit]*Func
	litAt   map[token.Pos]*Func
	callAt  map[token.Pos]*ast.CallExpr
	callers map[*Func][]*Call // by callee

	// Params are the parameters of every function, Recvs the receivers
	// of the methods.
	Params map[*types.Var]Param
	Recvs  map[*types.Var]*Func
	// Owner is the generic function or method that declares a type
	// parameter.
	Owner map[*types.TypeParam]*Func

	// Assigns holds every assignment to a variable (declarations with a
	// value, =, :=, range); a declaration without a value has none.
	Assigns map[*types.Var][]Assign
	// Results holds the variables a call's results are assigned to.
	Results map[*ast.CallExpr][]*types.Var
	// AddrTaken are the variables whose address is taken outside a
	// composite literal: something else may write them
	// (flag.StringVar(&v, ...)).
	AddrTaken map[*types.Var]bool
	// FieldVals holds the values given to fields of this package's
	// struct types, in composite literals and in x.f = v assignments
	// (nil for one result of a multi-value call).
	FieldVals map[*types.Var][]ast.Expr
	// SelAssigns holds v.f = e for a variable v.
	SelAssigns map[VarField][]ast.Expr
	// MethodCalls holds the calls v.M(...) with v a variable, by v.
	MethodCalls map[*types.Var][]*ast.CallExpr
	// MapWrites holds m[k] = v for a map variable or field m, by m.
	MapWrites map[*types.Var][]MapWrite
	// ErrPath are the returns inside if err != nil { ... } blocks, and
	// CheckedErrs the error variables such blocks test (LiveReturns).
	ErrPath     map[*ast.ReturnStmt]bool
	CheckedErrs map[*types.Var]bool
}

// New builds the index of the pass's package in one walk of insp.
func New(pass *analysis.Pass, insp *inspector.Inspector) *Index {
	x := &Index{
		Pkg:         pass.Pkg,
		Fset:        pass.Fset,
		Info:        pass.TypesInfo,
		decls:       map[*types.Func]*Func{},
		lits:        map[*ast.FuncLit]*Func{},
		litAt:       map[token.Pos]*Func{},
		callAt:      map[token.Pos]*ast.CallExpr{},
		callers:     map[*Func][]*Call{},
		Params:      map[*types.Var]Param{},
		Recvs:       map[*types.Var]*Func{},
		Owner:       map[*types.TypeParam]*Func{},
		Assigns:     map[*types.Var][]Assign{},
		Results:     map[*ast.CallExpr][]*types.Var{},
		AddrTaken:   map[*types.Var]bool{},
		FieldVals:   map[*types.Var][]ast.Expr{},
		SelAssigns:  map[VarField][]ast.Expr{},
		MethodCalls: map[*types.Var][]*ast.CallExpr{},
		MapWrites:   map[*types.Var][]MapWrite{},
		ErrPath:     map[*ast.ReturnStmt]bool{},
		CheckedErrs: map[*types.Var]bool{},
	}
	tests := map[ast.Node]bool{}
	for _, f := range pass.Files {
		if strings.HasSuffix(pass.Fset.File(f.Pos()).Name(), "_test.go") {
			tests[f] = true
		}
	}
	// Declarations first, so that the walk can bind references to them.
	for _, f := range pass.Files {
		if tests[f] {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				if obj, ok := x.Info.Defs[fd.Name].(*types.Func); ok {
					x.decls[obj] = &Func{Decl: fd, Obj: obj, Sig: obj.Signature()}
				}
			}
		}
	}
	filter := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.Ident)(nil), (*ast.AssignStmt)(nil),
		(*ast.ValueSpec)(nil), (*ast.CallExpr)(nil), (*ast.CompositeLit)(nil), (*ast.UnaryExpr)(nil),
		(*ast.ReturnStmt)(nil), (*ast.IfStmt)(nil), (*ast.RangeStmt)(nil),
	}
	var stack []*Func // the functions the walk is in
	insp.WithStack(filter, func(n ast.Node, push bool, nodes []ast.Node) bool {
		if tests[nodes[0]] {
			return false
		}
		var cur *Func
		if len(stack) > 0 {
			cur = stack[len(stack)-1]
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			if !push {
				stack = stack[:len(stack)-1]
				return true
			}
			fi := x.declFunc(n)
			stack = append(stack, fi)
			if fi != nil {
				x.Funcs = append(x.Funcs, fi)
				x.addParams(fi)
			}
			return true
		case *ast.FuncLit:
			if !push {
				stack = stack[:len(stack)-1]
				return true
			}
			sig, _ := x.Info.TypeOf(n).(*types.Signature)
			if sig == nil {
				sig = types.NewSignatureType(nil, nil, nil, nil, nil, false)
			}
			fi := &Func{Lit: n, Sig: sig, Parent: cur}
			x.lits[n] = fi
			x.litAt[n.Pos()] = fi
			x.Funcs = append(x.Funcs, fi)
			x.addParams(fi)
			if cur != nil {
				cur.Nested = append(cur.Nested, fi)
			}
			stack = append(stack, fi)
			return true
		}
		if !push {
			return true
		}
		switch n := n.(type) {
		case *ast.Ident:
			if cur != nil {
				if fn, ok := x.Info.Uses[n].(*types.Func); ok {
					if callee := x.Decl(fn); callee != nil {
						cur.Refs = append(cur.Refs, callee)
					}
				}
			}
		case *ast.AssignStmt:
			x.assignStmt(cur, n)
		case *ast.ValueSpec:
			for i, name := range n.Names {
				v, ok := x.Info.Defs[name].(*types.Var)
				if !ok {
					continue
				}
				switch {
				case len(n.Values) == len(n.Names):
					x.addAssign(v, Assign{In: cur, Value: n.Values[i], Index: -1})
				case len(n.Values) == 1:
					x.addAssign(v, Assign{In: cur, Value: n.Values[0], Index: i})
				}
			}
		case *ast.CallExpr:
			if _, ok := x.callAt[n.Pos()]; !ok {
				x.callAt[n.Pos()] = n
			}
			x.Calls = append(x.Calls, x.call(cur, n))
			if sel, ok := ast.Unparen(n.Fun).(*ast.SelectorExpr); ok {
				if v := x.VarOf(sel.X); v != nil {
					x.MethodCalls[v] = append(x.MethodCalls[v], n)
				}
			}
		case *ast.CompositeLit:
			x.compositeLit(n)
		case *ast.UnaryExpr:
			if n.Op == token.AND && !inLiteral(n, nodes) {
				if v := x.VarOf(n.X); v != nil {
					x.AddrTaken[v] = true
				}
			}
		case *ast.IfStmt:
			x.errCheck(n)
		case *ast.RangeStmt:
			x.rangeStmt(cur, n)
		case *ast.ReturnStmt:
			if cur != nil {
				cur.Returns = append(cur.Returns, n)
			}
		}
		return true
	})
	for _, c := range x.Calls {
		if c.Callee == nil && c.In != nil {
			c.Callee, c.Subst = x.LocalCallee(c.Call.Fun)
		}
		if c.Callee != nil && c.In != nil {
			x.callers[c.Callee] = append(x.callers[c.Callee], c)
		}
	}
	return x
}

func (x *Index) declFunc(n *ast.FuncDecl) *Func {
	obj, ok := x.Info.Defs[n.Name].(*types.Func)
	if !ok {
		return nil
	}
	return x.decls[obj]
}

func (x *Index) addParams(fi *Func) {
	for i := range fi.Sig.Params().Len() {
		x.Params[fi.Sig.Params().At(i)] = Param{fi, i}
	}
	if r := fi.Sig.Recv(); r != nil {
		x.Recvs[r] = fi
	}
	for tp := range fi.Sig.TypeParams().TypeParams() {
		x.Owner[tp] = fi
	}
	for tp := range fi.Sig.RecvTypeParams().TypeParams() {
		x.Owner[tp] = fi
	}
}

// Decl returns the declared function or method fn (or the declaration of
// its generic origin) when it has a body in this package, else nil.
func (x *Index) Decl(fn *types.Func) *Func {
	fi := x.decls[fn.Origin()]
	if fi == nil || fi.Decl.Body == nil {
		return nil
	}
	return fi
}

// Lit returns the function of a literal.
func (x *Index) Lit(lit *ast.FuncLit) *Func { return x.lits[lit] }

// LitAt returns the function literal at pos, or nil.
func (x *Index) LitAt(pos token.Pos) *Func { return x.litAt[pos] }

// CallAt returns the outermost call at pos, or nil.
func (x *Index) CallAt(pos token.Pos) *ast.CallExpr { return x.callAt[pos] }

// CallersOf returns the calls of fn written in functions of the package.
func (x *Index) CallersOf(fn *Func) []*Call { return x.callers[fn] }

// Reaching returns the functions that reach one of fns: fns themselves,
// the functions that call one (statically or through a literal), and
// the functions that hold a literal that does.
func (x *Index) Reaching(fns []*Func) map[*Func]bool {
	seen := map[*Func]bool{}
	for len(fns) > 0 {
		f := fns[len(fns)-1]
		fns = fns[:len(fns)-1]
		if f == nil || seen[f] {
			continue
		}
		seen[f] = true
		for _, c := range x.callers[f] {
			fns = append(fns, c.In)
		}
		fns = append(fns, f.Parent)
	}
	return seen
}

// ParamOwner names the function whose parameter or receiver v is, for
// messages: its name, "a func literal", or "" when v is neither.
func (x *Index) ParamOwner(v *types.Var) string {
	fi := x.Recvs[v]
	if p, ok := x.Params[v]; ok {
		fi = p.Fn
	}
	switch {
	case fi == nil:
		return ""
	case fi.Decl != nil:
		return fi.Decl.Name.Name
	}
	return "a func literal"
}

// call makes the Call of a call written in cur; literals called through
// a variable are bound after the walk.
func (x *Index) call(cur *Func, call *ast.CallExpr) *Call {
	c := &Call{Call: call, In: cur}
	if tv, ok := x.Info.Types[call.Fun]; ok && tv.IsType() {
		return c // a conversion
	}
	fn, ok := typeutil.Callee(x.Info, call).(*types.Func)
	if !ok {
		return c
	}
	if c.Callee = x.Decl(fn); c.Callee == nil {
		return c
	}
	c.Static = true
	c.Subst = x.Instance(call.Fun, fn)
	return c
}

// StaticCallee returns the function with a body of this package that call
// calls statically, or nil.
func (x *Index) StaticCallee(call *ast.CallExpr) *Func {
	fn := typeutil.StaticCallee(x.Info, call)
	if fn == nil || fn.Pkg() != x.Pkg {
		return nil
	}
	return x.Decl(fn)
}

// LocalCallee resolves a call of a function value: a literal written in
// place, or a variable given one value (OnlyValue), a literal or a
// function of the package (f := decode[Order]), with the type arguments
// of that use.
func (x *Index) LocalCallee(fun ast.Expr) (*Func, map[*types.TypeParam]types.Type) {
	switch e := ast.Unparen(fun).(type) {
	case *ast.FuncLit:
		return x.lits[e], nil
	case *ast.Ident:
		rhs := x.OnlyValue(e)
		if rhs == nil {
			return nil, nil
		}
		rhs = ast.Unparen(rhs)
		if lit, ok := rhs.(*ast.FuncLit); ok {
			return x.lits[lit], nil
		}
		if f := FuncOf(x.Info, rhs); f != nil {
			if callee := x.Decl(f); callee != nil {
				return callee, x.Instance(rhs, f)
			}
		}
	}
	return nil, nil
}

// OnlyValue returns the value of the variable that e names when it is
// given exactly one, as a single value: at its declaration or in one
// assignment, in a function or at package level; else nil.
func (x *Index) OnlyValue(e ast.Expr) ast.Expr {
	as := x.Assigns[x.VarOf(e)]
	if len(as) != 1 || as[0].Value == nil || as[0].Index >= 0 {
		return nil
	}
	return as[0].Value
}

// ValueOf follows e through variables given one value (OnlyValue), a
// few levels deep, and returns the last expression it reaches.
func (x *Index) ValueOf(e ast.Expr) ast.Expr {
	for range 8 {
		v := x.OnlyValue(e)
		if v == nil {
			break
		}
		e = v
	}
	return e
}

// Instance maps the type parameters of fn's declaration to the type
// arguments of one use of it.
func (x *Index) Instance(fun ast.Expr, fn *types.Func) map[*types.TypeParam]types.Type {
	origin := fn.Origin()
	m := map[*types.TypeParam]types.Type{}
	if tps := origin.Signature().TypeParams(); tps.Len() > 0 {
		if id := CalleeIdent(fun); id != nil {
			if inst, ok := x.Info.Instances[id]; ok && inst.TypeArgs.Len() == tps.Len() {
				for i := range tps.Len() {
					m[tps.At(i)] = inst.TypeArgs.At(i)
				}
			}
		}
	}
	if rtps := origin.Signature().RecvTypeParams(); rtps.Len() > 0 && fn.Signature().Recv() != nil {
		if n := NamedOf(fn.Signature().Recv().Type()); n != nil && n.TypeArgs().Len() == rtps.Len() {
			for i := range rtps.Len() {
				m[rtps.At(i)] = n.TypeArgs().At(i)
			}
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// inLiteral reports whether &v is a value in a composite literal
// (&sqs.SendMessageInput{QueueUrl: &url}), or one assigned to a field
// (in.QueueUrl = &url): the SDKs read their inputs and never write
// through them, so that address does not let anything set v.
func inLiteral(n ast.Node, stack []ast.Node) bool {
	if len(stack) < 2 {
		return false
	}
	switch parent := stack[len(stack)-2].(type) {
	case *ast.KeyValueExpr:
		return parent.Value == n
	case *ast.CompositeLit:
		return true
	case *ast.AssignStmt:
		if len(parent.Lhs) != len(parent.Rhs) {
			return false
		}
		for i, r := range parent.Rhs {
			if r == n {
				_, field := ast.Unparen(parent.Lhs[i]).(*ast.SelectorExpr)
				return field
			}
		}
	}
	return false
}

func (x *Index) addAssign(v *types.Var, a Assign) {
	x.Assigns[v] = append(x.Assigns[v], a)
}

func (x *Index) assignStmt(cur *Func, n *ast.AssignStmt) {
	switch {
	case len(n.Lhs) == len(n.Rhs):
		for i, l := range n.Lhs {
			x.assignTo(cur, l, n.Rhs[i], -1, n.Tok)
		}
	case len(n.Rhs) == 1:
		call, _ := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
		var vars []*types.Var
		for i, l := range n.Lhs {
			x.assignTo(cur, l, n.Rhs[0], i, n.Tok)
			vars = append(vars, x.VarOf(l))
		}
		if call != nil {
			x.Results[call] = vars
		}
	}
}

// assignTo records lhs = rhs (or lhs = the index-th result of rhs).
func (x *Index) assignTo(cur *Func, lhs, rhs ast.Expr, index int, tok token.Token) {
	if tok != token.ASSIGN && tok != token.DEFINE {
		if v := x.VarOf(lhs); v != nil { // +=, and the like: computed
			x.addAssign(v, Assign{In: cur, Index: -1})
		}
		if ix, ok := ast.Unparen(lhs).(*ast.IndexExpr); ok {
			if m := x.MapVar(ix.X); m != nil {
				x.MapWrites[m] = append(x.MapWrites[m], MapWrite{In: cur, Key: ix.Index})
			}
		}
		return
	}
	switch l := ast.Unparen(lhs).(type) {
	case *ast.IndexExpr:
		if m := x.MapVar(l.X); m != nil {
			val := rhs
			if index >= 0 {
				val = nil
			}
			x.MapWrites[m] = append(x.MapWrites[m], MapWrite{In: cur, Key: l.Index, Value: val})
		}
	case *ast.Ident:
		if v := x.VarOf(l); v != nil {
			x.addAssign(v, Assign{In: cur, Value: rhs, Index: index})
			if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok && index < 0 {
				x.Results[call] = []*types.Var{v}
			}
		}
	case *ast.SelectorExpr:
		sel, ok := x.Info.Selections[l]
		if !ok || sel.Kind() != types.FieldVal {
			return
		}
		val := rhs
		if index >= 0 {
			val = nil // one result of a tuple: not followed
		}
		field := sel.Obj().(*types.Var)
		if field.Pkg() == x.Pkg {
			x.FieldVals[field] = append(x.FieldVals[field], val)
		}
		if v := x.VarOf(l.X); v != nil {
			k := VarField{V: v, Field: field.Name()}
			x.SelAssigns[k] = append(x.SelAssigns[k], val)
		}
	}
}

// MapVar returns the variable or field that e names when it is a map:
// m, or x.m.
func (x *Index) MapVar(e ast.Expr) *types.Var {
	if _, ok := Under(x.Info.TypeOf(e)).(*types.Map); !ok {
		return nil
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x.VarOf(e)
	case *ast.SelectorExpr:
		if sel, ok := x.Info.Selections[e]; ok && sel.Kind() == types.FieldVal {
			v, _ := sel.Obj().(*types.Var)
			return v
		}
	}
	return nil
}

// compositeLit records the field values of this package's struct types.
func (x *Index) compositeLit(n *ast.CompositeLit) {
	st, ok := Under(x.Info.TypeOf(n)).(*types.Struct)
	if !ok {
		return
	}
	for i, e := range n.Elts {
		var field *types.Var
		val := e
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			id, ok := kv.Key.(*ast.Ident)
			if !ok {
				continue
			}
			field, _ = x.Info.Uses[id].(*types.Var)
			val = kv.Value
		} else if i < st.NumFields() {
			field = st.Field(i)
		}
		if field != nil && field.Pkg() == x.Pkg {
			x.FieldVals[field] = append(x.FieldVals[field], val)
		}
	}
}

// errCheck records if err != nil { ...; return ... }: the returns in the
// block are the error path, and err is checked.
func (x *Index) errCheck(n *ast.IfStmt) {
	cond, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ {
		return
	}
	if tv, ok := x.Info.Types[cond.Y]; !ok || !tv.IsNil() {
		return
	}
	v := x.VarOf(cond.X)
	if v == nil || !IsError(v.Type()) {
		return
	}
	x.CheckedErrs[v] = true
	ast.Inspect(n.Body, func(m ast.Node) bool {
		if _, lit := m.(*ast.FuncLit); lit {
			return false
		}
		if r, ok := m.(*ast.ReturnStmt); ok {
			x.ErrPath[r] = true
		}
		return true
	})
}

// rangeStmt records for _, v := range X over a slice or an array: v
// takes each element of X.
func (x *Index) rangeStmt(cur *Func, n *ast.RangeStmt) {
	if n.Value == nil || n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
		return
	}
	switch Under(x.Info.TypeOf(n.X)).(type) {
	case *types.Slice, *types.Array:
	default:
		return
	}
	if v := x.VarOf(n.Value); v != nil {
		x.addAssign(v, Assign{In: cur, Range: n.X, Index: -1})
	}
}

// LiveReturns are the return statements of a declared func that returns
// a value: for one whose last result is an error, those that return a
// nil error (return "", err is the error path, whose other results no
// caller uses), unless that leaves none.
func (x *Index) LiveReturns(fi *Func) []*ast.ReturnStmt {
	rets := fi.Returns
	if fi.Obj == nil {
		return rets
	}
	res := fi.Obj.Signature().Results()
	if res.Len() < 2 || !IsError(res.At(res.Len()-1).Type()) {
		return rets
	}
	var live []*ast.ReturnStmt
	for _, r := range rets {
		if len(r.Results) != res.Len() {
			return rets // a bare return or a multi-value call: not sorted out
		}
		if x.ErrPath[r] {
			continue
		}
		last := r.Results[len(r.Results)-1]
		if tv, ok := x.Info.Types[last]; ok && tv.IsNil() {
			live = append(live, r)
		} else if id, ok := last.(*ast.Ident); ok && x.CheckedErrs[x.VarOf(id)] {
			// err is nil outside the if err != nil { return ... } that
			// checked it (out, err := ...; if err != nil { return "", err };
			// return v, err). Without such a check it may be anything.
			live = append(live, r)
		}
	}
	if len(live) == 0 {
		return rets
	}
	return live
}
