package cdkgo

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/faasvet/faasvet/manifest/node"
)

// A value is what the interpreter knows of a Go expression: nil when
// nothing is known.
type value struct {
	n     *node.Node // a string: a literal, a CloudFormation intrinsic, or unknown (tagged)
	obj   *object    // a struct or map
	res   *resource  // a construct
	list  []*value
	tuple []*value // the results of a call
	fn    *funcDecl
	imp   string   // an identifier naming an imported package
	bind  *binding // an event source, subscription or rule target
	isNil bool
}

// An object is a struct or map value: its fields in the order set.
type object struct {
	typ  string // the struct type's name, "pkgpath.Name", when known
	keys []string
	vals map[string]*value
}

func newObject(typ string) *object { return &object{typ: typ, vals: map[string]*value{}} }

func (o *object) get(k string) *value { return o.vals[k] }

func (o *object) set(k string, v *value) {
	if v == nil {
		v = &value{} // present, but unknown
	}
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

// A binding is what an event source, SNS subscription or EventBridge
// target constructor returns: the construct it names and its props.
type binding struct {
	kind   string // sqs-source, sns-source, sqs-subscription, lambda-subscription, target-lambda, target-sqs, target-sns, target-bus
	target *value
	props  *value
	pos    node.Pos
}

// Limits of the interpreter.
const (
	maxDepth = 12      // nested calls of the app's functions
	maxSteps = 200_000 // statements and expressions evaluated in all
)

// A frame is one call of an app function.
type frame struct {
	vars     map[string]*value
	file     *file
	ret      []*value
	returned bool
}

type interp struct {
	l      *loader
	app    *app
	steps  int
	depth  int
	cwd    string // the app's directory, absolute: os.Getwd at synth
	noted  map[string]bool
	budget bool // the step budget ran out
}

func (in *interp) pos(p token.Pos) node.Pos {
	tp := in.l.fset.Position(p)
	return node.Pos{File: tp.Filename, Line: tp.Line, Col: tp.Column}
}

// note records what the reader could not follow, once per position.
func (in *interp) note(p token.Pos, format string, args ...any) {
	pos := in.pos(p)
	msg := fmt.Sprintf(format, args...)
	k := pos.String() + msg
	if in.noted[k] {
		return
	}
	in.noted[k] = true
	in.l.notes = append(in.l.notes, Note{Pos: pos, Msg: msg})
}

func (in *interp) src(e ast.Expr) string {
	s := types.ExprString(e)
	if len(s) > 120 {
		s = s[:117] + "..."
	}
	return s
}

// call runs an app function with its arguments bound to its parameters.
// A method's receiver is bound to recv; a function literal runs with the
// variables of its enclosing frame, and hands back what it assigns to
// them.
func (in *interp) call(fd *funcDecl, recv *value, args []*value, at token.Pos) *value {
	if in.depth >= maxDepth {
		in.note(at, "the call of %s is nested deeper than %d calls: the constructs it declares are not seen", fd.name, maxDepth)
		return nil
	}
	in.depth++
	defer func() { in.depth-- }()
	fr := &frame{vars: map[string]*value{}, file: fd.file}
	if fd.env != nil {
		fr.vars = maps.Clone(fd.env.vars)
	}
	own := map[string]bool{}
	if fd.recv != nil && len(fd.recv.Names) == 1 {
		fr.vars[fd.recv.Names[0].Name] = recv
		own[fd.recv.Names[0].Name] = true
	}
	i := 0
	variadic := false
	for _, fld := range fd.typ.Params.List {
		_, variadic = fld.Type.(*ast.Ellipsis)
		names := fld.Names
		if len(names) == 0 {
			i++
			continue
		}
		for _, n := range names {
			var v *value
			switch {
			case variadic:
				v = &value{list: args[min(i, len(args)):]}
			case i < len(args):
				v = args[i]
			}
			fr.vars[n.Name] = v
			own[n.Name] = true
			i++
		}
	}
	in.block(fr, fd.body.List)
	if fd.env != nil {
		for k := range fd.env.vars {
			if !own[k] {
				fd.env.vars[k] = fr.vars[k]
			}
		}
	}
	switch len(fr.ret) {
	case 0:
		return nil
	case 1:
		return fr.ret[0]
	}
	return &value{tuple: fr.ret}
}

func (in *interp) block(fr *frame, stmts []ast.Stmt) {
	for _, s := range stmts {
		if fr.returned || in.budget {
			return
		}
		in.stmt(fr, s)
	}
}

func (in *interp) tick() bool {
	in.steps++
	if in.steps > maxSteps {
		in.budget = true
		return false
	}
	return true
}

func (in *interp) stmt(fr *frame, s ast.Stmt) {
	if !in.tick() {
		return
	}
	switch s := s.(type) {
	case *ast.ExprStmt:
		in.expr(fr, s.X)
	case *ast.AssignStmt:
		in.assign(fr, s.Lhs, s.Rhs)
	case *ast.DeclStmt:
		gd, ok := s.Decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.VAR && gd.Tok != token.CONST {
			return
		}
		for _, sp := range gd.Specs {
			vs, ok := sp.(*ast.ValueSpec)
			if !ok {
				continue
			}
			lhs := make([]ast.Expr, len(vs.Names))
			for i, n := range vs.Names {
				lhs[i] = n
			}
			if len(vs.Values) == 0 {
				for _, n := range vs.Names {
					fr.vars[n.Name] = in.zero(fr, vs.Type)
				}
				continue
			}
			in.assign(fr, lhs, vs.Values)
		}
	case *ast.ReturnStmt:
		var out []*value
		for _, r := range s.Results {
			out = append(out, in.expr(fr, r))
		}
		if len(out) == 1 && out[0] != nil && out[0].tuple != nil {
			out = out[0].tuple
		}
		fr.ret, fr.returned = out, true
	case *ast.BlockStmt:
		in.block(fr, s.List)
	case *ast.IfStmt:
		// Conditions are not evaluated: both branches run, so that
		// whatever either declares is seen.
		if s.Init != nil {
			in.stmt(fr, s.Init)
		}
		before := maps.Clone(fr.vars)
		in.block(fr, s.Body.List)
		outs := []map[string]*value{fr.vars}
		fr.vars, fr.returned = maps.Clone(before), false
		if s.Else != nil {
			in.stmt(fr, s.Else)
		}
		outs = append(outs, fr.vars)
		fr.vars, fr.returned = merge(outs), false
	case *ast.RangeStmt:
		in.rangeStmt(fr, s)
	case *ast.ForStmt:
		if s.Init != nil {
			in.stmt(fr, s.Init)
		}
		in.block(fr, s.Body.List) // once
	case *ast.SwitchStmt:
		if s.Init != nil {
			in.stmt(fr, s.Init)
		}
		before := maps.Clone(fr.vars)
		var outs []map[string]*value
		hasDefault := false
		for _, c := range s.Body.List {
			if cc, ok := c.(*ast.CaseClause); ok {
				fr.vars = maps.Clone(before)
				in.block(fr, cc.Body)
				outs = append(outs, fr.vars)
				fr.returned = false
				hasDefault = hasDefault || cc.List == nil
			}
		}
		if !hasDefault {
			outs = append(outs, before)
		}
		fr.vars = merge(outs)
	case *ast.IncDecStmt, *ast.BranchStmt, *ast.EmptyStmt, *ast.GoStmt, *ast.LabeledStmt, *ast.TypeSwitchStmt, *ast.SelectStmt, *ast.SendStmt:
	case *ast.DeferStmt:
		in.expr(fr, s.Call)
	}
}

func (in *interp) rangeStmt(fr *frame, s *ast.RangeStmt) {
	x := in.expr(fr, s.X)
	bind := func(k, v *value) {
		set := func(e ast.Expr, val *value) {
			if e == nil {
				return
			}
			in.store(fr, e, val)
		}
		set(s.Key, k)
		set(s.Value, v)
		in.block(fr, s.Body.List)
	}
	switch {
	case x != nil && x.isNil:
	case x == nil || x.obj == nil && x.list == nil:
		in.note(s.Pos(), "the loop ranges over %s, which this reader does not follow: the constructs its body declares are not seen", in.src(s.X))
	case x.obj != nil:
		for _, k := range x.obj.keys {
			bind(&value{n: lit(k, in.pos(s.Pos()))}, x.obj.vals[k])
			if fr.returned || in.budget {
				return
			}
		}
	case x.list != nil:
		for i, v := range x.list {
			bind(&value{n: lit(strconv.Itoa(i), in.pos(s.Pos()))}, v)
			if fr.returned || in.budget {
				return
			}
		}
	}
}

// zero is the zero value of a declared type: an empty object for a map
// or struct, else unknown.
func (in *interp) zero(fr *frame, t ast.Expr) *value {
	switch t := t.(type) {
	case *ast.MapType:
		return &value{obj: newObject("")}
	case *ast.Ident, *ast.SelectorExpr:
		if name, st := in.structType(fr, t); st != nil {
			return &value{obj: newObject(name)}
		}
	}
	return nil
}

func (in *interp) assign(fr *frame, lhs, rhs []ast.Expr) {
	if len(rhs) == 1 && len(lhs) > 1 {
		v := in.expr(fr, rhs[0])
		for i, l := range lhs {
			var x *value
			if v != nil && i < len(v.tuple) {
				x = v.tuple[i]
			}
			in.store(fr, l, x)
		}
		return
	}
	vals := make([]*value, len(rhs))
	for i, r := range rhs {
		vals[i] = in.expr(fr, r)
	}
	for i, l := range lhs {
		if i < len(vals) {
			in.store(fr, l, vals[i])
		}
	}
}

func (in *interp) store(fr *frame, l ast.Expr, v *value) {
	switch l := l.(type) {
	case *ast.Ident:
		if l.Name != "_" {
			fr.vars[l.Name] = v
		}
	case *ast.SelectorExpr:
		if x := in.expr(fr, l.X); x != nil && x.obj != nil {
			x.obj.set(l.Sel.Name, v)
		}
	case *ast.IndexExpr:
		x := in.expr(fr, l.X)
		k, ok := in.str(in.expr(fr, l.Index))
		if x != nil && x.obj != nil && ok {
			x.obj.set(k, v)
		}
	case *ast.StarExpr:
		in.store(fr, l.X, v)
	case *ast.ParenExpr:
		in.store(fr, l.X, v)
	}
}

// str is a value's literal string.
func (in *interp) str(v *value) (string, bool) {
	if v == nil || v.n == nil || v.n.Tag != "" {
		return "", false
	}
	if s, ok := v.n.Scalar(); ok {
		return s, true
	}
	return "", false
}

func (in *interp) expr(fr *frame, e ast.Expr) *value {
	if !in.tick() || e == nil {
		return nil
	}
	switch e := e.(type) {
	case *ast.BasicLit:
		switch e.Kind {
		case token.STRING:
			s, err := strconv.Unquote(e.Value)
			if err != nil {
				return nil
			}
			return &value{n: lit(s, in.pos(e.Pos()))}
		case token.INT, token.FLOAT:
			return &value{n: &node.Node{Kind: node.Number, Text: e.Value, Pos: in.pos(e.Pos())}}
		}
		return nil
	case *ast.Ident:
		return in.ident(fr, fr.file, e)
	case *ast.ParenExpr:
		return in.expr(fr, e.X)
	case *ast.StarExpr:
		return in.expr(fr, e.X)
	case *ast.UnaryExpr:
		if e.Op == token.AND {
			return in.expr(fr, e.X)
		}
		return nil
	case *ast.TypeAssertExpr:
		return in.expr(fr, e.X)
	case *ast.SelectorExpr:
		x := in.expr(fr, e.X)
		switch {
		case x == nil:
			return nil
		case x.imp != "":
			return in.member(x.imp, e.Sel)
		case x.obj != nil:
			if v, ok := x.obj.vals[e.Sel.Name]; ok {
				return v
			}
			if x.obj.typ != "" {
				return &value{isNil: true} // a struct's field left out: its zero value
			}
		}
		return nil
	case *ast.IndexExpr:
		x := in.expr(fr, e.X)
		k, ok := in.str(in.expr(fr, e.Index))
		if x != nil && ok {
			if x.obj != nil {
				return x.obj.get(k)
			}
			if i, err := strconv.Atoi(k); err == nil && i >= 0 && i < len(x.list) {
				return x.list[i]
			}
		}
		return nil
	case *ast.CompositeLit:
		return in.composite(fr, e)
	case *ast.BinaryExpr:
		if e.Op == token.ADD {
			a, b := in.expr(fr, e.X), in.expr(fr, e.Y)
			if a != nil && a.n != nil || b != nil && b.n != nil {
				return &value{n: join(in.pos(e.Pos()), in.strNode(a, e.X), in.strNode(b, e.Y))}
			}
		}
		return nil
	case *ast.CallExpr:
		return in.callExpr(fr, e)
	case *ast.FuncLit:
		return &value{fn: &funcDecl{name: "func literal", typ: e.Type, body: e.Body, file: fr.file, env: fr}}
	}
	return nil
}

// strNode is a value as a string node: unknown values keep their
// expression.
func (in *interp) strNode(v *value, e ast.Expr) *node.Node {
	if v != nil && v.n != nil {
		return v.n
	}
	return unknown(in.src(e), in.pos(e.Pos()))
}

// ident resolves a name: a local, a package-level var, const or func of
// the file's package, or an imported package.
func (in *interp) ident(fr *frame, f *file, id *ast.Ident) *value {
	if fr != nil {
		if v, ok := fr.vars[id.Name]; ok {
			return v
		}
	}
	switch id.Name {
	case "nil":
		return &value{isNil: true}
	case "true", "false":
		return &value{n: &node.Node{Kind: node.Bool, Text: id.Name, Pos: in.pos(id.Pos())}}
	}
	if fd := f.pkg.funcs[id.Name]; fd != nil {
		return &value{fn: fd}
	}
	if vd := f.pkg.vars[id.Name]; vd != nil {
		return in.global(vd)
	}
	if ip, ok := f.imports[id.Name]; ok {
		return &value{imp: ip}
	}
	return nil
}

// global evaluates a package-level var or const, once.
func (in *interp) global(vd *varDecl) *value {
	switch vd.state {
	case 1:
		return nil // a cycle
	case 2:
		return vd.val
	}
	vd.state = 1
	fr := &frame{vars: map[string]*value{}, file: vd.file}
	v := in.expr(fr, vd.expr)
	if v != nil && v.tuple != nil {
		if vd.index < len(v.tuple) {
			v = v.tuple[vd.index]
		} else {
			v = nil
		}
	}
	vd.val, vd.state = v, 2
	return v
}

// member is pkg.Name for an imported package: a func, var or const of
// the app's own packages; nothing of another module.
func (in *interp) member(ip string, sel *ast.Ident) *value {
	p := in.l.pkgs[ip]
	if p == nil {
		return &value{imp: ip + "." + sel.Name} // a function or value of another module, named
	}
	if fd := p.funcs[sel.Name]; fd != nil {
		return &value{fn: fd}
	}
	if vd := p.vars[sel.Name]; vd != nil {
		return in.global(vd)
	}
	return nil
}

// structType finds the struct type a composite literal's type names in
// the app's packages.
func (in *interp) structType(fr *frame, t ast.Expr) (string, *ast.StructType) {
	switch t := t.(type) {
	case *ast.Ident:
		if st := fr.file.pkg.types[t.Name]; st != nil {
			return fr.file.pkg.path + "." + t.Name, st
		}
	case *ast.SelectorExpr:
		if x, ok := t.X.(*ast.Ident); ok {
			if ip := fr.file.imports[x.Name]; ip != "" {
				if p := in.l.pkgs[ip]; p != nil && p.types[t.Sel.Name] != nil {
					return ip + "." + t.Sel.Name, p.types[t.Sel.Name]
				}
				return ip + "." + t.Sel.Name, nil
			}
		}
	}
	return "", nil
}

func (in *interp) composite(fr *frame, e *ast.CompositeLit) *value {
	switch t := e.Type.(type) {
	case *ast.ArrayType:
		out := &value{list: []*value{}}
		for _, el := range e.Elts {
			if kv, ok := el.(*ast.KeyValueExpr); ok {
				el = kv.Value
			}
			out.list = append(out.list, in.elem(fr, el, t.Elt))
		}
		return out
	case *ast.MapType:
		o := newObject("")
		for _, el := range e.Elts {
			kv, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			k, ok := in.str(in.expr(fr, kv.Key))
			if !ok {
				in.note(kv.Pos(), "a map key this reader cannot evaluate (%s): the entry is not seen", in.src(kv.Key))
				continue
			}
			o.set(k, in.elem(fr, kv.Value, t.Value))
		}
		return &value{obj: o}
	}
	name, st := in.structType(fr, e.Type)
	o := newObject(name)
	var fieldNames []string
	if st != nil {
		for _, f := range st.Fields.List {
			if len(f.Names) == 0 {
				fieldNames = append(fieldNames, embeddedName(f.Type))
			}
			for _, n := range f.Names {
				fieldNames = append(fieldNames, n.Name)
			}
		}
	}
	for i, el := range e.Elts {
		if kv, ok := el.(*ast.KeyValueExpr); ok {
			if k, ok := kv.Key.(*ast.Ident); ok {
				o.set(k.Name, in.expr(fr, kv.Value))
			}
			continue
		}
		if i < len(fieldNames) {
			o.set(fieldNames[i], in.expr(fr, el))
		}
	}
	return &value{obj: o}
}

// elem evaluates an element of a map or slice literal, whose type may be
// elided (a nested map literal).
func (in *interp) elem(fr *frame, e ast.Expr, t ast.Expr) *value {
	if cl, ok := e.(*ast.CompositeLit); ok && cl.Type == nil {
		if st, ok := t.(*ast.StarExpr); ok {
			t = st.X
		}
		c := *cl
		c.Type = t
		return in.composite(fr, &c)
	}
	return in.expr(fr, e)
}

func embeddedName(t ast.Expr) string {
	switch t := t.(type) {
	case *ast.StarExpr:
		return embeddedName(t.X)
	case *ast.SelectorExpr:
		return t.Sel.Name
	case *ast.Ident:
		return t.Name
	}
	return ""
}

func (in *interp) callExpr(fr *frame, e *ast.CallExpr) *value {
	// Builtins.
	if id, ok := e.Fun.(*ast.Ident); ok {
		if _, local := fr.vars[id.Name]; !local {
			switch id.Name {
			case "make":
				if len(e.Args) > 0 {
					if _, ok := e.Args[0].(*ast.MapType); ok {
						return &value{obj: newObject("")}
					}
					return &value{list: []*value{}}
				}
				return nil
			case "append":
				if len(e.Args) == 0 {
					return nil
				}
				base := in.expr(fr, e.Args[0])
				out := &value{list: nil}
				if base != nil {
					out.list = append(out.list, base.list...)
				}
				for i, a := range e.Args[1:] {
					v := in.expr(fr, a)
					if e.Ellipsis.IsValid() && i == len(e.Args)-2 && v != nil {
						out.list = append(out.list, v.list...)
						continue
					}
					out.list = append(out.list, v)
				}
				return out
			case "string", "len", "cap", "new", "panic", "print", "println", "delete", "copy":
				for _, a := range e.Args {
					in.expr(fr, a)
				}
				if id.Name == "string" && len(e.Args) == 1 {
					return in.expr(fr, e.Args[0])
				}
				return nil
			}
		}
	}
	fn := in.expr(fr, e.Fun)
	// A method call on a value.
	if sel, ok := e.Fun.(*ast.SelectorExpr); ok && (fn == nil || fn.fn == nil && fn.imp == "") {
		recv := in.expr(fr, sel.X)
		args := in.args(fr, e)
		switch {
		case recv == nil:
		case recv.res != nil:
			return in.method(recv.res, sel.Sel.Name, args, e)
		case recv.obj != nil && recv.obj.typ != "":
			dot := strings.LastIndexByte(recv.obj.typ, '.')
			if p := in.l.pkgs[recv.obj.typ[:dot]]; p != nil {
				if m := p.methods[recv.obj.typ[dot+1:]+"."+sel.Sel.Name]; m != nil {
					return in.call(m, recv, args, e.Pos())
				}
			}
		}
		return nil
	}
	args := in.args(fr, e)
	switch {
	case fn == nil:
		return nil
	case fn.fn != nil:
		return in.call(fn.fn, nil, args, e.Pos())
	case fn.imp != "":
		dot := strings.LastIndexByte(fn.imp, '.')
		if dot < 0 {
			return nil
		}
		return in.external(fn.imp[:dot], fn.imp[dot+1:], args, e)
	}
	return nil
}

func (in *interp) args(fr *frame, e *ast.CallExpr) []*value {
	out := make([]*value, len(e.Args))
	for i, a := range e.Args {
		out[i] = in.expr(fr, a)
	}
	if e.Ellipsis.IsValid() && len(out) > 0 {
		if last := out[len(out)-1]; last != nil && last.list != nil {
			out = append(out[:len(out)-1], last.list...)
		}
	}
	return out
}

func arg(args []*value, i int) *value {
	if i < len(args) {
		return args[i]
	}
	return nil
}

// external is a call of another module's function: the CDK's
// constructors, jsii's helpers, and the few standard library functions a
// CDK app builds names and paths with.
func (in *interp) external(ip, name string, args []*value, e *ast.CallExpr) *value {
	at := in.pos(e.Pos())
	mod := ip
	if m, ok := strings.CutPrefix(ip, CDK); ok {
		// github.com/aws/aws-cdk-go/awscdk/v2/awssqs -> awssqs
		segs := strings.Split(m, "/")
		mod = segs[len(segs)-1]
		if isDigits(strings.TrimPrefix(mod, "v")) && len(segs) > 1 {
			mod = segs[len(segs)-2]
		}
	}
	switch mod + "." + name {
	case "github.com/aws/jsii-runtime-go.String", "github.com/aws/jsii-runtime-go.Number", "github.com/aws/jsii-runtime-go.Bool":
		return arg(args, 0)
	case "github.com/aws/jsii-runtime-go.Strings":
		return &value{list: args}
	case "github.com/aws/jsii-runtime-go.Sprintf", "fmt.Sprintf":
		return in.sprintf(args, e, at)
	case "fmt.Sprint":
		var parts []*node.Node
		for i, a := range args {
			parts = append(parts, in.strNode(a, e.Args[min(i, len(e.Args)-1)]))
		}
		return &value{n: join(at, parts...)}
	case "os.Getwd":
		return &value{tuple: []*value{{n: lit(in.cwd, at)}, {isNil: true}}}
	case "path/filepath.Join", "path.Join":
		var segs []string
		for _, a := range args {
			s, ok := in.str(a)
			if !ok {
				return &value{n: unknown(in.src(e), at)}
			}
			segs = append(segs, s)
		}
		return &value{n: lit(filepath.ToSlash(path.Join(segs...)), at)}
	}
	if r := in.construct(mod, name, args, e, at); r != nil {
		return r
	}
	if strings.HasPrefix(ip, CDK) {
		return nil
	}
	return &value{n: unknown(in.src(e), at)}
}

// sprintf formats %s, %v and %d verbs; a string with an unknown part is
// an Fn::Join of its parts.
func (in *interp) sprintf(args []*value, e *ast.CallExpr, at node.Pos) *value {
	f, ok := in.str(arg(args, 0))
	if !ok {
		return &value{n: unknown(in.src(e), at)}
	}
	var parts []*node.Node
	var cur strings.Builder
	ai := 1
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '%' || i+1 >= len(f) {
			cur.WriteByte(c)
			continue
		}
		i++
		switch f[i] {
		case '%':
			cur.WriteByte('%')
		case 's', 'v', 'd':
			var a *value
			var ae ast.Expr = e
			if ai < len(args) {
				a = args[ai]
				if ai < len(e.Args) {
					ae = e.Args[ai]
				}
			}
			ai++
			if s, ok := in.str(a); ok {
				cur.WriteString(s)
				continue
			}
			if cur.Len() > 0 {
				parts = append(parts, lit(cur.String(), at))
				cur.Reset()
			}
			parts = append(parts, in.strNode(a, ae))
		default:
			return &value{n: unknown(in.src(e), at)}
		}
	}
	if cur.Len() > 0 || len(parts) == 0 {
		parts = append(parts, lit(cur.String(), at))
	}
	return &value{n: join(at, parts...)}
}

// merge joins the variables after the branches of an if or switch,
// whose conditions are not evaluated: a variable the branches leave
// with different values is unknown.
func merge(outs []map[string]*value) map[string]*value {
	out := map[string]*value{}
	for _, vars := range outs {
		for k := range vars {
			out[k] = vars[k]
		}
	}
	for k, v := range out {
		for _, vars := range outs {
			w, ok := vars[k]
			if ok && !same(v, w) {
				out[k] = nil
				break
			}
		}
	}
	return out
}

// same reports whether two values are the same: one value, or equal
// literals.
func same(a, b *value) bool {
	if a == b {
		return true
	}
	if a == nil || b == nil {
		return false
	}
	if a.res != nil || b.res != nil {
		return a.res == b.res
	}
	if a.obj != nil || b.obj != nil {
		return a.obj == b.obj
	}
	if a.n != nil && b.n != nil && a.n.Tag == "" && b.n.Tag == "" {
		x, ok1 := a.n.Scalar()
		y, ok2 := b.n.Scalar()
		return ok1 && ok2 && x == y
	}
	return false
}
