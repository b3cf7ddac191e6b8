package sdkroute

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/types/typeutil"
)

// An index is what one inspector pass over the package records, so that
// the walks and resolutions after it never traverse the syntax again.
type index struct {
	pass *analysis.Pass
	info *types.Info

	fns   []*fnInfo                  // containers in source order
	decls map[*types.Func]*fnInfo    // declared funcs and methods
	lits  map[token.Pos]*ast.FuncLit // every func literal, by position
	anyOp bool

	// assigns holds every assignment to a variable (declarations with a
	// value, =, :=); a range variable or a declaration without a value
	// has none.
	assigns map[*types.Var][]assign
	// addrTaken are the variables whose address is taken: something
	// else may write them (flag.StringVar(&v, ...)).
	addrTaken map[*types.Var]bool
	// fieldVals holds the values given to fields of this package's struct
	// types, in composite literals and in x.f = v assignments.
	fieldVals map[*types.Var][]ast.Expr
	// selAssigns holds v.f = e for a variable v.
	selAssigns map[varField][]ast.Expr
	// methodCalls holds the calls v.M(...) with v a variable, by v.
	methodCalls map[*types.Var][]*ast.CallExpr
	// results holds the variables a call's results are assigned to.
	results map[*ast.CallExpr][]*types.Var
	// encodes holds json.NewEncoder(w).Encode(v) calls; encodedInto maps
	// the variable behind w to the encoded values once the pass is done.
	encodes     []*ast.CallExpr
	encodedInto map[*types.Var][]ast.Expr
	// decodes holds the JSON decodes that may read a callee's answer.
	decodes []*decode
	// returns holds the return statements of each declared func.
	returns map[*fnInfo][]*ast.ReturnStmt
	// callers counts the static calls of each func within the package.
	callers map[*fnInfo]int
	// paramOf names the func of each parameter, for messages.
	paramOf map[*types.Var]string
	// doCalls are the (*http.Client).Do calls, which send a request.
	doCalls []*ast.CallExpr
	// steps counts the work of the current resolution (see tick).
	steps int

	// syms are the stand-ins for parameters and receiver fields of a
	// func being summarised (fact.go); symFields the receiver fields'.
	syms      map[ast.Expr]sym
	symFields map[string]ast.Expr
	// fixed are stand-ins for values another package's fact gives (a
	// constructor's field set from a constant or the environment).
	fixed map[ast.Expr]strv
	// pkgs indexes the packages the pass can see, by path, once needed;
	// factsByName the summarised methods of imported packages, by name.
	pkgs        map[string]*types.Package
	factsByName map[string][]*types.Func
	// methods are this package's methods with a body, by name, once an
	// interface call needs them (dispatch.go).
	methods map[string][]*fnInfo
	// errPath are the returns inside if err != nil { ... } blocks, and
	// checkedErrs the error variables such blocks test (liveReturns).
	errPath     map[*ast.ReturnStmt]bool
	checkedErrs map[*types.Var]bool
	// envPrefix is the envconfig.Process prefix, once looked for.
	envPrefix   *string
	envPrefixOK bool
}

// An assign is one value assigned to a variable: rhs, or result index of
// the multi-value call rhs.
type assign struct {
	rhs   ast.Expr
	index int // -1 for a single value
	// rng, for the value variable of a range over a slice or array, is
	// the ranged expression: the variable takes each of its elements.
	rng ast.Expr
}

type varField struct {
	v     *types.Var
	field string
}

// A fnInfo is a container of calls: a declared func, or a func literal
// outside any declaration (a package-level var).
type fnInfo struct {
	obj   *types.Func // nil for a literal
	decl  *ast.FuncDecl
	lit   *ast.FuncLit
	sites []*site
	// reaches is set when an SDK call is in the body or in a func that it
	// calls statically.
	reaches bool
}

func (fi *fnInfo) node() ast.Node {
	if fi.decl != nil {
		return fi.decl
	}
	return fi.lit
}

func (fi *fnInfo) fullName() string {
	if fi.obj != nil {
		return fi.obj.FullName()
	}
	return ""
}

