package node

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// A Stripped file is a text template (Jinja, cookiecutter, Go's
// text/template) with its templated lines blanked, so that the rest
// parses as the manifest it renders to.
type Stripped struct {
	// Data has as many lines as the template, so positions stay the
	// template's.
	Data []byte
	// Skipped are the lines (1-based, ascending) blanked or whose
	// templated value was dropped.
	Skipped []int
	// Marker is the first template marker, as written ({{ x }}).
	Marker string
	// Unbalanced says where the template's blocks do not match (an end
	// that closes nothing, a block never closed), or is empty.
	Unbalanced []Unbalanced
	// Branches says that lines of a conditional's other branches were
	// skipped.
	Branches bool
}

// Unbalanced is a block of a template that does not match.
type Unbalanced struct {
	Line int
	Msg  string
}

var (
	tagRE = regexp.MustCompile(`\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}`)
	// keyRE is a mapping key at the start of a line (maybe a list
	// item's), plain or quoted, followed by the colon.
	keyRE = regexp.MustCompile(`^(\s*(?:-\s+)?)("[^"]*"|'[^']*'|[^\s"'{}#:][^:{}#]*?)\s*:(\s|$)`)
	// wordRE is a tag's first word: if, endfor, else, end, range.
	wordRE = regexp.MustCompile(`^[{][{%#]-?\s*(/\*)?\s*([A-Za-z_]+)?`)
)

// hasMarker reports whether a line holds a template marker, and where.
// CloudFormation's dynamic references ({{resolve:...}}) are not markers.
func hasMarker(l []byte) int {
	for off := 0; off < len(l); {
		i := bytes.IndexByte(l[off:], '{')
		if i < 0 || off+i+1 >= len(l) {
			return -1
		}
		i += off
		switch l[i+1] {
		case '%', '#':
			return i
		case '{':
			if !bytes.HasPrefix(bytes.TrimLeft(l[i+2:], " "), []byte("resolve:")) {
				return i
			}
		}
		off = i + 1
	}
	return -1
}

type block struct {
	word string
	line int
	skip bool // in an else branch: the first branch is the one read
}

// StripTemplate blanks the templated lines of a text template: lines
// that are only template tags (block control, includes, comments); the
// lines of every branch of a conditional but the first, so that one
// consistent rendering is read; a mapping value that is templated (the
// key stays, with no value); and a line whose key or item is templated,
// with the lines indented under it. The result may still not parse:
// the caller parses it and keeps the template's own error if it does not.
func StripTemplate(data []byte) Stripped {
	var st Stripped
	lines := bytes.SplitAfter(data, []byte("\n"))
	out := make([][]byte, len(lines))
	var stack []*block
	skipping := func() bool {
		for _, b := range stack {
			if b.skip {
				return true
			}
		}
		return false
	}
	blank := func(i int) {
		out[i] = nil
		if n := len(lines[i]); n > 0 && lines[i][n-1] == '\n' {
			out[i] = []byte("\n")
		}
		if len(st.Skipped) == 0 || st.Skipped[len(st.Skipped)-1] != i+1 {
			st.Skipped = append(st.Skipped, i+1)
		}
	}
	underIndent := -1 // blanking the lines indented deeper than this
	for i, l := range lines {
		out[i] = l
		trimmed := bytes.TrimSpace(l)
		indent := len(l) - len(bytes.TrimLeft(l, " \t"))
		if underIndent >= 0 {
			if len(trimmed) == 0 || indent > underIndent {
				if len(trimmed) > 0 {
					blank(i)
				}
				continue
			}
			underIndent = -1
		}
		m := hasMarker(l)
		if m < 0 {
			if skipping() && len(trimmed) > 0 {
				blank(i)
			}
			continue
		}
		if st.Marker == "" {
			st.Marker = marker(l[m:])
		}
		if len(bytes.TrimSpace(tagRE.ReplaceAll(trimmed, nil))) == 0 {
			// Only tags: block control, an include, a comment.
			for _, tag := range tagRE.FindAll(trimmed, -1) {
				stack = control(tag, i+1, stack, &st)
			}
			blank(i)
			continue
		}
		if skipping() {
			blank(i)
			continue
		}
		if k := keyRE.FindSubmatchIndex(l); k != nil && m >= k[5] {
			// KEY: {{ value }}: the key stays, with no value.
			v := append(append([]byte{}, l[:k[5]]...), ':')
			if bytes.HasSuffix(l, []byte("\n")) {
				v = append(v, '\n')
			}
			out[i] = v
			st.Skipped = append(st.Skipped, i+1)
			continue
		}
		// A templated key or item: the line and what is indented under it.
		blank(i)
		underIndent = indent
	}
	for _, b := range stack {
		st.Unbalanced = append(st.Unbalanced, Unbalanced{Line: b.line, Msg: "the " + b.word + " block opened here is never closed"})
	}
	st.Data = bytes.Join(out, nil)
	return st
}

// control applies one tag to the stack of open blocks.
func control(tag []byte, line int, stack []*block, st *Stripped) []*block {
	m := wordRE.FindSubmatch(tag)
	if m == nil || len(m[1]) > 0 || tag[1] == '#' {
		return stack // a comment
	}
	word := string(m[2])
	switch word {
	case "if", "for", "macro", "block", "call", "filter", "with", "raw", "range", "define":
		return append(stack, &block{word: word, line: line})
	case "elif", "else":
		if len(stack) == 0 {
			st.Unbalanced = append(st.Unbalanced, Unbalanced{Line: line, Msg: "this " + word + " is in no block"})
			return stack
		}
		stack[len(stack)-1].skip = true
		st.Branches = true
		return stack
	case "end":
		if len(stack) == 0 {
			st.Unbalanced = append(st.Unbalanced, Unbalanced{Line: line, Msg: "this end closes no block"})
			return stack
		}
		return stack[:len(stack)-1]
	}
	if strings.HasPrefix(word, "end") {
		if len(stack) == 0 {
			st.Unbalanced = append(st.Unbalanced, Unbalanced{Line: line, Msg: "this " + word + " closes no block"})
			return stack
		}
		return stack[:len(stack)-1]
	}
	return stack
}

// LineRanges writes ascending line numbers as ranges: 3-4, 9, 12-15.
func LineRanges(lines []int) string {
	var b strings.Builder
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] == lines[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Itoa(lines[i]))
		if j > i {
			fmt.Fprintf(&b, "-%d", lines[j])
		}
		i = j + 1
	}
	return b.String()
}
