package consumer

import (
	"go/ast"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// A fnInfo is a function of the package with a body: a declaration or a
// literal.
type fnInfo struct {
	node   ast.Node    // *ast.FuncDecl or *ast.FuncLit
	obj    *types.Func // declarations only
	sig    *types.Signature
	parent *fnInfo // the function a literal is written in
	// nested are the literals written directly in this function, refs
	// the declared functions and methods that its body names.
	nested  []*fnInfo
	refs    []*fnInfo
	returns []*ast.ReturnStmt
}

func (f *fnInfo) params() *types.Tuple { return f.sig.Params() }

// A callSite is a call of a function of the package.
type callSite struct {
	call   *ast.CallExpr
	caller *fnInfo
	callee *fnInfo
	shift  int // 1 for a method expression T.m(recv, args...)
	// subst maps the callee's type parameters to this call's type
	// arguments.
	subst map[*types.TypeParam]types.Type
}

// A decodeSite is a call that decodes JSON.
type decodeSite struct {
	fn     *fnInfo
	call   *ast.CallExpr
	codec  string
	data   ast.Expr // the JSON: []byte, string or io.Reader; nil for a Decoder we cannot trace
	target ast.Expr // what it is decoded into
	event  bool     // data is a CloudEvent (DataAs)
	reader bool     // data is the reader given to json.NewDecoder
}

// An assign is one value given to a local variable.
type assign struct {
	fn  *fnInfo
	rhs ast.Expr
	idx int // the result index when rhs is a call with several results; -1 otherwise
}

// index holds what the tracer needs of the whole package, built in one
// walk over the shared inspector.
type index struct {
	pass    *analysis.Pass
	info    *types.Info
	known   map[*types.Var]Envelope
	decls   map[*types.Func]*fnInfo
	lits    map[*ast.FuncLit]*fnInfo
	litAt   map[token.Pos]*fnInfo
	params  map[*types.Var]paramRef
	assigns map[*types.Var][]assign
	callers map[*fnInfo][]*callSite // by callee
	callAt  map[token.Pos]*ast.CallExpr
	decodes []*decodeSite
	owner   map[*types.TypeParam]*fnInfo // the generic function or method that declares a type parameter
}

type paramRef struct {
	fn *fnInfo
	i  int
}

func newIndex(pass *analysis.Pass, insp *inspector.Inspector) *index {
	ix := &index{
		pass:    pass,
		info:    pass.TypesInfo,
		known:   knownFields(pass.Pkg),
		decls:   map[*types.Func]*fnInfo{},
		lits:    map[*ast.FuncLit]*fnInfo{},
		litAt:   map[token.Pos]*fnInfo{},
		params:  map[*types.Var]paramRef{},
		assigns: map[*types.Var][]assign{},
		callers: map[*fnInfo][]*callSite{},
		callAt:  map[token.Pos]*ast.CallExpr{},
		owner:   map[*types.TypeParam]*fnInfo{},
	}
	tests := map[*ast.File]bool{}
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
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, ok := ix.info.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			fi := &fnInfo{node: fd, obj: obj, sig: obj.Signature()}
			ix.decls[obj] = fi
			ix.addParams(fi)
			for tp := range fi.sig.TypeParams().TypeParams() {
				ix.owner[tp] = fi
			}
			for tp := range fi.sig.RecvTypeParams().TypeParams() {
				ix.owner[tp] = fi
			}
		}
	}
	var pending []*callSite // callees bound after the walk
	filter := []ast.Node{
		(*ast.FuncLit)(nil), (*ast.Ident)(nil), (*ast.ReturnStmt)(nil),
		(*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil), (*ast.CallExpr)(nil),
	}
	insp.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		if f, ok := stack[0].(*ast.File); ok && tests[f] {
			return false
		}
		cur := ix.enclosing(stack[:len(stack)-1])
		switch n := n.(type) {
		case *ast.FuncLit:
			sig, ok := ix.info.TypeOf(n).(*types.Signature)
			if !ok {
				return false
			}
			fi := &fnInfo{node: n, sig: sig, parent: cur}
			ix.lits[n] = fi
			ix.litAt[n.Pos()] = fi
			ix.addParams(fi)
			if cur != nil {
				cur.nested = append(cur.nested, fi)
			}
		case *ast.Ident:
			if cur == nil {
				return true
			}
			if fn, ok := ix.info.Uses[n].(*types.Func); ok {
				if callee := ix.decls[fn.Origin()]; callee != nil {
					cur.refs = append(cur.refs, callee)
				}
			}
		case *ast.ReturnStmt:
			if cur != nil {
				cur.returns = append(cur.returns, n)
			}
		case *ast.AssignStmt:
			if n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
				return true
			}
			ix.record(cur, n.Lhs, n.Rhs)
		case *ast.ValueSpec:
			lhs := make([]ast.Expr, len(n.Names))
			for i, id := range n.Names {
				lhs[i] = id
			}
			ix.record(cur, lhs, n.Values)
		case *ast.CallExpr:
			if _, ok := ix.callAt[n.Pos()]; !ok {
				ix.callAt[n.Pos()] = n
			}
			if cur == nil {
				return true
			}
			if cs := ix.callSite(cur, n); cs != nil {
				pending = append(pending, cs)
			}
			if d := ix.decodeSite(cur, n); d != nil {
				ix.decodes = append(ix.decodes, d)
			}
		}
		return true
	})
	for _, cs := range pending {
		if cs.callee == nil {
			cs.callee, cs.subst = ix.localCallee(cs.call.Fun)
		}
		if cs.callee != nil {
			ix.callers[cs.callee] = append(ix.callers[cs.callee], cs)
		}
	}
	return ix
}