// A site is a call in a container: an SDK operation, a static call of a
// same-package func with a body, or a call of another package's func
// whose fact summarises the sends it makes.
type site struct {
	call    *ast.CallExpr
	op      *op
	callee  *fnInfo
	in      *fnInfo
	ext     *types.Func // the other package's func, with summary
	summary *SendsFact
	// A call of an interface method (iface) may run any implementation:
	// impls are this package's methods that implement it and reach an
	// SDK call, exts the other packages' that have a summary
	// (class-hierarchy analysis, dispatch.go). tooMany is set, with no
	// candidates, when there are more than maxImpls.
	iface   *types.Func
	impls   []*fnInfo
	exts    []extImpl
	tooMany int
}

// An extImpl is a method of another package with its summary.
type extImpl struct {
	fn *types.Func
	f  *SendsFact
}

// A decode is a JSON decode: json.Unmarshal(data, target),
// json.NewDecoder(data).Decode(target), or event.DataAs(target) with data
// the event.
type decode struct {
	call   *ast.CallExpr
	data   ast.Expr
	target ast.Expr
}

func newIndex(pass *analysis.Pass) *index {
	return &index{
		pass:        pass,
		info:        pass.TypesInfo,
		decls:       map[*types.Func]*fnInfo{},
		lits:        map[token.Pos]*ast.FuncLit{},
		assigns:     map[*types.Var][]assign{},
		addrTaken:   map[*types.Var]bool{},
		fieldVals:   map[*types.Var][]ast.Expr{},
		selAssigns:  map[varField][]ast.Expr{},
		methodCalls: map[*types.Var][]*ast.CallExpr{},
		results:     map[*ast.CallExpr][]*types.Var{},
		encodedInto: map[*types.Var][]ast.Expr{},
		returns:     map[*fnInfo][]*ast.ReturnStmt{},
		callers:     map[*fnInfo]int{},
		paramOf:     map[*types.Var]string{},
	}
}

func (x *index) inTestFile(n ast.Node) bool {
	return strings.HasSuffix(x.pass.Fset.File(n.Pos()).Name(), "_test.go")
}

