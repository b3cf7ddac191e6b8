package terraform

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// An instance is one module as one call instantiates it (the root module
// once), with its own variables and resources.
type instance struct {
	cfg    *evaluator
	mod    *module
	prefix string // "" for the root, "module.a.module.b." below
	parent *instance
	call   *call
	kids   map[string]*instance
	memo   map[string]cty.Value
	busy   map[string]bool
	res    map[string]*resource // by "TYPE.NAME"
}

// An evaluator evaluates one root module and the modules it calls.
type evaluator struct {
	r     *reader
	root  *instance
	count int
	depth int
	// refs are the resource attributes that expressions mentioned; a
	// string holding sentinel(i) stands for refs[i].
	refs   []*instRef
	refIdx map[string]int
	errs   []Error
	// files are the files that file() and templatefile() read.
	files   []string
	tooMany bool // the instance limit was reported
}

// An instRef is an attribute of a resource of one instance.
type instRef struct {
	in   *instance
	res  *resource // nil for a resource the module does not declare
	addr string
	typ  string
	attr string
}

// Sentinels stand for resource attributes inside strings: they survive
// templates, format, join, lower and jsonencode, and are turned back
// into references (or their literal values) when a value is read.
const sentinelStart, sentinelEnd = '\x00', '\x01'

func sentinel(i int) string { return string(sentinelStart) + strconv.Itoa(i) + string(sentinelEnd) }

// newInstance instantiates a module under parent through c.
func (ev *evaluator) newInstance(m *module, parent *instance, c *call, prefix string) *instance {
	in := &instance{cfg: ev, mod: m, prefix: prefix, parent: parent, call: c, kids: map[string]*instance{},
		memo: map[string]cty.Value{}, busy: map[string]bool{}, res: map[string]*resource{}}
	for _, r := range m.res {
		in.res[r.typ+"."+r.name] = r
	}
	ev.count++
	return in
}

// expand instantiates the module calls below in, depth first.
func (ev *evaluator) expand(in *instance, depth int) {
	for _, c := range in.mod.calls {
		dir, ok := ev.r.localSource(in.mod, c.source)
		if !ok {
			continue // the registry, git: not fetched; its outputs are unknown
		}
		switch {
		case !ev.r.inBound(dir):
			ev.errs = append(ev.errs, Error{Pos: c.pos, Msg: fmt.Sprintf("module %q: the source %s is outside the repository; its resources are not read", c.name, c.source)})
			continue
		case depth >= maxModuleDepth:
			ev.errs = append(ev.errs, Error{Pos: c.pos, Msg: fmt.Sprintf("module %q: modules nest more than %d deep; the deeper ones are not read", c.name, maxModuleDepth)})
			continue
		case ev.count >= maxInstances:
			if !ev.tooMany {
				ev.tooMany = true
				ev.errs = append(ev.errs, Error{Pos: c.pos, Msg: fmt.Sprintf("module %q: more than %d module instances; the rest are not read", c.name, maxInstances)})
			}
			return
		}
		m := ev.r.module(dir)
		if m == nil {
			if errs := ev.r.errs[path.Clean(dir)]; len(errs) > 0 {
				ev.errs = append(ev.errs, errs...)
			} else {
				ev.errs = append(ev.errs, Error{Pos: c.pos, Msg: fmt.Sprintf("module %q: the source %s holds no .tf file", c.name, c.source)})
			}
			continue
		}
		kid := ev.newInstance(m, in, c, in.prefix+"module."+c.name+".")
		in.kids[c.name] = kid
		ev.expand(kid, depth+1)
	}
}

