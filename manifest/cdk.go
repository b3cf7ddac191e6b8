package manifest

import (
	"archive/zip"
	"bytes"
	"cmp"
	"debug/buildinfo"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/faasvet/faasvet/manifest/cdkgo"
	"github.com/faasvet/faasvet/manifest/node"
)

// An AWS CDK app wires its functions in TypeScript or Go; what deploys is
// the cloud assembly that cdk synth writes (cdk.out): manifest.json names
// the stacks and their CloudFormation templates, and the assets, among
// them each function's code. faasvet reads the assembly, not the CDK
// code: the templates with the CloudFormation reader, and each function's
// asset mapped back to the Go package it was built from.

// maxAssemblyDepth bounds nested assemblies (CDK stages) and nested
// stacks.
const maxAssemblyDepth = 8

// maxBootstrapSize bounds the binary read out of a zipped asset.
const maxBootstrapSize = 200 << 20

// An assembly is one cloud assembly directory being read.
type assembly struct {
	b   *builder
	dir string // relative to the root
	// assets maps an asset's hash (the S3 key without .zip or .json) to
	// its path in the assembly, from the *.assets.json manifests.
	assets map[string]string
	depth  int
}

// readCDK reads the cloud assembly of every CDK app of the tree (a
// directory with cdk.json, whose "output" names the assembly directory,
// cdk.out by default), and an assembly at the root without one. A CDK
// app without an assembly is a note: its wiring is in code faasvet does
// not read.
func (b *builder) readCDK() {
	if b.opts.NoWalk {
		return
	}
	dirs := map[string]bool{} // assembly directories
	goApps := b.goCDKApps()
	for _, app := range b.cdkApps {
		cfg := path.Join(app, "cdk.json")
		out := "cdk.out"
		if docs, err := node.Parse(cfg, b.readSmall(cfg)); err == nil && len(docs) == 1 {
			if o := docs[0].Get("output").Str(); o != "" && !path.IsAbs(o) {
				out = o
			}
		}
		asm := path.Join(app, out)
		if outside(asm) {
			continue
		}
		if !b.isFile(path.Join(asm, "manifest.json")) {
			if mains := goApps[app]; len(mains) > 0 {
				for _, m := range mains {
					b.readCDKGo(m, app, asm)
				}
				delete(goApps, app)
				continue
			}
			b.notef(NoteCDK, Pos{File: cfg}, "a CDK app without its synthesized cloud assembly (%s/manifest.json): the functions, queues and routes its CDK code wires are not seen; run cdk synth before faasvet (docs/ci.md shows the step)", asm)
			continue
		}
		dirs[asm] = true
	}
	if _, ok := dirs["cdk.out"]; !ok && b.isFile("cdk.out/manifest.json") {
		dirs["cdk.out"] = true
	}
	// Go CDK apps without a cdk.json: read from source unless an
	// assembly lies beside them.
	for _, app := range slices.Sorted(maps.Keys(goApps)) {
		if slices.Contains(b.cdkApps, app) {
			continue // synthesized: the assembly was read
		}
		asm := path.Join(app, "cdk.out")
		if dirs[asm] || b.isFile(path.Join(asm, "manifest.json")) {
			dirs[asm] = true
			continue
		}
		for _, m := range goApps[app] {
			b.readCDKGo(m, app, asm)
		}
	}
	for _, d := range slices.Sorted(maps.Keys(dirs)) {
		b.readAssembly(d, 0)
	}
}

// readSmall reads a small file relative to the root, or nil.
func (b *builder) readSmall(rel string) []byte {
	f, err := os.Open(filepath.Join(b.root, filepath.FromSlash(rel)))
	if err != nil {
		return nil
	}
	defer func() { _ = f.Close() }()
	data, _ := io.ReadAll(io.LimitReader(f, 1<<20))
	return data
}

// isFile reports whether rel is a regular file under the root.
func (b *builder) isFile(rel string) bool {
	st, err := os.Stat(filepath.Join(b.root, filepath.FromSlash(rel)))
	return err == nil && st.Mode().IsRegular()
}