// build makes the index in one pass. Calls are classified after the pass,
// when every declaration is known.
func (x *index) build(insp *inspector.Inspector) {
	filter := []ast.Node{
		(*ast.FuncDecl)(nil), (*ast.FuncLit)(nil), (*ast.AssignStmt)(nil), (*ast.ValueSpec)(nil),
		(*ast.CallExpr)(nil), (*ast.CompositeLit)(nil), (*ast.UnaryExpr)(nil), (*ast.ReturnStmt)(nil),
		(*ast.IfStmt)(nil), (*ast.RangeStmt)(nil),
	}
	containers := map[ast.Node]*fnInfo{}
	tests := map[ast.Node]bool{}
	for _, f := range x.pass.Files {
		if x.inTestFile(f) {
			tests[f] = true
		}
	}
	var calls []*site
	insp.WithStack(filter, func(n ast.Node, push bool, stack []ast.Node) bool {
		if !push {
			return true
		}
		if len(stack) > 0 && tests[stack[0]] {
			return false // tests send to fakes: not routes
		}
		switch n := n.(type) {
		case *ast.FuncDecl:
			fi := &fnInfo{decl: n}
			if fn, ok := x.info.Defs[n.Name].(*types.Func); ok {
				fi.obj = fn
				x.decls[fn] = fi
			}
			containers[n] = fi
			x.fns = append(x.fns, fi)
			x.params(n.Recv, n.Name.Name)
			x.params(n.Type.Params, n.Name.Name)
		case *ast.FuncLit:
			x.lits[n.Pos()] = n
			x.params(n.Type.Params, "a func literal")
			if containerOf(stack) == nil { // outside any declaration
				fi := &fnInfo{lit: n}
				containers[n] = fi
				x.fns = append(x.fns, fi)
			}
		case *ast.AssignStmt:
			x.assignStmt(n)
		case *ast.ValueSpec:
			for i, name := range n.Names {
				v, ok := x.info.Defs[name].(*types.Var)
				if !ok {
					continue
				}
				switch {
				case len(n.Values) == len(n.Names):
					x.addAssign(v, assign{rhs: n.Values[i], index: -1})
				case len(n.Values) == 1:
					x.addAssign(v, assign{rhs: n.Values[0], index: i})
				}
			}
		case *ast.CallExpr:
			if c := containerOf(stack); c != nil {
				calls = append(calls, &site{call: n, in: containers[c]})
			}
			x.callFacts(n)
		case *ast.CompositeLit:
			x.compositeLit(n)
		case *ast.UnaryExpr:
			if n.Op == token.AND && !inLiteral(n, stack) {
				if v := x.varOf(n.X); v != nil {
					x.addrTaken[v] = true
				}
			}
		case *ast.IfStmt:
			x.errCheck(n)
		case *ast.RangeStmt:
			x.rangeStmt(n)
		case *ast.ReturnStmt:
			if fd, ok := innermostFunc(stack).(*ast.FuncDecl); ok {
				if fi := containers[fd]; fi != nil {
					x.returns[fi] = append(x.returns[fi], n)
				}
			}
		}
		return true
	})
	for _, s := range calls {
		if s.in == nil {
			continue
		}
		if callee := x.staticCallee(s.call); callee != nil {
			s.callee = callee
			x.callers[callee]++
		} else if s.op = x.recognise(s.call); s.op != nil {
			x.anyOp = true
		} else if x.ifaceCall(s) {
			x.anyOp = x.anyOp || len(s.exts) > 0 || s.tooMany > 0
		} else if fn, f := x.summaryOf(s.call); f != nil {
			s.ext, s.summary = fn, f
			x.anyOp = true
		} else {
			continue
		}
		s.in.sites = append(s.in.sites, s)
	}
	for _, call := range x.encodes {
		w := ast.Expr(nil)
		switch recv := ast.Unparen(call.Fun.(*ast.SelectorExpr).X).(type) {
		case *ast.CallExpr: // json.NewEncoder(w).Encode(v)
			w = argAt(recv, 0)
		case *ast.Ident: // enc := json.NewEncoder(w); enc.Encode(v)
			if v := x.varOf(recv); v != nil {
				if as := x.assigns[v]; len(as) == 1 {
					if c, ok := ast.Unparen(as[0].rhs).(*ast.CallExpr); ok && x.isFunc(c, "NewEncoder", jsonPkgs...) {
						w = argAt(c, 0)
					}
				}
			}
		}
		if v := x.varOf(stripAddr(w)); v != nil && len(call.Args) == 1 {
			x.encodedInto[v] = append(x.encodedInto[v], call.Args[0])
		}
	}
	x.markReaches()
}

// inLiteral reports whether &v is a value in a composite literal
// (&sqs.SendMessageInput{QueueUrl: &url}): the SDKs read their inputs and
// never write through them, so that address does not let anything set v.
func inLiteral(n ast.Node, stack []ast.Node) bool {
	if len(stack) < 2 {
		return false
	}
	switch parent := stack[len(stack)-2].(type) {
	case *ast.KeyValueExpr:
		return parent.Value == n
	case *ast.CompositeLit:
		return true
	}
	return false
}

// containerOf returns the innermost FuncDecl on the stack, else the
// outermost FuncLit, else nil.
func containerOf(stack []ast.Node) ast.Node {
	var lit ast.Node
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncDecl:
			return n
		case *ast.FuncLit:
			lit = n
		}
	}
	return lit
}

func innermostFunc(stack []ast.Node) ast.Node {
	for i := len(stack) - 1; i >= 0; i-- {
		switch n := stack[i].(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return n
		}
	}
	return nil
}

func (x *index) params(fl *ast.FieldList, fn string) {
	if fl == nil {
		return
	}
	for _, f := range fl.List {
		for _, name := range f.Names {
			if v, ok := x.info.Defs[name].(*types.Var); ok {
				x.paramOf[v] = fn
			}
		}
	}
}

func (x *index) addAssign(v *types.Var, a assign) {
	x.assigns[v] = append(x.assigns[v], a)
}

func (x *index) assignStmt(n *ast.AssignStmt) {
	switch {
	case len(n.Lhs) == len(n.Rhs):
		for i, l := range n.Lhs {
			x.assignTo(l, n.Rhs[i], -1, n.Tok)
		}
	case len(n.Rhs) == 1:
		call, _ := ast.Unparen(n.Rhs[0]).(*ast.CallExpr)
		var vars []*types.Var
		for i, l := range n.Lhs {
			x.assignTo(l, n.Rhs[0], i, n.Tok)
			vars = append(vars, x.varOf(l))
		}
		if call != nil {
			x.results[call] = vars
		}
	}
}

