package errtype

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/internal/analysisutil"
	"github.com/faasvet/faasvet/checks"
)

//go:embed doc.go
var doc string

// Analyzer computes the error types each handler can return. Its result
// is a *Result.
var Analyzer = &analysis.Analyzer{
	Name:       "faaserrors",
	Doc:        analysisutil.MustExtractDoc(doc, "faaserrors"),
	URL:        checks.Lookup("catch-unreachable").URL(),
	Requires:   []*analysis.Analyzer{handler.Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	FactTypes:  []analysis.Fact{new(ErrorsFact)},
	Run:        analysisutil.Safe(run, func() *Result { return &Result{Handlers: map[*handler.Function]*Set{}} }),
}

// Result is the analyzer's result: the error set of each handler of the
// package.
type Result struct {
	Handlers map[*handler.Function]*Set
}

// A Set is the set of errorType names a func can fail with: what it
// returns as its error and what it panics with. Open lists why the set
// may hold more than Names (a call faasvet could not follow); a set with
// no Open is complete.
type Set struct {
	Names []string
	Open  []string
}

// maxOpen bounds the reasons a set keeps: one is enough to stay quiet,
// a few help a reader see why.
const maxOpen = 3

// Known reports whether the set is complete.
func (s *Set) Known() bool { return s != nil && len(s.Open) == 0 }

// Has reports whether name is in the set.
func (s *Set) Has(name string) bool {
	_, ok := slices.BinarySearch(s.Names, name)
	return ok
}

func (s *Set) add(name string) {
	if i, ok := slices.BinarySearch(s.Names, name); !ok {
		s.Names = slices.Insert(s.Names, i, name)
	}
}

func (s *Set) open(why string) {
	if i, ok := slices.BinarySearch(s.Open, why); !ok && len(s.Open) < maxOpen {
		s.Open = slices.Insert(s.Open, i, why)
	}
}

func (s *Set) union(o *Set) {
	if o == nil {
		return
	}
	for _, n := range o.Names {
		s.add(n)
	}
	for _, w := range o.Open {
		s.open(w)
	}
}

func (s *Set) equal(o *Set) bool {
	return slices.Equal(s.Names, o.Names) && slices.Equal(s.Open, o.Open)
}

func (s *Set) String() string {
	out := strings.Join(s.Names, ", ")
	if len(s.Open) > 0 {
		out += "; open: " + strings.Join(s.Open, "; ")
	}
	return out
}

// ErrorsFact summarises a func (what it returns as its error, and what it
// panics with) or a package-level error variable (the values it holds).
type ErrorsFact struct {
	Returns Set
	Panics  []string
}

// AFact marks ErrorsFact as an analysis fact.
func (*ErrorsFact) AFact() {}

func (f *ErrorsFact) String() string {
	s := "errors(" + f.Returns.String() + ")"
	if len(f.Panics) > 0 {
		s += " panics(" + strings.Join(f.Panics, ", ") + ")"
	}
	return s
}

// A source is a value assigned to a variable: an expression, or result
// idx of a call that returns several.
type source struct {
	expr ast.Expr
	call *ast.CallExpr
	idx  int
}

// A body is a func whose sets the solver computes.
type body struct {
	node ast.Node // *ast.FuncDecl or *ast.FuncLit
	sig  *types.Signature
	ret  *Set
	pan  *Set
}

type solver struct {
	pass    *analysis.Pass
	funcs   map[*types.Func]*body
	order   []*types.Func
	sources map[*types.Var][]source
	// declared are the variables whose every value is a source: those a
	// var or := declares (zero-valued until assigned) and named results.
	declared map[*types.Var]bool
	escaped  map[*types.Var]bool
	params   map[*types.Var]bool
	seen     map[*types.Var]bool // variables on the evaluation stack
}

func run(pass *analysis.Pass) (*Result, error) {
	s := &solver{pass: pass, funcs: map[*types.Func]*body{}, sources: map[*types.Var][]source{},
		declared: map[*types.Var]bool{}, escaped: map[*types.Var]bool{}, params: map[*types.Var]bool{}}
	s.index()
	s.solve()
	s.export()
	res := &Result{Handlers: map[*handler.Function]*Set{}}
	sum := pass.ResultOf[handler.Analyzer].(*handler.Summary)
	for _, fn := range sum.Functions {
		res.Handlers[fn] = s.handler(fn)
	}
	return res, nil
}

// index collects the package's funcs and every value assigned to a
// variable anywhere in the package.
func (s *solver) index() {
	info := s.pass.TypesInfo
	varOf := func(e ast.Expr) *types.Var {
		id, ok := ast.Unparen(e).(*ast.Ident)
		if !ok {
			return nil
		}
		v, _ := info.ObjectOf(id).(*types.Var)
		return v
	}
	addParams := func(ft *ast.FuncType, recv *ast.FieldList) {
		for _, fl := range []*ast.FieldList{recv, ft.Params} {
			if fl == nil {
				continue
			}
			for _, f := range fl.List {
				for _, n := range f.Names {
					if v, ok := info.Defs[n].(*types.Var); ok {
						s.params[v] = true
					}
				}
			}
		}
		if ft.Results != nil {
			for _, f := range ft.Results.List {
				for _, n := range f.Names {
					if v, ok := info.Defs[n].(*types.Var); ok {
						s.declared[v] = true // named results start nil
					}
				}
			}
		}
	}
	assign := func(lhs, rhs []ast.Expr, define bool) {
		for i, l := range lhs {
			v := varOf(l)
			if v == nil {
				continue
			}
			if define {
				s.declared[v] = true
			}
			switch {
			case len(lhs) == len(rhs):
				s.sources[v] = append(s.sources[v], source{expr: rhs[i]})
			case len(rhs) == 1:
				if call, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
					s.sources[v] = append(s.sources[v], source{call: call, idx: i})
				} else {
					s.sources[v] = append(s.sources[v], source{expr: rhs[0], idx: i})
				}
			}
		}
	}
	for _, file := range s.pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FuncDecl:
				addParams(n.Type, n.Recv)
				if fn, ok := info.Defs[n.Name].(*types.Func); ok && n.Body != nil {
					s.funcs[fn] = &body{node: n, sig: fn.Signature(), ret: &Set{}, pan: &Set{}}
					s.order = append(s.order, fn)
				}
			case *ast.FuncLit:
				addParams(n.Type, nil)
			case *ast.AssignStmt:
				if n.Tok == token.ASSIGN || n.Tok == token.DEFINE {
					assign(n.Lhs, n.Rhs, n.Tok == token.DEFINE)
				} else {
					for _, l := range n.Lhs {
						if v := varOf(l); v != nil {
							s.escaped[v] = true
						}
					}
				}
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				assign(lhs, n.Values, true)
			case *ast.UnaryExpr:
				if n.Op == token.AND {
					if v := varOf(n.X); v != nil {
						s.escaped[v] = true
					}
				}
			case *ast.RangeStmt:
				for _, e := range []ast.Expr{n.Key, n.Value} {
					if v := varOf(e); v != nil {
						s.escaped[v] = true
					}
				}
			}
			return true
		})
	}
}

