package sdkroute

import (
	"fmt"
	"go/ast"
	"go/types"
	"strings"

	"golang.org/x/tools/go/types/objectpath"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// Sends that cross packages travel as facts, the way printf's wrappers
// do: a func or method whose body reaches an SDK call (directly, through
// same-package calls, or through a func of another package that has a
// fact itself) is summarised as the sends it makes, with the target and
// the payload written over its parameters and its receiver's fields. A
// call of that func in another package instantiates the summary with the
// call's arguments, so that a handler calling bus.Publish(ctx, order) in
// a helper package draws the edge the helper's SDK call makes.

// SendsFact summarises the sends of one func or method.
type SendsFact struct {
	Sends []Send
}

// AFact marks SendsFact as an analysis fact.
func (*SendsFact) AFact() {}

func (f *SendsFact) String() string {
	var parts []string
	for _, s := range f.Sends {
		parts = append(parts, s.String())
	}
	return "sends(" + strings.Join(parts, "; ") + ")"
}

// HasSends marks a package that exports a SendsFact, so that importers
// that import no SDK themselves know to look for calls of its funcs.
type HasSends struct{}

// AFact marks HasSends as an analysis fact.
func (*HasSends) AFact() {}

func (*HasSends) String() string { return "has-sends" }

// A Send is one SDK call a summarised func makes, as a template.
type Send struct {
	SDK, Service, Op string
	Kind             TargetKind
	Target           []Part
	TargetSet        bool   // the input sets the target field at all
	TargetField      string // QueueUrl, TopicArn...
	Async            bool
	Structured       bool
	Payload          PayloadRef
	Source           string
	DetailType       string
	EventType        string
	EventSource      string
	// Sink is a CloudEvents client's target when it is a constant or
	// one environment variable (Call.Sink).
	Sink Target
	// SinkParts is the Sink when the caller decides it: a field of the
	// receiver, a parameter (a handler struct built with the sink).
	SinkParts []Part
	// Unresolved and Whys carry what the summarised func could not
	// resolve other than the target and the payload.
	Unresolved []string
	Whys       []string
	// At is where the SDK call is, file:line, for the chain a message
	// shows; AtPkg the path of its package.
	At    string
	AtPkg string
	// Dispatch, when set, is an interface call that the importer
	// resolves (opendispatch.go); the other fields are then empty.
	Dispatch *DispatchRef
}

func (s Send) String() string {
	var b strings.Builder
	if d := s.Dispatch; d != nil {
		fmt.Fprintf(&b, "dispatch %s(", d.Name)
		for i, a := range d.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			switch {
			case a.Param > 0:
				fmt.Fprintf(&b, "$%d", a.Param)
			case a.IsLit:
				fmt.Fprintf(&b, "%q", a.Lit)
			case a.Type != nil:
				b.WriteString(a.Type.Wrap + a.Type.Name)
			default:
				b.WriteString("*")
			}
		}
		b.WriteString(")")
		return b.String()
	}
	fmt.Fprintf(&b, "%s.%s %s=", s.Service, s.Op, s.Kind)
	for _, p := range s.Target {
		b.WriteString(p.String())
	}
	fmt.Fprintf(&b, " payload=%s", s.Payload.String())
	if len(s.SinkParts) > 0 {
		b.WriteString(" sink=")
		for _, p := range s.SinkParts {
			b.WriteString(p.String())
		}
	}
	return b.String()
}

// A Part is a piece of a target template: a literal, an environment
// variable, a parameter of the func (Param, 1-based), a field of its
// receiver (Field) or of a struct parameter (Param and Field), or
// something unknown (why).
type Part struct {
	Lit, Env, Unknown string
	Param             int
	Field             string
	// Handle marks a parameter or field that is a Pub/Sub topic handle:
	// the caller's client.Topic(ID) names the topic.
	Handle bool
	// Else, for a Field, is the value (literals and environment
	// variables only) that every assignment of that unexported field in
	// its package gives it: what the field holds when the receiver is
	// not known where the summary is instantiated.
	Else []Part
	// Note, on a literal, is the assumption it rests on (a config key's
	// in-code default).
	Note string
}

func (p Part) String() string {
	switch {
	case p.Unknown != "":
		return "*"
	case p.Env != "":
		return "${" + p.Env + "}"
	case p.Param > 0 && p.Field != "":
		return fmt.Sprintf("$%d.%s", p.Param, p.Field)
	case p.Param > 0:
		return fmt.Sprintf("$%d", p.Param)
	case p.Field != "":
		return "$recv." + p.Field
	}
	return p.Lit
}

