package main

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"math/rand"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/go/types/typeutil"
)

// A mutation kind is one seeded change to a consumer's view of its
// payload, with the check that must report it. Each is applied to the
// consumer's decode site alone, so that the producer keeps sending what
// it sent: the edge, not the type, is what changes.
type mutKind struct {
	Name  string // stable, in the report
	Check string // the check expected to report it
	What  string // for the report
}

var mutKinds = []mutKind{
	{"kind", "wire-type", "the consumer decodes one field as another JSON kind (string <-> number)"},
	{"string-option", "wire-quoted", "the consumer adds ,string to one field's tag, the producer does not"},
	{"renamed-key", "wire-missing", "the consumer needs a key the producer does not send (a renamed copy of one of its keys)"},
}

// A mutResult is one mutation of one drawn route.
type mutResult struct {
	Route    string `json:"route"` // from -> to
	Kind     string `json:"kind"`
	Check    string `json:"check"`
	Field    string `json:"field,omitempty"` // the JSON key mutated
	Applied  bool   `json:"applied"`
	Reported bool   `json:"reported"`
	Skip     string `json:"skip,omitempty"` // why it could not be applied
	Got      string `json:"got,omitempty"`  // the new findings, when not reported
}

func mutationTotals(ms []mutResult) (reported, applied int) {
	for _, m := range ms {
		if m.Applied {
			applied++
			if m.Reported {
				reported++
			}
		}
	}
	return reported, applied
}

// mutateRoutes applies every mutation kind to every drawn route of the
// app, one at a time, in the scratch copy tree (never the checkout), and
// restores the file after each run.
func mutateRoutes(cfg config, a *app, tree string, s *score, base []finding, baseErr string) []mutResult {
	rng := rand.New(rand.NewSource(cfg.seed))
	baseline := map[string]bool{}
	for _, f := range base {
		baseline[findingKey(f)] = true
	}
	var res []mutResult
	for _, fr := range s.Found {
		name := fr.Truth.From + " -> " + fr.Truth.To
		if !fr.Typed {
			// With no type at one end nothing is compared: a mutation
			// could not be reported, and says nothing about the checks.
			for _, k := range mutKinds {
				res = append(res, mutResult{Route: name, Kind: k.Name, Check: k.Check, Skip: "the route has no payload type at one end"})
			}
			continue
		}
		site, err := findSite(cfg, a, tree, fr.Consumer, consumerType(fr))
		if err == nil {
			err = site.keepSent(producerKeys(cfg, a, tree, fr.Producer, fr.Path[0].Payload))
		}
		for _, k := range mutKinds {
			m := mutResult{Route: name, Kind: k.Name, Check: k.Check}
			if err != nil {
				m.Skip = err.Error()
				res = append(res, m)
				continue
			}
			edit, key := site.mutation(k, rng)
			m.Field = key
			m.Applied = true
			fs, loadErr := runMutated(cfg, a, tree, site.file, edit)
			if loadErr != baseErr { // the mutation broke the build: not faasvet's miss
				m.Applied = false
				m.Skip = "the mutated copy did not load: " + firstLine(loadErr)
				res = append(res, m)
				continue
			}
			var fresh []string
			for _, f := range fs {
				if baseline[findingKey(f)] {
					continue
				}
				if f.Check == k.Check && strings.Contains(f.Message, key) {
					m.Reported = true
				}
				fresh = append(fresh, f.Check+": "+f.Message)
			}
			if !m.Reported {
				sort.Strings(fresh)
				m.Got = strings.Join(fresh, "; ")
				if m.Got == "" {
					m.Got = "no new finding"
				}
			}
			res = append(res, m)
		}
	}
	return res
}

func findingKey(f finding) string { return f.Check + "\x00" + f.File + "\x00" + f.Message }

// runMutated writes edit over file, runs faasvet check, and puts the
// original back whatever happened.
func runMutated(cfg config, a *app, tree, file string, edit []byte) ([]finding, string) {
	orig, err := os.ReadFile(file)
	if err != nil {
		return nil, err.Error()
	}
	defer func() { _ = os.WriteFile(file, orig, 0o644) }()
	if err := os.WriteFile(file, edit, 0o644); err != nil {
		return nil, err.Error()
	}
	_, fs, loadErr := analyse(cfg, a, tree, "")
	return fs, loadErr
}

