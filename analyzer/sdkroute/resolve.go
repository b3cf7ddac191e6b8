package sdkroute

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// Resolution follows values through the package, context-sensitively: a
// frame binds the parameters of a func that the walk entered to the
// arguments of the call it entered it by, so that a helper's parameter
// resolves to what its caller passed.

// A frame is one entered func on the walk from a root.
type frame struct {
	fn     *fnInfo
	params map[*types.Var]bound
	parent *frame
	depth  int
}

// A bound is an expression in the frame that evaluates it; index is the
// result index when the expression is a multi-value call.
type bound struct {
	e     ast.Expr
	fr    *frame
	index int
}

// Bounds on the work of one resolution: a linter that runs on every
// package must not blow up on a pathological one.
const (
	maxSteps  = 4000 // resolution steps per call site and frame
	maxDepth  = 8    // same-package calls from a root
	maxFrames = 4000 // frames per package
	maxValues = 8    // candidate values of one expression
	maxElems  = 16   // entries of one batch
)

// bind makes the frame of callee entered by call from parent.
func (x *index) bind(callee *fnInfo, call *ast.CallExpr, parent *frame) *frame {
	fr := &frame{fn: callee, parent: parent, params: map[*types.Var]bound{}}
	if parent != nil {
		fr.depth = parent.depth + 1
	}
	d := callee.Decl
	if d == nil {
		return fr
	}
	if d.Recv != nil && len(d.Recv.List) == 1 && len(d.Recv.List[0].Names) == 1 {
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			if s, ok := x.info.Selections[sel]; ok && s.Kind() == types.MethodVal {
				if v, ok := x.info.Defs[d.Recv.List[0].Names[0]].(*types.Var); ok {
					fr.params[v] = bound{sel.X, parent, -1}
				}
			}
		}
	}
	var params []*ast.Ident // nil entries for unnamed parameters
	variadic := false
	for _, f := range d.Type.Params.List {
		if _, ok := f.Type.(*ast.Ellipsis); ok {
			variadic = true
		}
		if len(f.Names) == 0 {
			params = append(params, nil)
		}
		params = append(params, f.Names...)
	}
	n := len(params)
	if variadic && call.Ellipsis == token.NoPos {
		n-- // the variadic parameter is a slice of the rest: not followed
		if len(call.Args) < n {
			return fr
		}
	} else if len(call.Args) != len(params) {
		return fr // f(g()) with a multi-value g
	}
	for i := range n {
		if params[i] == nil {
			continue
		}
		if v, ok := x.info.Defs[params[i]].(*types.Var); ok {
			fr.params[v] = bound{call.Args[i], parent, -1}
		}
	}
	return fr
}

// bindRecv makes the frame of the method callee that an interface call
// runs on the receiver value recv.
func (x *index) bindRecv(callee *fnInfo, call *ast.CallExpr, parent *frame, recv bound) *frame {
	fr := x.bind(callee, call, parent)
	if d := callee.Decl; d.Recv != nil && len(d.Recv.List) == 1 && len(d.Recv.List[0].Names) == 1 {
		if v, ok := x.info.Defs[d.Recv.List[0].Names[0]].(*types.Var); ok {
			fr.params[v] = recv
		}
	}
	return fr
}

// tick counts a resolution step and reports when the budget is spent.
func (x *index) tick() bool {
	x.steps++
	return x.steps > maxSteps
}

// origins follows variables, parameters and fields to the expressions
// that define e's value. It returns e itself when e is no variable or
// field, and no bound but a reason when it cannot follow.
func (x *index) origins(b bound) ([]bound, string) {
	cands, why, ok := x.step(b)
	if !ok {
		return []bound{b}, ""
	}
	if cands == nil {
		return nil, why
	}
	return x.originsAll(cands)
}

