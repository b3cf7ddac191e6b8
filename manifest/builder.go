package manifest

import (
	"cmp"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/manifest/asl"
)

// A builder reads manifests into one Model.
type builder struct {
	root    string
	opts    Options
	maxSize int64
	m       *Model
	errs    []Error
	files   map[string]*loaded
	// consumed are state machine files a template or serverless.yml
	// claimed: they do not stand alone.
	consumed map[string]bool
	implicit map[string]*Channel // kind "\x00" name
	fnByKey  map[string]*Function
	module   string // the root's Go module path, for ko:// images
	// Knative objects and the references to resolve among them.
	knObjects []*knObject
	knRefs    []knRef
	// embeds are the //go:embed patterns of each directory's Go files,
	// read when a text template there needs them.
	embeds map[string][]string
}

func newBuilder(root string, opts Options) *builder {
	abs, err := filepath.Abs(root)
	if err != nil {
		abs = root
	}
	b := &builder{
		root: abs, opts: opts, maxSize: opts.MaxFileSize,
		m:        &Model{},
		files:    map[string]*loaded{},
		consumed: map[string]bool{},
		implicit: map[string]*Channel{},
		fnByKey:  map[string]*Function{},
	}
	if b.maxSize <= 0 {
		b.maxSize = DefaultMaxFileSize
	}
	if data, err := os.ReadFile(filepath.Join(abs, "go.mod")); err == nil {
		b.module = modulePath(data)
	}
	return b
}