// maxRounds bounds the fixed-point iteration; the sets only grow, and
// each round adds at least one name or reason, so this is only a guard.
const maxRounds = 64

// solve computes every func's sets together: the package's funcs may
// call each other, recursively too.
func (s *solver) solve() {
	for range maxRounds {
		changed := false
		for _, fn := range s.order {
			b := s.funcs[fn]
			ret, pan := s.compute(b.node, b.sig)
			if !ret.equal(b.ret) || !pan.equal(b.pan) {
				b.ret, b.pan, changed = ret, pan, true
			}
		}
		if !changed {
			return
		}
	}
	for _, fn := range s.order {
		s.funcs[fn].ret.open("recursion faasvet did not finish following")
	}
}

// compute evaluates one func's returns and panics with the current sets
// of the funcs it calls.
func (s *solver) compute(node ast.Node, sig *types.Signature) (ret, pan *Set) {
	ret, pan = &Set{}, &Set{}
	var root *ast.BlockStmt
	switch n := node.(type) {
	case *ast.FuncDecl:
		root = n.Body
	case *ast.FuncLit:
		root = n.Body
	}
	errIdx := errorResult(sig)
	ast.Inspect(root, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncLit:
			return false // its returns are its own
		case *ast.ReturnStmt:
			if errIdx < 0 {
				return true
			}
			switch {
			case len(n.Results) == 0:
				if v := sig.Results().At(errIdx); v.Name() != "" {
					s.variable(v, ret, 0)
				}
			case len(n.Results) == sig.Results().Len():
				s.expr(n.Results[errIdx], ret, 0)
			case len(n.Results) == 1:
				if call, ok := ast.Unparen(n.Results[0]).(*ast.CallExpr); ok {
					s.callResult(call, errIdx, ret)
				}
			}
		case *ast.CallExpr:
			if id, ok := ast.Unparen(n.Fun).(*ast.Ident); ok && len(n.Args) == 1 {
				if b, ok := s.pass.TypesInfo.Uses[id].(*types.Builtin); ok && b.Name() == "panic" {
					s.expr(n.Args[0], pan, 0)
					return true
				}
			}
			if fn := typeutil.StaticCallee(s.pass.TypesInfo, n); fn != nil {
				fn = fn.Origin()
				if b := s.funcs[fn]; b != nil {
					pan.union(b.pan)
				} else if fn.Pkg() != nil && fn.Pkg() != s.pass.Pkg {
					var f ErrorsFact
					if s.pass.ImportObjectFact(fn, &f) {
						for _, p := range f.Panics {
							pan.add(p)
						}
					}
				}
			}
		}
		return true
	})
	return ret, pan
}

