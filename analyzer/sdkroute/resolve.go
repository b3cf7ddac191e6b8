package sdkroute

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// The hooks of the flow tracer: what faassdk knows better than it.

// Selector gives another package's variable from its fact, a config
// struct's field filled from the environment by its tag (the manifest
// that sets the variable says the rest), and in a summary the receiver's
// fields, which the caller's receiver says.
func (x *index) Selector(e *ast.SelectorExpr, sel *types.Selection, b bound) ([]bound, string, bool) {
	if sel == nil {
		v, ok := x.otherPackageVar(e) // pkg.Var, summarised
		return []bound{v}, "", ok
	}
	if name := x.envTagged(sel); name != "" {
		return []bound{x.fixedExpr(strv{{env: name}}, e.Pos())}, "", true
	}
	if ob := x.outboxOf(sel); ob != nil {
		// A slice that only appends fill: its elements are the
		// appenders' (outbox.go).
		return []bound{flow.At(ob.slice, nil)}, "", true
	}
	if r, ok := x.receiverSym(flow.At(e.X, b.Fr)); ok {
		if vals := x.elemField(sel); vals != nil {
			// A slice of the receiver's that only this package fills:
			// its values, wherever they are set.
			return vals, "", true
		}
		x.fieldDefault(sel)
		return []bound{flow.At(x.symField(r, e.Sel.Name, sel.Type()), nil)}, "", true
	}
	if p, ok := x.paramSym(flow.At(e.X, b.Fr)); ok && sel.Kind() == types.FieldVal && len(sel.Index()) == 1 {
		// A field of a struct parameter: the caller's argument's field.
		return []bound{flow.At(x.symField(p, e.Sel.Name, sel.Type()), nil)}, "", true
	}
	return nil, "", false
}

// FieldOfCall reads aws-sdk-go's (&In{}).SetA(a).SetB(b), the QueueUrl of
// an SQS GetQueueUrl output, and another package's constructor's fields
// from its fact.
func (x *index) FieldOfCall(call *ast.CallExpr, base bound, name string) (bound, bool, string, bool) {
	if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok && strings.HasPrefix(sel.Sel.Name, "Set") && len(call.Args) == 1 {
		if fn, ok := typeutil.Callee(x.Info, call).(*types.Func); ok && fn.Signature().Recv() != nil && isAWSInput(fn) {
			if sel.Sel.Name == "Set"+name {
				return flow.At(call.Args[0], base.Fr), true, "", true
			}
			v, found, why := x.FieldExpr(flow.At(sel.X, base.Fr), name)
			return v, found, why, true
		}
	}
	if name == "QueueUrl" && base.Index <= 0 {
		if v, ok := x.queueURLOf(call, base.Fr); ok {
			return v, true, "", true
		}
	}
	if base.Index <= 0 {
		if v, ok := x.constructed(call, base.Fr, name); ok {
			return v, true, "", true
		}
	}
	return bound{}, false, "", false
}

// FieldOfValue gives a field of a stand-in (a summary's parameter or
// receiver, an outbox's element): the same field of what the caller
// passes, or of what the appender appends.
func (x *index) FieldOfValue(base bound, name string) (bound, bool, string, bool) {
	e := ast.Unparen(base.E)
	if st, ok := e.(*ast.StarExpr); ok {
		e = ast.Unparen(st.X)
	}
	s, ok := x.symOf(e)
	if !ok || name == "" {
		return bound{}, false, "", false
	}
	return flow.At(x.symPath(s, subPath(s, name), fieldType(s.typ, name)), nil), true, "", true
}

// ElemsOf gives the element of a stand-in of a slice: one stand-in for
// all of them, [] in its path.
func (x *index) ElemsOf(b bound) ([]bound, string, bool) {
	s, ok := x.symOf(ast.Unparen(b.E))
	if !ok {
		return nil, "", false
	}
	var elem types.Type
	switch t := flow.Under(s.typ).(type) {
	case *types.Slice:
		elem = t.Elem()
	case *types.Array:
		elem = t.Elem()
	default:
		return nil, fmt.Sprintf("%s is not a slice", s.name), true
	}
	return []bound{flow.At(x.symPath(s, subPath(s, "[]"), elem), nil)}, "", true
}

