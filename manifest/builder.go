package manifest

import (
	"bytes"
	"cmp"
	"fmt"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"

	"github.com/faasvet/faasvet/manifest/asl"
	"github.com/faasvet/faasvet/manifest/node"
	"github.com/faasvet/faasvet/manifest/shell"
	"github.com/faasvet/faasvet/manifest/terraform"
)

// A builder reads manifests into one Model.
type builder struct {
	// walkRoot is where the walk starts when it is not root (absolute):
	// the analysed directory or the repository's root, below or at root.
	walkRoot string
	root     string
	// idBase, when not "", is the analysed directory (absolute) that the
	// model is rebased to after reading from root above it: qualified
	// IDs (FILE#LOGICALID) name their file relative to it.
	idBase  string
	opts    Options
	maxSize int64
	m       *Model
	errs    []Error
	files   map[string]*loaded
	// consumed are state machine files a template or serverless.yml
	// claimed: they do not stand alone.
	consumed map[string]bool
	implicit map[string]*Channel // kind "\x00" name
	// exports are the templates' Outputs exported by name (parameters
	// at their defaults), for the !ImportValue of other stacks.
	exports map[string][]Endpoint
	fnByKey map[string]*Function
	module  string // the root's Go module path, for ko:// images
	// Knative objects and the references to resolve among them.
	knObjects []*knObject
	knRefs    []knRef
	// k8s are the workloads and v1 Services read, sinks the
	// SinkBindings, dockerfiles the Dockerfiles the walk found.
	k8s         []*k8sObject
	sinks       []*sinkBinding
	dockerfiles []string
	// knCommands are the Knative Services of kn service create commands.
	knCommands []*Function
	// docs are the Markdown files, whose shell blocks' kn commands
	// create Knative Services (shell.ReadMarkdown).
	docs []string
	// imageBuilds are the image builds of the CI workflows (workflow.go).
	imageBuilds []*imageBuild
	// embeds are the //go:embed patterns of each directory's Go files,
	// read when a text template there needs them.
	embeds map[string][]string
	// tfDirs are the directories with .tf files; scripts the shell
	// scripts and Makefiles the walk found (relative to the root).
	tfDirs, scripts, makefiles []string
	// cdkApps are the directories with a cdk.json; modules the tree's Go
	// modules by module path (made when first needed).
	cdkApps []string
	// cdkGoMains are the directories of Go main packages that import
	// the CDK: CDK apps written in Go.
	cdkGoMains []string
	modules    map[string]string
	// builds maps the outputs of the go build commands of the tree's
	// Makefiles and scripts to the package directories they compile;
	// mains the directories with a main package by base name. Both are
	// made when first needed.
	builds map[string][]string
	mains  map[string][]string
	sh     *shell.Result
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
		b.module = modfile.ModulePath(data)
	}
	return b
}