func (b *builder) errorf(pos Pos, format string, args ...any) {
	b.errs = append(b.errs, Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (b *builder) addFunction(f *Function) *Function {
	f.key = f.Pos.File + "#" + f.LogicalID
	for b.fnByKey[f.key] != nil {
		f.key += "'" // the same logical ID twice in one file: a broken manifest
	}
	b.fnByKey[f.key] = f
	b.m.Functions = append(b.m.Functions, f)
	return f
}

func (b *builder) addChannel(c *Channel) *Channel {
	c.key = c.Pos.File + "#" + c.LogicalID
	b.m.Channels = append(b.m.Channels, c)
	return c
}

func (b *builder) addMachine(sm *StateMachine) *StateMachine {
	sm.key = sm.Pos.File + "#" + sm.LogicalID
	b.m.StateMachines = append(b.m.StateMachines, sm)
	return sm
}

// implicitChannel returns the channel of a kind and name that no
// manifest declares, creating it at pos the first time.
func (b *builder) implicitChannel(kind ChannelKind, name string, f Format, pos Pos) *Channel {
	k := string(kind) + "\x00" + name
	if c := b.implicit[k]; c != nil {
		return c
	}
	c := b.addChannel(&Channel{LogicalID: name, Kind: kind, Name: name, Implicit: true, Format: f, Pos: pos})
	b.implicit[k] = c
	return c
}

func (b *builder) addLink(l *Link) {
	b.m.Links = append(b.m.Links, l)
}

func fnEnd(f *Function) Endpoint      { return Endpoint{Kind: EndFunction, fn: f} }
func chEnd(c *Channel) Endpoint       { return Endpoint{Kind: EndChannel, ch: c} }
func smEnd(s *StateMachine) Endpoint  { return Endpoint{Kind: EndStateMachine, sm: s} }
func external(what string) Endpoint   { return Endpoint{Kind: EndExternal, Text: what} }
func unresolvedEnd(t string) Endpoint { return Endpoint{Kind: EndUnresolved, Text: t} }

// dirOf resolves a code path written in the manifest at file, relative to
// the manifest's directory, to a directory relative to the root. A path
// to a file (main.go) gives its directory.
func (b *builder) dirOf(file, p string) string {
	p = strings.TrimSpace(p)
	if p == "" || strings.Contains(p, "://") || strings.Contains(p, "${") || strings.Contains(p, "{{") {
		return ""
	}
	p = filepath.ToSlash(p)
	var rel string
	if path.IsAbs(p) {
		r, ok := b.rel(filepath.FromSlash(p))
		if !ok {
			return ""
		}
		rel = r
	} else {
		rel = path.Join(path.Dir(file), p)
	}
	if strings.HasSuffix(rel, ".go") || strings.HasSuffix(rel, ".zip") {
		rel = path.Dir(rel)
	}
	if rel == "" {
		rel = "."
	}
	return rel
}

// isDir reports whether rel is a directory under the root.
func (b *builder) isDir(rel string) bool {
	st, err := os.Stat(filepath.Join(b.root, filepath.FromSlash(rel)))
	return err == nil && st.IsDir()
}

// hasGo reports whether rel is a directory with Go files.
func (b *builder) hasGo(rel string) bool {
	ents, err := os.ReadDir(filepath.Join(b.root, filepath.FromSlash(rel)))
	if err != nil {
		return false
	}
	for _, e := range ents {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			return true
		}
	}
	return false
}

// finish makes IDs unique, resolves endpoints, and sorts.
func (b *builder) finish() {
	m := b.m
	b.resolveKnative()
	assign := func(n int, logical func(int) string, file func(int) string, set func(int, string)) {
		count := map[string]int{}
		for i := range n {
			count[logical(i)]++
		}
		used := map[string]bool{}
		for i := range n {
			id := logical(i)
			if count[id] > 1 {
				id = file(i) + "#" + id
			}
			for used[id] {
				id += "'"
			}
			used[id] = true
			set(i, id)
		}
	}
	// Order first, so that qualified IDs do not depend on read order.
	slices.SortStableFunc(m.Functions, func(a, c *Function) int { return cmp.Compare(a.key, c.key) })
	slices.SortStableFunc(m.Channels, func(a, c *Channel) int { return cmp.Compare(a.key, c.key) })
	slices.SortStableFunc(m.StateMachines, func(a, c *StateMachine) int { return cmp.Compare(a.key, c.key) })
	assign(len(m.Functions), func(i int) string { return m.Functions[i].LogicalID },
		func(i int) string { return m.Functions[i].Pos.File }, func(i int, id string) { m.Functions[i].ID = id })
	assign(len(m.Channels), func(i int) string { return m.Channels[i].LogicalID },
		func(i int) string { return m.Channels[i].Pos.File }, func(i int, id string) { m.Channels[i].ID = id })
	assign(len(m.StateMachines), func(i int) string { return m.StateMachines[i].LogicalID },
		func(i int) string { return m.StateMachines[i].Pos.File }, func(i int, id string) { m.StateMachines[i].ID = id })

	m.functions = map[string]*Function{}
	m.channels = map[string]*Channel{}
	m.machines = map[string]*StateMachine{}
	for _, f := range m.Functions {
		m.functions[f.ID] = f
	}
	for _, c := range m.Channels {
		m.channels[c.ID] = c
	}
	for _, s := range m.StateMachines {
		m.machines[s.ID] = s
	}
	names := newNameIndex(m)
	m.names = names
	for _, l := range m.Links {
		names.fix(&l.From)
		names.fix(&l.To)
	}
	for _, f := range m.Functions {
		for _, e := range f.Env {
			names.fixValue(&e.Value)
		}
		slices.SortFunc(f.Env, func(a, c *EnvVar) int { return cmp.Compare(a.Name, c.Name) })
		slices.SortFunc(f.Annotations, func(a, c Attr) int { return cmp.Compare(a.Name, c.Name) })
	}
	for _, s := range m.StateMachines {
		s.Definition.Walk(func(st *asl.State) {
			if fn := b.fnByKey[st.Function]; fn != nil {
				st.Function = fn.ID
			} else if name, ok := strings.CutPrefix(st.Function, "name:"); ok {
				ep, _ := names.function(name)
				st.Function = ""
				if ep.fn != nil {
					st.Function = ep.fn.ID
				}
			} else {
				st.Function = ""
			}
		})
	}
	slices.SortFunc(m.Functions, func(a, c *Function) int { return cmp.Compare(a.ID, c.ID) })
	slices.SortFunc(m.Channels, func(a, c *Channel) int { return cmp.Compare(a.ID, c.ID) })
	slices.SortFunc(m.StateMachines, func(a, c *StateMachine) int { return cmp.Compare(a.ID, c.ID) })
	slices.SortStableFunc(m.Links, func(a, c *Link) int {
		return cmp.Or(comparePos(a.Pos, c.Pos), cmp.Compare(a.From.ID, c.From.ID), cmp.Compare(a.To.ID, c.To.ID),
			cmp.Compare(a.From.Text, c.From.Text), cmp.Compare(a.To.Text, c.To.Text))
	})
	for _, l := range m.Links {
		if l.To.fn != nil {
			l.To.fn.Triggers = append(l.To.fn.Triggers, l)
		}
		if l.From.fn != nil {
			l.From.fn.Destinations = append(l.From.fn.Destinations, l)
		}
	}
	slices.SortFunc(m.Files, func(a, c *File) int { return cmp.Or(cmp.Compare(a.Path, c.Path), cmp.Compare(a.Format, c.Format)) })
	slices.SortFunc(m.Templates, func(a, c *Template) int { return cmp.Or(cmp.Compare(a.Name, c.Name), comparePos(a.Pos, c.Pos)) })
	slices.SortStableFunc(b.errs, func(a, c Error) int { return cmp.Or(comparePos(a.Pos, c.Pos), cmp.Compare(a.Msg, c.Msg)) })
	m.Errors = slices.Compact(b.errs)
}

func comparePos(a, c Pos) int {
	return cmp.Or(cmp.Compare(a.File, c.File), cmp.Compare(a.Line, c.Line), cmp.Compare(a.Col, c.Col))
}

// modulePath reads the module path of a go.mod file.
func modulePath(data []byte) string {
	for _, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if rest, ok := strings.CutPrefix(l, "module"); ok && rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
			return strings.Trim(strings.TrimSpace(rest), `"`)
		}
	}
	return ""
}