// eval evaluates an expression in the instance. What cannot be evaluated
// is unknown.
func (in *instance) eval(e hcl.Expression) cty.Value {
	if e == nil {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	ev := in.cfg
	if ev.depth >= maxEvalDepth {
		return cty.DynamicVal
	}
	ev.depth++
	defer func() { ev.depth-- }()
	ctx := &hcl.EvalContext{Variables: in.scope(e.Variables()), Functions: in.functions()}
	v, diags := e.Value(ctx)
	if diags.HasErrors() || v == cty.NilVal {
		if oc, ok := e.(*hclsyntax.ObjectConsExpr); ok {
			return in.evalObject(oc)
		}
		return cty.DynamicVal
	}
	return v
}

// evalObject evaluates an object written in place item by item, so that
// one value that faasvet cannot evaluate (a lookup of a key the
// defaults lack, a function it does not know) leaves that item unknown
// instead of the whole object: a function's environment map keeps the
// variables that it can read.
func (in *instance) evalObject(oc *hclsyntax.ObjectConsExpr) cty.Value {
	vals := map[string]cty.Value{}
	for _, it := range oc.Items {
		k, diags := it.KeyExpr.Value(nil)
		if diags.HasErrors() || !k.IsKnown() || k.IsNull() || k.Type() != cty.String {
			return cty.DynamicVal // a computed key: the object's shape is unknown
		}
		vals[k.AsString()] = in.eval(it.ValueExpr)
	}
	return cty.ObjectVal(vals)
}

// scope builds the variables an expression's traversals need.
func (in *instance) scope(trs []hcl.Traversal) map[string]cty.Value {
	tree := map[string]any{}
	for _, tr := range trs {
		root := tr.RootName()
		switch root {
		case "var", "local":
			name, ok := attrName(tr, 1)
			if !ok {
				continue
			}
			var v cty.Value
			if root == "var" {
				v = in.variable(name)
			} else {
				v = in.local(name)
			}
			put(tree, v, root, name)
		case "module":
			name, ok := attrName(tr, 1)
			if !ok {
				continue
			}
			kid := in.kids[name]
			if kid == nil {
				put(tree, cty.DynamicVal, root, name)
				continue
			}
			if out, ok := attrName(tr, 2); ok {
				put(tree, kid.output(out), root, name, out)
			} else {
				for out := range kid.mod.outputs {
					put(tree, kid.output(out), root, name, out)
				}
			}
		case "path":
			for _, k := range []string{"module", "root", "cwd"} {
				dir := in.mod.dir
				if k != "module" {
					dir = in.rootInstance().mod.dir
				}
				put(tree, cty.StringVal(in.cfg.r.abs(dir)), root, k)
			}
		case "data":
			typ, ok1 := attrName(tr, 1)
			name, ok2 := attrName(tr, 2)
			if ok1 && ok2 {
				in.putResource(tree, "data."+typ, name, tr[3:], []string{"data", typ, name})
			}
		case "count", "each", "self", "terraform":
			tree[root] = cty.DynamicVal
		default:
			name, ok := attrName(tr, 1)
			if ok {
				in.putResource(tree, root, name, tr[2:], []string{root, name})
			}
		}
	}
	out := map[string]cty.Value{}
	for k, v := range tree {
		out[k] = toValue(v)
	}
	return out
}

// putResource places a resource's value in the tree: an object whose
// attributes, as the traversal names them, are sentinels; behind an index
// when the traversal indexes the resource (count, for_each).
func (in *instance) putResource(tree map[string]any, typ, name string, rest hcl.Traversal, at []string) {
	var index *cty.Value
	if len(rest) > 0 {
		if ix, ok := rest[0].(hcl.TraverseIndex); ok {
			index = &ix.Key
			rest = rest[1:]
		}
	}
	attr, ok := attrName(rest, 0)
	if !ok {
		attr = "id"
	}
	s := cty.StringVal(sentinel(in.cfg.ref(in, typ, name, attr)))
	obj := map[string]any{attr: s}
	if index == nil {
		put(tree, obj, at...)
		return
	}
	// An indexed resource: the attribute at the index the traversal uses.
	if existing, ok := get(tree, at...).(map[string]any); ok && existing != nil {
		if _, isIdx := existing["\x00index"]; !isIdx {
			return // used both ways in one expression: leave the first
		}
	}
	put(tree, map[string]any{"\x00index": *index, "\x00obj": obj}, at...)
}

func attrName(tr hcl.Traversal, i int) (string, bool) {
	if i >= len(tr) {
		return "", false
	}
	switch s := tr[i].(type) {
	case hcl.TraverseRoot:
		return s.Name, true
	case hcl.TraverseAttr:
		return s.Name, true
	case hcl.TraverseIndex:
		if s.Key.Type() == cty.String && s.Key.IsKnown() && !s.Key.IsNull() {
			return s.Key.AsString(), true
		}
	}
	return "", false
}

// put stores v at the path in a tree of maps, merging objects.
func put(tree map[string]any, v any, at ...string) {
	for i, k := range at {
		if i == len(at)-1 {
			if old, ok := tree[k].(map[string]any); ok {
				if nv, ok := v.(map[string]any); ok {
					if _, isIdx := nv["\x00index"]; !isIdx {
						for kk, vv := range nv {
							if _, exists := old[kk]; !exists {
								old[kk] = vv
							}
						}
						return
					}
				}
			}
			if _, exists := tree[k]; !exists {
				tree[k] = v
			}
			return
		}
		sub, ok := tree[k].(map[string]any)
		if !ok {
			if _, exists := tree[k]; exists {
				return // a value already: leave it
			}
			sub = map[string]any{}
			tree[k] = sub
		}
		tree = sub
	}
}

func get(tree map[string]any, at ...string) any {
	var cur any = tree
	for _, k := range at {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		cur = m[k]
	}
	return cur
}

func toValue(v any) cty.Value {
	switch v := v.(type) {
	case cty.Value:
		return v
	case map[string]any:
		if ix, ok := v["\x00index"].(cty.Value); ok {
			obj := toValue(v["\x00obj"])
			switch {
			case ix.Type() == cty.Number && ix.IsKnown() && !ix.IsNull():
				n, _ := ix.AsBigFloat().Int64()
				if n < 0 || n > 1000 {
					return cty.DynamicVal
				}
				vals := make([]cty.Value, n+1)
				for i := range vals {
					vals[i] = obj
				}
				return cty.TupleVal(vals)
			case ix.Type() == cty.String && ix.IsKnown() && !ix.IsNull():
				return cty.ObjectVal(map[string]cty.Value{ix.AsString(): obj})
			}
			return cty.DynamicVal
		}
		attrs := map[string]cty.Value{}
		for k, x := range v {
			attrs[k] = toValue(x)
		}
		return cty.ObjectVal(attrs)
	}
	return cty.DynamicVal
}

func (in *instance) rootInstance() *instance {
	for in.parent != nil {
		in = in.parent
	}
	return in
}

// memoized evaluates once per key, unknown on a cycle.
func (in *instance) memoized(key string, f func() cty.Value) cty.Value {
	if v, ok := in.memo[key]; ok {
		return v
	}
	if in.busy[key] {
		return cty.DynamicVal
	}
	in.busy[key] = true
	v := f()
	delete(in.busy, key)
	in.memo[key] = v
	return v
}

// variable is a variable's value: the call's argument, a root module's
// tfvars, else the default; unknown without any.
func (in *instance) variable(name string) cty.Value {
	return in.memoized("var."+name, func() cty.Value {
		if in.call != nil {
			if a := in.call.body.Attributes[name]; a != nil {
				return in.parent.eval(a.Expr)
			}
		} else if e := in.mod.tfvars[name]; e != nil {
			return in.eval(e)
		}
		if v := in.mod.vars[name]; v != nil && v.def != nil {
			return in.eval(v.def)
		}
		return cty.DynamicVal
	})
}

func (in *instance) local(name string) cty.Value {
	return in.memoized("local."+name, func() cty.Value {
		if a := in.mod.locals[name]; a != nil {
			return in.eval(a.Expr)
		}
		return cty.DynamicVal
	})
}

func (in *instance) output(name string) cty.Value {
	return in.memoized("output."+name, func() cty.Value {
		if a := in.mod.outputs[name]; a != nil {
			return in.eval(a.Expr)
		}
		return cty.DynamicVal
	})
}

// ref returns the index of a resource attribute's sentinel.
func (ev *evaluator) ref(in *instance, typ, name, attr string) int {
	addr := in.prefix + typ + "." + name
	key := addr + "\x00" + attr
	if i, ok := ev.refIdx[key]; ok {
		return i
	}
	ev.refs = append(ev.refs, &instRef{in: in, res: in.res[typ+"."+name], addr: addr, typ: typ, attr: attr})
	ev.refIdx[key] = len(ev.refs) - 1
	return len(ev.refs) - 1
}

// arg evaluates an argument of a block body in the instance; null when
// the body does not set it.
func (in *instance) arg(body *hclsyntax.Body, name string) cty.Value {
	if body == nil {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	a := body.Attributes[name]
	if a == nil {
		return cty.NullVal(cty.DynamicPseudoType)
	}
	return in.eval(a.Expr)
}

// block returns the first nested block of a type.
func block(body *hclsyntax.Body, typ string) *hclsyntax.Body {
	if body == nil {
		return nil
	}
	for _, b := range body.Blocks {
		if b.Type == typ {
			return b.Body
		}
	}
	return nil
}

// blocks returns the nested blocks of a type.
func blocks(body *hclsyntax.Body, typ string) []*hclsyntax.Block {
	if body == nil {
		return nil
	}
	var out []*hclsyntax.Block
	for _, b := range body.Blocks {
		if b.Type == typ {
			out = append(out, b)
		}
	}
	return out
}

// literal is the value of a resource attribute when it is known: the
// argument of that name, evaluated, with no unknown reference inside.
func (ev *evaluator) literal(r *instRef, depth int) (string, bool) {
	if r.res == nil || depth > 8 {
		return "", false
	}
	name := r.attr
	switch {
	case r.typ == "aws_sqs_queue" && name == "url", r.typ == "aws_sqs_queue" && name == "id":
		return "", false
	case r.typ == "aws_lambda_function" && name == "id":
		name = "function_name"
	}
	a := r.res.body.Attributes[name]
	if a == nil {
		return "", false
	}
	v := r.in.eval(a.Expr)
	if !v.IsWhollyKnown() || v.IsNull() || v.Type() != cty.String {
		return "", false
	}
	t, ok := ev.substitute(v.AsString(), depth+1)
	if !ok {
		return "", false
	}
	return t, true
}

// substitute replaces the sentinels of a string with the literal values
// of their attributes; ok is false when one of them is not known.
func (ev *evaluator) substitute(s string, depth int) (string, bool) {
	if !strings.ContainsRune(s, sentinelStart) {
		return s, true
	}
	var b strings.Builder
	ok := true
	for s != "" {
		i := strings.IndexRune(s, sentinelStart)
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		s = s[i+1:]
		j := strings.IndexRune(s, sentinelEnd)
		if j < 0 {
			return "", false
		}
		n, err := strconv.Atoi(s[:j])
		s = s[j+1:]
		if err != nil || n < 0 || n >= len(ev.refs) {
			return "", false
		}
		t, known := ev.literal(ev.refs[n], depth)
		if !known {
			ok = false
			continue
		}
		b.WriteString(t)
	}
	return b.String(), ok
}

// refsIn lists the references whose sentinels a string holds.
func (ev *evaluator) refsIn(s string) []*instRef {
	var out []*instRef
	for {
		i := strings.IndexRune(s, sentinelStart)
		if i < 0 {
			return out
		}
		s = s[i+1:]
		j := strings.IndexRune(s, sentinelEnd)
		if j < 0 {
			return out
		}
		if n, err := strconv.Atoi(s[:j]); err == nil && n >= 0 && n < len(ev.refs) {
			out = append(out, ev.refs[n])
		}
		s = s[j+1:]
	}
}

// onlyRef returns the reference a string is exactly, if it is one.
func (ev *evaluator) onlyRef(s string) *instRef {
	if len(s) < 3 || s[0] != sentinelStart || s[len(s)-1] != sentinelEnd {
		return nil
	}
	n, err := strconv.Atoi(s[1 : len(s)-1])
	if err != nil || n < 0 || n >= len(ev.refs) {
		return nil
	}
	return ev.refs[n]
}
