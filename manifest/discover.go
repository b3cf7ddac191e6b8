package manifest

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/manifest/cdkgo"
	"github.com/faasvet/faasvet/manifest/node"
)

// DefaultMaxFileSize is the largest manifest read, unless Options say
// otherwise: real templates stay under CloudFormation's 1 MB limit.
const DefaultMaxFileSize = 10 << 20

// maxCandidates bounds the files one Discover reads.
const maxCandidates = 20000

// Options configure Discover.
type Options struct {
	// Files are manifests to read besides those the walk finds, relative
	// to the root or absolute; they are read even in directories the walk
	// skips, and a file that is no manifest is an error.
	Files []string
	// Patterns are globs (path.Match syntax, with ** for any number of
	// directories) relative to the root, slash-separated; matching files
	// are read as if named in Files, even in directories the walk skips.
	Patterns []string
	// NoWalk reads only Files and Patterns.
	NoWalk bool
	// Repo walks the whole repository when root is inside one (a .git
	// directory or file in root or a directory above it), from the
	// directory that holds .git: serverless repositories keep their
	// templates at the top and are analysed one function at a time.
	// The model's paths stay relative to root (../../template.yaml).
	Repo bool
	// MaxFileSize overrides DefaultMaxFileSize.
	MaxFileSize int64
}

// skipDirs are never walked: version control, dependencies, fixtures,
// and the build output of the tools (whose templates copy the real ones).
var skipDirs = map[string]bool{
	"vendor": true, "node_modules": true, "testdata": true, "cdk.out": true,
}

// candidate is a file to read.
type candidate struct {
	rel      string // slash-separated, relative to the root
	explicit bool   // named in Options: errors are always reported
}

// Discover reads every manifest under root (see the package doc) and
// builds one model. It never fails: what it cannot read is in the
// returned errors, which are also Model.Errors.
//
// The manifests need not be below root: with Repo, the whole repository
// root is in is walked, and a file of Files may be anywhere. Each
// manifest's relative paths (CodeUri, handler directories, Dockerfiles)
// resolve against its own directory, and every path of the model is
// relative to root (base.go).
func Discover(root string, opts Options) (*Model, []Error) {
	b := newBuilder(root, opts)
	if st, err := os.Stat(b.root); err != nil || !st.IsDir() {
		b.errorf(Pos{File: "."}, "cannot read the directory %s", root)
		b.finish()
		return b.m, b.m.Errors
	}
	analysed := b.root
	base := analysed
	if opts.Repo && !opts.NoWalk {
		if g := gitRoot(analysed); g != "" {
			base, b.walkRoot = g, g
		}
	}
	files := make([]string, len(opts.Files))
	for i, f := range opts.Files {
		if !filepath.IsAbs(f) {
			f = filepath.Join(analysed, f)
		}
		files[i] = filepath.Clean(f)
		base = commonDir(base, filepath.Dir(files[i]))
	}
	if base == analysed {
		b.run()
		return b.m, b.m.Errors
	}
	// Read from base, then make the paths relative to root again.
	rb := newBuilder(base, opts)
	rb.opts.Files = files
	rb.walkRoot = cmp.Or(b.walkRoot, analysed)
	rb.idBase = analysed
	rb.opts.Patterns = nil
	prefix, _ := filepath.Rel(base, analysed)
	for _, p := range opts.Patterns {
		rb.opts.Patterns = append(rb.opts.Patterns, path.Join(filepath.ToSlash(prefix), filepath.ToSlash(p)))
	}
	rb.run()
	rebase(rb.m, base, analysed)
	return rb.m, rb.m.Errors
}