// A site is where a consumer decodes its payload: a handler parameter
// whose type is a struct. The mutation replaces the parameter's type by
// a struct that embeds the original and adds one shallower field, which
// encoding/json prefers to the embedded one; the body goes on using the
// original value, so the mutated copy compiles whatever the body does.
type site struct {
	file    string // absolute path of the handler's file
	src     []byte
	fset    *token.FileSet
	param   *ast.Field
	body    *ast.BlockStmt
	embed   string // the embedded field's name
	pointer bool
	fields  []fieldChoice

	// A decode site (decodeSite): the &v argument, v's name, the
	// statement that holds the call, and the type as the file names it.
	decodeArg *ast.UnaryExpr
	decodeVar string
	stmt      ast.Stmt
	embedType string
}

type fieldChoice struct {
	key   string // JSON key
	basic *types.Basic
}

// consumerType is the name of the type the consumer decodes its payload
// into: the ground truth's, else the input faasvet reports. An SDK
// envelope (an SQS event, an HTTP request) is never it.
func consumerType(fr foundRoute) string {
	t := fr.Truth.ConsumerType
	if t == "" {
		t = fr.Consumer.Input
	}
	return typeBaseName(t)
}

// typeBaseName strips a type's package, pointers, slices and type
// arguments: "*model.Lease[T]" is "Lease".
func typeBaseName(t string) string {
	t = strings.TrimLeft(t, "*[]")
	if i := strings.Index(t, "["); i >= 0 {
		t = t[:i]
	}
	if i := strings.LastIndex(t, "."); i >= 0 {
		t = t[i+1:]
	}
	return t
}

func findSite(cfg config, a *app, tree string, consumer node, want string) (*site, error) {
	if consumer.File == "" || !strings.HasSuffix(consumer.File, ".go") {
		return nil, fmt.Errorf("the consumer has no Go handler")
	}
	dir := filepath.Join(tree, filepath.FromSlash(a.Root), filepath.Dir(filepath.FromSlash(consumer.File)))
	pcfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo,
		Dir:  dir,
		Env:  cfg.goEnv,
	}
	pkgs, err := packages.Load(pcfg, ".")
	if err != nil || len(pkgs) != 1 || len(pkgs[0].Errors) > 0 || pkgs[0].Types == nil {
		return nil, fmt.Errorf("the consumer's package does not load")
	}
	p := pkgs[0]
	fd, lit := handlerFunc(p, consumer)
	var ftype *ast.FuncType
	var body *ast.BlockStmt
	switch {
	case fd != nil:
		ftype, body = fd.Type, fd.Body
	case lit != nil:
		ftype, body = lit.Type, lit.Body
	default:
		return nil, fmt.Errorf("handler %s not found in its package", consumer.Func)
	}
	if body == nil || ftype.Params == nil {
		return nil, fmt.Errorf("handler %s has no body or parameters", consumer.Func)
	}
	for i := len(ftype.Params.List) - 1; i >= 0; i-- {
		field := ftype.Params.List[i]
		s, err := paramSite(p, field, want)
		if err != nil {
			return nil, err
		}
		if s == nil {
			continue
		}
		s.fset, s.body = p.Fset, body
		s.file = p.Fset.File(field.Pos()).Name()
		if s.src, err = os.ReadFile(s.file); err != nil {
			return nil, err
		}
		return s, nil
	}
	return decodeSite(p, want)
}