// errorResult is the index of a signature's error result, the last
// result that implements error, or -1.
func errorResult(sig *types.Signature) int {
	res := sig.Results()
	for i := res.Len() - 1; i >= 0; i-- {
		if types.Implements(res.At(i).Type(), errorIface) {
			return i
		}
	}
	return -1
}

var errorIface = types.Universe.Lookup("error").Type().Underlying().(*types.Interface)

// maxDepth bounds how far a value is followed through variables.
const maxDepth = 32

// expr adds the names of the dynamic types e may have to set.
func (s *solver) expr(e ast.Expr, set *Set, depth int) {
	info := s.pass.TypesInfo
	e = ast.Unparen(e)
	tv, ok := info.Types[e]
	if !ok {
		set.open("an expression faasvet has no type for")
		return
	}
	if tv.IsNil() {
		return
	}
	if !types.IsInterface(tv.Type) {
		s.concrete(e, tv.Type, set)
		return
	}
	if depth > maxDepth {
		set.open("a value passed through too many variables")
		return
	}
	switch e := e.(type) {
	case *ast.CallExpr:
		if conv, ok := info.Types[e.Fun]; ok && conv.IsType() && len(e.Args) == 1 {
			s.expr(e.Args[0], set, depth+1) // error(x)
			return
		}
		s.callResult(e, 0, set)
	case *ast.Ident:
		if v, ok := info.Uses[e].(*types.Var); ok {
			s.variable(v, set, depth)
			return
		}
		set.open(fmt.Sprintf("%s, which faasvet cannot follow", e.Name))
	case *ast.SelectorExpr:
		if v, ok := info.Uses[e.Sel].(*types.Var); ok && !v.IsField() {
			s.variable(v, set, depth) // pkg.ErrSomething
			return
		}
		set.open(fmt.Sprintf("%s, a field", types.ExprString(e)))
	default:
		set.open(fmt.Sprintf("%s, which faasvet cannot follow", types.ExprString(e)))
	}
}