// step follows a variable or a field one level, to the expressions
// assigned to it. ok is false when b is neither.
func (x *index) step(b bound) (cands []bound, why string, ok bool) {
	if x.tick() {
		return nil, "the expression is too deep to follow", true
	}
	switch e := ast.Unparen(b.e).(type) {
	case *ast.Ident:
		v := x.VarOf(e)
		if v == nil || b.index >= 0 {
			return nil, "", false
		}
		if b.fr != nil {
			if p, ok := b.fr.params[v]; ok {
				cands = append(cands, p)
			}
		}
		if x.AddrTaken[v] && isBasic(v.Type()) {
			return nil, fmt.Sprintf("variable %s has its address taken, so anything may set it", v.Name()), true
		}
		fr := b.fr
		if v.Parent() == x.pass.Pkg.Scope() {
			fr = nil
		}
		for _, a := range x.Assigns[v] {
			if a.Range != nil {
				// A range variable: each element of the ranged slice.
				els, why := x.elems(bound{a.Range, fr, -1})
				if els == nil {
					if why == "" {
						why = fmt.Sprintf("%s ranges over no entries that faasvet can see", v.Name())
					}
					return nil, why, true
				}
				cands = append(cands, els...)
				continue
			}
			if a.Value == nil {
				return nil, fmt.Sprintf("variable %s is computed at run time", v.Name()), true
			}
			cands = append(cands, bound{a.Value, fr, a.Index})
		}
		if len(cands) == 0 {
			return nil, x.unboundWhy(v), true
		}
		return cands, "", true
	case *ast.SelectorExpr:
		sel, ok := x.info.Selections[e]
		if !ok {
			if v, ok := x.otherPackageVar(e); ok { // pkg.Var, summarised
				return []bound{v}, "", true
			}
		}
		if !ok || sel.Kind() != types.FieldVal {
			return nil, "", false
		}
		if name := x.envTagged(sel); name != "" {
			// A config struct's field, filled from the environment by
			// its tag: the manifest that sets the variable says the rest.
			return []bound{x.fixedExpr(strv{{env: name}}, e.Pos())}, "", true
		}
		if r, ok := x.receiverSym(bound{e.X, b.fr, -1}); ok {
			if vals := x.elemField(sel); vals != nil {
				// A slice of the receiver's that only this package
				// fills: its values, wherever they are set.
				return vals, "", true
			}
			// A field of the receiver of a func being summarised: the
			// caller's receiver says what it holds.
			return []bound{{x.symField(r, e.Sel.Name), nil, -1}}, "", true
		}
		fv, found, why := x.fieldExpr(bound{e.X, b.fr, -1}, e.Sel.Name)
		if found {
			if fv.e == nil {
				return nil, fmt.Sprintf("field %s is not set", e.Sel.Name), true
			}
			return []bound{fv}, "", true
		}
		field := sel.Obj().(*types.Var)
		vals := x.FieldVals[field]
		if len(vals) == 0 {
			if why == "" {
				why = fmt.Sprintf("field %s is never set in this package", e.Sel.Name)
			}
			return nil, why, true
		}
		for _, v := range vals {
			if v == nil {
				return nil, fmt.Sprintf("field %s is set from a multi-value call", e.Sel.Name), true
			}
			cands = append(cands, bound{v, nil, -1})
		}
		return cands, "", true
	}
	return nil, "", false
}

func (x *index) originsAll(cands []bound) ([]bound, string) {
	var out []bound
	for _, c := range cands {
		bs, why := x.origins(c)
		if bs == nil {
			return nil, why
		}
		out = append(out, bs...)
		if len(out) > maxValues {
			return nil, "the value is assigned in too many places"
		}
	}
	return out, ""
}

// unboundWhy says why a variable with no assignment cannot be followed.
func (x *index) unboundWhy(v *types.Var) string {
	if fn := x.ParamOwner(v); fn != "" {
		return fmt.Sprintf("it comes from parameter %s of %s, known only at run time", v.Name(), fn)
	}
	return fmt.Sprintf("variable %s is not assigned a value that faasvet can see", v.Name())
}

func isBasic(t types.Type) bool {
	t = types.Unalias(t)
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	_, ok := t.Underlying().(*types.Basic)
	return ok
}

