package terraform

import (
	"encoding/json"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	ctyjson "github.com/zclconf/go-cty/cty/json"
)

// config evaluates a root module and reads what its instances declare.
func (r *reader) config(m *module) *Config {
	ev := &evaluator{r: r, refIdx: map[string]int{}}
	ev.root = ev.newInstance(m, nil, nil, "")
	ev.expand(ev.root, 0)
	c := &Config{Dir: m.dir}
	var visit func(in *instance)
	seen := map[string]bool{}
	visit = func(in *instance) {
		if !seen[in.mod.dir] {
			seen[in.mod.dir] = true
			c.Files = append(c.Files, in.mod.files...)
			c.Errors = append(c.Errors, r.errs[in.mod.dir]...)
		}
		for _, res := range in.mod.res {
			ev.resource(c, in, res)
		}
		names := make([]string, 0, len(in.kids))
		for n := range in.kids {
			names = append(names, n)
		}
		slices.Sort(names)
		for _, n := range names {
			visit(in.kids[n])
		}
	}
	visit(ev.root)
	c.Errors = append(c.Errors, ev.errs...)
	ev.closeChannels(c)
	ev.dataChannels(ev.root, &c.lookups)
	slices.Sort(c.Files)
	c.Files = slices.Compact(c.Files)
	return c
}

// value turns an evaluated string into a Value.
func (ev *evaluator) value(in *instance, v cty.Value, e hclsyntax.Expression) Value {
	expr := ""
	if e != nil {
		expr = strings.TrimSpace(in.mod.text(e))
	}
	if v.IsNull() || !v.IsWhollyKnown() || v.Type() != cty.String {
		if v.IsWhollyKnown() && !v.IsNull() && (v.Type() == cty.Number || v.Type() == cty.Bool) {
			if s, err := convertString(v); err == nil {
				return Value{Known: true, Text: s}
			}
		}
		out := Value{Expr: expr}
		if e != nil {
			for _, tr := range e.Variables() {
				if r := ev.traversalRef(in, tr); r != nil {
					out.Refs = append(out.Refs, r)
				}
			}
		}
		return out
	}
	s := v.AsString()
	if r := ev.onlyRef(s); r != nil {
		out := Value{Ref: ev.export(r)}
		out.Text, _ = ev.literal(r, 0)
		return out
	}
	if t, ok := ev.substitute(s, 0); ok {
		return Value{Known: true, Text: t}
	}
	out := Value{Expr: expr}
	if out.Expr == "" {
		out.Expr = readable(s)
	}
	for _, r := range ev.refsIn(s) {
		out.Refs = append(out.Refs, ev.export(r))
	}
	return out
}

func convertString(v cty.Value) (string, error) {
	b, err := ctyjson.Marshal(v, v.Type())
	return string(b), err
}

