package sdkroute

import (
	"fmt"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/objectpath"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// Interface calls that nothing in sight implements. A package often calls
// its collaborators through an interface declared next to it
// (a.events.AccountReset(acct), with events an eventiface.Servicer) while
// the implementation lives in a package that imports it: an import cycle
// forbids the other way, so class-hierarchy analysis finds no candidate
// where the call is. Such a call is kept in the caller's summary as a
// Dispatch: the interface method, with each argument written over the
// caller's parameters, a constant or its type. An importer that sees
// implementations with summaries (every program that builds the real
// service does) instantiates them there, as if the summary held their
// sends. Only interfaces of the analysed package's own module are kept:
// a third-party interface is either an SDK's (recognised by its
// operation) or nothing faasvet follows.

// A DispatchRef is an interface method call left for the importer.
type DispatchRef struct {
	Pkg, Path string // the method's package and objectpath
	Name      string // Iface.Method, for messages
	Args      []ArgRef
}

// An ArgRef is one argument of a DispatchRef: a parameter of the
// summarised func (1-based), a constant string, the argument's type, or
// nothing known (the zero value).
type ArgRef struct {
	Param int
	Lit   string
	IsLit bool
	Type  *TypeRef
}

// maxDispatchDepth bounds the dispatches instantiated within one another.
const maxDispatchDepth = 3

// openIface marks s as an interface call left for the importer, and
// reports whether it is one.
func (x *index) openIface(s *site) bool {
	fn, ok := typeutil.Callee(x.Info, s.call).(*types.Func)
	if !ok || fn.Pkg() == nil {
		return false
	}
	recv := fn.Signature().Recv()
	if recv == nil || !types.IsInterface(recv.Type()) || flow.NamedOf(recv.Type()) == nil {
		return false
	}
	if !x.sameProject(fn.Pkg().Path()) {
		return false
	}
	if _, err := x.paths.For(fn); err != nil {
		return false
	}
	s.open = fn
	return true
}

// sameProject reports whether path is a package of the analysed
// package's own module; where the driver does not say which module that
// is (GOPATH layouts), one whose path starts like the package's: the same
// first element, or the same first three when it is a host name.
func (x *index) sameProject(path string) bool {
	if mod := x.pass.Module; mod != nil && mod.Path != "" {
		return path == mod.Path || strings.HasPrefix(path, mod.Path+"/")
	}
	root := func(p string) string {
		parts := strings.SplitN(p, "/", 4)
		if strings.Contains(parts[0], ".") && len(parts) >= 3 {
			return strings.Join(parts[:3], "/")
		}
		return parts[0]
	}
	return root(path) == root(x.pass.Pkg.Path())
}

// dispatchRef writes the open call s, reached in frame fr of a summary
// walk, as a template.
func (x *index) dispatchRef(s *site, fr *frame) Send {
	fn := s.open
	p, _ := x.paths.For(fn)
	d := &DispatchRef{Pkg: fn.Pkg().Path(), Path: string(p), Name: flow.NamedOf(fn.Signature().Recv().Type()).Obj().Name() + "." + fn.Name()}
	for _, a := range s.call.Args {
		d.Args = append(d.Args, x.argRef(bound{E: a, Fr: fr, Index: -1}))
	}
	pos := x.pass.Fset.Position(s.call.Pos())
	return Send{Dispatch: d, At: fmt.Sprintf("%s:%d", filepath.Base(pos.Filename), pos.Line)}
}

func (x *index) argRef(b bound) ArgRef {
	x.Steps = 0
	if s, ok := x.constString(b); ok {
		return ArgRef{Lit: s, IsLit: true}
	}
	if bs, _ := x.Origins(b); len(bs) == 1 {
		if sm, ok := x.symOf(bs[0].E); ok && sm.param > 0 && sm.field == "" {
			return ArgRef{Param: sm.param}
		}
	}
	if t := x.Info.TypeOf(b.E); t != nil && !types.IsInterface(t) {
		if r := typeRef(t); r != nil {
			return ArgRef{Type: r}
		}
	}
	return ArgRef{}
}

// expandDispatch replaces the dispatches of sends by the sends of the
// implementations that the pass sees, their parameters written over the
// dispatch's arguments. A dispatch with no implementation in sight
// sends nothing here; one with more than maxImpls is not guessed.
func (x *index) expandDispatch(sends []Send, depth int) []Send {
	var out []Send
	for _, snd := range sends {
		d := snd.Dispatch
		if d == nil {
			out = append(out, snd)
			continue
		}
		if depth >= maxDispatchDepth {
			continue
		}
		pkg := x.packageByPath(d.Pkg)
		if pkg == nil {
			continue
		}
		obj, err := objectpath.Object(pkg, objectpath.Path(d.Path))
		m, ok := obj.(*types.Func)
		if err != nil || !ok || m.Signature().Recv() == nil {
			continue
		}
		iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface)
		if !ok {
			continue
		}
		exts := x.implementations(m.Name(), iface)
		if len(exts) > maxImpls {
			continue
		}

		for _, e := range exts {
			for _, inner := range x.expandDispatch(e.f.Sends, depth+1) {
				out = append(out, substitute(inner, d.Args, implName(e.fn)))
			}
		}
	}
	return out
}