// decodeSite finds, when the handler takes no struct, where the
// consumer's package decodes its input: json.Unmarshal(b, &v),
// dec.Decode(&v) or event.DataAs(&v), with v a variable of the input
// type faasvet reports. The mutation decodes into a variable of the
// mutated type instead; v is left alone, so the code compiles.
func decodeSite(p *packages.Package, want string) (*site, error) {
	if want == "" {
		return nil, fmt.Errorf("the handler takes no struct and faasvet reports no input type (not mutated)")
	}
	for _, f := range p.Syntax {
		var found *site
		var ferr error
		ast.Inspect(f, func(n ast.Node) bool {
			if found != nil || ferr != nil {
				return false
			}
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			fn, ok := typeutil.Callee(p.TypesInfo, call).(*types.Func)
			if !ok || fn.Pkg() == nil {
				return true
			}
			var arg ast.Expr
			switch {
			case fn.Pkg().Path() == "encoding/json" && fn.Name() == "Unmarshal" && len(call.Args) == 2:
				arg = call.Args[1]
			case fn.Pkg().Path() == "encoding/json" && fn.Name() == "Decode" && len(call.Args) == 1,
				strings.HasPrefix(fn.Pkg().Path(), "github.com/cloudevents/sdk-go") && fn.Name() == "DataAs" && len(call.Args) == 1:
				arg = call.Args[0]
			default:
				return true
			}
			u, ok := arg.(*ast.UnaryExpr)
			if !ok || u.Op != token.AND {
				return true
			}
			id, ok := u.X.(*ast.Ident)
			if !ok {
				return true
			}
			named, ok := types.Unalias(p.TypesInfo.TypeOf(id)).(*types.Named)
			if !ok || named.Obj().Name() != want {
				return true
			}
			if _, ok := named.Underlying().(*types.Struct); !ok {
				return true
			}
			s, err := structSite(named)
			if err != nil {
				ferr = err
				return false
			}
			s.embed = named.Obj().Name()
			s.embedType = types.TypeString(named, types.RelativeTo(p.Types))
			if named.TypeArgs().Len() > 0 {
				ferr = fmt.Errorf("the input type %s is an instantiated generic (not mutated)", named.Obj().Name())
				return false
			}
			if named.Obj().Pkg() != p.Types {
				ferr = qualify(f, named, s)
				if ferr != nil {
					return false
				}
			}
			s.decodeArg, s.decodeVar = u, id.Name
			s.stmt = enclosingStmt(f, call)
			if s.stmt == nil {
				ferr = fmt.Errorf("the decode is not in a block (not mutated)")
				return false
			}
			s.fset = p.Fset
			s.file = p.Fset.File(call.Pos()).Name()
			found = s
			return false
		})
		if ferr != nil {
			return nil, ferr
		}
		if found != nil {
			var err error
			if found.src, err = os.ReadFile(found.file); err != nil {
				return nil, err
			}
			return found, nil
		}
	}
	return nil, fmt.Errorf("the handler takes no struct and no decode into %s was found in its package (not mutated)", want)
}

// qualify writes the embedded type as the decoding file names it: by the
// name it imports the type's package under.
func qualify(f *ast.File, named *types.Named, s *site) error {
	path := named.Obj().Pkg().Path()
	for _, imp := range f.Imports {
		if strings.Trim(imp.Path.Value, "\"") != path {
			continue
		}
		name := named.Obj().Pkg().Name()
		if imp.Name != nil {
			name = imp.Name.Name
		}
		if name == "_" || name == "." {
			break
		}
		s.embedType = name + "." + named.Obj().Name()
		return nil
	}
	return fmt.Errorf("the decoding file does not import %s by name (not mutated)", path)
}

// enclosingStmt returns the statement of the innermost block that holds
// n: the variables declared around the decode are in scope there.
func enclosingStmt(f *ast.File, n ast.Node) ast.Stmt {
	var found ast.Stmt
	ast.Inspect(f, func(x ast.Node) bool {
		if x == nil || x.Pos() > n.Pos() || x.End() < n.End() {
			return false // not around n
		}
		if b, ok := x.(*ast.BlockStmt); ok {
			for _, st := range b.List {
				if st.Pos() <= n.Pos() && n.End() <= st.End() {
					found = st
				}
			}
		}
		return true
	})
	return found
}

// producerKeys returns the top-level JSON keys of the type the producer
// sends, found by its name (pkg.Type, as faasvet prints it) among the
// producer package's own types and its imports; nil when it cannot be
// found, and then any consumer field may be mutated.
func producerKeys(cfg config, a *app, tree string, producer node, payload string) map[string]bool {
	qual, name, ok := strings.Cut(strings.TrimPrefix(payload, "*"), ".")
	if !ok || producer.File == "" || strings.ContainsAny(name, "[]. ") {
		return nil
	}
	dir := filepath.Join(tree, filepath.FromSlash(a.Root), filepath.Dir(filepath.FromSlash(producer.File)))
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax | packages.NeedTypes | packages.NeedTypesInfo, Dir: dir, Env: cfg.goEnv}, ".")
	if err != nil || len(pkgs) != 1 || pkgs[0].Types == nil {
		return nil
	}
	cands := append([]*types.Package{pkgs[0].Types}, pkgs[0].Types.Imports()...)
	for _, p := range cands {
		// faasvet names a main package's types by its directory.
		if p.Name() != qual && !(p.Name() == "main" && path.Base(p.Path()) == qual) && !(p == pkgs[0].Types && path.Base(producer.Package) == qual) {
			continue
		}
		if tn, ok := p.Scope().Lookup(name).(*types.TypeName); ok {
			keys := map[string]bool{}
			jsonKeys(tn.Type(), keys, 0)
			return keys
		}
	}
	return nil
}