// readable writes the sentinels of a string as the references they are.
func readable(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case sentinelStart:
			b.WriteString("${ref#")
		case sentinelEnd:
			b.WriteString("}")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// traversalRef is the resource attribute a traversal names, if any.
func (ev *evaluator) traversalRef(in *instance, tr hcl.Traversal) *Ref {
	root := tr.RootName()
	i := 1
	switch root {
	case "var", "local", "module", "path", "count", "each", "self", "terraform":
		return nil
	case "data":
		t, ok := attrName(tr, 1)
		if !ok {
			return nil
		}
		root, i = "data."+t, 2
	}
	name, ok := attrName(tr, i)
	if !ok || in.res[root+"."+name] == nil {
		return nil
	}
	rest := tr[i+1:]
	if len(rest) > 0 {
		if _, ok := rest[0].(hcl.TraverseIndex); ok {
			rest = rest[1:]
		}
	}
	attr, _ := attrName(rest, 0)
	return &Ref{Addr: in.prefix + root + "." + name, Type: root, Attr: attr}
}

func (ev *evaluator) export(r *instRef) *Ref {
	return &Ref{Addr: r.addr, Type: r.typ, Attr: r.attr}
}

// str evaluates a string argument.
func (ev *evaluator) str(in *instance, body *hclsyntax.Body, name string) Value {
	if body == nil || body.Attributes[name] == nil {
		return Value{}
	}
	a := body.Attributes[name]
	return ev.value(in, in.eval(a.Expr), a.Expr)
}

// lit is a string argument's value when it is known.
func (ev *evaluator) lit(in *instance, body *hclsyntax.Body, name string) string {
	v := ev.str(in, body, name)
	if v.Known {
		return v.Text
	}
	return ""
}

func (ev *evaluator) boolean(in *instance, body *hclsyntax.Body, name string) bool {
	v := in.arg(body, name)
	if v.IsWhollyKnown() && !v.IsNull() && v.Type() == cty.Bool {
		return v.True()
	}
	return false
}

// jsonText is an argument holding JSON, as text: a string, or an object
// (jsonencode, or a value Terraform encodes itself).
func (ev *evaluator) jsonText(in *instance, body *hclsyntax.Body, name string) string {
	v := in.arg(body, name)
	if v.IsNull() || !v.IsWhollyKnown() {
		return ""
	}
	if v.Type() == cty.String {
		s, ok := ev.substitute(v.AsString(), 0)
		if !ok || !json.Valid([]byte(s)) {
			return ""
		}
		return s
	}
	b, err := ctyjson.Marshal(v, v.Type())
	if err != nil {
		return ""
	}
	s, ok := ev.substitute(string(b), 0)
	if !ok {
		return ""
	}
	return s
}

// env reads a map of environment variables.
func (ev *evaluator) env(in *instance, body *hclsyntax.Body, name string) []*Env {
	if body == nil || body.Attributes[name] == nil {
		return nil
	}
	a := body.Attributes[name]
	v := in.eval(a.Expr)
	if v.IsNull() || !v.CanIterateElements() || !v.IsKnown() {
		return nil
	}
	pos := Pos{File: a.SrcRange.Filename, Line: a.SrcRange.Start.Line, Col: a.SrcRange.Start.Column}
	// Each variable's own line, when the map is written here.
	lines := map[string]Pos{}
	if oc, ok := a.Expr.(*hclsyntax.ObjectConsExpr); ok {
		for _, it := range oc.Items {
			if k, diags := it.KeyExpr.Value(nil); !diags.HasErrors() && k.Type() == cty.String && k.IsKnown() {
				lines[k.AsString()] = Pos{File: it.KeyExpr.Range().Filename, Line: it.KeyExpr.Range().Start.Line, Col: it.KeyExpr.Range().Start.Column}
			}
		}
	}
	var out []*Env
	for it := v.ElementIterator(); it.Next(); {
		k, x := it.Element()
		if k.Type() != cty.String || !k.IsKnown() {
			continue
		}
		p, ok := lines[k.AsString()]
		if !ok {
			p = pos
		}
		out = append(out, &Env{Name: k.AsString(), Value: ev.value(in, x, nil), Pos: p})
	}
	return out
}

// code follows a path argument to where the code is: a data
// "archive_file" is its source_dir or source_file, a bucket object its
// source, a literal path itself.
func (ev *evaluator) code(in *instance, v cty.Value, from string, depth int) Code {
	if depth > 6 || v.IsNull() || !v.IsWhollyKnown() || v.Type() != cty.String {
		return Code{}
	}
	s := v.AsString()
	if r := ev.onlyRef(s); r != nil && r.res != nil {
		switch r.typ {
		case "data.archive_file", "archive_file":
			if d := r.in.arg(r.res.body, "source_dir"); d.IsWhollyKnown() && !d.IsNull() && d.Type() == cty.String {
				if p := ev.path(r.in, d.AsString()); p != "" {
					return Code{Dir: p, From: r.addr + ".source_dir"}
				}
			}
			if f := r.in.arg(r.res.body, "source_file"); f.IsWhollyKnown() && !f.IsNull() && f.Type() == cty.String {
				if p := ev.path(r.in, f.AsString()); p != "" {
					return Code{File: p, From: r.addr + ".source_file"}
				}
			}
			return Code{}
		case "google_storage_bucket_object", "aws_s3_object", "aws_s3_bucket_object":
			return ev.code(r.in, r.in.arg(r.res.body, "source"), r.addr+".source", depth+1)
		}
		return Code{}
	}
	t, ok := ev.substitute(s, 0)
	if !ok {
		return Code{}
	}
	p := ev.path(in, t)
	if p == "" {
		return Code{}
	}
	switch {
	case strings.HasSuffix(p, ".zip") || strings.HasSuffix(p, ".jar"):
		return Code{Zip: p, From: from}
	case ev.r.isDir(p):
		return Code{Dir: p, From: from}
	}
	return Code{File: p, From: from}
}

// path makes a filesystem path of the configuration (relative to the
// root module, Terraform's working directory) relative to the analysed
// root.
func (ev *evaluator) path(in *instance, p string) string {
	p = strings.TrimSpace(p)
	if p == "" || strings.Contains(p, "://") || strings.ContainsAny(p, "\x00\x01*") {
		return ""
	}
	fp := filepath.FromSlash(p)
	if !filepath.IsAbs(fp) {
		fp = filepath.Join(ev.r.abs(in.rootInstance().mod.dir), fp)
	}
	rel, err := filepath.Rel(ev.r.root, filepath.Clean(fp))
	if err != nil {
		return ""
	}
	return path.Clean(filepath.ToSlash(rel))
}