// substitute writes a send of an implementation over the arguments the
// dispatch passes it. The implementation's receiver is not known here:
// its fields are unknown.
func substitute(snd Send, args []ArgRef, impl string) Send {
	arg := func(k int) ArgRef { // the zero ArgRef: nothing known
		if k < 1 || k > len(args) {
			return ArgRef{}
		}
		return args[k-1]
	}
	var target []Part
	for _, p := range snd.Target {
		switch {
		case p.Param > 0:
			a := arg(p.Param)
			switch {
			case a.Param > 0:
				target = append(target, Part{Param: a.Param, Field: p.Field, Handle: p.Handle})
			case a.IsLit && !p.Handle && p.Field == "":
				target = append(target, Part{Lit: a.Lit})
			default:
				target = append(target, Part{Unknown: fmt.Sprintf("parameter %d of %s is not a constant", p.Param, impl)})
			}
		case p.Field != "" && len(p.Else) > 0:
			target = append(target, p.Else...)
		case p.Field != "":
			target = append(target, Part{Unknown: fmt.Sprintf("the receiver of %s is not known where the interface is called", impl)})
		default:
			target = append(target, p)
		}
	}
	snd.Target = target
	if r := snd.Payload; r.Param > 0 {
		a := arg(r.Param)
		switch {
		case a.Param > 0:
			snd.Payload = PayloadRef{Param: a.Param, Marshal: r.Marshal, Deref: r.Deref, Field: r.Field}
		case r.Field != "":
			snd.Payload = PayloadRef{Why: fmt.Sprintf("parameter %d of %s is not known where the interface is called", r.Param, impl)}
		case a.Type != nil && r.Marshal:
			t := *a.Type
			if r.Deref {
				t.Wrap = strings.TrimPrefix(t.Wrap, "*")
			}
			snd.Payload = PayloadRef{Type: &t}
		case a.IsLit && !r.Marshal:
			snd.Payload = PayloadRef{Raw: a.Lit, IsRaw: true}
		default:
			snd.Payload = PayloadRef{Why: fmt.Sprintf("parameter %d of %s is not known where the interface is called", r.Param, impl)}
		}
	}
	return snd
}

func implName(fn *types.Func) string {
	name := fn.Name()
	if n := flow.NamedOf(fn.Signature().Recv().Type()); n != nil {
		name = n.Obj().Name() + "." + name
	}
	return fn.Pkg().Name() + "." + name
}

// fieldDefault records, for a summary walk, the value of the receiver's
// field sel when it is unexported and every assignment of it in the
// package gives it the same value made of literals and environment
// variables (a constructor's arn.Parse(os.Getenv("TOPIC_ARN"))): no
// other package can set it, so that is what it holds.
func (x *index) fieldDefault(sel *types.Selection) {
	field, ok := sel.Obj().(*types.Var)
	if !ok || field.Pkg() != x.pass.Pkg || field.Exported() {
		return
	}
	if _, done := x.symDefaults[field.Name()]; done {
		return
	}
	if x.symDefaults == nil {
		x.symDefaults = map[string][]Part{}
	}
	x.symDefaults[field.Name()] = nil // also while computing: no recursion
	vals := x.FieldVals[field]
	if len(vals) == 0 || len(vals) > flow.MaxValues {
		return
	}
	var first strv
	for i, v := range vals {
		if v == nil {
			return
		}
		sv := x.str(flow.At(v, nil))
		if !sv.known() || slices.ContainsFunc(sv, part.isSym) {
			return
		}
		if i == 0 {
			first = sv
		} else if sv.render() != first.render() {
			return
		}
	}
	var parts []Part
	for _, p := range first {
		parts = append(parts, Part{Lit: p.lit, Env: p.env, Note: p.note})
	}
	x.symDefaults[field.Name()] = parts
}
