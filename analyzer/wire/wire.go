package wire

import (
	_ "embed"
	"fmt"
	"go/token"
	"go/types"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/internal/analysisutil"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/internal/spell"
	"github.com/faasvet/faasvet/jsonshape"
)

//go:embed doc.go
var doc string

// Analyzer checks the payload types of a package's functions.
var Analyzer = &analysis.Analyzer{
	Name:       "faaswire",
	Doc:        analysisutil.MustExtractDoc(doc, "faaswire"),
	URL:        checks.DocsBase,
	Requires:   []*analysis.Analyzer{handler.Analyzer, sdkroute.Analyzer, consumer.Analyzer},
	Run:        analysisutil.Safe(run, func() *Result { return &Result{} }),
	ResultType: reflect.TypeFor[*Result](),
}

// checker holds one pass's state.
type checker struct {
	pass  *analysis.Pass
	model *jsonshape.Model
	// reported dedupes findings: one per check, Go type and field.
	reported map[string]bool
	// parent maps each field to the object shape that holds it.
	parent map[*jsonshape.Field]*jsonshape.Shape
	// fieldAt maps a wire path to the field there, so that array elements
	// and map values can be reported at the field that holds them.
	fieldAt map[string]*jsonshape.Field
	// fieldUses is the set of fields the package's code names (fix.go).
	fieldUses map[*types.Var]bool
	// declared are the Decls the fixes read (fix.go): the package's, or,
	// for a fix built at another package's declaration, that package's.
	declared *Decls
	result   *Result
}

// A use is one place where a type crosses a boundary.
type use struct {
	fn      *handler.Function
	pos     token.Pos // where to report when the type is not declared here
	dir     jsonshape.Direction
	typ     types.Type
	role    string // "output of lambda.Start handler validate", for messages
	skipTop bool   // the top level is judged elsewhere (handler-signature)
}

func run(pass *analysis.Pass) (*Result, error) {
	sum := pass.ResultOf[handler.Analyzer].(*handler.Summary)
	analysisutil.Filter(pass, analysisutil.Ignores(pass, sum.Ignores))
	c := &checker{pass: pass, model: jsonshape.NewModel(), reported: map[string]bool{}, parent: map[*jsonshape.Field]*jsonshape.Shape{}, fieldAt: map[string]*jsonshape.Field{}, result: &Result{}}
	sends := pass.ResultOf[sdkroute.Analyzer].(*sdkroute.Result)
	decodes := pass.ResultOf[consumer.Analyzer].(*consumer.Result)
	for _, u := range uses(sum, sends, decodes) {
		c.check(u)
	}
	return c.result, nil
}

// uses lists the package's boundary types in a fixed order: the
// handlers' inputs and outputs and the directives' payloads first, then
// what the package sends and decodes through SDK calls, then what its
// consumers decode out of their envelopes. A type reached several ways is
// reported once, under the first.
func uses(sum *handler.Summary, sends *sdkroute.Result, decodes *consumer.Result) []use {
	var out []use
	for _, fn := range sum.Functions {
		if fn.Style != handler.JSON || fn.Candidate {
			continue // a candidate may be a plain library func: no finding on its types
		}
		at := fn.Pos
		if fn.Output != nil {
			out = append(out, use{fn, at, jsonshape.Marshal, fn.Output, "output of " + fn.Name, fn.Platform == handler.Lambda})
		}
		if fn.Input != nil {
			out = append(out, use{fn, at, jsonshape.Unmarshal, fn.Input, "input of " + fn.Name, false})
		}
	}
	for _, r := range sum.Routes {
		if r.Payload == nil {
			continue
		}
		name := r.Handler
		if r.Function != nil {
			name = r.Function.Name
		}
		switch r.Kind {
		case handler.Subscribe:
			out = append(out, use{r.Function, r.Pos, jsonshape.Unmarshal, r.Payload, "payload " + name + " receives from topic " + r.Topic, false})
		default:
			out = append(out, use{r.Function, r.Pos, jsonshape.Marshal, r.Payload, "payload " + name + " sends", false})
		}
	}
	for _, call := range sends.Calls {
		name := sender(call)
		if call.Payload != nil {
			out = append(out, use{call.Function, call.Pos, jsonshape.Marshal, call.Payload,
				"payload " + name + " sends by " + call.Service + " " + call.Op, false})
		}
		if call.Response != nil {
			out = append(out, use{call.Function, call.Pos, jsonshape.Unmarshal, call.Response,
				"response " + name + " decodes from " + call.Service + " " + call.Op, false})
		}
	}
	for _, p := range decodes.Payloads {
		if p.Function.Candidate {
			continue
		}
		for _, d := range p.Decodes {
			// The inner envelope is the SDK's type, and protojson is not
			// encoding/json: neither is this model's to judge.
			if d.Type == nil || d.Wrapper || d.Codec != "encoding/json" {
				continue
			}
			env := p.Envelope
			if d.Inner && p.Inner != "" {
				env = p.Inner
			}
			from := "its " + string(env) + " body"
			if env == consumer.Bytes {
				from = "its raw input"
			}
			out = append(out, use{p.Function, d.Pos, jsonshape.Unmarshal, d.Type,
				"payload " + p.Function.Name + " decodes from " + from, false})
		}
	}
	return out
}