// FieldOfVar reads aws-sdk-go's v.SetName(e).
func (x *index) FieldOfVar(v *types.Var, name string, fr *frame) (bound, string, bool) {
	var setter *ast.CallExpr
	for _, c := range x.MethodCalls[v] {
		if sel, ok := ast.Unparen(c.Fun).(*ast.SelectorExpr); ok && sel.Sel.Name == "Set"+name && len(c.Args) == 1 {
			if fn, ok := typeutil.Callee(x.Info, c).(*types.Func); ok && isAWSInput(fn) {
				if setter != nil {
					return bound{}, fmt.Sprintf("%s.Set%s is called in several places", v.Name(), name), true
				}
				setter = c
			}
		}
	}
	if setter == nil {
		return bound{}, "", false
	}
	return flow.At(setter.Args[0], fr), "", true
}

type (
	bound = flow.Bound
	frame = flow.Frame
)

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
	// note, on a literal, is what it rests on: the assumption that a
	// config key is not set, whose default it is (defaults.go).
	note string
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

// notes are the assumptions s rests on, each once.
func (s strv) notes() []string {
	var out []string
	for _, p := range s {
		if p.note != "" && !slices.Contains(out, p.note) {
			out = append(out, p.note)
		}
	}
	return out
}

func concat(a, b strv) strv {
	out := append(strv(nil), a...)
	for _, p := range b {
		if n := len(out); n > 0 && p.lit != "" && out[n-1].lit != "" && p.note == out[n-1].note {
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
	if b.E == nil {
		return nil
	}
	if s, ok := x.constString(b); ok {
		return lit(s)
	}
	bs, why := x.Origins(b)
	if bs == nil {
		return unknownStr(why)
	}
	var vals []strv
	for _, o := range bs {
		vals = append(vals, x.strOne(o))
	}
	return mergeStr(vals, b.E)
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
	if b.Index >= 0 {
		return "", false
	}
	return x.ConstString(b.E)
}

func (x *index) strOne(b bound) strv {
	if s, ok := x.constString(b); ok {
		return lit(s)
	}
	if s, ok := x.symOf(b.E); ok {
		if s.param == 0 && s.field == "" {
			return unknownStr(fmt.Sprintf("it is the receiver %s itself", s.name))
		}
		return strv{{param: s.param, field: s.field}}
	}
	if v, ok := x.fixed[b.E]; ok {
		return v
	}
	if x.Tick() {
		return unknownStr("the expression is too deep to follow")
	}
	switch e := ast.Unparen(b.E).(type) {
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			return concat(x.str(flow.At(e.X, b.Fr)), x.str(flow.At(e.Y, b.Fr)))
		}
	case *ast.StarExpr:
		return x.str(flow.At(e.X, b.Fr))
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return x.str(flow.At(e.X, b.Fr))
		}
	case *ast.CallExpr:
		return x.strCall(e, b)
	}
	return unknownStr(fmt.Sprintf("%s is computed at run time", flow.ExprString(b.E)))
}

// isARNPkg reports whether pkg is the AWS SDK's arn package, whose
// Parse(s) returns an ARN that String() prints back as s.
func isARNPkg(pkg *types.Package) bool {
	return pkg != nil && (pkg.Path() == "github.com/aws/aws-sdk-go/aws/arn" || pkg.Path() == "github.com/aws/aws-sdk-go-v2/aws/arn")
}

// Functions that pass a string through.
var passString = map[string][]string{
	"strings":                          {"TrimSpace"}, // an environment variable's value, trimmed: the same name
	"github.com/aws/aws-sdk-go-v2/aws": {"String", "ToString"},
	"github.com/aws/aws-sdk-go/aws":    {"String", "StringValue"},
	"github.com/aws/smithy-go/ptr":     {"String", "ToString"},
}

func (x *index) passes(fn *types.Func, table map[string][]string) bool {
	return fn.Pkg() != nil && fn.Signature().Recv() == nil && slices.Contains(table[fn.Pkg().Path()], fn.Name())
}

