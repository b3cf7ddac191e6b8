package shell

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"path"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// Options configure the readers.
type Options struct {
	// Exists reports whether a path relative to the analysed root exists;
	// it decides whether a script that does not cd to its own directory
	// runs from there or from the root. Nil: from its own directory.
	Exists func(rel string) bool
}

// Limits: a script is user input.
const (
	maxWorlds    = 32  // ways through a script followed at once
	maxCallDepth = 4   // shell functions calling shell functions
	maxLoopItems = 16  // items of a for loop read one by one
	maxSteps     = 1e5 // statements executed per script
)

// unknown stands for the unknown parts of a value's text.
const unknown = "\x00"

// A val is a shell value: its text, with unknown parts written as
// unknown.
type val struct{ text string }

func (v val) known() bool { return !strings.Contains(v.text, unknown) }

func (v val) value(expr string) Value {
	return Value{Known: v.known(), Text: strings.ReplaceAll(v.text, unknown, "*"), Expr: expr}
}

var unknownVal = val{unknown}

// A world is one way through the script: its variables and directory.
type world struct {
	vars map[string]val
	args []val // positional parameters; nil: unknown
	// cwd is the directory relative to the start; cwdKnown is false
	// after a cd to somewhere unknown.
	cwd      string
	cwdKnown bool
	exited   bool
}

func (w *world) clone() *world {
	c := *w
	c.vars = maps.Clone(w.vars)
	return &c
}

// A script is one file being read.
type script struct {
	file  string // relative to the root
	opts  Options
	res   *Result
	seen  map[string]bool // records already made, by key
	funcs map[string]*syntax.Stmt
	rules map[string]*rule // aws events put-rule, by name
	// bases are where the script may start: its own directory, and the
	// root when it does not cd to its own directory first.
	base string
	own  bool // the script cds to its own directory
	// docs: the script is a document's code blocks, whose aws and
	// gcloud commands are examples as often as deployments (ReadMarkdown).
	docs  bool
	depth int
	steps int
}

type rule struct {
	pattern, bus, schedule string
}

// ReadScript reads a shell script; file is its path relative to the
// analysed root.
func ReadScript(file string, data []byte, opts Options, into *Result) {
	s := newScript(file, opts, into)
	f, err := syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash)).Parse(bytes.NewReader(data), file)
	if err != nil {
		into.Errors = append(into.Errors, Error{Pos: errPos(file, err), Msg: "shell: " + errMsg(err)})
		return
	}
	s.run(f.Stmts, []*world{s.start()})
}

// ReadMarkdown reads the shell code blocks of a Markdown document (a
// README's deployment steps: ```bash, sh, shell, zsh or console, a
// console's "$ " prompts dropped) into into, as one script whose lines
// keep their numbers in the document. Only the kn commands that create
// Knative Services are taken: a document's aws and gcloud commands are
// as often examples with placeholders as the app's deployment.
func ReadMarkdown(file string, data []byte, opts Options, into *Result) {
	s := newScript(file, opts, into)
	s.docs = true
	// Each block is parsed alone (one that does not parse leaves the
	// others), after as many empty lines as precede it in the document.
	var blocks []string
	var b strings.Builder
	n, in, console := 0, false, false
	for line := range strings.Lines(string(data)) {
		n++
		t := strings.TrimSpace(line)
		fence := strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~")
		switch {
		case fence && !in:
			lang := strings.ToLower(strings.TrimSpace(strings.Trim(t, "`~")))
			lang, _, _ = strings.Cut(lang, " ")
			switch lang {
			case "bash", "sh", "shell", "zsh", "console", "shell-session":
				in, console = true, lang == "console" || lang == "shell-session"
				b.Reset()
				b.WriteString(strings.Repeat("\n", n))
			}
		case fence && in:
			in = false
			blocks = append(blocks, b.String())
		case in && console:
			cmd, _ := strings.CutPrefix(t, "$ ")
			if !strings.HasPrefix(t, "$ ") {
				cmd = "" // output, not a command
			}
			b.WriteString(cmd + "\n")
		case in:
			b.WriteString(strings.TrimRight(line, "\r\n") + "\n")
		}
	}
	for _, blk := range blocks {
		f, err := syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(blk), file)
		if err != nil {
			continue // a document's snippets need not parse
		}
		s.run(f.Stmts, []*world{s.start()})
	}
}