// sender names the function that makes an SDK call: its handler's
// function, or the func the call is reached from.
func sender(call *sdkroute.Call) string {
	if call.Function != nil {
		return call.Function.Name
	}
	name := call.Entry
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	return name
}

func (c *checker) check(u use) {
	var s *jsonshape.Shape
	if u.dir == jsonshape.Marshal {
		s = c.model.Encode(u.typ)
	} else {
		s = c.model.Decode(u.typ)
	}
	root := typeName(u.typ)
	jsonshape.Walk(s, root, func(path string, f *jsonshape.Field, sh *jsonshape.Shape) bool {
		if sh.Kind == jsonshape.Object {
			for _, ff := range sh.Fields {
				c.parent[ff] = sh
			}
		}
		if f != nil {
			c.fieldAt[path] = f
		}
		switch sh.Kind {
		case jsonshape.Unsupported:
			c.unsupported(u, path, f, sh)
			return false
		case jsonshape.Any:
			if u.dir == jsonshape.Unmarshal && f != nil {
				c.report("interface-field", "any", u, f, path,
					fmt.Sprintf("%s field %s is an empty interface (%s): json.Unmarshal fills it with map[string]any, []any, string, float64 or bool, so numbers lose integer precision above 2^53 and structs arrive as maps; decode into a concrete type",
						u.role, path, c.typeString(f.Type)))
			}
		case jsonshape.Object:
			c.structChecks(u, path, sh)
		}
		c.receiver(u, path, f, sh)
		return true
	})
}

func (c *checker) unsupported(u use, path string, f *jsonshape.Field, sh *jsonshape.Shape) {
	if f == nil && u.skipTop && path == typeName(u.typ) {
		return
	}
	// An array element or map value is reached only when the container
	// holds something; an omittable field only when it is not empty.
	conditional := sh.Nullable
	if f == nil {
		if holder := c.holder(path); holder != nil {
			f, conditional = holder, true
		}
	}
	if f != nil && f.Omittable() {
		conditional = true
	}
	switch {
	case u.dir == jsonshape.Unmarshal && strings.Contains(sh.Problem, "embedded pointer to unexported struct"):
		c.report("embedded-pointer", "", u, f, path, fmt.Sprintf(
			"%s field %s is promoted through an embedded pointer to an unexported struct: json.Unmarshal fails with \"json: cannot set embedded pointer to unexported struct\" on every payload that sets it; export the embedded type or embed it by value",
			u.role, path))
	case u.dir == jsonshape.Unmarshal && types.IsInterface(sh.Type):
		c.report("interface-field", "", u, f, path, fmt.Sprintf(
			"%s field %s has the non-empty interface type %s: json.Unmarshal cannot choose a concrete type and fails on every payload that sets it; decode into a concrete type, or into a wrapper type with an UnmarshalJSON method that picks one",
			u.role, path, c.typeString(sh.Type)))
	case u.dir == jsonshape.Unmarshal:
		c.report("unsupported-type", "", u, f, path, fmt.Sprintf(
			"%s field %s: %s, so every payload that sets it fails to decode", u.role, path, sh.Problem))
	default:
		variant, when := "", "every json.Marshal of it fails"
		if conditional {
			variant, when = "nullable", "json.Marshal fails whenever it is not nil or empty"
		}
		if f == nil {
			c.report("unsupported-type", variant, u, f, path, fmt.Sprintf("%s: %s: %s", u.role, sh.Problem, when))
			return
		}
		c.report("unsupported-type", variant, u, f, path, fmt.Sprintf(
			"%s field %s: %s: %s; tag it `json:\"-\"` if it should not travel", u.role, path, sh.Problem, when),
			func(k *checker) []analysis.SuggestedFix {
				// Not c itself: a Report's Fix must not hold the pass
				// (its syntax and types) once the pass is done.
				if k.pass == nil {
					return nil // another package's field: code of other packages may name it
				}
				return k.ignoreField(k.fieldVar(f))
			})
	}
}