// fieldExpr finds the value of field name in the struct value base: in
// its composite literal, in v.name = e, or in aws-sdk-go's v.SetName(e).
// found is set, with a nil expression, when the value is the zero value.
func (x *index) fieldExpr(base bound, name string) (val bound, found bool, why string) {
	if x.tick() {
		return bound{}, false, "the expression is too deep to follow"
	}
	e := ast.Unparen(base.e)
	if u, ok := e.(*ast.UnaryExpr); ok && u.Op == token.AND {
		e = ast.Unparen(u.X)
	} else if s, ok := e.(*ast.StarExpr); ok {
		e = ast.Unparen(s.X)
	}
	switch e := e.(type) {
	case *ast.CompositeLit:
		st, _ := flow.Under(x.info.TypeOf(e)).(*types.Struct)
		for i, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				if id, ok := kv.Key.(*ast.Ident); ok && id.Name == name {
					return bound{kv.Value, base.fr, -1}, true, ""
				}
			} else if st != nil && i < st.NumFields() && st.Field(i).Name() == name {
				return bound{el, base.fr, -1}, true, ""
			}
		}
		return bound{}, true, "" // the zero value
	case *ast.CallExpr:
		if sel, ok := ast.Unparen(e.Fun).(*ast.SelectorExpr); ok && strings.HasPrefix(sel.Sel.Name, "Set") && len(e.Args) == 1 {
			if fn, ok := typeutil.Callee(x.info, e).(*types.Func); ok && fn.Signature().Recv() != nil && isAWSInput(fn) {
				if sel.Sel.Name == "Set"+name {
					return bound{e.Args[0], base.fr, -1}, true, ""
				}
				return x.fieldExpr(bound{sel.X, base.fr, -1}, name) // (&In{}).SetA(a).SetB(b)
			}
		}
		if b, ok := x.Builtin(e, "new"); ok && b {
			return bound{}, true, ""
		}
		if callee := x.staticCallee(e); callee != nil { // a constructor: return &T{...}
			rets := callee.Returns
			if len(rets) == 1 && len(rets[0].Results) > max(base.index, 0) {
				fr := x.bind(callee, e, base.fr)
				return x.fieldExpr(bound{rets[0].Results[max(base.index, 0)], fr, -1}, name)
			}
		}
		if name == "QueueUrl" && base.index <= 0 {
			if v, ok := x.queueURLOf(e, base.fr); ok {
				return v, true, ""
			}
		}
		if base.index <= 0 {
			if v, ok := x.constructed(e, base.fr, name); ok { // another package's constructor
				return v, true, ""
			}
		}
		return bound{}, false, fmt.Sprintf("the value comes from %s", flow.ExprString(e.Fun))
	case *ast.Ident:
		v := x.VarOf(e)
		if v == nil {
			return bound{}, false, fmt.Sprintf("%s is not a variable", e.Name)
		}
		fr := base.fr
		if v.Parent() == x.pass.Pkg.Scope() {
			fr = nil
		}
		if as := x.SelAssigns[flow.VarField{V: v, Field: name}]; len(as) > 0 {
			if len(as) > 1 {
				return bound{}, false, fmt.Sprintf("%s.%s is set in %d places", v.Name(), name, len(as))
			}
			return bound{as[0], fr, -1}, true, ""
		}
		var setter *ast.CallExpr
		for _, c := range x.MethodCalls[v] {
			if sel := c.Fun.(*ast.SelectorExpr); sel.Sel.Name == "Set"+name && len(c.Args) == 1 {
				if fn, ok := typeutil.Callee(x.info, c).(*types.Func); ok && isAWSInput(fn) {
					if setter != nil {
						return bound{}, false, fmt.Sprintf("%s.Set%s is called in several places", v.Name(), name)
					}
					setter = c
				}
			}
		}
		if setter != nil {
			return bound{setter.Args[0], fr, -1}, true, ""
		}
		bs, why := x.origins(bound{e, base.fr, -1})
		if len(bs) != 1 {
			if why == "" {
				why = fmt.Sprintf("%s has several values", v.Name())
			}
			return bound{}, false, why
		}
		if id, ok := ast.Unparen(bs[0].e).(*ast.Ident); ok && x.VarOf(id) == v {
			return bound{}, false, "" // no progress
		}
		return x.fieldExpr(bs[0], name)
	case *ast.SelectorExpr:
		bs, why := x.origins(bound{e, base.fr, -1})
		if len(bs) != 1 {
			return bound{}, false, why
		}
		if bs[0].e == base.e {
			return bound{}, false, ""
		}
		return x.fieldExpr(bs[0], name)
	}
	return bound{}, false, fmt.Sprintf("%s is computed at run time", flow.ExprString(e))
}

// isAWSInput reports whether fn is a method of an aws-sdk-go input type:
// its setters return the receiver.
func isAWSInput(fn *types.Func) bool {
	n := flow.NamedOf(fn.Signature().Recv().Type())
	return n != nil && n.Obj().Pkg() != nil && strings.HasPrefix(n.Obj().Pkg().Path(), awsV1Service)
}