// readAssembly reads the manifest.json of a cloud assembly: its asset
// manifests first, then its stacks, then the nested assemblies of its
// stages.
func (b *builder) readAssembly(dir string, depth int) {
	rel := path.Join(dir, "manifest.json")
	if depth > maxAssemblyDepth {
		b.errorf(Pos{File: rel}, "cloud assemblies nested deeper than %d: this one is not read", maxAssemblyDepth)
		return
	}
	doc := b.loadJSON(rel, "the cloud assembly manifest")
	if doc == nil {
		return
	}
	arts := doc.Get("artifacts")
	if !arts.IsMap() {
		b.errorf(doc.Pos, "the cloud assembly manifest has no artifacts map: not what cdk synth writes; re-run cdk synth")
		return
	}
	a := &assembly{b: b, dir: dir, assets: map[string]string{}, depth: depth}
	for _, fld := range arts.Fields() {
		if fld.Value.Get("type").Str() == "cdk:asset-manifest" {
			a.assetManifest(fld)
		}
	}
	for _, fld := range arts.Fields() {
		props := fld.Value.Get("properties")
		switch fld.Value.Get("type").Str() {
		case "aws:cloudformation:stack":
			tf := props.Get("templateFile")
			if !tf.IsString() || tf.Text == "" {
				b.errorf(fld.KeyPos, "stack %s has no templateFile: not what cdk synth writes; re-run cdk synth", fld.Key)
				continue
			}
			a.stack(fld.Key, tf, 0)
		case "cdk:cloud-assembly":
			if dn := props.Get("directoryName"); dn.IsString() && a.inside(dn.Text) {
				b.readAssembly(path.Join(dir, dn.Text), depth+1)
			}
		}
	}
}

// inside reports whether a path written in the assembly stays inside it.
func (a *assembly) inside(p string) bool {
	if p == "" || path.IsAbs(p) || strings.Contains(p, "\\") {
		return false
	}
	c := path.Clean(p)
	return c != ".." && !strings.HasPrefix(c, "../")
}

// loadJSON loads a JSON file of an assembly; an error names it.
func (b *builder) loadJSON(rel, what string) *node.Node {
	p := b.load(rel, true)
	if p.err != nil {
		b.errs = append(b.errs, Error{Pos: p.err.Pos, Msg: what + ": " + p.err.Msg})
		return nil
	}
	if len(p.docs) != 1 || !p.docs[0].IsMap() {
		b.errorf(Pos{File: rel}, "%s is not a JSON object", what)
		return nil
	}
	return p.docs[0]
}

// assetManifest reads a *.assets.json: the source path of each file
// asset by its hash, which is the S3 key the templates name.
func (a *assembly) assetManifest(art *node.Field) {
	f := art.Value.Path("properties", "file")
	if !f.IsString() || !a.inside(f.Text) {
		return
	}
	doc := a.b.loadJSON(path.Join(a.dir, f.Text), "the asset manifest of "+art.Key)
	for _, fld := range doc.Get("files").Fields() {
		if p := fld.Value.Path("source", "path"); p.IsString() {
			a.assets[fld.Key] = p.Text
		}
	}
}

// stack reads one stack's template, and the templates of its nested
// stacks.
func (a *assembly) stack(name string, tf *node.Node, depth int) {
	b := a.b
	rel := path.Join(a.dir, tf.Text)
	if !a.inside(tf.Text) {
		b.errorf(tf.Pos, "stack %s: template %s is outside the cloud assembly; re-run cdk synth", name, tf.Text)
		return
	}
	p := b.load(rel, true)
	if p.err != nil {
		b.errs = append(b.errs, Error{Pos: tf.Pos, Msg: "stack " + name + ": template " + tf.Text + ": " + p.err.Msg + "; re-run cdk synth"})
		return
	}
	if len(p.docs) != 1 {
		b.errorf(tf.Pos, "stack %s: template %s is empty; re-run cdk synth", name, tf.Text)
		return
	}
	doc := p.docs[0]
	f := classify(doc)
	if f != SAM && f != CloudFormation {
		if doc.Get("Resources") != nil {
			b.errorf(Pos{File: rel}, "stack %s: the template is not a CloudFormation template", name)
		}
		return // a stack of only CDK metadata, or none
	}
	b.addFile(rel, f)
	t := b.newTemplate(rel, f, doc)
	t.cdk = a
	t.outputs = doc.Get("Outputs")
	defer func() {
		if r := recover(); r != nil {
			b.errorf(Pos{File: rel}, "internal error reading the %s manifest (please report it): %v", f, r)
		}
	}()
	t.declare()
	t.wire()
	t.close()
	for _, r := range t.order {
		if r.typ == "AWS::CloudFormation::Stack" {
			a.nested(t, r, depth)
		}
	}
}