// enclosing returns the innermost function of the stack.
func (ix *index) enclosing(stack []ast.Node) *fnInfo {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncLit:
			return ix.lits[n]
		case *ast.FuncDecl:
			if obj, ok := ix.info.Defs[n.Name].(*types.Func); ok {
				return ix.decls[obj]
			}
			return nil
		}
	}
	return nil
}

func (ix *index) addParams(fi *fnInfo) {
	for i := range fi.sig.Params().Len() {
		ix.params[fi.sig.Params().At(i)] = paramRef{fi, i}
	}
}

// record notes the values assigned to local variables.
func (ix *index) record(fn *fnInfo, lhs, rhs []ast.Expr) {
	if fn == nil {
		return
	}
	for i, l := range lhs {
		id, ok := l.(*ast.Ident)
		if !ok || id.Name == "_" {
			continue
		}
		v, ok := ix.info.ObjectOf(id).(*types.Var)
		if !ok || v.IsField() {
			continue
		}
		switch {
		case len(lhs) == len(rhs):
			ix.assigns[v] = append(ix.assigns[v], assign{fn, rhs[i], -1})
		case len(rhs) == 1:
			if _, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
				ix.assigns[v] = append(ix.assigns[v], assign{fn, rhs[0], i})
			} else if i == 0 { // v, ok := x.(T), m[k], <-c
				ix.assigns[v] = append(ix.assigns[v], assign{fn, rhs[0], -1})
			}
		}
	}
}

// callSite makes the call site of a call of a declared function of the
// package; literals bound to variables are resolved after the walk.
func (ix *index) callSite(caller *fnInfo, call *ast.CallExpr) *callSite {
	if tv, ok := ix.info.Types[call.Fun]; ok && tv.IsType() {
		return nil // a conversion
	}
	cs := &callSite{call: call, caller: caller}
	fn, ok := typeutil.Callee(ix.info, call).(*types.Func)
	if !ok {
		if _, isLit := ast.Unparen(call.Fun).(*ast.FuncLit); isLit || isIdent(call.Fun) {
			return cs // maybe a literal
		}
		return nil
	}
	callee := ix.decls[fn.Origin()]
	if callee == nil {
		return nil
	}
	cs.callee = callee
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
		if s, ok := ix.info.Selections[sel]; ok && s.Kind() == types.MethodExpr {
			cs.shift = 1
		}
	}
	cs.subst = ix.instance(call.Fun, fn)
	return cs
}

func isIdent(e ast.Expr) bool {
	_, ok := ast.Unparen(e).(*ast.Ident)
	return ok
}