// concrete adds the name aws-lambda-go reports for a value of the
// concrete type t: reflect's Name, one pointer stripped.
func (s *solver) concrete(e ast.Expr, t types.Type, set *Set) {
	t = types.Default(types.Unalias(t))
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	} else if isInvokeError(t) {
		// aws-lambda-go reports a messages.InvokeResponse_Error value as
		// it is: its Type field is the errorType.
		if name, ok := invokeErrorType(s.pass.TypesInfo, e); ok {
			set.add(name)
			return
		}
		set.open("a messages.InvokeResponse_Error whose Type faasvet cannot read")
		return
	}
	switch t := t.(type) {
	case *types.Named:
		if t.TypeArgs().Len() > 0 {
			set.open("an instantiated generic error type " + t.Obj().Name())
			return
		}
		set.add(t.Obj().Name())
	case *types.Basic:
		set.add(t.Name())
	default:
		set.open("an error of the unnamed type " + types.TypeString(t, nil))
	}
}

const messagesPath = "github.com/aws/aws-lambda-go/lambda/messages"

func isInvokeError(t types.Type) bool {
	n, ok := t.(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == messagesPath && n.Obj().Name() == "InvokeResponse_Error"
}

// invokeErrorType reads the Type of a messages.InvokeResponse_Error
// composite literal, when it is a constant.
func invokeErrorType(info *types.Info, e ast.Expr) (string, bool) {
	lit, ok := ast.Unparen(e).(*ast.CompositeLit)
	if !ok {
		return "", false
	}
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := kv.Key.(*ast.Ident); ok && k.Name == "Type" {
			if tv := info.Types[kv.Value]; tv.Value != nil && tv.Value.Kind() == constant.String {
				return constant.StringVal(tv.Value), true
			}
			return "", false
		}
	}
	return "", true // Type unset: the errorType is ""
}

// variable adds the values a variable may hold.
func (s *solver) variable(v *types.Var, set *Set, depth int) {
	if v.Pkg() != nil && v.Pkg() != s.pass.Pkg {
		var f ErrorsFact
		if s.pass.ImportObjectFact(v, &f) {
			set.union(&f.Returns)
			return
		}
		set.open(fmt.Sprintf("%s.%s, a variable of a package faasvet did not analyse", v.Pkg().Name(), v.Name()))
		return
	}
	switch {
	case s.escaped[v]:
		set.open(fmt.Sprintf("%s, whose address is taken or that is assigned in a way faasvet does not follow", v.Name()))
		return
	case s.params[v]:
		set.open(fmt.Sprintf("the parameter %s", v.Name()))
		return
	case !s.declared[v]:
		set.open(fmt.Sprintf("%s, which faasvet cannot follow", v.Name()))
		return
	}
	if s.seen == nil {
		s.seen = map[*types.Var]bool{}
	}
	if s.seen[v] {
		return // a cycle among variables adds nothing new
	}
	s.seen[v] = true
	defer delete(s.seen, v)
	for _, src := range s.sources[v] {
		if src.call != nil {
			s.callResult(src.call, src.idx, set)
		} else if src.idx == 0 {
			s.expr(src.expr, set, depth+1)
		} else {
			set.open(fmt.Sprintf("%s, assigned from %s", v.Name(), types.ExprString(src.expr)))
		}
	}
}

// callResult adds what result idx of call may hold.
func (s *solver) callResult(call *ast.CallExpr, idx int, set *Set) {
	info := s.pass.TypesInfo
	var rt types.Type
	switch t := info.TypeOf(call).(type) {
	case *types.Tuple:
		if idx < t.Len() {
			rt = t.At(idx).Type()
		}
	default:
		rt = t
	}
	if rt == nil {
		set.open("a call faasvet has no type for")
		return
	}
	if !types.IsInterface(rt) {
		s.concrete(call, rt, set)
		return
	}
	fn := typeutil.StaticCallee(info, call)
	if fn == nil {
		set.open(fmt.Sprintf("the error of %s, a call through an interface or a func value", types.ExprString(call.Fun)))
		return
	}
	fn = fn.Origin()
	if fn.Pkg() != nil {
		switch fn.Pkg().Path() + "." + fn.Name() {
		case "errors.New":
			set.add("errorString")
			return
		case "errors.Join":
			set.add("joinError")
			return
		case "fmt.Errorf":
			s.errorf(call, set)
			return
		}
	}
	if b := s.funcs[fn]; b != nil {
		set.union(b.ret)
		return
	}
	var f ErrorsFact
	if fn.Pkg() != nil && fn.Pkg() != s.pass.Pkg && s.pass.ImportObjectFact(fn, &f) {
		set.union(&f.Returns)
		return
	}
	set.open(fmt.Sprintf("the error that %s returns", funcName(fn)))
}

