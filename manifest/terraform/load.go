package terraform

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Options configure Read.
type Options struct {
	// Bound is the directory, relative to the analysed root and
	// slash-separated, that module sources, file() and templatefile() may
	// not leave: the repository. "" is the root itself.
	Bound string
	// MaxFileSize is the largest .tf or template file read; 0 is 10 MiB.
	MaxFileSize int64
}

// Limits: a configuration is user input.
const (
	maxModuleDepth = 12  // nested module calls
	maxInstances   = 500 // module instances per root module
	maxEvalDepth   = 64  // nested evaluations (a local naming a local...)
)

// A module is one directory of .tf files, parsed.
type module struct {
	dir     string // relative to the analysed root, slash-separated
	files   []string
	vars    map[string]*variable
	locals  map[string]*hclsyntax.Attribute
	outputs map[string]*hclsyntax.Attribute
	res     []*resource
	calls   []*call
	tfvars  map[string]hclsyntax.Expression // terraform.tfvars and *.auto.tfvars
	src     map[string][]byte               // file contents, for expressions as written
}

type variable struct {
	name string
	def  hclsyntax.Expression // nil without a default
	pos  Pos
}

// A resource is a resource or data block.
type resource struct {
	typ  string // data sources are "data.TYPE"
	name string
	body *hclsyntax.Body
	pos  Pos
}

type call struct {
	name   string
	source string
	body   *hclsyntax.Body
	pos    Pos
}

// reader holds what Read shares across root modules.
type reader struct {
	root    string // absolute
	opts    Options
	maxSize int64
	mods    map[string]*module // by directory
	errs    map[string][]Error // parse errors, by directory
}

// Read reads the Terraform root modules among dirs: directories relative
// to root (an absolute path), slash-separated, that hold .tf files.
// Directories that a module call of another names as its source are
// read as modules, not as roots.
func Read(root string, dirs []string, opts Options) []*Config {
	r := &reader{root: root, opts: opts, maxSize: opts.MaxFileSize, mods: map[string]*module{}, errs: map[string][]Error{}}
	if r.maxSize <= 0 {
		r.maxSize = 10 << 20
	}
	called := map[string]bool{}
	for _, d := range dirs {
		m := r.module(d)
		if m == nil {
			continue
		}
		for _, c := range m.calls {
			if dir, ok := r.localSource(m, c.source); ok {
				called[dir] = true
			}
		}
	}
	var out []*Config
	for _, d := range dirs {
		d = path.Clean(d)
		if called[d] {
			continue
		}
		m := r.module(d)
		if m == nil {
			if errs := r.errs[d]; len(errs) > 0 {
				out = append(out, &Config{Dir: d, Errors: errs})
			}
			continue
		}
		out = append(out, r.config(m))
	}
	openLookedUp(out)
	return out
}

// localSource resolves a module source that is a directory of the tree.
func (r *reader) localSource(m *module, source string) (string, bool) {
	if !strings.HasPrefix(source, "./") && !strings.HasPrefix(source, "../") {
		return "", false
	}
	return path.Join(m.dir, source), true
}

// inBound reports whether a directory or file relative to the root is
// inside Options.Bound.
func (r *reader) inBound(rel string) bool {
	b := path.Clean(r.opts.Bound)
	if b == "" {
		b = "."
	}
	rel = path.Clean(rel)
	if b == "." {
		return rel != ".." && !strings.HasPrefix(rel, "../") && !path.IsAbs(rel)
	}
	return rel == b || strings.HasPrefix(rel, b+"/")
}

func (r *reader) abs(rel string) string {
	return filepath.Join(r.root, filepath.FromSlash(rel))
}