func newScript(file string, opts Options, into *Result) *script {
	return &script{file: file, opts: opts, res: into, seen: map[string]bool{}, funcs: map[string]*syntax.Stmt{},
		rules: map[string]*rule{}, base: path.Dir(file)}
}

func (s *script) start() *world {
	return &world{vars: map[string]val{}, cwd: ".", cwdKnown: true}
}

func errPos(file string, err error) Pos {
	if pe, ok := parseError(err); ok {
		return Pos{File: file, Line: int(pe.Pos.Line()), Col: int(pe.Pos.Col())}
	}
	return Pos{File: file}
}

// parseError finds the parser's error, which sh returns by value or by
// pointer, in err's chain.
func parseError(err error) (*syntax.ParseError, bool) {
	var v syntax.ParseError
	if errors.As(err, &v) {
		return &v, true
	}
	var p *syntax.ParseError
	if errors.As(err, &p) {
		return p, true
	}
	return nil, false
}

func errMsg(err error) string {
	if pe, ok := parseError(err); ok {
		return pe.Text
	}
	return err.Error()
}

// run executes statements in every world and returns the worlds after.
func (s *script) run(stmts []*syntax.Stmt, ws []*world) []*world {
	for _, st := range stmts {
		ws = s.stmt(st, ws)
		if len(ws) == 0 {
			return nil
		}
	}
	return ws
}

func (s *script) stmt(st *syntax.Stmt, ws []*world) []*world {
	s.steps++
	if s.steps > maxSteps || st == nil || st.Cmd == nil {
		return ws
	}
	var out []*world
	switch c := st.Cmd.(type) {
	case *syntax.IfClause:
		for _, w := range ws {
			out = append(out, s.ifClause(c, w)...)
		}
	case *syntax.CaseClause:
		for _, w := range ws {
			out = append(out, s.caseClause(c, w)...)
		}
	case *syntax.Block:
		out = s.run(c.Stmts, ws)
	case *syntax.Subshell:
		for _, w := range ws {
			s.run(c.Stmts, []*world{w.clone()})
		}
		out = ws
	case *syntax.BinaryCmd:
		out = s.stmt(c.Y, s.stmt(c.X, ws))
	case *syntax.ForClause:
		out = ws
		for _, w := range ws {
			s.forClause(c, w)
		}
	case *syntax.WhileClause:
		out = s.run(c.Do, ws)
	case *syntax.FuncDecl:
		if c.Name != nil {
			s.funcs[c.Name.Value] = c.Body
		}
		out = ws
	case *syntax.DeclClause:
		for _, w := range ws {
			for _, a := range c.Args {
				s.assign(w, a)
			}
		}
		out = ws
	case *syntax.CallExpr:
		for _, w := range ws {
			out = append(out, s.call(c, st, w)...)
		}
	default:
		out = ws
	}
	return prune(out)
}

// prune drops the worlds that exited and bounds their number.
func prune(ws []*world) []*world {
	out := ws[:0]
	for _, w := range ws {
		if !w.exited {
			out = append(out, w)
		}
	}
	if len(out) > maxWorlds {
		out = out[:maxWorlds]
	}
	return out
}

func (s *script) ifClause(c *syntax.IfClause, w *world) []*world {
	then := s.run(c.Then, []*world{w.clone()})
	var other []*world
	if c.Else != nil {
		if len(c.Else.Cond) == 0 && c.Else.ThenPos == (syntax.Pos{}) {
			other = s.run(c.Else.Then, []*world{w.clone()})
		} else {
			other = s.ifClause(c.Else, w.clone())
		}
	} else {
		other = []*world{w}
	}
	return append(then, other...)
}

// caseClause runs the branch a known word matches, or every branch when
// the word is not known.
func (s *script) caseClause(c *syntax.CaseClause, w *world) []*world {
	v, _ := s.word(w, c.Word)
	var out []*world
	for _, it := range c.Items {
		match := !v.known()
		if v.known() {
			for _, p := range it.Patterns {
				pv, _ := s.word(w, p)
				if ok, _ := path.Match(pv.text, v.text); ok || pv.text == v.text {
					match = true
				}
			}
		}
		if !match {
			continue
		}
		out = append(out, s.run(it.Stmts, []*world{w.clone()})...)
		if v.known() {
			return out
		}
	}
	if v.known() && out == nil {
		return []*world{w}
	}
	return out
}

