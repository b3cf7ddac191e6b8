package asl

import (
	"strconv"
	"strings"
)

// segKind is the kind of one JSONPath segment.
type segKind uint8

const (
	segKey   segKind = iota + 1 // .name or ['name']
	segIndex                    // [3]
	segAll                      // [*] or .* or a slice [1:3]: several values
)

type segment struct {
	kind  segKind
	key   string
	index int
	text  string // as written, for messages
}

// A jsonPath is a parsed JSONPath as Step Functions reads it. Only the
// paths this package can follow are parsed; anything else (filters,
// recursive descent, unions, variables) is not, and reads as unknown.
type jsonPath struct {
	context bool // $$: the context object
	segs    []segment
}

// parsePath parses a path such as $.order['line items'][0].id. ok is
// false for paths outside the subset, which the simulation treats as
// reading an unknown value.
func parsePath(s string) (p jsonPath, ok bool) {
	if !strings.HasPrefix(s, "$") {
		return p, false
	}
	s = s[1:]
	if strings.HasPrefix(s, "$") {
		p.context = true
		s = s[1:]
	}
	for s != "" {
		switch {
		case strings.HasPrefix(s, ".."):
			return p, false
		case strings.HasPrefix(s, ".*"):
			p.segs = append(p.segs, segment{kind: segAll, text: ".*"})
			s = s[2:]
		case s[0] == '.':
			end := strings.IndexAny(s[1:], ".[")
			if end < 0 {
				end = len(s) - 1
			}
			name := s[1 : 1+end]
			if name == "" {
				return p, false
			}
			p.segs = append(p.segs, segment{kind: segKey, key: name, text: s[:1+end]})
			s = s[1+end:]
		case s[0] == '[':
			end := strings.IndexByte(s, ']')
			if end < 0 {
				return p, false
			}
			inner := strings.TrimSpace(s[1:end])
			text := s[:end+1]
			switch {
			case len(inner) >= 2 && (inner[0] == '\'' || inner[0] == '"') && inner[len(inner)-1] == inner[0]:
				name := inner[1 : len(inner)-1]
				if strings.ContainsAny(name, "'\"\\") {
					return p, false
				}
				p.segs = append(p.segs, segment{kind: segKey, key: name, text: text})
			case inner == "*":
				p.segs = append(p.segs, segment{kind: segAll, text: text})
			default:
				if i, err := strconv.Atoi(inner); err == nil && i >= 0 {
					p.segs = append(p.segs, segment{kind: segIndex, index: i, text: text})
				} else if isSlice(inner) {
					p.segs = append(p.segs, segment{kind: segAll, text: text})
				} else {
					return p, false // filters, unions, negative indices
				}
			}
			s = s[end+1:]
		default:
			// $var: a variable (JSONPath states with Assign), or junk.
			return p, false
		}
	}
	return p, true
}

func isSlice(s string) bool {
	a, b, ok := strings.Cut(s, ":")
	if !ok {
		return false
	}
	for _, part := range []string{a, b} {
		if part == "" {
			continue
		}
		if _, err := strconv.Atoi(strings.TrimSpace(part)); err != nil {
			return false
		}
	}
	return true
}

// refPath parses a reference path, which ResultPath must be: keys and
// indices only.
func refPath(s string) ([]segment, bool) {
	p, ok := parsePath(s)
	if !ok || p.context {
		return nil, false
	}
	for _, sg := range p.segs {
		if sg.kind != segKey {
			return nil, false
		}
	}
	return p.segs, true
}

// prefix writes the path up to segment i, for messages.
func (p jsonPath) prefix(i int) string {
	var b strings.Builder
	b.WriteString("$")
	if p.context {
		b.WriteString("$")
	}
	for _, s := range p.segs[:i] {
		b.WriteString(s.text)
	}
	return b.String()
}

// An intrinsic is a call such as States.Format('{}', $.id).
type intrinsic struct {
	name string
	args []string // as written, trimmed
}

// parseIntrinsic splits States.NAME(arg, ...) into its name and
// top-level arguments, respecting quotes and nested calls.
func parseIntrinsic(s string) (intrinsic, bool) {
	s = strings.TrimSpace(s)
	open := strings.IndexByte(s, '(')
	if !strings.HasPrefix(s, "States.") || open < 0 || !strings.HasSuffix(s, ")") {
		return intrinsic{}, false
	}
	in := intrinsic{name: s[:open]}
	body := s[open+1 : len(s)-1]
	depth, start := 0, 0
	quoted := false
	for i := 0; i < len(body); i++ {
		c := body[i]
		switch {
		case quoted && c == '\\':
			i++
		case c == '\'':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ',' && depth == 0:
			in.args = append(in.args, strings.TrimSpace(body[start:i]))
			start = i + 1
		}
	}
	if quoted || depth != 0 {
		return intrinsic{}, false
	}
	if rest := strings.TrimSpace(body[start:]); rest != "" || len(in.args) > 0 {
		in.args = append(in.args, rest)
	}
	return in, true
}