// jsonKeys adds the keys encoding/json writes for t's top level, with
// embedded structs' fields promoted (conflicts are not resolved: this
// only steers the choice of a field to mutate).
func jsonKeys(t types.Type, keys map[string]bool, depth int) {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	st, ok := t.Underlying().(*types.Struct)
	if !ok || depth > 8 {
		return
	}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		name, _, _ := strings.Cut(reflect.StructTag(st.Tag(i)).Get("json"), ",")
		if name == "-" {
			continue
		}
		if f.Embedded() && name == "" {
			jsonKeys(f.Type(), keys, depth+1)
			continue
		}
		if !f.Exported() {
			continue
		}
		if name == "" {
			name = f.Name()
		}
		keys[name] = true
	}
}

// keepSent narrows the fields to mutate to those whose key the producer
// sends: a mutation of a field the producer never fills changes nothing
// on the wire but a missing key, which is a different finding.
func (s *site) keepSent(sent map[string]bool) error {
	if sent == nil {
		return nil
	}
	var kept []fieldChoice
	for _, f := range s.fields {
		if sent[f.key] {
			kept = append(kept, f)
		}
	}
	if len(kept) == 0 {
		return fmt.Errorf("no scalar field of the consumer's input is sent by the producer")
	}
	s.fields = kept
	return nil
}

// handlerFunc finds the consumer's handler: a function or method by the
// name faasvet gives it, or else a function literal on its line.
func handlerFunc(p *packages.Package, n node) (*ast.FuncDecl, *ast.FuncLit) {
	recv, name := "", n.Func
	if strings.HasPrefix(name, "(") {
		if i := strings.Index(name, ")."); i > 0 {
			recv, name = strings.TrimLeft(name[1:i], "*"), name[i+2:]
		}
	} else if i := strings.LastIndex(name, "."); i > 0 {
		recv, name = name[:i], name[i+1:]
	}
	var lit *ast.FuncLit
	for _, f := range p.Syntax {
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Name.Name != name {
				continue
			}
			if recvName(fd) == recv {
				return fd, nil
			}
		}
		if lit == nil && filepath.Base(p.Fset.File(f.Pos()).Name()) == filepath.Base(n.File) {
			ast.Inspect(f, func(x ast.Node) bool {
				if fl, ok := x.(*ast.FuncLit); ok && lit == nil && p.Fset.Position(fl.Pos()).Line == n.Line {
					lit = fl
				}
				return lit == nil
			})
		}
	}
	return nil, lit
}

func recvName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return ""
	}
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	switch x := t.(type) {
	case *ast.IndexExpr:
		t = x.X
	case *ast.IndexListExpr:
		t = x.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// paramSite reports whether field is a parameter a mutation can take
// the place of: one name or none, a named struct type, decoded by
// encoding/json field by field (no UnmarshalJSON or UnmarshalText).
func paramSite(p *packages.Package, field *ast.Field, want string) (*site, error) {
	t := p.TypesInfo.TypeOf(field.Type)
	if t == nil || len(field.Names) > 1 {
		return nil, nil
	}
	s := &site{param: field}
	te := field.Type
	if star, ok := te.(*ast.StarExpr); ok {
		s.pointer, te = true, star.X
		pt, ok := t.(*types.Pointer)
		if !ok {
			return nil, nil
		}
		t = pt.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil, nil
	}
	if _, ok := named.Underlying().(*types.Struct); !ok {
		return nil, nil
	}
	if want != "" && named.Obj().Name() != want {
		return nil, nil // another parameter: the context, an envelope
	}
	if named.Obj().Pkg() != nil && named.Obj().Pkg().Path() == "context" {
		return nil, nil
	}
	for _, m := range []string{"UnmarshalJSON", "UnmarshalText"} {
		if obj, _, _ := types.LookupFieldOrMethod(types.NewPointer(named), true, named.Obj().Pkg(), m); obj != nil {
			return nil, fmt.Errorf("the input type %s decodes itself (%s)", named.Obj().Name(), m)
		}
	}
	base := te
	switch x := base.(type) {
	case *ast.IndexExpr:
		base = x.X
	case *ast.IndexListExpr:
		base = x.X
	}
	switch x := base.(type) {
	case *ast.Ident:
		s.embed = x.Name
	case *ast.SelectorExpr:
		s.embed = x.Sel.Name
	default:
		return nil, nil
	}
	fs, err := structSite(named)
	if err != nil {
		return nil, err
	}
	s.fields = fs.fields
	return s, nil
}

// structSite lists the fields of a named struct input that a mutation
// may shadow: exported, not embedded, JSON-visible scalars. Fields with
// omitempty count: the producer sends them whenever they are set.
func structSite(named *types.Named) (*site, error) {
	st := named.Underlying().(*types.Struct)
	s := &site{}
	for i := 0; i < st.NumFields(); i++ {
		f := st.Field(i)
		if !f.Exported() || f.Embedded() {
			continue
		}
		tag := reflect.StructTag(st.Tag(i)).Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" && opts == "" {
			continue
		}
		if strings.Contains(","+opts+",", ",string,") {
			continue // already quoted: the ,string mutation would be no change
		}
		b, ok := f.Type().Underlying().(*types.Basic)
		if !ok || b.Info()&(types.IsBoolean|types.IsNumeric|types.IsString) == 0 || b.Info()&types.IsComplex != 0 {
			continue
		}
		if name == "" {
			name = f.Name()
		}
		s.fields = append(s.fields, fieldChoice{key: name, basic: b})
	}
	if len(s.fields) == 0 {
		return nil, fmt.Errorf("the input type %s has no required scalar field to mutate", named.Obj().Name())
	}
	return s, nil
}