// instance maps the type parameters of fn's declaration to the type
// arguments of one use of it.
func (ix *index) instance(fun ast.Expr, fn *types.Func) map[*types.TypeParam]types.Type {
	origin := fn.Origin()
	m := map[*types.TypeParam]types.Type{}
	if tps := origin.Signature().TypeParams(); tps.Len() > 0 {
		if id := calleeIdent(fun); id != nil {
			if inst, ok := ix.info.Instances[id]; ok && inst.TypeArgs.Len() == tps.Len() {
				for i := range tps.Len() {
					m[tps.At(i)] = inst.TypeArgs.At(i)
				}
			}
		}
	}
	if rtps := origin.Signature().RecvTypeParams(); rtps.Len() > 0 && fn.Signature().Recv() != nil {
		if n := named(deref(fn.Signature().Recv().Type())); n != nil && n.TypeArgs().Len() == rtps.Len() {
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

// calleeIdent is the identifier that names the function in a call's Fun.
func calleeIdent(e ast.Expr) *ast.Ident {
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

// localCallee resolves a call of a function value: a literal written in
// place, or a variable assigned once to a literal or to a function of the
// package (f := decode[Order]), with the type arguments of that use.
func (ix *index) localCallee(fun ast.Expr) (*fnInfo, map[*types.TypeParam]types.Type) {
	switch x := ast.Unparen(fun).(type) {
	case *ast.FuncLit:
		return ix.lits[x], nil
	case *ast.Ident:
		v, ok := ix.info.Uses[x].(*types.Var)
		if !ok || len(ix.assigns[v]) != 1 || ix.assigns[v][0].idx >= 0 {
			return nil, nil
		}
		rhs := ast.Unparen(ix.assigns[v][0].rhs)
		if lit, ok := rhs.(*ast.FuncLit); ok {
			return ix.lits[lit], nil
		}
		if f := funcOf(ix.info, rhs); f != nil {
			if callee := ix.decls[f.Origin()]; callee != nil {
				return callee, ix.instance(rhs, f)
			}
		}
	}
	return nil, nil
}

// jsonPackages are encoding/json and the drop-in replacements with its
// API and semantics.
var jsonPackages = map[string]bool{
	jsonPath:                             true,
	"github.com/goccy/go-json":           true,
	"github.com/segmentio/encoding/json": true,
	"github.com/json-iterator/go":        true,
}

// decodeSite recognises the calls that decode JSON: json.Unmarshal,
// (*json.Decoder).Decode, cloudevents Event.DataAs and protojson.Unmarshal.
func (ix *index) decodeSite(fn *fnInfo, call *ast.CallExpr) *decodeSite {
	callee, ok := typeutil.Callee(ix.info, call).(*types.Func)
	if !ok || callee.Pkg() == nil || call.Ellipsis.IsValid() {
		return nil
	}
	path, name := callee.Pkg().Path(), callee.Name()
	recv := callee.Signature().Recv()
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	d := &decodeSite{fn: fn, call: call, codec: codecJSON}
	switch {
	case jsonPackages[path] && name == "Unmarshal" && len(call.Args) == 2:
		d.data, d.target = call.Args[0], call.Args[1]
	case jsonPackages[path] && name == "Decode" && recv != nil && isNamed(recv.Type(), path, "Decoder") && len(call.Args) == 1 && sel != nil:
		d.target = call.Args[0]
		d.data = ix.decoderSource(sel.X, 0)
		d.reader = true
	case path == ceEventPath && name == "DataAs" && recv != nil && len(call.Args) == 1 && sel != nil:
		d.data, d.target, d.event = sel.X, call.Args[0], true
	case path == protojsonPath && name == "Unmarshal" && len(call.Args) == 2:
		d.data, d.target, d.codec = call.Args[0], call.Args[1], codecProtoJSON
	default:
		return nil
	}
	return d
}

// decoderSource finds the reader of a json.Decoder: the argument of the
// json.NewDecoder call that made it, through local variables.
func (ix *index) decoderSource(e ast.Expr, depth int) ast.Expr {
	if depth > 4 {
		return nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if f, ok := typeutil.Callee(ix.info, x).(*types.Func); ok && f.Pkg() != nil && jsonPackages[f.Pkg().Path()] &&
			f.Name() == "NewDecoder" && len(x.Args) == 1 {
			return x.Args[0]
		}
	case *ast.Ident:
		v, ok := ix.info.Uses[x].(*types.Var)
		if !ok || len(ix.assigns[v]) != 1 || ix.assigns[v][0].idx >= 0 {
			return nil
		}
		return ix.decoderSource(ix.assigns[v][0].rhs, depth+1)
	}
	return nil
}
