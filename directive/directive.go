package directive

import (
	"fmt"
	"go/ast"
	"go/token"
	"slices"
	"strings"
	"unicode"

	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/internal/spell"
)

// Prefixes of the two directive families.
const (
	TopologyPrefix = "//faas:"
	IgnorePrefix   = "//faasvet:ignore"
)

// Verbs of //faas: directives.
const (
	Function   = "function"
	Route      = "route"
	Publish    = "publish"
	Subscribe  = "subscribe"
	AllowCycle = "allow-cycle"
	Ignore     = "ignore" // the verb of //faasvet:ignore
)

// Via lists the transports a route may name.
var Via = []string{"direct", "sqs", "sns", "eventbridge", "pubsub", "http", "cloudevents", "stepfunctions"}

// A Directive is one parsed directive comment.
type Directive struct {
	Pos  token.Pos // of the comment
	Verb string
	// Args holds key=value arguments; each key at most once.
	Args map[string]string
	// Words holds the positional arguments: the function name of
	// //faas:function, the checks of //faasvet:ignore.
	Words []string
	// Reason is the free text of allow-cycle and ignore.
	Reason string
}

// List splits a comma-separated argument into its non-empty items.
func List(s string) []string {
	var out []string
	for item := range strings.SplitSeq(s, ",") {
		if item = strings.TrimSpace(item); item != "" {
			out = append(out, item)
		}
	}
	return out
}

// An Error is a directive that does not parse.
type Error struct {
	Pos token.Pos
	Msg string
}

func (e *Error) Error() string { return e.Msg }

// IsDirective reports whether a comment's text is a faasvet directive.
func IsDirective(text string) bool {
	return strings.HasPrefix(text, TopologyPrefix) || strings.HasPrefix(text, "//faasvet:")
}

// Parse parses one comment (its text with the leading //). It returns
// nil, nil for a comment that is not a directive.
func Parse(text string) (*Directive, error) {
	// A trailing " // remark" is a comment on the directive, not part of it.
	if i := strings.Index(text, " //"); i >= 0 {
		text = text[:i]
	}
	switch {
	case strings.HasPrefix(text, TopologyPrefix):
		return parseTopology(strings.TrimPrefix(text, TopologyPrefix))
	case strings.HasPrefix(text, "//faasvet:"):
		rest := strings.TrimPrefix(text, "//faasvet:")
		verb, args := cut(rest)
		if verb != Ignore {
			return nil, fmt.Errorf("unknown directive //faasvet:%s: want //faasvet:ignore CHECK[,CHECK...] REASON", verb)
		}
		return parseIgnore(args)
	}
	return nil, nil
}

// cut splits off the first space-separated word.
func cut(s string) (word, rest string) {
	s = strings.TrimLeftFunc(s, unicode.IsSpace)
	i := strings.IndexFunc(s, unicode.IsSpace)
	if i < 0 {
		return s, ""
	}
	return s[:i], strings.TrimSpace(s[i:])
}

func parseIgnore(args string) (*Directive, error) {
	const want = "want //faasvet:ignore CHECK[,CHECK...] REASON"
	list, reason := cut(args)
	if list == "" {
		return nil, fmt.Errorf("//faasvet:ignore names no check: %s", want)
	}
	checks := List(list)
	if len(checks) == 0 || strings.Contains(list, "=") {
		return nil, fmt.Errorf("//faasvet:ignore has a malformed check list %q: %s", list, want)
	}
	for _, c := range checks {
		if !isCheckID(c) {
			return nil, fmt.Errorf("//faasvet:ignore: %q is not a check ID (IDs are kebab-case, like wire-type): %s", c, want)
		}
	}
	if reason == "" {
		return nil, fmt.Errorf("//faasvet:ignore %s has no reason: %s", list, want)
	}
	return &Directive{Verb: Ignore, Words: checks, Reason: reason}, nil
}