// nested reads a nested stack's template: the file its asset metadata
// names, or the asset its TemplateURL's S3 key is.
func (a *assembly) nested(t *template, r *resource, depth int) {
	if depth >= maxAssemblyDepth {
		a.b.errorf(r.pos, "nested stack %s: stacks nested deeper than %d are not read", r.id, maxAssemblyDepth)
		return
	}
	file := ""
	if p := r.meta.Get("aws:asset:path"); p.IsString() && r.meta.Get("aws:asset:property").Str() == "TemplateURL" {
		file = p.Text
	} else if key := a.s3Key(t, r.props.Get("TemplateURL")); key != "" {
		file = a.assets[strings.TrimSuffix(key, ".json")]
	}
	if file == "" {
		if r.meta.Get("aws:cdk:path") != nil {
			a.b.notef(NoteCDK, r.pos, "nested stack %s: its template is not named in the cloud assembly, so its functions and routes are not seen", r.id)
		}
		return
	}
	a.stack(r.id, &node.Node{Kind: node.String, Text: file, Pos: r.pos}, depth+1)
}

// s3Key is the literal object key at the end of an S3 URL (TemplateURL
// is an Fn::Join or Fn::Sub of the bucket and the key).
func (a *assembly) s3Key(t *template, n *node.Node) string {
	if n == nil {
		return ""
	}
	var s string
	if v := t.value(n); v.Kind == Literal {
		s = v.Text
	} else if name, arg, ok := n.Intrinsic(); ok && name == "Fn::Join" && arg.IsSeq() && len(arg.Items) == 2 {
		parts := arg.Items[1].List()
		if len(parts) > 0 {
			s = parts[len(parts)-1].Str()
		}
	} else if ok && name == "Fn::Sub" {
		s = arg.Str()
	}
	s = s[strings.LastIndexByte(s, '/')+1:]
	if strings.ContainsAny(s, "${}") {
		return ""
	}
	return s
}

// code maps a Lambda function of a synthesized template to its Go
// package: the asset its metadata (aws:asset:path) or its S3 key names,
// when the asset is a directory of Go code or a binary whose Go build
// information names its main package (what GoFunction bundles); else
// the one main package named like its construct (aws:cdk:path); else a
// note says that its code is not known. Functions in other languages
// (the CDK's own custom resource handlers) are left alone.
func (a *assembly) code(t *template, r *resource, f *Function) {
	rt := f.Runtime
	goRT := strings.HasPrefix(rt, "provided") || strings.HasPrefix(rt, "go")
	if !goRT {
		return
	}
	asset := ""
	if p := r.meta.Get("aws:asset:path"); p.IsString() && r.meta.Get("aws:asset:property").Str() != "ImageUri" {
		asset = p.Text
	} else if key := t.literal(r.props.Path("Code", "S3Key")); key != "" {
		asset = a.assets[strings.TrimSuffix(key, ".zip")]
	}
	construct := r.meta.Get("aws:cdk:path").Str()
	why := "its asset is not named in the template's metadata or the asset manifest"
	if asset != "" {
		var d string
		d, why = a.assetCode(asset)
		if d != "" {
			f.CodeDir, f.CodeFrom = d, "cdk asset"
			return
		}
	}
	if id := constructID(construct); id != "" {
		a.b.bindCode(f, "", "", "", "cdk construct", []string{id, strings.ToLower(id)})
		if f.CodeDir != "" {
			f.CodeFrom = "cdk construct"
			return
		}
	}
	what := "function " + r.id
	if construct != "" {
		what += " (construct " + construct + ")"
	}
	a.b.notef(NoteCDK, r.pos, "%s: %s, and no main package is named like its construct, so faasvet cannot tell which Go code it runs: routes to and from it are drawn without payload types; synthesize with its asset present (GoFunction bundles a bootstrap whose Go build information names its package)", what, why)
}