// Strings.

// A part is a piece of a string: a literal, an environment variable,
// something not known statically (unknown says why), or, in a summary, a
// parameter (param, 1-based) or receiver field (field) of the func being
// summarised.
type part struct {
	lit, env, unknown string
	param             int
	field             string
	handle            bool // the stand-in is a Pub/Sub topic handle, not a string
}

// isSym reports whether the part stands for a parameter or receiver
// field of a func being summarised.
func (p part) isSym() bool { return p.param > 0 || p.field != "" }

type strv []part

func lit(s string) strv          { return strv{{lit: s}} }
func unknownStr(why string) strv { return strv{{unknown: why}} }

func (s strv) known() bool {
	for _, p := range s {
		if p.unknown != "" {
			return false
		}
	}
	return true
}

func (s strv) constant() (string, bool) {
	var b strings.Builder
	for _, p := range s {
		if p.env != "" || p.unknown != "" || p.isSym() {
			return "", false
		}
		b.WriteString(p.lit)
	}
	return b.String(), true
}

func (s strv) render() string {
	var b strings.Builder
	for _, p := range s {
		switch {
		case p.unknown != "", p.isSym():
			b.WriteString("*")
		case p.env != "":
			b.WriteString("${" + p.env + "}")
		default:
			b.WriteString(p.lit)
		}
	}
	return b.String()
}

func (s strv) why() string {
	for _, p := range s {
		if p.unknown != "" {
			return p.unknown
		}
	}
	return ""
}

func (s strv) wholeEnv() string {
	if len(s) == 1 {
		return s[0].env
	}
	return ""
}

func concat(a, b strv) strv {
	out := append(strv(nil), a...)
	for _, p := range b {
		if n := len(out); n > 0 && p.lit != "" && out[n-1].lit != "" {
			out[n-1].lit += p.lit
			continue
		}
		if p.lit == "" && p.env == "" && p.unknown == "" && !p.isSym() {
			continue
		}
		out = append(out, p)
	}
	return out
}

// str resolves a string expression.
func (x *index) str(b bound) strv {
	if b.e == nil {
		return nil
	}
	if s, ok := x.constString(b); ok {
		return lit(s)
	}
	bs, why := x.origins(b)
	if bs == nil {
		return unknownStr(why)
	}
	var vals []strv
	for _, o := range bs {
		vals = append(vals, x.strOne(o))
	}
	return mergeStr(vals, b.e)
}

// mergeStr picks the value of a variable with several assignments: one
// they all agree on, or the environment variable that the rest default.
func mergeStr(vals []strv, e ast.Expr) strv {
	if len(vals) == 1 {
		return vals[0]
	}
	same := true
	for _, v := range vals[1:] {
		if v.render() != vals[0].render() || !v.known() {
			same = false
		}
	}
	if same && vals[0].known() {
		return vals[0]
	}
	var env strv
	for _, v := range vals {
		if _, ok := v.constant(); ok {
			continue // a default
		}
		if v.wholeEnv() == "" || env != nil {
			return unknownStr(fmt.Sprintf("%s has %d different values", types.ExprString(e), len(vals)))
		}
		env = v
	}
	if env == nil {
		return unknownStr(fmt.Sprintf("%s has %d different values", types.ExprString(e), len(vals)))
	}
	return env // v := os.Getenv("X"); if v == "" { v = "default" }
}

func (x *index) constString(b bound) (string, bool) {
	if b.index >= 0 {
		return "", false
	}
	tv, ok := x.info.Types[ast.Unparen(b.e)]
	if !ok || tv.Value == nil {
		return "", false
	}
	if tv.Value.Kind() == constant.String {
		return constant.StringVal(tv.Value), true
	}
	return tv.Value.ExactString(), true
}