func isCheckID(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// usage is what each topology verb expects.
var usage = map[string]string{
	Function:   "//faas:function [NAME]",
	Route:      "//faas:route to=NAME[,NAME...] [via=" + strings.Join(Via, "|") + "] [payload=TYPE]",
	Publish:    "//faas:publish topic=NAME [payload=TYPE]",
	Subscribe:  "//faas:subscribe topic=NAME [payload=TYPE]",
	AllowCycle: "//faas:allow-cycle REASON",
}

// keys lists each verb's keys; required ones are marked with a "!" suffix.
var keys = map[string][]string{
	Route:     {"to!", "via", "payload"},
	Publish:   {"topic!", "payload"},
	Subscribe: {"topic!", "payload"},
}

// Usage returns the syntax of a verb, for messages.
func Usage(verb string) string { return usage[verb] }

func parseTopology(s string) (*Directive, error) {
	verb, rest := cut(s)
	u, ok := usage[verb]
	if !ok {
		verbs := make([]string, 0, len(usage))
		for v := range usage {
			verbs = append(verbs, v)
		}
		slices.Sort(verbs)
		if verb == "" {
			return nil, fmt.Errorf("//faas: directive has no verb: want one of %s", strings.Join(verbs, ", "))
		}
		return nil, fmt.Errorf("unknown directive //faas:%s: want one of %s", verb, strings.Join(verbs, ", "))
	}
	d := &Directive{Verb: verb}
	switch verb {
	case AllowCycle:
		if rest == "" {
			return nil, fmt.Errorf("//faas:allow-cycle needs a reason: want %s", u)
		}
		d.Reason = rest
		return d, nil
	case Function:
		name, extra := cut(rest)
		if extra != "" {
			return nil, fmt.Errorf("//faas:function takes at most one name, got %q: want %s", rest, u)
		}
		if name != "" {
			if err := checkName(name); err != nil {
				return nil, fmt.Errorf("//faas:function: %w: want %s", err, u)
			}
			d.Words = []string{name}
		}
		return d, nil
	}
	d.Args = map[string]string{}
	allowed := keys[verb]
	for rest != "" {
		var word string
		word, rest = cut(rest)
		k, v, ok := strings.Cut(word, "=")
		if !ok {
			return nil, fmt.Errorf("//faas:%s: argument %q is not key=value: want %s", verb, word, u)
		}
		if !slices.Contains(allowed, k) && !slices.Contains(allowed, k+"!") {
			return nil, fmt.Errorf("//faas:%s: unknown key %q: want %s", verb, k, u)
		}
		if _, dup := d.Args[k]; dup {
			return nil, fmt.Errorf("//faas:%s: key %q given twice: want %s", verb, k, u)
		}
		if v == "" {
			return nil, fmt.Errorf("//faas:%s: %s= has no value: want %s", verb, k, u)
		}
		d.Args[k] = v
	}
	for _, k := range allowed {
		if name, required := strings.CutSuffix(k, "!"); required {
			if _, ok := d.Args[name]; !ok {
				return nil, fmt.Errorf("//faas:%s needs %s=: want %s", verb, name, u)
			}
		}
	}
	if to, ok := d.Args["to"]; ok {
		names := List(to)
		if len(names) == 0 || len(names) != strings.Count(to, ",")+1 {
			return nil, fmt.Errorf("//faas:route: to=%s has an empty name: want %s", to, u)
		}
		for _, n := range names {
			if err := checkName(n); err != nil {
				return nil, fmt.Errorf("//faas:route: %w: want %s", err, u)
			}
		}
	}
	if t, ok := d.Args["topic"]; ok {
		if err := checkName(t); err != nil {
			return nil, fmt.Errorf("//faas:%s: %w: want %s", verb, err, u)
		}
	}
	if via, ok := d.Args["via"]; ok && !slices.Contains(Via, via) {
		return nil, fmt.Errorf("//faas:route: unknown via=%s: want one of %s", via, strings.Join(Via, ", "))
	}
	return d, nil
}

// checkName accepts the names that platforms allow for functions and
// channels: letters, digits, and - _ . : / (ARNs and paths included).
func checkName(n string) error {
	for _, r := range n {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune("-_.:/$@{}", r)) {
			return fmt.Errorf("name %q contains %q", n, r)
		}
	}
	return nil
}

// A Set is the directives of one package, with the errors of those that
// did not parse.
type Set struct {
	Directives []*Directive
	Errors     []*Error
}

// Collect parses every directive comment of the files.
func Collect(files []*ast.File) *Set {
	s := &Set{}
	for _, f := range files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				if !IsDirective(c.Text) {
					continue
				}
				d, err := Parse(strings.TrimRightFunc(c.Text, unicode.IsSpace))
				if err != nil {
					s.Errors = append(s.Errors, &Error{Pos: c.Slash, Msg: err.Error()})
					continue
				}
				d.Pos = c.Slash
				s.Directives = append(s.Directives, d)
				if d.Verb == Ignore {
					s.Errors = append(s.Errors, unknownChecks(d)...)
				}
			}
		}
	}
	return s
}

// unknownChecks reports the checks an ignore names that no driver has. The
// directive still suppresses the checks it names correctly.
func unknownChecks(d *Directive) []*Error {
	var errs []*Error
	for _, c := range d.Words {
		if checks.Known(c) {
			continue
		}
		msg := fmt.Sprintf("//faasvet:ignore: unknown check %q", c)
		if near := spell.Nearest(c, checks.IDs()); near != "" {
			msg += fmt.Sprintf("; did you mean %q?", near)
		}
		errs = append(errs, &Error{Pos: d.Pos, Msg: msg + " (faasvet checks lists the IDs)"})
	}
	return errs
}

// InDoc returns the directives of a doc comment, in order.
func InDoc(doc *ast.CommentGroup) []*Directive {
	if doc == nil {
		return nil
	}
	var out []*Directive
	for _, c := range doc.List {
		if d, err := Parse(strings.TrimRightFunc(c.Text, unicode.IsSpace)); err == nil && d != nil {
			d.Pos = c.Slash
			out = append(out, d)
		}
	}
	return out
}