// errorf adds what fmt.Errorf returns: *errors.errorString without %w,
// *fmt.wrapError with one, *fmt.wrapErrors with more.
func (s *solver) errorf(call *ast.CallExpr, set *Set) {
	if len(call.Args) == 0 {
		return
	}
	tv := s.pass.TypesInfo.Types[call.Args[0]]
	if tv.Value == nil || tv.Value.Kind() != constant.String {
		set.add("errorString")
		set.add("wrapError")
		set.add("wrapErrors")
		return
	}
	switch wrapVerbs(constant.StringVal(tv.Value)) {
	case 0:
		set.add("errorString")
	case 1:
		set.add("wrapError")
	default:
		set.add("wrapErrors")
	}
}

// wrapVerbs counts the %w verbs of a format.
func wrapVerbs(format string) int {
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.*[]", format[j]) >= 0 {
			j++
		}
		if j < len(format) && format[j] == 'w' {
			n++
		}
		i = j
	}
	return n
}

func funcName(fn *types.Func) string {
	name := fn.Name()
	if recv := fn.Signature().Recv(); recv != nil {
		t := recv.Type()
		if p, ok := t.(*types.Pointer); ok {
			t = p.Elem()
		}
		if n, ok := types.Unalias(t).(*types.Named); ok {
			name = n.Obj().Name() + "." + name
		}
	}
	if fn.Pkg() != nil {
		name = fn.Pkg().Name() + "." + name
	}
	return name
}

// export records a fact for every func with an error result or panics,
// and for every package-level variable of an interface type.
func (s *solver) export() {
	for _, fn := range s.order {
		b := s.funcs[fn]
		if errorResult(b.sig) < 0 && len(b.pan.Names) == 0 {
			continue
		}
		s.pass.ExportObjectFact(fn, &ErrorsFact{Returns: *b.ret, Panics: b.pan.Names})
	}
	scope := s.pass.Pkg.Scope()
	for _, name := range scope.Names() {
		v, ok := scope.Lookup(name).(*types.Var)
		if !ok || !types.IsInterface(v.Type()) || !types.Implements(v.Type(), errorIface) {
			continue
		}
		set := &Set{}
		s.variable(v, set, 0)
		s.pass.ExportObjectFact(v, &ErrorsFact{Returns: *set})
	}
}

// handler is the set of one handler: its func's, or a literal's.
func (s *solver) handler(fn *handler.Function) *Set {
	out := &Set{}
	switch {
	case fn.Handler != nil:
		h := fn.Handler.Origin()
		if b := s.funcs[h]; b != nil {
			out.union(b.ret)
			out.union(b.pan)
			return out
		}
		var f ErrorsFact
		if h.Pkg() != nil && h.Pkg() != s.pass.Pkg && s.pass.ImportObjectFact(h, &f) {
			out.union(&f.Returns)
			for _, p := range f.Panics {
				out.add(p)
			}
			return out
		}
		out.open(fmt.Sprintf("the handler %s, whose body faasvet cannot see", funcName(h)))
		return out
	case fn.HandlerAt.IsValid():
		var lit *ast.FuncLit
		for _, file := range s.pass.Files {
			if file.FileStart <= fn.HandlerAt && fn.HandlerAt < file.FileEnd {
				ast.Inspect(file, func(n ast.Node) bool {
					if l, ok := n.(*ast.FuncLit); ok && l.Pos() == fn.HandlerAt {
						lit = l
					}
					return lit == nil
				})
			}
		}
		if lit != nil {
			if sig, ok := s.pass.TypesInfo.TypeOf(lit).(*types.Signature); ok {
				ret, pan := s.compute(lit, sig)
				out.union(ret)
				out.union(pan)
				return out
			}
		}
	}
	out.open("a handler value faasvet cannot follow")
	return out
}