func (b *builder) run() {
	cands := b.candidates()
	type item struct {
		c    candidate
		docs []*node.Node
		fmt  []Format
	}
	var items []item
	for _, c := range cands {
		docs, ok := b.parse(c)
		if !ok {
			continue
		}
		var fmts []Format
		for _, d := range docs {
			fmts = append(fmts, classify(d))
		}
		if c.explicit && !slices.ContainsFunc(fmts, func(f Format) bool { return f != "" }) {
			b.errorf(Pos{File: c.rel}, "not a manifest faasvet reads (want a SAM or CloudFormation template, a state machine definition, serverless.yml, an OpenFaaS stack file or Knative YAML)")
			continue
		}
		if slices.ContainsFunc(fmts, func(f Format) bool { return f != "" }) {
			b.noteTemplate(b.files[c.rel])
		}
		items = append(items, item{c, docs, fmts})
	}
	// Shell scripts and Terraform after the YAML manifests: a script
	// that creates a queue a template declares adds nothing.
	b.readWorkflows()
	b.readShell()
	b.readTerraform(b.tfDirs, ".")
	b.readTerraformBeside()
	b.readCDK()
	// State machine files go last: a template that names one as its
	// DefinitionUri claims it, and only unclaimed ones stand alone.
	for pass := 0; pass < 2; pass++ {
		for _, it := range items {
			for i, d := range it.docs {
				f := it.fmt[i]
				if (f == StatesLanguage) != (pass == 1) || f == "" {
					continue
				}
				b.safeRead(it.c.rel, f, d)
			}
		}
	}
	b.finish()
}

// safeRead reads one document, turning a panic into an error that names
// the file: a bug in a reader must not take the analysis down.
func (b *builder) safeRead(rel string, f Format, doc *node.Node) {
	defer func() {
		if r := recover(); r != nil {
			b.errorf(Pos{File: rel}, "internal error reading the %s manifest (please report it): %v", f, r)
		}
	}()
	b.read(rel, f, doc)
}

func (b *builder) read(rel string, f Format, doc *node.Node) {
	if f == Kubernetes {
		b.readKubernetes(rel, doc) // a file of the model only if Knative reaches it
		return
	}
	b.addFile(rel, f)
	switch f {
	case SAM, CloudFormation:
		b.readTemplate(rel, f, doc)
	case Serverless:
		b.readServerless(rel, doc)
	case OpenFaaS:
		b.readOpenFaaS(rel, doc)
	case Knative:
		b.readKnative(doc)
	case StatesLanguage:
		if b.consumed[rel] {
			return
		}
		b.readStandaloneASL(rel, doc)
	}
}

func (b *builder) addFile(rel string, f Format) {
	for _, x := range b.m.Files {
		if x.Path == rel && x.Format == f {
			return
		}
	}
	b.m.Files = append(b.m.Files, &File{Path: rel, Format: f})
}

// classify tells what a document is, by content.
func classify(d *node.Node) Format {
	if !d.IsMap() {
		return ""
	}
	if d.Get("StartAt").IsString() && d.Get("States").IsMap() {
		return StatesLanguage
	}
	if p := d.Get("provider"); p != nil && d.Get("functions").IsMap() {
		if n := strings.ToLower(p.Get("name").Str()); n == "openfaas" || n == "faas" {
			return OpenFaaS
		}
	}
	if av := d.Get("apiVersion").Str(); strings.Contains(av, "knative.dev/") {
		return Knative
	}
	if isKubernetes(d) {
		return Kubernetes
	}
	if d.Get("service") != nil && d.Get("provider") != nil &&
		(d.Get("functions") != nil || d.Get("stepFunctions") != nil || d.Get("resources") != nil) {
		return Serverless
	}
	if isSAM(d) {
		return SAM
	}
	if d.Get("AWSTemplateFormatVersion") != nil {
		return CloudFormation
	}
	if res := d.Get("Resources"); res.IsMap() {
		for _, f := range res.Fields() {
			if strings.HasPrefix(f.Value.Get("Type").Str(), "AWS::") {
				return CloudFormation
			}
		}
	}
	return ""
}