// module parses the .tf files of a directory, once; nil when there are
// none.
func (r *reader) module(dir string) *module {
	dir = path.Clean(dir)
	if m, ok := r.mods[dir]; ok {
		return m
	}
	r.mods[dir] = nil
	ents, err := os.ReadDir(r.abs(dir))
	if err != nil {
		return nil
	}
	m := &module{dir: dir, vars: map[string]*variable{}, locals: map[string]*hclsyntax.Attribute{},
		outputs: map[string]*hclsyntax.Attribute{}, tfvars: map[string]hclsyntax.Expression{}, src: map[string][]byte{}}
	var tfvars []string
	for _, e := range ents {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") {
			continue
		}
		switch {
		case strings.HasSuffix(name, ".tf"):
			m.files = append(m.files, path.Join(dir, name))
		case name == "terraform.tfvars" || strings.HasSuffix(name, ".auto.tfvars"):
			tfvars = append(tfvars, path.Join(dir, name))
		}
	}
	if len(m.files) == 0 {
		return nil
	}
	slices.Sort(m.files)
	slices.Sort(tfvars)
	// terraform.tfvars first, then the *.auto.tfvars in name order, each
	// overriding the ones before, as Terraform loads them.
	slices.SortStableFunc(tfvars, func(a, b string) int {
		return boolInt(path.Base(b) == "terraform.tfvars") - boolInt(path.Base(a) == "terraform.tfvars")
	})
	for _, f := range m.files {
		body := r.parse(m, f)
		if body == nil {
			continue
		}
		m.add(f, body)
	}
	for _, f := range tfvars {
		body := r.parse(m, f)
		if body == nil {
			continue
		}
		for name, a := range body.Attributes {
			m.tfvars[name] = a.Expr
		}
	}
	r.mods[dir] = m
	return m
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// parse reads and parses one file; errors are recorded against the
// module's directory.
func (r *reader) parse(m *module, rel string) *hclsyntax.Body {
	data, err := r.readFile(rel)
	if err != nil {
		r.errs[m.dir] = append(r.errs[m.dir], Error{Pos: Pos{File: rel}, Msg: err.Error()})
		return nil
	}
	m.src[rel] = data
	f, diags := hclsyntax.ParseConfig(data, rel, hcl.InitialPos)
	if diags.HasErrors() {
		for _, d := range diags {
			if d.Severity != hcl.DiagError {
				continue
			}
			r.errs[m.dir] = append(r.errs[m.dir], Error{Pos: posOf(d.Subject, rel), Msg: "Terraform: " + diagText(d)})
			break // the first error says where; the parser's later ones follow from it
		}
		return nil // a partial body would read half a resource
	}
	if f == nil {
		return nil
	}
	body, _ := f.Body.(*hclsyntax.Body)
	return body
}

// readFile reads a file relative to the root, bounded in size.
func (r *reader) readFile(rel string) ([]byte, error) {
	f, err := os.Open(r.abs(rel))
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	defer func() { _ = f.Close() }()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, fmt.Errorf("cannot read: not a regular file")
	}
	if st.Size() > r.maxSize {
		return nil, fmt.Errorf("skipped: the file is over %d bytes", r.maxSize)
	}
	buf := make([]byte, st.Size())
	n, err := f.Read(buf)
	if err != nil && n == 0 && st.Size() > 0 {
		return nil, fmt.Errorf("cannot read: %w", err)
	}
	return buf[:n], nil
}

func diagText(d *hcl.Diagnostic) string {
	if d.Detail != "" {
		return d.Summary + ": " + d.Detail
	}
	return d.Summary
}

func posOf(rng *hcl.Range, file string) Pos {
	if rng == nil {
		return Pos{File: file}
	}
	return Pos{File: rng.Filename, Line: rng.Start.Line, Col: rng.Start.Column}
}

// add collects the blocks of one file.
func (m *module) add(file string, body *hclsyntax.Body) {
	for _, b := range body.Blocks {
		pos := Pos{File: file, Line: b.TypeRange.Start.Line, Col: b.TypeRange.Start.Column}
		switch b.Type {
		case "variable":
			if len(b.Labels) != 1 {
				continue
			}
			v := &variable{name: b.Labels[0], pos: pos}
			if a := b.Body.Attributes["default"]; a != nil {
				v.def = a.Expr
			}
			m.vars[v.name] = v
		case "locals":
			for name, a := range b.Body.Attributes {
				m.locals[name] = a
			}
		case "output":
			if len(b.Labels) == 1 && b.Body.Attributes["value"] != nil {
				m.outputs[b.Labels[0]] = b.Body.Attributes["value"]
			}
		case "resource", "data":
			if len(b.Labels) != 2 {
				continue
			}
			typ := b.Labels[0]
			if b.Type == "data" {
				typ = "data." + typ
			}
			m.res = append(m.res, &resource{typ: typ, name: b.Labels[1], body: b.Body, pos: pos})
		case "module":
			if len(b.Labels) != 1 {
				continue
			}
			c := &call{name: b.Labels[0], body: b.Body, pos: pos}
			if a := b.Body.Attributes["source"]; a != nil {
				if v, diags := a.Expr.Value(nil); !diags.HasErrors() && v.IsKnown() && !v.IsNull() && v.Type().FriendlyName() == "string" {
					c.source = v.AsString()
				}
			}
			m.calls = append(m.calls, c)
		}
	}
	slices.SortStableFunc(m.res, func(a, b *resource) int { return comparePos(a.pos, b.pos) })
	slices.SortStableFunc(m.calls, func(a, b *call) int { return comparePos(a.pos, b.pos) })
}

func comparePos(a, b Pos) int {
	if a.File != b.File {
		return strings.Compare(a.File, b.File)
	}
	if a.Line != b.Line {
		return a.Line - b.Line
	}
	return a.Col - b.Col
}

// text is an expression as written.
func (m *module) text(e hcl.Expression) string {
	rng := e.Range()
	src := m.src[rng.Filename]
	if rng.Start.Byte < 0 || rng.End.Byte > len(src) || rng.Start.Byte > rng.End.Byte {
		return ""
	}
	return string(src[rng.Start.Byte:rng.End.Byte])
}

func (r *reader) isDir(rel string) bool {
	st, err := os.Stat(r.abs(rel))
	return err == nil && st.IsDir()
}