func (s *script) forClause(c *syntax.ForClause, w *world) {
	it, ok := c.Loop.(*syntax.WordIter)
	if !ok || it.Name == nil {
		s.run(c.Do, []*world{w})
		return
	}
	var items []val
	known := true
	for _, x := range it.Items {
		v, split := s.word(w, x)
		if !v.known() {
			known = false
			break
		}
		if split {
			for _, f := range strings.Fields(v.text) {
				items = append(items, val{f})
			}
		} else {
			items = append(items, v)
		}
	}
	if !known || len(items) == 0 || len(items) > maxLoopItems {
		w.vars[it.Name.Value] = unknownVal
		s.run(c.Do, []*world{w})
		return
	}
	for _, item := range items {
		w.vars[it.Name.Value] = item
		s.run(c.Do, []*world{w})
	}
}

func (s *script) assign(w *world, a *syntax.Assign) {
	if a == nil || a.Name == nil {
		return
	}
	if a.Naked || a.Array != nil || a.Index != nil {
		if a.Array != nil || a.Index != nil {
			w.vars[a.Name.Value] = unknownVal
		}
		return
	}
	v := val{}
	if a.Value != nil {
		v, _ = s.word(w, a.Value)
	}
	if a.Append {
		v = val{w.get(a.Name.Value).text + v.text}
	}
	w.vars[a.Name.Value] = v
}

func (w *world) get(name string) val {
	if v, ok := w.vars[name]; ok {
		return v
	}
	return unknownVal
}

// call executes a simple command: assignments, cd, exit, the CLIs, go
// build and the script's own functions.
func (s *script) call(c *syntax.CallExpr, st *syntax.Stmt, w *world) []*world {
	if len(c.Args) == 0 {
		for _, a := range c.Assigns {
			s.assign(w, a)
		}
		return []*world{w}
	}
	args, exprs := s.fields(w, c.Args)
	if len(args) == 0 {
		return []*world{w}
	}
	pos := Pos{File: s.file, Line: int(st.Pos().Line()), Col: int(st.Pos().Col())}
	name := args[0].text
	switch name {
	case "cd", "pushd":
		s.cd(w, c, args)
	case "exit":
		w.exited = true
	case "aws":
		if !s.docs {
			s.aws(w, args, exprs, pos)
		}
	case "gcloud":
		if !s.docs {
			s.gcloud(w, args, exprs, pos)
		}
	case "go":
		if !s.docs {
			s.goBuild(w, args, pos)
		}
	case "kn":
		s.kn(args, exprs, pos)
	case "env":
		// env A=B cmd: the command
		i := 1
		for i < len(args) && strings.Contains(args[i].text, "=") {
			i++
		}
		if i < len(args) {
			return s.call(&syntax.CallExpr{Args: c.Args[i:]}, st, w)
		}
	default:
		if body := s.funcs[name]; body != nil && s.depth < maxCallDepth {
			s.depth++
			inner := w.clone()
			inner.args = args[1:]
			ws := s.stmt(body, []*world{inner})
			s.depth--
			// The function's cd and variables persist, as in the shell.
			if len(ws) == 0 {
				return nil
			}
			return ws[:1]
		}
	}
	return []*world{w}
}

func (s *script) cd(w *world, c *syntax.CallExpr, args []val) {
	if len(args) < 2 {
		w.cwdKnown = false
		return
	}
	src := printWord(c.Args[1])
	if strings.Contains(src, "dirname") && (strings.Contains(src, "$0") || strings.Contains(src, "BASH_SOURCE")) {
		s.own = true
		w.cwd, w.cwdKnown = ".", true
		return
	}
	if !args[1].known() || strings.HasPrefix(args[1].text, "/") || strings.HasPrefix(args[1].text, "~") || args[1].text == "-" {
		w.cwdKnown = false
		return
	}
	w.cwd = path.Join(w.cwd, args[1].text)
}