func isSAM(d *node.Node) bool {
	t := d.Get("Transform")
	if s := t.Str(); strings.HasPrefix(s, "AWS::Serverless") {
		return true
	}
	for _, it := range t.List() {
		if strings.HasPrefix(it.Str(), "AWS::Serverless") {
			return true
		}
	}
	return false
}

// markers are the strings a manifest of some format must hold: files
// without any are not parsed at all.
var markers = [][]byte{
	[]byte("AWSTemplateFormatVersion"), []byte("AWS::"), []byte("StartAt"),
	[]byte("openfaas"), []byte("knative.dev"), []byte("provider"),
	[]byte("kind: Deployment"), []byte("kind: Service"), []byte("kind: StatefulSet"),
}

// strongMarkers make a file that does not parse worth an error: without
// them a broken YAML file is somebody else's (a Helm chart, a CI config).
var strongMarkers = [][]byte{
	[]byte("AWSTemplateFormatVersion"), []byte("AWS::Serverless"), []byte("AWS::Lambda::"),
	[]byte("AWS::StepFunctions::"), []byte("\"StartAt\""), []byte("StartAt:"),
	[]byte("openfaas"), []byte("knative.dev/"), []byte("frameworkVersion"),
}

func manifestName(rel string) bool {
	base := strings.ToLower(path.Base(rel))
	for _, p := range []string{"serverless.", "template.", "stack.", "samconfig"} {
		if strings.HasPrefix(base, p) {
			return true
		}
	}
	return strings.Contains(base, ".asl.")
}

func isManifestExt(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".yaml", ".yml", ".json", ".template":
		return true
	}
	return false
}

// parse reads and parses a candidate. ok is false when the file is not
// worth reading or could not be read (the error, if worth one, is
// recorded).
func (b *builder) parse(c candidate) ([]*node.Node, bool) {
	p := b.load(c.rel, c.explicit)
	if p.err != nil {
		if c.explicit || p.strong {
			b.errs = append(b.errs, *p.err)
		}
		return nil, false
	}
	return p.docs, p.docs != nil
}

// A loaded file, cached: templates load their DefinitionUri files, which
// the walk may also find.
type loaded struct {
	docs   []*node.Node
	err    *Error
	strong bool // holds a strong marker: its errors are reported
	// notes are the lines of a text template skipped to read the rest,
	// reported once (noted) when the file is read as a manifest.
	notes []Error
	noted bool
}

// untemplate reads a text template that looks like a manifest without
// its templated lines (see node.StripTemplate), when the rest parses.
func (b *builder) untemplate(p *loaded, rel string, data []byte) {
	st := node.StripTemplate(data)
	if len(st.Skipped) == 0 {
		return
	}
	docs, err := node.Parse(rel, st.Data)
	if err != nil {
		return // the template's own error says more
	}
	// Only formats whose readers take an unknown value for what it is:
	// a Kubernetes object whose name or namespace is templated (Knative,
	// rendered by Helm or ko) is not an object faasvet can name.
	read := false
	for _, d := range docs {
		switch classify(d) {
		case SAM, CloudFormation, Serverless, StatesLanguage:
			read = true
		case "":
		default:
			return
		}
	}
	if !read {
		return
	}
	p.docs, p.err = docs, nil
	branches := ""
	if st.Branches {
		branches = " (the first branch of each conditional)"
	}
	lines := "line"
	if len(st.Skipped) > 1 {
		lines = "lines"
	}
	p.notes = append(p.notes, Error{Pos: Pos{File: rel, Line: st.Skipped[0]}, Note: NoteTemplated,
		Msg: fmt.Sprintf("the file is a text template (%s): %s %s skipped, and the rest read as the manifest it renders to%s; what the skipped lines declare is not seen: render the template and name the rendered file to have it read whole",
			st.Marker, lines, node.LineRanges(st.Skipped), branches)})
	for _, u := range st.Unbalanced {
		p.notes = append(p.notes, Error{Pos: Pos{File: rel, Line: u.Line},
			Msg: "the text template's blocks do not match: " + u.Msg + ", so the lines after it may be read wrongly"})
	}
}