func (x *index) strOne(b bound) strv {
	if s, ok := x.constString(b); ok {
		return lit(s)
	}
	if s, ok := x.symOf(b.e); ok {
		if s.param == 0 && s.field == "" {
			return unknownStr(fmt.Sprintf("it is the receiver %s itself", s.name))
		}
		return strv{{param: s.param, field: s.field}}
	}
	if v, ok := x.fixed[b.e]; ok {
		return v
	}
	if x.tick() {
		return unknownStr("the expression is too deep to follow")
	}
	switch e := ast.Unparen(b.e).(type) {
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return concat(x.str(bound{e.X, b.fr, -1}), x.str(bound{e.Y, b.fr, -1}))
		}
	case *ast.StarExpr:
		return x.str(bound{e.X, b.fr, -1})
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return x.str(bound{e.X, b.fr, -1})
		}
	case *ast.CallExpr:
		return x.strCall(e, b)
	}
	return unknownStr(fmt.Sprintf("%s is computed at run time", flow.ExprString(b.e)))
}

// Functions that pass a string through.
var passString = map[string][]string{
	"strings":                          {"TrimSpace"}, // an environment variable's value, trimmed: the same name
	"github.com/aws/aws-sdk-go-v2/aws": {"String", "ToString"},
	"github.com/aws/aws-sdk-go/aws":    {"String", "StringValue"},
	"github.com/aws/smithy-go/ptr":     {"String", "ToString"},
}

func (x *index) passes(fn *types.Func, table map[string][]string) bool {
	if fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return false
	}
	for _, n := range table[fn.Pkg().Path()] {
		if n == fn.Name() {
			return true
		}
	}
	return false
}

func (x *index) strCall(call *ast.CallExpr, b bound) strv {
	arg0 := bound{flow.ArgAt(call, 0), b.fr, -1}
	if tv, ok := x.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return x.str(arg0) // string(s), a named string type
	}
	if isNew, ok := x.Builtin(call, "new"); ok {
		if isNew && len(call.Args) == 1 {
			if tv := x.info.Types[call.Args[0]]; !tv.IsType() {
				return x.str(arg0) // new("name"), Go 1.26
			}
		}
		return unknownStr("a builtin computes it")
	}
	fn, _ := typeutil.Callee(x.info, call).(*types.Func)
	switch {
	case fn == nil:
	case x.passes(fn, passString) && len(call.Args) == 1:
		return x.str(arg0)
	case fn.Pkg() != nil && fn.Pkg().Path() == "os" && (fn.Name() == "Getenv" || fn.Name() == "LookupEnv") && b.index <= 0:
		if name, ok := x.constString(arg0); ok {
			return strv{{env: name}}
		}
		if pat, ok := envPattern(x.str(arg0)); ok {
			// A name built at run time from known parts
			// (fmt.Sprintf("QUEUE_%s_URL", cmd)): the variables of the
			// function's manifest that fit it say where it may send.
			return strv{{env: pat}}
		}
		return unknownStr("the name of the environment variable is not a constant")
	case fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && fn.Name() == "Sprintf" && len(call.Args) > 0:
		return x.sprintf(call, b.fr)
	default:
		if callee := x.staticCallee(call); callee != nil && b.fr.depthOK() {
			idx := max(b.index, 0)
			fr := x.bind(callee, call, b.fr)
			var vals []strv
			for _, r := range x.LiveReturns(callee.Func) {
				if len(r.Results) <= idx || len(r.Results) == 1 && idx > 0 {
					return unknownStr(fmt.Sprintf("%s returns a multi-value call", callee.Obj.Name()))
				}
				vals = append(vals, x.str(bound{r.Results[idx], fr, -1}))
			}
			if len(vals) > 0 && len(vals) <= maxValues {
				return mergeStr(vals, call)
			}
		}
	}
	return unknownStr(fmt.Sprintf("it is the result of %s", flow.ExprString(call.Fun)))
}

func (fr *frame) depthOK() bool { return fr == nil || fr.depth < maxDepth }

// sprintf evaluates fmt.Sprintf with a constant format; %s, %v and %d of
// resolvable arguments are substituted.
func (x *index) sprintf(call *ast.CallExpr, fr *frame) strv {
	format, ok := x.constString(bound{call.Args[0], fr, -1})
	if !ok {
		return unknownStr("the fmt.Sprintf format is not a constant")
	}
	args := call.Args[1:]
	var out strv
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			out = concat(out, lit(string(c)))
			continue
		}
		i++
		if i < len(format) && format[i] == '%' {
			out = concat(out, lit("%"))
			continue
		}
		plain := true
		for i < len(format) && strings.IndexByte("+-# 0123456789.[]*", format[i]) >= 0 {
			plain = false
			i++
		}
		if i >= len(format) || len(args) == 0 {
			return unknownStr("the fmt.Sprintf format does not match its arguments")
		}
		a := args[0]
		args = args[1:]
		switch verb := format[i]; {
		case plain && (verb == 's' || verb == 'v' || verb == 'd'):
			out = concat(out, x.str(bound{a, fr, -1}))
		default:
			out = concat(out, unknownStr(fmt.Sprintf("fmt.Sprintf formats %s with %%%c", flow.ExprString(a), verb)))
		}
	}
	return out
}