// A PayloadRef is a payload template: the value of a parameter (Param,
// JSON-encoded by the func when Marshal, else sent as bytes that the
// caller built), a type the func encodes itself, a constant body, no
// body, or unresolved (Why).
type PayloadRef struct {
	Param   int
	Marshal bool
	// Deref: the func encodes what the pointer parameter points to
	// (json.Marshal(*p)).
	Deref bool
	// Field: the body is this field of the parameter, as bytes.
	Field string
	Type  *TypeRef
	Raw   string
	IsRaw bool
	None  bool
	Why   string
}

func (p PayloadRef) String() string {
	switch {
	case p.Param > 0 && p.Marshal && p.Field != "":
		return fmt.Sprintf("json($%d.%s)", p.Param, p.Field)
	case p.Param > 0 && p.Marshal && p.Deref:
		return fmt.Sprintf("json(*$%d)", p.Param)
	case p.Param > 0 && p.Marshal:
		return fmt.Sprintf("json($%d)", p.Param)
	case p.Param > 0 && p.Field != "":
		return fmt.Sprintf("$%d.%s", p.Param, p.Field)
	case p.Param > 0:
		return fmt.Sprintf("$%d", p.Param)
	case p.Type != nil:
		return p.Type.Wrap + p.Type.Name
	case p.IsRaw:
		return fmt.Sprintf("%q", p.Raw)
	case p.None:
		return "none"
	}
	return "?"
}

// A TypeRef names a named type across packages: by its package path and
// object path, wrapped in pointers and slices (Wrap, "*", "[]", "[]*"...).
type TypeRef struct {
	Pkg, Path, Name, Wrap string
	Args                  []*TypeRef // an instantiated generic's type arguments
}

// typeRef encodes t, or returns nil when t is no named type behind
// pointers and slices (a map, a literal struct), or an instantiated
// generic whose arguments are not such types.
func typeRef(t types.Type) *TypeRef {
	wrap := ""
	for {
		switch u := types.Unalias(t).(type) {
		case *types.Pointer:
			wrap += "*"
			t = u.Elem()
			continue
		case *types.Slice:
			wrap += "[]"
			t = u.Elem()
			continue
		case *types.Named:
			obj := u.Obj()
			if obj.Pkg() == nil {
				return nil
			}
			p, err := objectpath.For(obj)
			if err != nil {
				return nil
			}
			r := &TypeRef{Pkg: obj.Pkg().Path(), Path: string(p), Name: obj.Pkg().Name() + "." + obj.Name(), Wrap: wrap}
			for a := range u.TypeArgs().Types() {
				ar := typeRef(a)
				if ar == nil {
					return nil
				}
				r.Args = append(r.Args, ar)
			}
			if len(r.Args) > 0 {
				names := make([]string, len(r.Args))
				for i, a := range r.Args {
					names[i] = a.Wrap + a.Name
				}
				r.Name += "[" + strings.Join(names, ", ") + "]"
			}
			return r
		}
		return nil
	}
}

// resolveType finds a TypeRef's type among the packages the pass can
// see; nil when it is not there.
func (x *index) resolveType(r *TypeRef) types.Type {
	pkg := x.packageByPath(r.Pkg)
	if pkg == nil {
		return nil
	}
	obj, err := objectpath.Object(pkg, objectpath.Path(r.Path))
	if err != nil {
		return nil
	}
	tn, ok := obj.(*types.TypeName)
	if !ok {
		return nil
	}
	t := tn.Type()
	if len(r.Args) > 0 {
		named, ok := t.(*types.Named)
		if !ok || named.TypeParams().Len() != len(r.Args) {
			return nil
		}
		args := make([]types.Type, len(r.Args))
		for i, a := range r.Args {
			if args[i] = x.resolveType(a); args[i] == nil {
				return nil
			}
		}
		inst, err := types.Instantiate(nil, named, args, true)
		if err != nil {
			return nil
		}
		t = inst
	}
	w := r.Wrap
	for i := len(w); i > 0; {
		if w[i-1] == '*' {
			t = types.NewPointer(t)
			i--
		} else {
			t = types.NewSlice(t)
			i -= 2
		}
	}
	return t
}

// packageByPath searches the pass's package and its transitive imports.
func (x *index) packageByPath(path string) *types.Package {
	if x.pkgs == nil {
		x.pkgs = map[string]*types.Package{}
		var add func(p *types.Package)
		add = func(p *types.Package) {
			if _, ok := x.pkgs[p.Path()]; ok {
				return
			}
			x.pkgs[p.Path()] = p
			for _, imp := range p.Imports() {
				add(imp)
			}
		}
		add(x.pass.Pkg)
	}
	return x.pkgs[path]
}