// noteTemplate reports the skipped lines of a file read as a manifest,
// once.
func (b *builder) noteTemplate(p *loaded) {
	if p != nil && !p.noted {
		p.noted = true
		b.errs = append(b.errs, p.notes...)
	}
}

// load reads and parses a file relative to the root.
func (b *builder) load(rel string, explicit bool) *loaded {
	if p, ok := b.files[rel]; ok && (p.docs != nil || p.err != nil || !explicit) {
		return p
	}
	p := &loaded{}
	b.files[rel] = p
	abs := filepath.Join(b.root, filepath.FromSlash(rel))
	f, err := os.Open(abs)
	if err != nil {
		p.strong = true
		p.err = &Error{Pos: Pos{File: rel}, Msg: "cannot read: " + errText(err)}
		return p
	}
	defer func() { _ = f.Close() }()
	data, err := io.ReadAll(io.LimitReader(f, b.maxSize+1))
	if err != nil {
		p.strong = true
		p.err = &Error{Pos: Pos{File: rel}, Msg: "cannot read: " + errText(err)}
		return p
	}
	if int64(len(data)) > b.maxSize {
		head := data[:min(len(data), 64<<10)]
		p.strong = explicit || manifestName(rel) || hasAny(head, strongMarkers)
		p.err = &Error{Pos: Pos{File: rel}, Msg: fmt.Sprintf("skipped: the file is over %d bytes, larger than any manifest faasvet reads", b.maxSize)}
		return p
	}
	if !explicit && !hasAny(data, markers) && !manifestName(rel) {
		return p
	}
	// What faasvet emit wrote describes the graph faasvet read from the
	// code: reading it back would count every route twice.
	if !explicit && bytes.Contains(data[:min(len(data), 512)], []byte("Code generated by faasvet emit. DO NOT EDIT.")) {
		return p
	}
	p.strong = explicit || manifestName(rel) || hasAny(data, strongMarkers)
	docs, err := node.Parse(rel, data)
	if err != nil {
		var ne *node.Error
		if errors.As(err, &ne) {
			p.err = &Error{Pos: ne.Pos, Msg: ne.Msg}
			// A text template is a manifest to render first when it has
			// a manifest's name or a marker among its own outermost keys,
			// unless Go code embeds it and renders it itself (Knative's
			// reconciler-test resources). One that only mentions a marker,
			// nested (a code generator's template of a JSON Schema for
			// CloudFormation, a document about manifests), is somebody
			// else's file.
			if ne.Template && !explicit && (!manifestName(rel) && !outerMarker(data) || b.embedded(rel)) {
				p.strong = false
			}
			if ne.Template && p.strong {
				b.untemplate(p, rel, data)
			}
		} else {
			p.err = &Error{Pos: Pos{File: rel}, Msg: err.Error()}
		}
		return p
	}
	p.docs = docs
	if p.docs == nil {
		p.docs = []*node.Node{}
	}
	return p
}

// outerMarker reports whether a strong marker is on a line at the file's
// outermost key indentation, where a manifest's own keys are
// (AWSTemplateFormatVersion:, Transform: AWS::Serverless-2016-10-31,
// "StartAt": in a JSON object). It reads lines, not syntax: it serves
// files that do not parse.
func outerMarker(data []byte) bool {
	outer, found := -1, false
	for line := range bytes.Lines(data) {
		t := bytes.TrimLeft(line, " \t")
		if len(t) == 0 || !isKeyStart(t[0]) || !bytes.Contains(t, []byte(":")) {
			continue // blank, a comment, a bracket, a list item, a template directive
		}
		indent := len(line) - len(t)
		marked := hasAny(t, strongMarkers)
		switch {
		case outer < 0 || indent < outer:
			outer, found = indent, marked
		case indent == outer:
			found = found || marked
		}
	}
	return found
}

