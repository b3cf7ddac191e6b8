package manifest

import (
	"path"
	"strings"

	"github.com/faasvet/faasvet/manifest/node"
)

// readOpenFaaS reads an OpenFaaS stack file: its functions, their
// environment (also from environment_file), annotations, and the
// connector topics a topic annotation subscribes them to. One app may
// spread its functions over several stack files; each is read alone and
// the model joins them by name.
func (b *builder) readOpenFaaS(file string, doc *node.Node) {
	fns := doc.Get("functions")
	if !fns.IsMap() {
		b.errorf(doc.Pos, "functions must be a map of function names to functions")
		return
	}
	for _, fld := range fns.Fields() {
		def := fld.Value
		f := &Function{LogicalID: fld.Key, Name: fld.Key, Platform: PlatformOpenFaaS, Format: OpenFaaS, Pos: fld.KeyPos}
		f.Runtime = def.Get("lang").Str()
		f.Handler = def.Get("handler").Str()
		f.Image = def.Get("image").Str()
		if d := b.dirOf(file, f.Handler); d != "" && f.Handler != "" && b.isDir(d) {
			f.CodeDir, f.CodeFrom = d, "handler"
		}
		env := map[string]*EnvVar{}
		for _, ef := range def.Get("environment_file").List() {
			b.envFile(file, ef, env)
		}
		for _, v := range def.Get("environment").Fields() {
			env[v.Key] = &EnvVar{Name: v.Key, Value: stackValue(v.Value), Pos: v.KeyPos}
		}
		for _, e := range env {
			f.Env = append(f.Env, e)
		}
		for _, a := range def.Get("annotations").Fields() {
			f.Annotations = append(f.Annotations, Attr{Name: a.Key, Value: jsonOrText(a.Value)})
		}
		b.addFunction(f)
		if topics := def.Get("annotations").Get("topic"); topics != nil {
			for _, t := range strings.Split(topics.Str(), ",") {
				if t = strings.TrimSpace(t); t != "" {
					ch := b.implicitChannel(FaasTopic, t, OpenFaaS, topics.Pos)
					b.addLink(&Link{From: chEnd(ch), To: fnEnd(f), Event: "openfaas-topic", Name: t, Format: OpenFaaS, Pos: topics.Pos})
				}
			}
		}
	}
	for _, t := range doc.Path("configuration", "templates").List() {
		b.m.Templates = append(b.m.Templates, &Template{Name: t.Get("name").Str(), Source: t.Get("source").Str(), Pos: t.Pos})
	}
}

// stackValue is an environment value of a stack file: faas-cli expands
// ${VAR} and ${VAR:-default} from its own environment, so those are
// unresolved.
func stackValue(n *node.Node) Value {
	s, ok := n.Scalar()
	if !ok {
		return Value{Kind: Unresolved, Text: n.String()}
	}
	if strings.Contains(s, "${") {
		return Value{Kind: Unresolved, Text: s}
	}
	return Value{Kind: Literal, Text: s}
}

// envFile reads an environment_file: YAML with an environment map,
// relative to the stack file.
func (b *builder) envFile(file string, ref *node.Node, env map[string]*EnvVar) {
	name := ref.Str()
	if name == "" || strings.Contains(name, "${") {
		return
	}
	rel := path.Join(path.Dir(file), name)
	if strings.HasPrefix(rel, "../") {
		return
	}
	p := b.load(rel, true)
	if p.err != nil {
		b.errs = append(b.errs, Error{Pos: ref.Pos, Msg: "environment_file " + name + ": " + p.err.Msg})
		return
	}
	if len(p.docs) == 0 {
		return
	}
	for _, v := range p.docs[0].Get("environment").Fields() {
		env[v.Key] = &EnvVar{Name: v.Key, Value: stackValue(v.Value), Pos: v.KeyPos}
	}
}