// assignTo records lhs = rhs (or lhs = the index-th result of rhs).
func (x *index) assignTo(lhs, rhs ast.Expr, index int, tok token.Token) {
	if tok != token.ASSIGN && tok != token.DEFINE {
		if v := x.varOf(lhs); v != nil { // +=, and the like: computed
			x.addAssign(v, assign{index: -1})
		}
		return
	}
	switch l := ast.Unparen(lhs).(type) {
	case *ast.Ident:
		if v := x.varOf(l); v != nil {
			x.addAssign(v, assign{rhs: rhs, index: index})
			if call, ok := ast.Unparen(rhs).(*ast.CallExpr); ok && index < 0 {
				x.results[call] = []*types.Var{v}
			}
		}
	case *ast.SelectorExpr:
		sel, ok := x.info.Selections[l]
		if !ok || sel.Kind() != types.FieldVal {
			return
		}
		val := rhs
		if index >= 0 {
			val = nil // one result of a tuple: not followed
		}
		field := sel.Obj().(*types.Var)
		if field.Pkg() == x.pass.Pkg {
			x.fieldVals[field] = append(x.fieldVals[field], val)
		}
		if v := x.varOf(l.X); v != nil {
			k := varField{v, field.Name()}
			x.selAssigns[k] = append(x.selAssigns[k], val)
		}
	}
}

// compositeLit records the field values of this package's struct types.
func (x *index) compositeLit(n *ast.CompositeLit) {
	t := x.info.TypeOf(n)
	if t == nil {
		return
	}
	st, ok := t.Underlying().(*types.Struct)
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
			field, _ = x.info.Uses[id].(*types.Var)
			val = kv.Value
		} else if i < st.NumFields() {
			field = st.Field(i)
		}
		if field != nil && field.Pkg() == x.pass.Pkg {
			x.fieldVals[field] = append(x.fieldVals[field], val)
		}
	}
}

// callFacts records what a call tells about variables: method calls on
// them, JSON encodes and decodes.
func (x *index) callFacts(call *ast.CallExpr) {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		if x.isFunc(call, "Unmarshal", jsonPkgs...) && len(call.Args) == 2 {
			x.decodes = append(x.decodes, &decode{call: call, data: call.Args[0], target: call.Args[1]})
		}
		return
	}
	if v := x.varOf(sel.X); v != nil {
		x.methodCalls[v] = append(x.methodCalls[v], call)
	}
	fn, ok := typeutil.Callee(x.info, call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return
	}
	switch {
	case isJSONPkg(fn.Pkg().Path()) && fn.Name() == "Unmarshal" && len(call.Args) == 2:
		x.decodes = append(x.decodes, &decode{call: call, data: call.Args[0], target: call.Args[1]})
	case isJSONPkg(fn.Pkg().Path()) && fn.Name() == "Encode" && recvNamed(fn, "Encoder"):
		x.encodes = append(x.encodes, call)
	case isJSONPkg(fn.Pkg().Path()) && fn.Name() == "Decode" && recvNamed(fn, "Decoder") && len(call.Args) == 1:
		var data ast.Expr
		switch recv := ast.Unparen(sel.X).(type) {
		case *ast.CallExpr:
			if x.isFunc(recv, "NewDecoder", jsonPkgs...) {
				data = argAt(recv, 0)
			}
		default:
			data = recv // a decoder variable: followed when matched
		}
		x.decodes = append(x.decodes, &decode{call: call, data: data, target: call.Args[0]})
	case fn.Pkg().Path() == httpPath && fn.Name() == "Do" && recvNamed(fn, "Client") && len(call.Args) == 1:
		x.doCalls = append(x.doCalls, call)
	case fn.Pkg().Path() == ceEventPath && fn.Name() == "DataAs" && len(call.Args) == 1:
		x.decodes = append(x.decodes, &decode{call: call, data: sel.X, target: call.Args[0]})
	}
}