func isKeyStart(c byte) bool {
	return c == '"' || c == '\'' || c == '_' || c == '$' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

func hasAny(data []byte, ms [][]byte) bool {
	for _, m := range ms {
		if bytes.Contains(data, m) {
			return true
		}
	}
	return false
}

// errText drops the absolute path from an os error: messages name files
// relative to the root.
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// candidates lists the files to read, sorted, without duplicates.
func (b *builder) candidates() []candidate {
	seen := map[string]int{}
	var out []candidate
	add := func(rel string, explicit bool) {
		if i, ok := seen[rel]; ok {
			out[i].explicit = out[i].explicit || explicit
			return
		}
		if len(out) >= maxCandidates {
			if len(out) == maxCandidates {
				b.errorf(Pos{File: rel}, "more than %d candidate manifests: the rest are not read; name the manifests with --manifest", maxCandidates)
				out = append(out, candidate{}) // report once
			}
			return
		}
		seen[rel] = len(out)
		out = append(out, candidate{rel, explicit})
	}
	if !b.opts.NoWalk {
		tf := map[string]bool{}
		b.walk(func(rel string, d fs.DirEntry) {
			name := d.Name()
			if name == "cdk.json" {
				b.cdkApps = append(b.cdkApps, path.Dir(rel))
			}
			switch {
			case isManifestExt(name):
				add(rel, false)
			case strings.HasSuffix(name, ".tf"):
				if dir := path.Dir(rel); !tf[dir] {
					tf[dir] = true
					b.tfDirs = append(b.tfDirs, dir)
				}
			case name == "Dockerfile" || strings.HasPrefix(name, "Dockerfile."):
				b.dockerfiles = append(b.dockerfiles, rel)
			case name == "Makefile" || name == "makefile" || name == "GNUmakefile":
				b.makefiles = append(b.makefiles, rel)
			case strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go"):
				if dir := path.Dir(rel); !slices.Contains(b.cdkGoMains, dir) && cdkgo.MaybeApp(b.readHead(rel)) {
					b.cdkGoMains = append(b.cdkGoMains, dir)
				}
			case b.isScript(rel, name):
				b.scripts = append(b.scripts, rel)
			case strings.EqualFold(path.Ext(name), ".md"):
				b.docs = append(b.docs, rel)
			}
		}, true)
	}
	for _, f := range b.opts.Files {
		rel, ok := b.rel(f)
		if !ok {
			b.errorf(Pos{File: filepath.ToSlash(f)}, "the manifest is outside the analysed directory")
			continue
		}
		add(rel, true)
	}
	if len(b.opts.Patterns) > 0 {
		matched := map[string]bool{}
		b.walk(func(rel string, d fs.DirEntry) {
			for _, p := range b.opts.Patterns {
				if matchGlob(filepath.ToSlash(p), rel) {
					add(rel, true)
					matched[p] = true
					return
				}
			}
		}, false)
		for _, p := range b.opts.Patterns {
			if !matched[p] {
				b.errorf(Pos{File: p}, "the pattern matches no file")
			}
		}
	}
	out = slices.DeleteFunc(out, func(c candidate) bool { return c.rel == "" })
	slices.SortFunc(out, func(a, c candidate) int { return strings.Compare(a.rel, c.rel) })
	return out
}

// rel makes a user-given path relative to the root.
func (b *builder) rel(p string) (string, bool) {
	if !filepath.IsAbs(p) {
		p = filepath.Join(b.root, p)
	}
	r, err := filepath.Rel(b.root, filepath.Clean(p))
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// walk visits the regular files under the root. skip applies the walk's
// directory rules; patterns see everything but .git.
func (b *builder) walk(visit func(rel string, d fs.DirEntry), skip bool) {
	helm := func(dir string) bool {
		_, err := os.Stat(filepath.Join(dir, "..", "Chart.yaml"))
		return err == nil
	}
	start := cmp.Or(b.walkRoot, b.root)
	_ = filepath.WalkDir(start, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() && p != start {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p == start {
				return nil
			}
			if name == ".git" {
				return fs.SkipDir
			}
			if skip && (skipDirs[name] || strings.HasPrefix(name, ".") || strings.Contains(name, "{{") ||
				name == "templates" && helm(p)) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if skip && strings.HasPrefix(name, ".") {
			return nil
		}
		r, err := filepath.Rel(b.root, p)
		if err != nil {
			return nil
		}
		visit(filepath.ToSlash(r), d)
		return nil
	})
}

// matchGlob matches a slash path against a pattern whose ** segments
// match any number of directories.
func matchGlob(pattern, name string) bool {
	return matchSegs(strings.Split(pattern, "/"), strings.Split(name, "/"))
}

func matchSegs(ps, ns []string) bool {
	for len(ps) > 0 {
		if ps[0] == "**" {
			for i := 0; i <= len(ns); i++ {
				if matchSegs(ps[1:], ns[i:]) {
					return true
				}
			}
			return false
		}
		if len(ns) == 0 {
			return false
		}
		if ok, _ := path.Match(ps[0], ns[0]); !ok {
			return false
		}
		ps, ns = ps[1:], ns[1:]
	}
	return len(ns) == 0
}

// isScript reports whether a file is a shell script: a .sh or .bash
// file, or a file without an extension that starts with a shell shebang.
func (b *builder) isScript(rel, name string) bool {
	switch path.Ext(name) {
	case ".sh", ".bash":
		return true
	case "":
	default:
		return false
	}
	f, err := os.Open(filepath.Join(b.root, filepath.FromSlash(rel)))
	if err != nil {
		return false
	}
	defer func() { _ = f.Close() }()
	head := make([]byte, 64)
	n, _ := f.Read(head)
	line, _, _ := bytes.Cut(head[:n], []byte("\n"))
	if !bytes.HasPrefix(line, []byte("#!")) {
		return false
	}
	for _, sh := range []string{"/sh", "/bash", "env sh", "env bash", "/dash", "/zsh", "env zsh"} {
		if bytes.Contains(line, []byte(sh)) {
			return true
		}
	}
	return false
}

// readTerraformBeside reads the Terraform beside the analysed directory
// when that is not the top of its repository: an app's Go module is often
// one directory of a repository whose infra/ or terraform/ deploys it.
// The parent directory and its other children are looked at, not deeper;
// only configurations that deploy code from inside the root are kept.
func (b *builder) readTerraformBeside() {
	if b.opts.NoWalk {
		return
	}
	if _, err := os.Stat(filepath.Join(b.root, ".git")); err == nil {
		return
	}
	parent := filepath.Dir(b.root)
	if parent == b.root {
		return
	}
	self := filepath.Base(b.root)
	hasTF := func(dir string) bool {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return false
		}
		for _, e := range ents {
			if !e.IsDir() && strings.HasSuffix(e.Name(), ".tf") {
				return true
			}
		}
		return false
	}
	var dirs []string
	if hasTF(parent) {
		dirs = append(dirs, "..")
	}
	ents, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for i, e := range ents {
		name := e.Name()
		if i > 200 || !e.IsDir() || name == self || strings.HasPrefix(name, ".") || skipDirs[name] {
			continue
		}
		if hasTF(filepath.Join(parent, name)) {
			dirs = append(dirs, "../"+name)
		}
	}
	b.readTerraform(dirs, "..")
}

// readHead reads the first 4 KiB of a file relative to the root: a Go
// file's package clause and imports.
func (b *builder) readHead(rel string) []byte {
	f, err := os.Open(filepath.Join(b.root, filepath.FromSlash(rel)))
	if err != nil {
		return nil
	}
	defer func() { _ = f.Close() }()
	buf := make([]byte, 4096)
	n, _ := io.ReadFull(f, buf)
	return buf[:n]
}