// cdkOwn reports whether a function is one the CDK adds for itself (log
// retention, bucket deployments, custom resource providers): a
// singleton, whose construct ID ends in a 32-digit hex UUID, or a custom
// resource provider, whose construct ID starts with Custom::.
func cdkOwn(r *resource) bool {
	for _, seg := range strings.Split(r.meta.Get("aws:cdk:path").Str(), "/") {
		if strings.HasPrefix(seg, "Custom::") {
			return true
		}
		if len(seg) > 32 && isHex(seg[len(seg)-32:]) {
			return true
		}
	}
	return false
}

func isHex(s string) bool {
	for _, c := range s {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// constructID is the ID of the construct a resource belongs to: the
// last segment of its construct path but the Resource CDK adds.
func constructID(p string) string {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	for i := len(segs) - 1; i >= 1; i-- { // segs[0] is the stack
		if s := segs[i]; s != "Resource" && s != "Default" && s != "" {
			return s
		}
	}
	return ""
}

// assetCode maps an asset path (relative to the assembly, or absolute
// when staging is off) to a Go package directory under the root, or says
// why it cannot.
func (a *assembly) assetCode(asset string) (string, string) {
	b := a.b
	var rel string
	if filepath.IsAbs(asset) || path.IsAbs(asset) {
		r, ok := b.rel(asset)
		if !ok {
			return "", "its asset " + asset + " is outside the analysed directory"
		}
		rel = r
	} else {
		rel = path.Join(a.dir, asset)
		if outside(rel) {
			return "", "its asset " + asset + " is outside the analysed directory"
		}
	}
	abs := filepath.Join(b.root, filepath.FromSlash(rel))
	st, err := os.Stat(abs)
	if err != nil {
		return "", "its asset " + rel + " is missing (re-run cdk synth)"
	}
	inAssembly := rel == a.dir || strings.HasPrefix(rel, a.dir+"/")
	if st.IsDir() {
		// Code.fromAsset of a source directory, with staging off: the
		// directory itself. A staged copy inside the assembly is not the
		// code the Go packages are loaded from.
		if !inAssembly && b.hasGo(rel) {
			return rel, ""
		}
		for _, bin := range []string{"bootstrap", "main", "handler"} {
			if d, ok := a.fromBinary(filepath.Join(abs, bin), nil); ok {
				return d, ""
			}
		}
		return "", "its asset " + rel + " holds no Go binary with build information"
	}
	if strings.HasSuffix(rel, ".zip") {
		data := readBootstrap(abs)
		if data != nil {
			if d, ok := a.fromBinary("", data); ok {
				return d, ""
			}
		}
		return "", "its asset " + rel + " holds no Go binary with build information"
	}
	if d, ok := a.fromBinary(abs, nil); ok {
		return d, ""
	}
	return "", "its asset " + rel + " is not a Go binary with build information"
}

// readBootstrap reads the bootstrap binary out of a zip asset, or nil.
func readBootstrap(abs string) []byte {
	zr, err := zip.OpenReader(abs)
	if err != nil {
		return nil
	}
	defer func() { _ = zr.Close() }()
	for _, f := range zr.File {
		if f.Name != "bootstrap" || f.UncompressedSize64 > maxBootstrapSize {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		data, err := io.ReadAll(io.LimitReader(rc, maxBootstrapSize))
		_ = rc.Close()
		if err != nil {
			return nil
		}
		return data
	}
	return nil
}

// fromBinary reads the Go build information of a binary (a file, or
// data) and finds its main package in the tree's modules.
func (a *assembly) fromBinary(file string, data []byte) (string, bool) {
	var bi *debug.BuildInfo
	var err error
	if data != nil {
		bi, err = buildinfo.Read(bytes.NewReader(data))
	} else {
		if st, serr := os.Stat(file); serr != nil || !st.Mode().IsRegular() {
			return "", false
		}
		bi, err = buildinfo.ReadFile(file)
	}
	if err != nil {
		return "", false
	}
	pkg, mod := bi.Path, bi.Main.Path
	if pkg == "" || mod == "" {
		return "", false
	}
	sub, ok := strings.CutPrefix(pkg, mod)
	if !ok || sub != "" && sub[0] != '/' {
		return "", false
	}
	dir, ok := a.b.goModules()[mod]
	if !ok {
		return "", false
	}
	d := path.Join(dir, strings.TrimPrefix(sub, "/"))
	if !a.b.hasGo(d) {
		return "", false
	}
	return d, true
}

// goModules indexes the tree's Go modules by module path, once.
func (b *builder) goModules() map[string]string {
	if b.modules != nil {
		return b.modules
	}
	b.modules = map[string]string{}
	b.walk(func(rel string, d fs.DirEntry) {
		if d.Name() != "go.mod" {
			return
		}
		if mp := modfile.ModulePath(b.readSmall(rel)); mp != "" {
			if _, dup := b.modules[mp]; !dup {
				b.modules[mp] = path.Dir(rel)
			}
		}
	}, true)
	return b.modules
}

// goCDKApps groups the Go main packages that import the CDK (found by
// the walk) by their app directory: the nearest directory above with a
// cdk.json, where cdk synth runs, else their own.
func (b *builder) goCDKApps() map[string][]string {
	apps := map[string][]string{}
	for _, m := range b.cdkGoMains {
		app := m
		for d := m; ; d = path.Dir(d) {
			if slices.Contains(b.cdkApps, d) {
				app = d
				break
			}
			if d == "." || d == "/" {
				break
			}
		}
		apps[app] = append(apps[app], m)
	}
	return apps
}

// readCDKGo reads a CDK app written in Go from its source (package
// cdkgo): the template its constructs would synthesize to, read with
// the CloudFormation reader.
func (b *builder) readCDKGo(main, app, asm string) {
	a := cdkgo.Read(b.root, main, app)
	if a == nil {
		return
	}
	b.notef(NoteCDK, Pos{File: a.Main}, "a CDK app in Go without its synthesized cloud assembly (%s/manifest.json): its constructs are read from the Go source as far as faasvet follows them (docs/manifests.md); run cdk synth before faasvet for the exact wiring", asm)
	for _, n := range a.Notes {
		b.notef(NoteCDK, n.Pos, "CDK app %s: %s", a.Main, n.Msg)
	}
	if a.Template == nil {
		return
	}
	b.addFile(a.Main, CDKGo)
	t := b.newTemplate(a.Main, CDKGo, a.Template)
	defer func() {
		if r := recover(); r != nil {
			b.errorf(Pos{File: a.Main}, "internal error reading the CDK app from its Go source (please report it): %v", r)
		}
	}()
	t.declare()
	t.wire()
	// Not closed: constructs the reader does not know may read a channel.
}

// goCode binds a function of a Go CDK app read from source to its code:
// the GoFunction's Entry or the asset directory, else the one main
// package named like its construct.
func (t *template) goCode(r *resource, f *Function) {
	code := r.meta.Get("faasvet:code").Str()
	from := cmp.Or(r.meta.Get("faasvet:code-from").Str(), "cdk-go")
	dir := code
	if strings.HasSuffix(code, ".go") {
		dir = path.Dir(code)
	}
	var names []string
	if code == "" {
		names = []string{r.id, strings.ToLower(r.id)}
	}
	t.b.bindCode(f, dir, code, "", from, names)
	if f.CodeDir == "" && code != "" && !outside(dir) && f.Runtime != "" && (strings.HasPrefix(f.Runtime, "provided") || strings.HasPrefix(f.Runtime, "go")) {
		t.b.notef(NoteCDK, r.pos, "function %s: its code %s holds no Go package and no go build of the tree writes it, so faasvet cannot tell which Go code it runs", r.id, code)
	}
}