// staticCallee returns the same-package func with a body that call calls
// statically, or nil.
func (x *index) staticCallee(call *ast.CallExpr) *fnInfo {
	fn := typeutil.StaticCallee(x.info, call)
	if fn == nil || fn.Pkg() != x.pass.Pkg {
		return nil
	}
	fi := x.decls[fn.Origin()]
	if fi == nil || fi.decl.Body == nil {
		return nil
	}
	return fi
}

// markReaches finds the funcs from which an SDK call is reachable, so that
// walks skip the rest.
func (x *index) markReaches() {
	for _, fi := range x.fns {
		for _, s := range fi.sites {
			if s.op != nil || s.summary != nil || len(s.exts) > 0 || s.tooMany > 0 {
				fi.reaches = true
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fi := range x.fns {
			if fi.reaches {
				continue
			}
			for _, s := range fi.sites {
				if s.callee != nil && s.callee.reaches || slices.ContainsFunc(s.impls, func(i *fnInfo) bool { return i.reaches }) {
					fi.reaches, changed = true, true
					break
				}
			}
		}
	}
}

// varOf returns the variable an identifier expression denotes.
func (x *index) varOf(e ast.Expr) *types.Var {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return nil
	}
	v, _ := x.info.ObjectOf(id).(*types.Var)
	if v == nil || v.IsField() {
		return nil
	}
	return v
}

// isFunc reports whether call calls the package-level func name of one of
// the packages.
func (x *index) isFunc(call *ast.CallExpr, name string, pkgs ...string) bool {
	fn, ok := typeutil.Callee(x.info, call).(*types.Func)
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

func argAt(call *ast.CallExpr, i int) ast.Expr {
	if i < len(call.Args) {
		return call.Args[i]
	}
	return nil
}

func stripAddr(e ast.Expr) ast.Expr {
	if e == nil {
		return nil
	}
	if u, ok := ast.Unparen(e).(*ast.UnaryExpr); ok && u.Op == token.AND {
		return u.X
	}
	return e
}

// recvNamed reports whether fn is a method of the named type name (or a
// pointer to it).
func recvNamed(fn *types.Func, name string) bool {
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	n := namedOf(recv.Type())
	return n != nil && n.Obj().Name() == name
}

func namedOf(t types.Type) *types.Named {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = types.Unalias(p.Elem())
	}
	n, _ := t.(*types.Named)
	return n
}

// The encoding/json family: drop-in replacements encode the same JSON.
var jsonPkgs = []string{"encoding/json", "github.com/goccy/go-json"}

func isJSONPkg(path string) bool {
	for _, p := range jsonPkgs {
		if p == path {
			return true
		}
	}
	return false
}

// errCheck records if err != nil { ...; return ... }: the returns in the
// block are the error path, and err is checked.
func (x *index) errCheck(n *ast.IfStmt) {
	cond, ok := ast.Unparen(n.Cond).(*ast.BinaryExpr)
	if !ok || cond.Op != token.NEQ {
		return
	}
	if tv, ok := x.info.Types[cond.Y]; !ok || !tv.IsNil() {
		return
	}
	v := x.varOf(cond.X)
	if v == nil || !isErrorType(v.Type()) {
		return
	}
	if x.errPath == nil {
		x.errPath, x.checkedErrs = map[*ast.ReturnStmt]bool{}, map[*types.Var]bool{}
	}
	x.checkedErrs[v] = true
	ast.Inspect(n.Body, func(m ast.Node) bool {
		if _, lit := m.(*ast.FuncLit); lit {
			return false
		}
		if r, ok := m.(*ast.ReturnStmt); ok {
			x.errPath[r] = true
		}
		return true
	})
}

// rangeStmt records for _, v := range X over a slice or an array: v
// takes each element of X.
func (x *index) rangeStmt(n *ast.RangeStmt) {
	if n.Value == nil || n.Tok != token.DEFINE && n.Tok != token.ASSIGN {
		return
	}
	switch typeUnder(x.info.TypeOf(n.X)).(type) {
	case *types.Slice, *types.Array:
	default:
		return
	}
	if v := x.varOf(n.Value); v != nil {
		x.addAssign(v, assign{rng: n.X, index: -1})
	}
}