func (x *index) strCall(call *ast.CallExpr, b bound) strv {
	arg0 := flow.At(flow.ArgAt(call, 0), b.Fr)
	if tv, ok := x.Info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return x.str(arg0) // string(s), a named string type
	}
	if isNew, ok := x.Builtin(call, "new"); ok {
		if isNew && len(call.Args) == 1 {
			if tv := x.Info.Types[call.Args[0]]; !tv.IsType() {
				return x.str(arg0) // new("name"), Go 1.26
			}
		}
		return unknownStr("a builtin computes it")
	}
	fn, _ := typeutil.Callee(x.Info, call).(*types.Func)
	switch {
	case fn == nil:
	case x.passes(fn, passString) && len(call.Args) == 1:
		return x.str(arg0)
	case flow.IsEnvLookup(fn) && b.Index <= 0:
		if name, ok := x.constString(arg0); ok {
			return strv{{env: name}}
		}
		name := x.str(arg0)
		if s, ok := name.constant(); ok && s != "" {
			// A name a helper's caller passes: mustEnv("TOPIC_ID").
			return strv{{env: s}}
		}
		if pat, ok := envPattern(name); ok {
			// A name built at run time from known parts
			// (fmt.Sprintf("QUEUE_%s_URL", cmd)): the variables of the
			// function's manifest that fit it say where it may send.
			return strv{{env: pat}}
		}
		return unknownStr("the name of the environment variable is not a constant")
	case fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && fn.Name() == "Sprintf" && len(call.Args) > 0:
		return x.sprintf(call.Args[0], call.Args[1:], b.Fr)
	case isARNPkg(fn.Pkg()) && fn.Name() == "Parse" && fn.Signature().Recv() == nil && len(call.Args) == 1 && b.Index <= 0:
		return x.str(arg0) // the ARN keeps the string it parsed
	case isARNPkg(fn.Pkg()) && fn.Name() == "String" && flow.RecvNamed(fn, "ARN") && len(call.Args) == 0:
		if sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr); ok {
			return x.str(flow.At(sel.X, b.Fr)) // a parsed ARN printed back: the string it parsed
		}
	case x.IsBuilderRead(call) && b.Index < 0:
		return x.built(call, b.Fr)
	default:
		if a, ok := x.passedArg(call); ok && b.Index < 0 {
			return x.str(flow.At(a, b.Fr))
		}
		if b.Index < 0 {
			if sv, ok := x.configDefault(call, fn, b.Fr); ok {
				return sv
			}
		}
		if callee := x.staticCallee(call); callee != nil && b.Fr.DepthOK() {
			idx := max(b.Index, 0)
			fr := x.Bind(callee.Func, call, b.Fr)
			var vals []strv
			for _, r := range x.LiveReturns(callee.Func) {
				if len(r.Results) <= idx || len(r.Results) == 1 && idx > 0 {
					return unknownStr(fmt.Sprintf("%s returns a multi-value call", callee.Obj.Name()))
				}
				vals = append(vals, x.str(flow.At(r.Results[idx], fr)))
			}
			if len(vals) > 0 && len(vals) <= flow.MaxValues {
				return mergeStr(vals, call)
			}
		}
	}
	return unknownStr(fmt.Sprintf("it is the result of %s", flow.ExprString(call.Fun)))
}

// built evaluates a strings.Builder's or bytes.Buffer's String() as the
// concatenation of what was written into it, when the value-flow engine
// says the order of the writes is certain.
func (x *index) built(read *ast.CallExpr, fr *frame) strv {
	writes, why := x.BuilderWrites(read)
	if why != "" {
		return unknownStr(why)
	}
	var out strv
	for _, w := range writes {
		switch w.Method {
		case "Fprintf":
			out = concat(out, x.sprintf(w.Args[0], w.Args[1:], fr))
		case "WriteByte", "WriteRune":
			tv, ok := x.Info.Types[ast.Unparen(w.Args[0])]
			if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int {
				return unknownStr(fmt.Sprintf("%s writes %s, which is not a constant", w.Method, flow.ExprString(w.Args[0])))
			}
			r, _ := constant.Int64Val(tv.Value)
			out = concat(out, lit(string(rune(r))))
		default: // WriteString, Write, and the contents New starts it with
			out = concat(out, x.str(flow.At(w.Args[0], fr)))
		}
	}
	return out
}