// foreign reports whether t is declared in another module, such as an
// SDK's event types: their authors, not the user, can change them.
func (c *checker) foreign(t types.Type) bool {
	n, ok := types.Unalias(derefType(t)).(*types.Named)
	if !ok || n.Obj().Pkg() == nil || c.pass.Module == nil || c.pass.Module.Path == "" {
		return false
	}
	pkg, mod := n.Obj().Pkg().Path(), c.pass.Module.Path
	return pkg != mod && !strings.HasPrefix(pkg, mod+"/")
}

// holder finds the field that holds the array element or map value at
// path: the path without its trailing [] and {}.
func (c *checker) holder(path string) *jsonshape.Field {
	for {
		trimmed := strings.TrimSuffix(strings.TrimSuffix(path, "[]"), "{}")
		if trimmed == path {
			return nil
		}
		path = trimmed
		if f := c.fieldAt[path]; f != nil {
			return f
		}
	}
}

// receiver: a MarshalJSON or MarshalText on *T, for a T that json.Marshal
// reaches by value, is never called.
func (c *checker) receiver(u use, path string, f *jsonshape.Field, sh *jsonshape.Shape) {
	if u.dir != jsonshape.Marshal || sh.Method != nil || sh.Type == nil {
		return
	}
	t := types.Unalias(sh.Type)
	if _, isPtr := t.(*types.Pointer); isPtr {
		return
	}
	named, ok := t.(*types.Named)
	if !ok || c.foreign(named) {
		return
	}
	for _, name := range []string{"MarshalJSON", "MarshalText"} {
		obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), false, named.Obj().Pkg(), name)
		m, ok := obj.(*types.Func)
		if !ok || !isMarshalMethod(m) {
			continue
		}
		if _, ptrRecv := m.Signature().Recv().Type().(*types.Pointer); !ptrRecv {
			continue
		}
		where := "the value"
		if f != nil {
			where = "field " + path
		}
		c.reportAt("marshaler-receiver", "", u, m.Pos(), c.key("marshaler-receiver", named, ""), "", fmt.Sprintf(
			"%s: %s has type %s, which json.Marshal reaches by value, so (*%s).%s is never called and the value is written field by field; declare %s on the value receiver %s",
			u.role, where, c.typeString(named), named.Obj().Name(), name, name, named.Obj().Name()),
			func(k *checker) []analysis.SuggestedFix { return k.valueReceiver(m) })
		return
	}
}