// Payloads.

// A pay is what a message body is: a JSON-encoded Go type, a constant,
// nothing, or unresolved (why).
type pay struct {
	t     types.Type
	raw   string
	isRaw bool
	none  bool
	why   string
	// arg is the value json.Marshal encodes, when the body is one.
	arg bound
	// param, in a summary, is the parameter (1-based) whose value is the
	// body, JSON-encoded by the func when marshal is set.
	param   int
	marshal bool
}

func (p pay) resolved() bool { return p.t != nil || p.isRaw || p.none || p.param > 0 }

// payload resolves a message body: a []byte, string, *string or
// io.Reader expression.
func (x *index) payload(b bound) pay {
	if b.e == nil {
		return pay{none: true}
	}
	if tv, ok := x.info.Types[ast.Unparen(b.e)]; ok && tv.IsNil() {
		return pay{none: true}
	}
	if s, ok := x.constString(b); ok {
		return pay{raw: s, isRaw: true}
	}
	if x.tick() {
		return pay{why: "the expression is too deep to follow"}
	}
	if v := x.VarOf(b.e); v != nil && b.index < 0 {
		if enc := x.encodedInto[v]; len(enc) > 0 { // json.NewEncoder(&buf).Encode(v)
			var pays []pay
			for _, e := range enc {
				fr := b.fr
				if v.Parent() == x.pass.Pkg.Scope() {
					fr = nil
				}
				pays = append(pays, x.marshalled(bound{e, fr, -1}))
			}
			return mergePay(pays)
		}
	}
	bs, why := x.origins(b)
	if bs == nil {
		return pay{why: why}
	}
	var pays []pay
	for _, o := range bs {
		pays = append(pays, x.payOne(o))
	}
	return mergePay(pays)
}

func mergePay(pays []pay) pay {
	for _, p := range pays {
		if !p.resolved() {
			return p
		}
	}
	first := pays[0]
	for _, p := range pays[1:] {
		switch {
		case first.t != nil && p.t != nil && types.Identical(first.t, p.t):
		case first.isRaw && p.isRaw && first.raw == p.raw:
		case first.none && p.none:
		case first.param > 0 && first.param == p.param && first.marshal == p.marshal:
		default:
			return pay{why: "the body has several different values"}
		}
	}
	return first
}

// Functions whose result carries their first argument's bytes.
var passBytes = map[string][]string{
	"github.com/aws/aws-sdk-go-v2/aws": {"String", "ToString"},
	"github.com/aws/aws-sdk-go/aws":    {"String", "StringValue", "ReadSeekCloser"},
	"github.com/aws/smithy-go/ptr":     {"String", "ToString"},
	"bytes":                            {"NewReader", "NewBuffer", "NewBufferString"},
	"strings":                          {"NewReader"},
	"io":                               {"NopCloser"},
}

func (x *index) payOne(b bound) pay {
	if s, ok := x.symOf(b.e); ok {
		if s.param > 0 {
			return pay{param: s.param}
		}
		return pay{why: fmt.Sprintf("it is %s, set by the caller", s.name)}
	}
	if tv, ok := x.info.Types[ast.Unparen(b.e)]; ok && tv.IsNil() {
		return pay{none: true}
	}
	if s, ok := x.constString(b); ok {
		return pay{raw: s, isRaw: true}
	}
	switch e := ast.Unparen(b.e).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return x.payload(bound{e.X, b.fr, -1})
		}
	case *ast.StarExpr:
		return x.payload(bound{e.X, b.fr, -1})
	case *ast.CallExpr:
		return x.payCall(e, b)
	}
	return pay{why: fmt.Sprintf("%s is computed at run time", flow.ExprString(b.e))}
}