// mutation returns the handler file's text with mutation k applied on a
// field chosen by rng, and the JSON key it concerns.
func (s *site) mutation(k mutKind, rng *rand.Rand) ([]byte, string) {
	c := s.fields[rng.Intn(len(s.fields))]
	goType := c.basic.Name()
	key, tag := c.key, c.key
	switch k.Name {
	case "kind":
		if c.basic.Info()&types.IsString != 0 {
			goType = "int64"
		} else {
			goType = "string"
		}
	case "string-option":
		tag = key + ",string"
	case "renamed-key":
		key += "_faasvet"
		tag = key
	}
	off := func(p token.Pos) int { return s.fset.Position(p).Offset }
	if s.decodeArg != nil {
		var b strings.Builder
		b.Write(s.src[:off(s.stmt.Pos())])
		fmt.Fprintf(&b, "var faasvetMutArg faasvetMutInput; _ = &%s\n\t", s.decodeVar)
		b.Write(s.src[off(s.stmt.Pos()):off(s.decodeArg.Pos())])
		b.WriteString("&faasvetMutArg")
		b.Write(s.src[off(s.decodeArg.End()):])
		fmt.Fprintf(&b, "\n\n// faasvetMutInput is a recall-benchmark mutation (%s).\ntype faasvetMutInput struct {\n\t%s\n\tFaasvetMut %s `json:%q`\n}\n",
			k.Name, s.embedType, goType, tag)
		return []byte(b.String()), key
	}
	typ := s.src[off(s.param.Type.Pos()):off(s.param.Type.End())]
	embedded := strings.TrimPrefix(string(typ), "*")
	var b strings.Builder
	b.Write(s.src[:off(s.param.Pos())])
	arg := ""
	if len(s.param.Names) == 1 && s.param.Names[0].Name != "_" {
		arg = s.param.Names[0].Name
		b.WriteString("faasvetMutArg ")
	} else if len(s.param.Names) == 1 {
		b.WriteString("_ ")
	}
	if s.pointer {
		b.WriteString("*")
	}
	b.WriteString("faasvetMutInput")
	b.Write(s.src[off(s.param.End()) : off(s.body.Lbrace)+1])
	if arg != "" {
		amp := ""
		if s.pointer {
			amp = "&"
		}
		fmt.Fprintf(&b, "\n\t%s := %sfaasvetMutArg.%s\n\t_ = %s", arg, amp, s.embed, arg)
	}
	b.Write(s.src[off(s.body.Lbrace)+1:])
	fmt.Fprintf(&b, "\n\n// faasvetMutInput is a recall-benchmark mutation (%s).\ntype faasvetMutInput struct {\n\t%s\n\tFaasvetMut %s `json:%q`\n}\n",
		k.Name, embedded, goType, tag)
	return []byte(b.String()), key
}