// sprintf evaluates fmt.Sprintf with a constant format; %s, %v and %d of
// resolvable arguments are substituted.
func (x *index) sprintf(formatArg ast.Expr, args []ast.Expr, fr *frame) strv {
	format, ok := x.constString(flow.At(formatArg, fr))
	if !ok {
		return unknownStr("the fmt.Sprintf format is not a constant")
	}
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
			out = concat(out, x.str(flow.At(a, fr)))
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
	deref   bool   // the parameter is a pointer, encoded through *
	field   string // the body is this field of the parameter (bytes, not marshal)
}

func (p pay) resolved() bool { return p.t != nil || p.isRaw || p.none || p.param > 0 }

// payload resolves a message body: a []byte, string, *string or
// io.Reader expression.
func (x *index) payload(b bound) pay {
	if b.E == nil {
		return pay{none: true}
	}
	if tv, ok := x.Info.Types[ast.Unparen(b.E)]; ok && tv.IsNil() {
		return pay{none: true}
	}
	if s, ok := x.constString(b); ok {
		return pay{raw: s, isRaw: true}
	}
	if x.Tick() {
		return pay{why: "the expression is too deep to follow"}
	}
	if v := x.VarOf(b.E); v != nil && b.Index < 0 {
		if enc := x.encodedInto[v]; len(enc) > 0 { // json.NewEncoder(&buf).Encode(v)
			var pays []pay
			for _, e := range enc {
				fr := b.Fr
				if v.Parent() == x.pass.Pkg.Scope() {
					fr = nil
				}
				pays = append(pays, x.marshalled(flow.At(e, fr)))
			}
			return mergePay(pays)
		}
	}
	bs, why := x.Origins(b)
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
		case first.param > 0 && first.param == p.param && first.marshal == p.marshal && first.field == p.field && first.deref == p.deref:
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
	if s, ok := x.symOf(b.E); ok {
		if s.param > 0 {
			return pay{param: s.param, field: s.field}
		}
		return pay{why: fmt.Sprintf("it is %s, set by the caller", s.name)}
	}
	if tv, ok := x.Info.Types[ast.Unparen(b.E)]; ok && tv.IsNil() {
		return pay{none: true}
	}
	if s, ok := x.constString(b); ok {
		return pay{raw: s, isRaw: true}
	}
	switch e := ast.Unparen(b.E).(type) {
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return x.payload(flow.At(e.X, b.Fr))
		}
	case *ast.StarExpr:
		return x.payload(flow.At(e.X, b.Fr))
	case *ast.CallExpr:
		return x.payCall(e, b)
	}
	return pay{why: fmt.Sprintf("%s is computed at run time", flow.ExprString(b.E))}
}