func (x *index) payCall(call *ast.CallExpr, b bound) pay {
	arg := func(i int) bound { return bound{flow.ArgAt(call, i), b.fr, -1} }
	if tv, ok := x.info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return x.payload(arg(0)) // string(b), []byte(s), json.RawMessage(b)
	}
	fn, _ := typeutil.Callee(x.info, call).(*types.Func)
	switch {
	case fn == nil:
	case isJSONPkg(flow.PkgPath(fn)) && (fn.Name() == "Marshal" || fn.Name() == "MarshalIndent") && b.index <= 0 && len(call.Args) > 0:
		return x.marshalled(arg(0))
	case x.passes(fn, passBytes) && len(call.Args) > 0:
		return x.payload(arg(0))
	case flow.PkgPath(fn) == "bytes" && flow.RecvNamed(fn, "Buffer") && (fn.Name() == "Bytes" || fn.Name() == "String"):
		return x.payload(bound{call.Fun.(*ast.SelectorExpr).X, b.fr, -1})
	case flow.PkgPath(fn) == "fmt" && fn.Name() == "Sprintf":
		return pay{why: "the body is built with fmt.Sprintf"}
	default:
		if callee := x.staticCallee(call); callee != nil && b.fr.depthOK() {
			idx := max(b.index, 0)
			fr := x.bind(callee, call, b.fr)
			var pays []pay
			// The returns on its error paths (return "", err) carry no
			// body: only the live ones do, as for a helper's target.
			for _, r := range x.LiveReturns(callee.Func) {
				if len(r.Results) <= idx || len(r.Results) == 1 && idx > 0 {
					return pay{why: fmt.Sprintf("%s returns a multi-value call", callee.Obj.Name())}
				}
				pays = append(pays, x.payload(bound{r.Results[idx], fr, -1}))
			}
			if len(pays) > 0 && len(pays) <= maxValues {
				return mergeLiveReturns(pays)
			}
		}
	}
	return pay{why: fmt.Sprintf("it is the result of %s", flow.ExprString(call.Fun))}
}

// mergeLiveReturns merges the bodies a helper returns, ignoring the nil
// of its error returns (return nil, err).
func mergeLiveReturns(pays []pay) pay {
	var live []pay
	for _, p := range pays {
		if !p.none {
			live = append(live, p)
		}
	}
	if len(live) == 0 {
		return pay{none: true}
	}
	return mergePay(live)
}

// marshalled returns the payload of json.Marshal(v): v's dynamic type,
// following interface-typed parameters and variables to a concrete type.
func (x *index) marshalled(b bound) pay {
	if x.syms != nil {
		// In a summary: a parameter's value is encoded; each caller says
		// of which type.
		if bs, _ := x.origins(b); len(bs) == 1 {
			if s, ok := x.symOf(bs[0].e); ok && s.param > 0 {
				return pay{param: s.param, marshal: true, arg: b}
			}
		}
	}
	t, why := x.valueType(b)
	if t == nil {
		return pay{why: why, arg: b}
	}
	return pay{t: t, arg: b}
}

func (x *index) valueType(b bound) (types.Type, string) {
	if s, ok := x.symOf(b.e); ok {
		if s.typ != nil && concrete(s.typ) {
			return s.typ, ""
		}
		return nil, fmt.Sprintf("json.Marshal encodes %s, set by the caller", s.name)
	}
	t := x.info.TypeOf(b.e)
	if t == nil {
		return nil, fmt.Sprintf("the type of %s is not known", flow.ExprString(b.e))
	}
	if b.index >= 0 {
		tup, ok := t.(*types.Tuple)
		if !ok || b.index >= tup.Len() {
			return nil, "a multi-value call"
		}
		t = tup.At(b.index).Type()
	}
	if t != nil && concrete(t) {
		return t, ""
	}
	cands, why, ok := x.step(b)
	if !ok {
		return nil, fmt.Sprintf("json.Marshal encodes %s of static type %s", flow.ExprString(b.e), typeStr(t))
	}
	if cands == nil {
		return nil, fmt.Sprintf("json.Marshal encodes %s of static type %s: %s", flow.ExprString(b.e), typeStr(t), why)
	}
	var out types.Type
	for _, c := range cands {
		ct, why := x.valueType(c)
		if ct == nil {
			return nil, why
		}
		if out != nil && !types.Identical(out, ct) {
			return nil, fmt.Sprintf("json.Marshal encodes %s, which holds values of several types", flow.ExprString(b.e))
		}
		out = ct
	}
	return out, ""
}