// dir resolves a path the script names in world w to a path relative to
// the analysed root; "" when it is not known.
func (s *script) dir(w *world, p string) string {
	if !w.cwdKnown || strings.Contains(p, unknown) || path.IsAbs(p) || strings.HasPrefix(p, "~") {
		return ""
	}
	rel := path.Join(w.cwd, p)
	own := path.Join(s.base, rel)
	if s.own || s.base == "." || s.opts.Exists == nil || s.opts.Exists(own) {
		return own
	}
	if root := path.Clean(rel); s.opts.Exists(root) {
		return root
	}
	return own
}

// fields evaluates a command's words, splitting unquoted expansions.
func (s *script) fields(w *world, words []*syntax.Word) ([]val, []string) {
	var out []val
	var exprs []string
	for _, x := range words {
		v, split := s.word(w, x)
		e := printWord(x)
		if split && v.known() && strings.ContainsAny(v.text, " \t\n") {
			for _, f := range strings.Fields(v.text) {
				out = append(out, val{f})
				exprs = append(exprs, f)
			}
			continue
		}
		out = append(out, v)
		exprs = append(exprs, e)
	}
	return out, exprs
}

// word evaluates a word; split is set when an unquoted expansion made
// part of it.
func (s *script) word(w *world, x *syntax.Word) (val, bool) {
	if x == nil {
		return val{}, false
	}
	var b strings.Builder
	split := false
	for _, p := range x.Parts {
		t, sp := s.part(w, p, false)
		b.WriteString(t)
		split = split || sp
	}
	return val{b.String()}, split
}

func (s *script) part(w *world, p syntax.WordPart, quoted bool) (string, bool) {
	switch p := p.(type) {
	case *syntax.Lit:
		if quoted {
			return p.Value, false
		}
		return unescape(p.Value), false
	case *syntax.SglQuoted:
		return p.Value, false
	case *syntax.DblQuoted:
		var b strings.Builder
		for _, q := range p.Parts {
			t, _ := s.part(w, q, true)
			b.WriteString(t)
		}
		return b.String(), false
	case *syntax.ParamExp:
		return s.param(w, p).text, !quoted
	}
	return unknown, false
}

// param expands $NAME, ${NAME} and the positional parameters; anything
// fancier is unknown, and so is a default (${X:-d}), which the
// environment may override.
func (s *script) param(w *world, p *syntax.ParamExp) val {
	if p.Param == nil || p.Excl || p.Length || p.Index != nil || p.Slice != nil || p.Repl != nil || p.NestedParam != nil {
		return unknownVal
	}
	name := p.Param.Value
	var v val
	switch {
	case name == "@" || name == "*" || name == "#" || name == "?" || name == "$" || name == "!":
		return unknownVal
	case name == "0":
		v = val{s.file}
	case len(name) > 0 && name[0] >= '1' && name[0] <= '9':
		var n int
		if _, err := fmt.Sscan(name, &n); err != nil || w.args == nil || n > len(w.args) {
			return unknownVal
		}
		v = w.args[n-1]
	default:
		v = w.get(name)
	}
	if p.Exp != nil {
		switch p.Exp.Op {
		case syntax.DefaultUnset, syntax.DefaultUnsetOrNull:
			if _, set := w.vars[name]; !set || p.Exp.Op == syntax.DefaultUnsetOrNull && v.text == "" {
				return unknownVal
			}
		default:
			return unknownVal
		}
	}
	return v
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == '\n' {
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// printers are reused: each holds a 4 kB write buffer, and a script
// prints many words.
var printers = sync.Pool{New: func() any { return syntax.NewPrinter() }}

func printWord(x *syntax.Word) string {
	var b bytes.Buffer
	p := printers.Get().(*syntax.Printer)
	defer printers.Put(p)
	if err := p.Print(&b, x); err != nil {
		return ""
	}
	return b.String()
}

// add records a result once, whichever ways through the script reach it.
func (s *script) add(key string, f func()) {
	if s.seen[key] {
		return
	}
	s.seen[key] = true
	f()
}

// parseShell parses one recipe line, its positions on the Makefile's
// line.
func parseShell(file, cmd string, line int) ([]*syntax.Stmt, error) {
	f, err := syntax.NewParser(syntax.Variant(syntax.LangBash)).Parse(strings.NewReader(strings.Repeat("\n", max(line-1, 0))+cmd), file)
	if err != nil {
		return nil, err
	}
	return f.Stmts, nil
}