func (b *builder) errorf(pos Pos, format string, args ...any) {
	b.errs = append(b.errs, Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// notef records a note: a part of the wiring that faasvet does not see.
func (b *builder) notef(note Note, pos Pos, format string, args ...any) {
	b.errs = append(b.errs, Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Note: note})
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

// imported resolves an !ImportValue end to what another template's
// Outputs export under that name, when exactly one element is.
func (b *builder) imported(e *Endpoint) {
	if e.Kind != EndUnresolved || e.imp == "" {
		return
	}
	eps := b.exports[e.imp]
	if len(eps) == 0 {
		return
	}
	for _, ep := range eps[1:] {
		if ep.fn != eps[0].fn || ep.ch != eps[0].ch || ep.sm != eps[0].sm {
			return // two stacks export the name: which is deployed is not known
		}
	}
	*e = eps[0]
}

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

// checkCodeDir notes a function whose code path (what names it: what)
// is neither a directory nor a file of the tree: a build output not
// built yet, or a path that is wrong. The function stays in the model,
// with no code bound to it.
func (b *builder) checkCodeDir(f *Function, pos Pos, what string) {
	if _, err := os.Stat(filepath.Join(b.root, filepath.FromSlash(f.CodeDir))); err == nil {
		return
	}
	b.notef(NoteCode, pos, "%s names %s, which is not in the analysed tree (a build output, or a wrong path): faasvet cannot tell which Go code %s runs, so its routes are drawn without payload types",
		what, f.CodeDir, f.LogicalID)
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
	b.addKnCommands()
	b.resolveKnative()
	b.applySinkBindings()
	assign := func(n int, logical func(int) string, file func(int) string, set func(int, string)) {
		if b.idBase != "" {
			// Read from above the analysed directory (base.go): the file
			// of a qualified ID is named as every other path of the
			// model will be, relative to the analysed directory.
			inRoot := file
			file = func(i int) string {
				f := inRoot(i)
				if r, err := filepath.Rel(b.idBase, filepath.Join(b.root, filepath.FromSlash(f))); err == nil && f != "" && !filepath.IsAbs(f) {
					return filepath.ToSlash(r)
				}
				return f
			}
		}
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
		b.imported(&l.From)
		b.imported(&l.To)
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

// readTerraform reads the Terraform root modules in dirs (relative to the
// root; those beside it start with ../) into the model. A root module
// beside the analysed directory is kept only when it deploys code from
// inside it: the usual layout of an app's Go module next to its infra/.
func (b *builder) readTerraform(dirs []string, bound string) {
	if len(dirs) == 0 {
		return
	}
	defer func() {
		if r := recover(); r != nil {
			b.errorf(Pos{File: dirs[0]}, "internal error reading the terraform configuration (please report it): %v", r)
		}
	}()
	for _, c := range terraform.Read(b.root, dirs, terraform.Options{Bound: bound, MaxFileSize: b.maxSize}) {
		if outside(c.Dir) && !b.deploysHere(c) {
			continue
		}
		b.addTerraform(c)
	}
}

func outside(rel string) bool { return rel == ".." || strings.HasPrefix(rel, "../") }

// deploysHere reports whether a configuration deploys a function whose
// code is inside the root.
func (b *builder) deploysHere(c *terraform.Config) bool {
	for _, f := range c.Functions {
		for _, p := range []string{f.Code.Dir, f.Code.File, f.Code.Zip} {
			if p != "" && !outside(p) {
				return true
			}
		}
	}
	return false
}

// tfConv converts one Terraform configuration: elements by address.
type tfConv struct {
	b     *builder
	c     *terraform.Config
	elems map[string]Endpoint
}

func (b *builder) addTerraform(c *terraform.Config) {
	for _, f := range c.Files {
		b.addFile(f, Terraform)
	}
	for _, e := range c.Errors {
		b.errs = append(b.errs, Error{Pos: e.Pos, Msg: e.Msg})
	}
	t := &tfConv{b: b, c: c, elems: map[string]Endpoint{}}
	for _, ch := range c.Channels {
		name := ""
		if ch.Name.Known {
			name = ch.Name.Text
		}
		if ch.Kind == terraform.PubSubTopic && name != "" {
			// Pub/Sub topic IDs are global names, and the code publishes
			// by name: one channel per name, whoever declares it.
			name = lastSegment(name)
			k := string(PubSubTopic) + "\x00" + name
			cc := b.implicit[k]
			if cc == nil {
				cc = b.addChannel(&Channel{LogicalID: name, Kind: PubSubTopic, Name: name, Format: Terraform, Pos: ch.Pos})
				b.implicit[k] = cc
			}
			cc.Implicit = false
			t.elems[ch.Addr] = chEnd(cc)
			continue
		}
		t.elems[ch.Addr] = chEnd(b.addChannel(&Channel{LogicalID: ch.Addr, Kind: ChannelKind(ch.Kind), Name: name,
			FIFO: ch.FIFO || strings.HasSuffix(name, ".fifo"), Format: Terraform, Pos: ch.Pos, Closed: ch.Closed, Retention: ch.Retention}))
	}
	var sms []*StateMachine
	fns := map[*terraform.Function]*Function{}
	for _, tf := range c.Functions {
		f := &Function{LogicalID: tf.Addr, Platform: Platform(tf.Platform), Format: Terraform, Handler: tf.Handler,
			Entry: tf.Entry, Runtime: tf.Runtime, Image: tf.Image, Pos: tf.Pos}
		if tf.Name.Known {
			f.Name = tf.Name.Text
		} else if tf.Name.Ref != nil && tf.Name.Text != "" {
			f.Name = tf.Name.Text
		}
		var names []string
		if tf.Platform == terraform.Lambda {
			names = append(names, tf.Handler)
		}
		names = append(names, f.Name)
		b.bindCode(f, tf.Code.Dir, tf.Code.File, tf.Code.Zip, tf.Code.From, names)
		b.addFunction(f)
		fns[tf] = f
		t.elems[tf.Addr] = fnEnd(f)
	}
	for _, m := range c.Machines {
		sm := &StateMachine{LogicalID: m.Addr, Format: Terraform, Pos: m.Pos, DefinitionFile: m.DefinitionFile}
		if m.Name.Known {
			sm.Name = m.Name.Text
		}
		b.addMachine(sm)
		sms = append(sms, sm)
		t.elems[m.Addr] = smEnd(sm)
	}
	for _, tf := range c.Functions {
		f := fns[tf]
		for _, e := range tf.Env {
			f.Env = append(f.Env, &EnvVar{Name: e.Name, Value: t.value(e.Value), Pos: e.Pos})
		}
	}
	for i, m := range c.Machines {
		t.machine(m, sms[i])
	}
	for _, l := range c.Links {
		t.link(l)
	}
}

// isOf says what a Terraform resource attribute is at run time.
func isOf(typ, attr string) string {
	switch typ + "." + attr {
	case "aws_sqs_queue.url", "aws_sqs_queue.id":
		return "queue-url"
	case "aws_sqs_queue.arn":
		return "queue-arn"
	case "aws_sqs_queue.name":
		return "queue-name"
	case "aws_sns_topic.arn", "aws_sns_topic.id":
		return "topic-arn"
	case "aws_sns_topic.name":
		return "topic-name"
	case "aws_lambda_function.function_name", "aws_lambda_function.id":
		return "function-name"
	case "aws_lambda_function.arn", "aws_lambda_function.qualified_arn", "aws_lambda_function.invoke_arn":
		return "function-arn"
	case "aws_cloudwatch_event_bus.name", "aws_cloudwatch_event_bus.id":
		return "bus-name"
	case "aws_cloudwatch_event_bus.arn":
		return "bus-arn"
	case "aws_sfn_state_machine.arn", "aws_sfn_state_machine.id":
		return "state-machine-arn"
	case "aws_sfn_state_machine.name":
		return "state-machine-name"
	case "google_pubsub_topic.name", "google_pubsub_topic.id":
		return "topic-name"
	}
	return "other"
}

// value converts a Terraform value: a reference to an element of the
// model, a literal, or an expression kept unresolved.
func (t *tfConv) value(v terraform.Value) Value {
	switch {
	case v.Ref != nil:
		if ep, ok := t.elems[v.Ref.Addr]; ok {
			return Value{Kind: Reference, Text: v.Text, Ref: &Ref{LogicalID: v.Ref.Addr, Attr: v.Ref.Attr, Is: isOf(v.Ref.Type, v.Ref.Attr), Target: ep}}
		}
		if v.Text != "" {
			return Value{Kind: Literal, Text: v.Text} // an SSM parameter's name, a bucket's
		}
		return Value{Kind: Unresolved, Text: v.Ref.Addr + "." + v.Ref.Attr}
	case v.Known:
		return Value{Kind: Literal, Text: v.Text}
	}
	out := Value{Kind: Unresolved, Text: v.Expr}
	for _, r := range v.Refs {
		ref := &Ref{LogicalID: r.Addr, Attr: r.Attr, Is: isOf(r.Type, r.Attr)}
		if ep, ok := t.elems[r.Addr]; ok {
			ref.Target = ep
		}
		out.Refs = append(out.Refs, ref)
	}
	return out
}

// endpoint is the element a value names; a literal ARN or name is
// looked up when the model is complete.
func (t *tfConv) endpoint(v terraform.Value) Endpoint {
	if v.Ref != nil {
		if ep, ok := t.elems[v.Ref.Addr]; ok {
			return ep
		}
		if v.Text != "" {
			return unresolvedEnd(v.Text)
		}
		return unresolvedEnd(v.Ref.Addr + "." + v.Ref.Attr)
	}
	if v.Known {
		return unresolvedEnd(v.Text)
	}
	return unresolvedEnd(cmp.Or(v.Expr, "(unknown)"))
}

func (t *tfConv) link(l *terraform.Link) {
	out := &Link{Event: l.Event, Name: l.Name, Format: Terraform, Pos: l.Pos, RawMessageDelivery: l.Raw,
		FilterPolicy: l.FilterPolicy, Schedule: l.Schedule, PayloadFormat: l.PayloadFormat, BatchItemFailures: l.BatchItemFailures, ResponseTypesUnknown: l.ResponseTypesUnknown,
		Destination: l.Destination}
	if l.UserPoolTrigger != "" {
		out.UserPoolTriggers = []string{l.UserPoolTrigger}
	}
	out.To = t.endpoint(l.To)
	switch {
	case l.External != "":
		out.From = external(l.External)
	case l.FromBus:
		switch {
		case l.From.Ref != nil:
			out.From = t.endpoint(l.From)
		case !l.From.Known && l.From.Expr == "", l.From.Known && (l.From.Text == "" || l.From.Text == "default" || strings.HasSuffix(l.From.Text, ":event-bus/default")):
			out.From = chEnd(t.b.implicitChannel(Bus, "default", Terraform, l.Pos))
		case l.From.Known:
			out.From = chEnd(t.b.implicitChannel(Bus, lastSegment(l.From.Text), Terraform, l.Pos))
		default:
			out.From = t.endpoint(l.From)
		}
	case l.Event == "pubsub" && l.From.Known && l.From.Ref == nil:
		out.From = chEnd(t.b.implicitChannel(PubSubTopic, lastSegment(l.From.Text), Terraform, l.Pos))
	default:
		out.From = t.endpoint(l.From)
	}
	if l.Pattern != "" {
		out.Pattern = pattern(&node.Node{Kind: node.String, Text: l.Pattern, Pos: l.Pos})
	}
	if l.Input != "" || l.InputPath != "" || l.InputTemplate != "" {
		out.Input = &Input{Constant: l.Input, Path: l.InputPath, Template: l.InputTemplate}
	}
	if out.Event == "" {
		out.Event = tfSourceEvent(l.From, out.From)
	}
	t.b.addLink(out)
}

// tfSourceEvent is the delivery of an event source mapping: by the type
// of the resource its source refers to, else as sourceEvent finds it.
func tfSourceEvent(v terraform.Value, ep Endpoint) string {
	if v.Ref != nil {
		switch v.Ref.Type {
		case "aws_sqs_queue":
			return "sqs"
		case "aws_kinesis_stream":
			return "kinesis"
		case "aws_dynamodb_table":
			return "dynamodb"
		}
	}
	return sourceEvent(ep)
}

// machine parses a state machine's definition and binds its Tasks: a
// reference to a function of the configuration, or a literal ARN or name.
func (t *tfConv) machine(m *terraform.Machine, sm *StateMachine) {
	if m.Definition == "" {
		return
	}
	file := m.Pos.File
	if m.DefinitionFile != "" {
		file = m.DefinitionFile
		t.b.consumed[file] = true
		t.b.addFile(file, StatesLanguage)
	}
	def, err := node.ParseJSON(file, []byte(m.Definition))
	if err != nil {
		t.b.errorf(m.Pos, "state machine %s: the definition is not JSON: %v", m.Addr, strings.TrimPrefix(err.Error(), file+":"))
		return
	}
	if m.DefinitionFile == "" {
		fixPos(def, m.Pos, 0)
	}
	bind := func(ref *node.Node) string {
		s, ok := ref.Scalar()
		if !ok {
			return ""
		}
		if r := m.Refs[s]; r != nil {
			if ep, ok := t.elems[r.Addr]; ok && ep.fn != nil {
				return ep.fn.key
			}
			return ""
		}
		return bindName(s)
	}
	d, errs := asl.Parse(def, asl.Options{Bind: bind})
	for _, e := range errs {
		t.b.errorf(e.Pos, "state machine %s: %s", m.Addr, e.Msg)
	}
	sm.Definition = d
}

// fixPos puts every node of a definition built in the configuration at
// the resource's position.
func fixPos(x *node.Node, at Pos, depth int) {
	if x == nil || depth > node.MaxDepth {
		return
	}
	x.Pos = at
	for _, it := range x.List() {
		fixPos(it, at, depth+1)
	}
	for _, f := range x.Fields() {
		f.KeyPos = at
		fixPos(f.Value, at, depth+1)
	}
}

// lastSegment is the name at the end of an ARN, a resource path
// (projects/p/topics/t) or a URL.
func lastSegment(s string) string {
	if i := strings.LastIndexAny(s, ":/"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// bindCode maps a function to its Go package: a directory with Go files
// (an archive's source_dir, a Cloud Functions source); a binary or zip
// that a Makefile or script builds with go build -o from a package; a
// binary inside a Go package's directory; else the one directory with a
// main package that is named like the function's handler or name.
func (b *builder) bindCode(f *Function, dir, file, zip, from string, names []string) {
	if dir != "" && !outside(dir) && b.hasGo(dir) {
		f.CodeDir, f.CodeFrom = dir, from
		return
	}
	for _, p := range []string{file, zip} {
		if p == "" {
			continue
		}
		if d := b.builtFrom(p); d != "" {
			f.CodeDir, f.CodeFrom = d, from+" (go build)"
			return
		}
	}
	if file != "" && !outside(file) && b.hasGo(path.Dir(file)) {
		f.CodeDir, f.CodeFrom = path.Dir(file), from
		return
	}
	for _, n := range names {
		if n == "" || n == "bootstrap" || n == "main" || strings.ContainsAny(n, "/${}:. ") {
			continue
		}
		if ds := b.mainDirs()[n]; len(ds) == 1 {
			f.CodeDir, f.CodeFrom = ds[0], "name"
			return
		}
	}
}

// builtFrom finds the package that a go build -o of a Makefile or shell
// script under the root compiles into p, or into the binary a zip p is
// made of (bin/x.zip from bin/x, bin/x/bootstrap or bin/x/main).
func (b *builder) builtFrom(p string) string {
	idx := b.buildIndex()
	cands := []string{p}
	if base, ok := strings.CutSuffix(p, ".zip"); ok {
		cands = append(cands, base, base+"/bootstrap", base+"/main", path.Join(path.Dir(p), "bootstrap"), path.Join(path.Dir(p), "main"))
	}
	for _, c := range cands {
		if ds := idx[path.Clean(c)]; len(ds) == 1 {
			return ds[0]
		}
	}
	return ""
}

// mainDirs indexes the directories with a main package under the root
// by base name, once.
func (b *builder) mainDirs() map[string][]string {
	if b.mains != nil {
		return b.mains
	}
	b.mains = map[string][]string{}
	seen := map[string]bool{}
	b.walk(func(rel string, d fs.DirEntry) {
		name := d.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return
		}
		dir := path.Dir(rel)
		if seen[dir] || len(seen) > maxCandidates {
			return
		}
		f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(b.root, filepath.FromSlash(rel)), nil, parser.PackageClauseOnly)
		if err != nil {
			return
		}
		seen[dir] = true
		if f.Name.Name != "main" {
			return
		}
		b.mains[path.Base(dir)] = append(b.mains[path.Base(dir)], dir)
	}, true)
	return b.mains
}

// shellResult reads the tree's shell scripts and Makefile recipes, once.
func (b *builder) shellResult() *shell.Result {
	if b.sh != nil {
		return b.sh
	}
	b.sh = &shell.Result{}
	opts := shell.Options{Exists: func(rel string) bool {
		_, err := os.Stat(filepath.Join(b.root, filepath.FromSlash(rel)))
		return err == nil
	}}
	read := func(rel string, f func(string, []byte, shell.Options, *shell.Result)) {
		defer func() {
			if r := recover(); r != nil {
				b.errorf(Pos{File: rel}, "internal error reading the shell script (please report it): %v", r)
			}
		}()
		p := filepath.Join(b.root, filepath.FromSlash(rel))
		st, err := os.Stat(p)
		if err != nil || !st.Mode().IsRegular() || st.Size() > 1<<20 {
			return
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return
		}
		f(rel, data, opts, b.sh)
	}
	for _, rel := range b.scripts {
		read(rel, shell.ReadScript)
	}
	for _, rel := range b.makefiles {
		read(rel, shell.ReadMakefile)
	}
	for _, rel := range b.docs {
		read(rel, shell.ReadMarkdown)
	}
	return b.sh
}

// scriptBuilds are the go build -o commands of the shell scripts and
// Makefile recipes.
func (b *builder) scriptBuilds() []goBuild {
	var out []goBuild
	for _, bd := range b.shellResult().Builds {
		out = append(out, goBuild{out: bd.Out, pkg: bd.Pkg})
	}
	return out
}

// readShell adds what the scripts deploy: functions, queues and topics,
// and the routes between them. Names resolve when the model is complete.
// shellEnv gives f the environment a CLI command sets.
func (b *builder) shellEnv(f *Function, env []*shell.Env) {
	for _, e := range env {
		v := Value{Kind: Literal, Text: e.Value.Text}
		if !e.Value.Known {
			v = Value{Kind: Unresolved, Text: e.Value.Expr}
		}
		f.Env = append(f.Env, &EnvVar{Name: e.Name, Value: v, Pos: e.Pos})
	}
}

func (b *builder) readShell() {
	r := b.shellResult()
	for _, e := range r.Errors {
		// A script that does not parse is reported only when it holds a
		// deployment command: a tree holds many scripts.
		if b.deploysCLI(e.Pos.File) {
			b.errs = append(b.errs, Error{Pos: e.Pos, Msg: e.Msg})
		}
	}
	files := map[string]bool{}
	for _, ch := range r.Channels {
		if !ch.Name.Known || ch.Name.Text == "" {
			continue
		}
		files[ch.Pos.File] = true
		b.namedChannel(ChannelKind(ch.Kind), lastSegment(ch.Name.Text), ch.FIFO, Shell, ch.Pos)
	}
	for _, sf := range r.Functions {
		files[sf.Pos.File] = true
		name := ""
		if sf.Name.Known {
			name = sf.Name.Text
		}
		if name != "" && b.hasFunctionNamed(name) {
			continue // declared by a template too: it says more
		}
		f := &Function{LogicalID: cmp.Or(name, sf.Name.Expr), Name: name, Platform: Platform(sf.Platform), Format: Shell,
			Handler: sf.Handler, Entry: sf.Entry, Runtime: sf.Runtime, Pos: sf.Pos}
		if sf.Platform == shell.Knative {
			// kn service create: a Knative Service that the Knative
			// objects of the manifests may reference by name, added
			// once they are read unless their YAML declares it
			// (addKnCommands).
			f.Image = sf.Image
			b.bindImage(f)
			b.shellEnv(f, sf.Env)
			b.knCommands = append(b.knCommands, f)
			continue
		}
		from := "--source"
		if sf.Zip != "" {
			from = "--zip-file"
		}
		var names []string
		if sf.Platform == shell.Lambda {
			names = []string{sf.Handler, name}
		}
		b.bindCode(f, sf.Source, "", sf.Zip, from, names)
		b.shellEnv(f, sf.Env)
		b.addFunction(f)
	}
	for _, sl := range r.Links {
		files[sl.Pos.File] = true
		l := &Link{Event: sl.Event, Format: Shell, Pos: sl.Pos, RawMessageDelivery: sl.Raw, Schedule: sl.Schedule}
		l.To = shellEnd(sl.To)
		switch {
		case sl.External != "":
			l.From = external(sl.External)
		case sl.Event == "eventbridge" && sl.From.Known:
			l.From = chEnd(b.implicitChannel(Bus, cmp.Or(lastSegment(sl.From.Text), "default"), Shell, sl.Pos))
		case sl.Event == "pubsub" && sl.From.Known:
			l.From = chEnd(b.namedChannel(PubSubTopic, lastSegment(sl.From.Text), false, Shell, sl.Pos))
		default:
			l.From = shellEnd(sl.From)
		}
		if sl.Pattern != "" {
			l.Pattern = pattern(&node.Node{Kind: node.String, Text: sl.Pattern, Pos: sl.Pos})
		}
		if sl.Input != "" {
			l.Input = &Input{Constant: sl.Input}
		}
		if l.Event == "" {
			l.Event = sourceEvent(l.From)
		}
		b.addLink(l)
	}
	for f := range files {
		b.addFile(f, Shell)
	}
}

// shellEnd is the endpoint a script's argument names: looked up by name
// when the model is complete. An ARN whose name is known resolves even
// when its region or account come from the environment.
func shellEnd(v shell.Value) Endpoint {
	if v.Known || v.Text != "" && !strings.Contains(lastSegment(v.Text), "*") && strings.HasPrefix(v.Text, "arn:") {
		return unresolvedEnd(v.Text)
	}
	return unresolvedEnd(cmp.Or(v.Expr, "(unknown)"))
}

// namedChannel is the channel of a kind and name, declared by any
// manifest or created now.
func (b *builder) namedChannel(kind ChannelKind, name string, fifo bool, f Format, pos Pos) *Channel {
	for _, c := range b.m.Channels {
		if c.Kind == kind && c.Name == name {
			c.FIFO = c.FIFO || fifo
			return c
		}
	}
	c := b.implicitChannel(kind, name, f, pos)
	c.Implicit = false
	c.FIFO = c.FIFO || fifo || strings.HasSuffix(name, ".fifo")
	return c
}

func (b *builder) hasFunctionNamed(name string) bool {
	for _, f := range b.m.Functions {
		if f.Name == name {
			return true
		}
	}
	return false
}

// deploysCLI reports whether a file mentions a deployment command.
func (b *builder) deploysCLI(rel string) bool {
	data, err := os.ReadFile(filepath.Join(b.root, filepath.FromSlash(rel)))
	if err != nil {
		return false
	}
	return bytes.Contains(data, []byte("aws ")) || bytes.Contains(data, []byte("gcloud "))
}