// concrete reports whether t says what is encoded: no interface and no
// type parameter at the top.
func concrete(t types.Type) bool {
	switch types.Unalias(t).(type) {
	case *types.TypeParam, *types.Tuple:
		return false
	}
	return !types.IsInterface(t)
}

func typeStr(t types.Type) string {
	if t == nil {
		return "-"
	}
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

// elems returns the elements of a slice expression: a composite literal,
// or a variable built from one and from appends.
func (x *index) elems(b bound) ([]bound, string) {
	if b.e == nil {
		return nil, ""
	}
	bs, why := x.origins(b)
	if bs == nil {
		return nil, why
	}
	var out []bound
	for _, o := range bs {
		switch e := ast.Unparen(o.e).(type) {
		case *ast.CompositeLit:
			for _, el := range e.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				out = append(out, bound{el, o.fr, -1})
			}
		case *ast.CallExpr:
			isAppend, builtin := x.Builtin(e, "append")
			switch {
			case isAppend && len(e.Args) > 0:
				if id, ok := ast.Unparen(b.e).(*ast.Ident); !ok || x.VarOf(e.Args[0]) != x.VarOf(id) {
					more, why := x.elems(bound{e.Args[0], o.fr, -1})
					if why != "" {
						return nil, why
					}
					out = append(out, more...)
				}
				rest := e.Args[1:]
				if e.Ellipsis.IsValid() && len(rest) == 1 {
					more, why := x.elems(bound{rest[0], o.fr, -1})
					if why != "" {
						return nil, why
					}
					out = append(out, more...)
					continue
				}
				for _, r := range rest {
					out = append(out, bound{r, o.fr, -1})
				}
			case builtin: // make
			default:
				return nil, fmt.Sprintf("the entries come from %s", flow.ExprString(e.Fun))
			}
		default:
			if tv, ok := x.info.Types[e]; ok && tv.IsNil() {
				continue
			}
			return nil, fmt.Sprintf("the entries are %s", flow.ExprString(e))
		}
		if len(out) > maxElems {
			return nil, "the batch has too many entries to follow"
		}
	}
	return out, ""
}

// queueURLOf resolves the QueueUrl of an SQS GetQueueUrl call's output:
// the URL of the queue the input names, whose region and account the
// code does not know and no route needs (queues are matched by name).
func (x *index) queueURLOf(call *ast.CallExpr, fr *frame) (bound, bool) {
	fn, ok := typeutil.Callee(x.info, call).(*types.Func)
	if !ok || fn.Signature().Recv() == nil || !strings.HasPrefix(fn.Name(), "GetQueueUrl") {
		return bound{}, false
	}
	if p := flow.PkgPath(fn); p != awsV2Service+"sqs" && p != awsV1Service+"sqs" {
		return bound{}, false
	}
	in := bound{flow.ArgAt(call, 0), fr, -1} // v1: GetQueueUrl(input)
	if flow.PkgPath(fn) == awsV2Service+"sqs" || strings.HasSuffix(fn.Name(), "WithContext") {
		in = bound{flow.ArgAt(call, 1), fr, -1} // (ctx, input, ...)
	}
	if in.e == nil {
		return bound{}, false
	}
	name, set := x.fieldStr(in, "QueueName")
	if !set {
		return bound{}, false
	}
	e := &ast.BasicLit{ValuePos: call.Pos()}
	if x.fixed == nil {
		x.fixed = map[ast.Expr]strv{}
	}
	x.fixed[e] = concat(lit("https://sqs.<region>.amazonaws.com/<account>/"), name)
	return bound{e, nil, -1}, true
}

// envPattern turns an environment variable's name built from known and
// unknown parts into a glob (QUEUE_*_URL), when at least four of its
// characters are known: fewer would fit variables the code never meant.
func envPattern(name strv) (string, bool) {
	var b strings.Builder
	known := 0
	for _, p := range name {
		switch {
		case p.lit != "":
			if strings.ContainsAny(p.lit, "*?[") {
				return "", false
			}
			b.WriteString(p.lit)
			known += len(p.lit)
		case p.unknown != "":
			if strings.HasSuffix(b.String(), "*") {
				continue
			}
			b.WriteString("*")
		default:
			return "", false // another variable's value, a parameter
		}
	}
	if known < 4 || !strings.Contains(b.String(), "*") {
		return "", false
	}
	return b.String(), true
}