// A sym is a parameter or receiver of a func being summarised, standing
// in for the argument that each caller will pass.
type sym struct {
	param int    // 1-based; 0 for the receiver
	field string // a field of the receiver
	name  string // for messages
	typ   types.Type
}

// symbolicFrame makes the root frame of a summary walk: every named
// parameter and the receiver are bound to stand-ins.
func (x *index) symbolicFrame(fi *fnInfo) *frame {
	fr := &frame{Fn: fi.Func, Params: map[*types.Var]bound{}}
	d := fi.Decl
	if d == nil {
		return fr
	}
	if d.Recv != nil && len(d.Recv.List) == 1 && len(d.Recv.List[0].Names) == 1 {
		if v, ok := x.Info.Defs[d.Recv.List[0].Names[0]].(*types.Var); ok {
			fr.Params[v] = flow.At(x.newSym(sym{param: 0, name: v.Name(), typ: v.Type()}, v), nil)
		}
	}
	k := 0
	for _, f := range d.Type.Params.List {
		if len(f.Names) == 0 {
			k++
			continue
		}
		for _, n := range f.Names {
			k++
			if _, ok := f.Type.(*ast.Ellipsis); ok {
				continue // a variadic parameter: its arguments are a slice
			}
			if v, ok := x.Info.Defs[n].(*types.Var); ok {
				fr.Params[v] = flow.At(x.newSym(sym{param: k, name: v.Name(), typ: v.Type()}, v), nil)
			}
		}
	}
	return fr
}

func (x *index) newSym(s sym, v *types.Var) *ast.Ident {
	if x.syms == nil {
		x.syms = map[ast.Expr]sym{}
	}
	id := &ast.Ident{Name: v.Name(), NamePos: v.Pos()}
	x.syms[id] = s
	return id
}

// symField returns the stand-in for field name of the receiver or
// parameter stand-in recv, made once per field.
func (x *index) symField(recv sym, name string, typ types.Type) ast.Expr {
	if x.symFields == nil {
		x.symFields = map[string]ast.Expr{}
	}
	key := fmt.Sprintf("%d.%s", recv.param, name)
	if e, ok := x.symFields[key]; ok {
		return e
	}
	e := &ast.SelectorExpr{X: ast.NewIdent(recv.name), Sel: ast.NewIdent(name)}
	x.syms[e] = sym{param: recv.param, field: name, name: recv.name + "." + name, typ: typ}
	x.symFields[key] = e
	return e
}

// symOf returns the stand-in e is, if it is one.
func (x *index) symOf(e ast.Expr) (sym, bool) {
	if e == nil {
		return sym{}, false
	}
	if s, ok := x.outSyms[e]; ok {
		return s, true
	}
	if x.syms == nil {
		return sym{}, false
	}
	s, ok := x.syms[e]
	return s, ok
}

// registerSym makes e the stand-in s: an outbox's outlives the summary
// walk that made it.
func (x *index) registerSym(e ast.Expr, s sym) {
	if s.param >= outboxBase {
		if x.outSyms == nil {
			x.outSyms = map[ast.Expr]sym{}
		}
		x.outSyms[e] = s
		return
	}
	if x.syms == nil {
		x.syms = map[ast.Expr]sym{}
	}
	x.syms[e] = s
}

// symPath returns the stand-in for path (fields, and [] for an element
// of a slice, joined by dots) of the stand-in s's root, made once.
func (x *index) symPath(s sym, path string, typ types.Type) ast.Expr {
	key := fmt.Sprintf("%d.%s", s.param, path)
	paths := &x.symFields
	if s.param >= outboxBase {
		paths = &x.outPaths
	}
	if e, ok := (*paths)[key]; ok {
		return e
	}
	root, _, _ := strings.Cut(s.name, ".")
	e := &ast.SelectorExpr{X: ast.NewIdent(root), Sel: ast.NewIdent(path)}
	if *paths == nil {
		*paths = map[string]ast.Expr{}
	}
	(*paths)[key] = e
	x.registerSym(e, sym{param: s.param, field: path, name: root + "." + path, typ: typ})
	return e
}

// subPath extends a stand-in's path by one step.
func subPath(s sym, step string) string {
	if s.field == "" {
		return step
	}
	return s.field + "." + step
}

// fieldType is the type of field name of a struct (or pointer to one)
// of type t; nil when t has no such field.
func fieldType(t types.Type, name string) types.Type {
	if t == nil {
		return nil
	}
	st, ok := flow.Under(t).(*types.Struct)
	if !ok {
		return nil
	}
	for i := range st.NumFields() {
		if f := st.Field(i); f.Name() == name {
			return f.Type()
		}
	}
	return nil
}