func (x *index) payCall(call *ast.CallExpr, b bound) pay {
	arg := func(i int) bound { return flow.At(flow.ArgAt(call, i), b.Fr) }
	if tv, ok := x.Info.Types[call.Fun]; ok && tv.IsType() && len(call.Args) == 1 {
		return x.payload(arg(0)) // string(b), []byte(s), json.RawMessage(b)
	}
	fn, _ := typeutil.Callee(x.Info, call).(*types.Func)
	switch {
	case fn == nil:
	case isJSONPkg(flow.PkgPath(fn)) && (fn.Name() == "Marshal" || fn.Name() == "MarshalIndent") && b.Index <= 0 && len(call.Args) > 0:
		return x.marshalled(arg(0))
	case x.passes(fn, passBytes) && len(call.Args) > 0:
		return x.payload(arg(0))
	case flow.PkgPath(fn) == "bytes" && flow.RecvNamed(fn, "Buffer") && (fn.Name() == "Bytes" || fn.Name() == "String"):
		return x.payload(flow.At(call.Fun.(*ast.SelectorExpr).X, b.Fr))
	case flow.PkgPath(fn) == "fmt" && fn.Name() == "Sprintf":
		return pay{why: "the body is built with fmt.Sprintf"}
	default:
		if p, ok := x.marshalledArg(call, b); ok {
			return p
		}
		if a, ok := x.passedArg(call); ok && b.Index < 0 {
			return x.payload(flow.At(a, b.Fr))
		}
		if callee := x.staticCallee(call); callee != nil && b.Fr.DepthOK() {
			idx := max(b.Index, 0)
			fr := x.Bind(callee.Func, call, b.Fr)
			var pays []pay
			// The returns on its error paths (return "", err) carry no
			// body: only the live ones do, as for a helper's target.
			for _, r := range x.LiveReturns(callee.Func) {
				if len(r.Results) <= idx || len(r.Results) == 1 && idx > 0 {
					return pay{why: fmt.Sprintf("%s returns a multi-value call", callee.Obj.Name())}
				}
				pays = append(pays, x.payload(flow.At(r.Results[idx], fr)))
			}
			if len(pays) > 0 && len(pays) <= flow.MaxValues {
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
	if x.syms != nil || x.outSyms != nil {
		// In a summary: a parameter's value is encoded; each caller says
		// of which type. json.Marshal(*p) of a pointer parameter p
		// encodes what p points to, as json.Marshal(p) does. So is a
		// field of one of an interface type, and an outbox's element
		// (whose appender sends it, whatever its type).
		inner := b
		if st, ok := ast.Unparen(b.E).(*ast.StarExpr); ok {
			inner = flow.At(st.X, b.Fr)
		}
		if bs, _ := x.Origins(inner); len(bs) == 1 {
			if s, ok := x.symOf(bs[0].E); ok && s.param > 0 && (s.field == "" || s.param >= outboxBase || s.typ == nil || !concrete(s.typ)) {
				return pay{param: s.param, field: s.field, marshal: true, deref: inner != b, arg: b}
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
	if s, ok := x.symOf(b.E); ok {
		if s.typ != nil && concrete(s.typ) {
			return s.typ, ""
		}
		return nil, fmt.Sprintf("json.Marshal encodes %s, set by the caller", s.name)
	}
	t := x.Info.TypeOf(b.E)
	if t == nil {
		return nil, fmt.Sprintf("the type of %s is not known", flow.ExprString(b.E))
	}
	if b.Index >= 0 {
		tup, ok := t.(*types.Tuple)
		if !ok || b.Index >= tup.Len() {
			return nil, "a multi-value call"
		}
		t = tup.At(b.Index).Type()
	}
	if t != nil && concrete(t) {
		return t, ""
	}
	cands, why, ok := x.Step(b)
	if !ok {
		return nil, fmt.Sprintf("json.Marshal encodes %s of static type %s", flow.ExprString(b.E), typeStr(t))
	}
	if cands == nil {
		return nil, fmt.Sprintf("json.Marshal encodes %s of static type %s: %s", flow.ExprString(b.E), typeStr(t), why)
	}
	var out types.Type
	for _, c := range cands {
		ct, why := x.valueType(c)
		if ct == nil {
			return nil, why
		}
		if out != nil && !types.Identical(out, ct) {
			return nil, fmt.Sprintf("json.Marshal encodes %s, which holds values of several types", flow.ExprString(b.E))
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

// queueURLOf resolves the QueueUrl of an SQS GetQueueUrl call's output:
// the URL of the queue the input names, whose region and account the
// code does not know and no route needs (queues are matched by name).
func (x *index) queueURLOf(call *ast.CallExpr, fr *frame) (bound, bool) {
	fn, ok := typeutil.Callee(x.Info, call).(*types.Func)
	if !ok || fn.Signature().Recv() == nil || !strings.HasPrefix(fn.Name(), "GetQueueUrl") {
		return bound{}, false
	}
	if p := flow.PkgPath(fn); p != awsV2Service+"sqs" && p != awsV1Service+"sqs" {
		return bound{}, false
	}
	in := flow.At(flow.ArgAt(call, 0), fr) // v1: GetQueueUrl(input)
	if flow.PkgPath(fn) == awsV2Service+"sqs" || strings.HasSuffix(fn.Name(), "WithContext") {
		in = flow.At(flow.ArgAt(call, 1), fr) // (ctx, input, ...)
	}
	if in.E == nil {
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
	return flow.At(e, nil), true
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