func isMarshalMethod(m *types.Func) bool {
	sig := m.Signature()
	if sig.Params().Len() != 0 || sig.Results().Len() != 2 {
		return false
	}
	s, ok := sig.Results().At(0).Type().(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().(*types.Basic)
	return ok && b.Kind() == types.Byte && types.Identical(sig.Results().At(1).Type(), types.Universe.Lookup("error").Type())
}

// structChecks looks at the Go struct behind an object shape: its tags,
// its unexported data and its embedded conflicts.
func (c *checker) structChecks(u use, path string, sh *jsonshape.Shape) {
	st, ok := structOf(sh.Type)
	if !ok || c.foreign(sh.Type) {
		return
	}
	if len(sh.Fields) == 0 && sh.Method == nil {
		var hidden []string
		for i := range st.NumFields() {
			if f := st.Field(i); !f.Exported() && !f.Embedded() && f.Name() != "_" {
				hidden = append(hidden, f.Name())
			}
		}
		if len(hidden) > 0 {
			at := u.pos
			if n, ok := types.Unalias(derefType(sh.Type)).(*types.Named); ok {
				at = n.Obj().Pos()
			}
			c.reportAt("unexported-field", "", u, at, c.key("unexported-field", sh.Type, ""), "", fmt.Sprintf(
				"%s: %s %s keeps all its data in unexported fields (%s), which encoding/json skips: it travels as {}; export the fields or give the type MarshalJSON and UnmarshalJSON",
				u.role, path, c.typeString(sh.Type), strings.Join(hidden, ", ")), nil)
		}
	}
	c.tags(u, sh.Type, st, map[*types.Struct]bool{})
	c.ambiguous(u, path, sh)
}

// ambiguous reports JSON names that embedded fields cancel out.
func (c *checker) ambiguous(u use, path string, sh *jsonshape.Shape) {
	t := derefType(sh.Type)
	if _, ok := t.Underlying().(*types.Struct); !ok {
		return
	}
	for _, conflict := range c.model.Conflicts(t) {
		var fields []string
		for _, p := range conflict.GoPath {
			fields = append(fields, strings.Join(p, "."))
		}
		at := u.pos
		if n, ok := types.Unalias(t).(*types.Named); ok {
			at = n.Obj().Pos()
		}
		how, fix := "untagged", fmt.Sprintf("tag the one that should travel `json:%q`", conflict.Name)
		if conflict.Tagged {
			how, fix = "all tagged", "rename one tag, or declare the field on the outer struct"
		}
		c.reportAt("ambiguous-field", "", u, at, c.key("ambiguous-field", t, conflict.Name), conflict.Name, fmt.Sprintf(
			"%s: %s %s has fields %s that all claim the JSON name %q at the same depth, %s: encoding/json drops the name, so none of them is sent or read; %s",
			u.role, path, c.typeString(t), strings.Join(fields, " and "), conflict.Name, how, fix), nil)
	}
}

// tags reports json tag options that do nothing, on the struct and the
// structs it embeds.
func (c *checker) tags(u use, t types.Type, st *types.Struct, seen map[*types.Struct]bool) {
	if seen[st] {
		return
	}
	seen[st] = true
	for i := range st.NumFields() {
		f := st.Field(i)
		tag, ok := reflect.StructTag(st.Tag(i)).Lookup("json")
		if f.Embedded() {
			if est, ok2 := structOf(f.Type()); ok2 && (!ok || tagName(tag) == "") {
				c.tags(u, f.Type(), est, seen)
			}
		}
		if !ok || tag == "-" || !f.Exported() && !f.Embedded() {
			continue
		}
		_, opts, _ := strings.Cut(tag, ",")
		if opts == "" {
			continue
		}
		for opt := range strings.SplitSeq(opts, ",") {
			var msg string
			var fix func(*checker) []analysis.SuggestedFix
			switch opt {
			case "omitempty":
				if _, isStruct := f.Type().Underlying().(*types.Struct); isStruct {
					msg = fmt.Sprintf("omitempty on struct field %s.%s has no effect: encoding/json never omits a struct value; use omitzero, or a pointer", typeName(t), f.Name())
				} else if a, isArr := f.Type().Underlying().(*types.Array); isArr && a.Len() > 0 {
					msg = fmt.Sprintf("omitempty on array field %s.%s has no effect: an array of length %d is never empty; use omitzero", typeName(t), f.Name(), a.Len())
				}
				if msg != "" && !hasOption(tag, "omitzero") {
					fix = func(k *checker) []analysis.SuggestedFix {
						if !k.omitzeroKnown(f) {
							return nil
						}
						return k.replaceOption(f, opt, "omitzero", "replace omitempty with omitzero")
					}
				}
			case "omitzero", "":
			case "string":
				if !quotable(f.Type()) {
					msg = fmt.Sprintf("the string option on %s.%s (%s) is ignored: it applies only to string, number and bool fields", typeName(t), f.Name(), c.typeString(f.Type()))
				}
			default:
				msg = fmt.Sprintf("unknown json tag option %q on %s.%s: encoding/json ignores it", opt, typeName(t), f.Name())
				if near := nearestOption(opt); near != "" {
					msg += fmt.Sprintf("; did you mean %q?", near)
					if !hasOption(tag, near) {
						fix = func(k *checker) []analysis.SuggestedFix {
							return k.replaceOption(f, opt, near, fmt.Sprintf("replace %q with %q", opt, near))
						}
					}
				}
			}
			if msg != "" {
				c.reportAt("tag-option", "", u, f.Pos(), c.key("tag-option", t, f.Name()+","+opt), opt, u.role+": "+msg, fix)
			}
		}
	}
}

func tagName(tag string) string {
	name, _, _ := strings.Cut(tag, ",")
	return name
}

// nearestOption is the one known option that opt is a misspelling of:
// "" when none is close, or when several are.
func nearestOption(opt string) string {
	var near []string
	for _, known := range []string{"omitempty", "omitzero", "string"} {
		if strings.EqualFold(opt, known) || spell.Distance(opt, known) <= 2 {
			near = append(near, known)
		}
	}
	if len(near) != 1 {
		return ""
	}
	return near[0]
}

// quotable mirrors encoding/json: the string option applies to strings,
// numbers and bools, and pointers to them.
func quotable(t types.Type) bool {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&(types.IsBoolean|types.IsInteger|types.IsFloat|types.IsString) != 0
}

func structOf(t types.Type) (*types.Struct, bool) {
	if t == nil {
		return nil, false
	}
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	return st, ok
}

// report reports at the field when this package declares it, else at the
// use (the handler or directive), once per check, type and path.
// A field declared in the package is reported once, however many types
// and roles reach it.
func (c *checker) report(check, variant string, u use, f *jsonshape.Field, path, msg string, fix ...func(*checker) []analysis.SuggestedFix) {
	at := u.pos
	key := check + "|" + path
	if f != nil {
		key = c.key(check, u.typ, path)
		if p := c.fieldPos(f); p.IsValid() {
			at = p
			if c.inPackage(p) {
				key = check + "|" + c.pass.Fset.Position(p).String()
			}
		}
	}
	var build func(*checker) []analysis.SuggestedFix
	if len(fix) > 0 {
		build = fix[0]
	}
	c.reportAt(check, variant, u, at, key, "", msg, build)
}

func (c *checker) key(check string, t types.Type, path string) string {
	return check + "|" + types.TypeString(t, nil) + "|" + path
}

// reportAt reports at a declaration of the package, or else at the use;
// fixes are kept only for the declaration, the file they edit. fix
// builds them from the syntax of the package that declares at (nil: no
// fix); extra tells findings at one declaration apart (a tag option, a
// JSON name). Every report is also recorded in the pass's Result.
func (c *checker) reportAt(check, variant string, u use, at token.Pos, key, extra, msg string, fix func(*checker) []analysis.SuggestedFix) {
	decl := at
	if decl == u.pos {
		decl = token.NoPos // no declaration to speak of
	}
	local := c.inPackage(at)
	var fixes []analysis.SuggestedFix
	if !local {
		at = u.pos
	} else if fix != nil {
		fixes = fix(c)
	}
	if c.reported[key] {
		return
	}
	c.reported[key] = true
	analysisutil.ReportFix(c.pass, check, variant, rng(at), msg, fixes)
	r := Report{Check: check, Variant: variant, Pos: at, Message: msg, Decl: decl, Local: local, Role: u.role}
	if decl.IsValid() {
		r.DeclKey = check + "|" + c.pass.Fset.Position(decl).String() + "|" + extra
	}
	if !local && fix != nil {
		r.Fix = func(d *Decls) []analysis.SuggestedFix {
			return fix(&checker{declared: d})
		}
	}
	c.result.Reports = append(c.result.Reports, r)
}

// fieldPos finds the declaration of a shape field's last Go field.
func (c *checker) fieldPos(f *jsonshape.Field) token.Pos {
	if v := c.fieldVar(f); v != nil {
		return v.Pos()
	}
	return token.NoPos
}

// fieldVar finds a shape field's last Go field.
func (c *checker) fieldVar(f *jsonshape.Field) *types.Var {
	if f == nil || len(f.GoPath) == 0 {
		return nil
	}
	parent := c.parent[f]
	if parent == nil {
		return nil
	}
	t := parent.Type
	var v *types.Var
	for _, i := range f.Index {
		st, ok := structOf(t)
		if !ok || i >= st.NumFields() {
			return nil
		}
		v = st.Field(i)
		t = v.Type()
	}
	return v
}

func (c *checker) inPackage(p token.Pos) bool {
	if !p.IsValid() {
		return false
	}
	for _, f := range c.pass.Files {
		if f.FileStart <= p && p < f.FileEnd {
			return true
		}
	}
	return false
}

func (c *checker) typeString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		return p.Name()
	})
}

func typeName(t types.Type) string { return jsonshape.RootName(t) }

type rng token.Pos

func (r rng) Pos() token.Pos { return token.Pos(r) }
func (r rng) End() token.Pos { return token.Pos(r) }

func derefType(t types.Type) types.Type {
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}
