package manifest

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// embedded reports whether a //go:embed directive of a Go file in the
// file's directory, or in a directory above it up to the root, names the
// file. Such a file is the program's data: a text template that Go code
// embeds is rendered by that code (Knative's reconciler-test resources,
// code generators' templates), and telling the user to render it first
// would be wrong.
func (b *builder) embedded(rel string) bool {
	dir := path.Dir(rel)
	for {
		sub, err := filepath.Rel(filepath.FromSlash(dir), filepath.FromSlash(rel))
		if err == nil {
			for _, p := range b.embedPatterns(dir) {
				if embedMatch(p, filepath.ToSlash(sub)) {
					return true
				}
			}
		}
		if dir == "." {
			return false
		}
		dir = path.Dir(dir)
	}
}

// embedPatterns returns the //go:embed patterns of the Go files of one
// directory, relative to the root, read once.
func (b *builder) embedPatterns(dir string) []string {
	if ps, ok := b.embeds[dir]; ok {
		return ps
	}
	var ps []string
	abs := filepath.Join(b.root, filepath.FromSlash(dir))
	entries, _ := os.ReadDir(abs)
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(abs, e.Name()))
		if err != nil || !bytes.Contains(data, []byte("//go:embed")) {
			continue
		}
		for line := range bytes.Lines(data) {
			args, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte("//go:embed"))
			if ok && (len(args) == 0 || args[0] == ' ' || args[0] == '\t') {
				ps = append(ps, embedArgs(string(args))...)
			}
		}
	}
	if b.embeds == nil {
		b.embeds = map[string][]string{}
	}
	b.embeds[dir] = ps
	return ps
}

// embedArgs splits a //go:embed argument list: space-separated patterns,
// each possibly a Go string literal ("a b.yaml" or `a b.yaml`).
func embedArgs(s string) []string {
	var out []string
	for s = strings.TrimSpace(s); s != ""; s = strings.TrimSpace(s) {
		var arg string
		switch s[0] {
		case '`':
			end := strings.IndexByte(s[1:], '`')
			if end < 0 {
				return out
			}
			arg, s = s[1:end+1], s[end+2:]
		case '"':
			end := 1
			for end < len(s) && s[end] != '"' {
				if s[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(s) {
				return out
			}
			lit := s[:end+1]
			s = s[end+1:]
			var err error
			if arg, err = strconv.Unquote(lit); err != nil {
				continue
			}
		default:
			i := strings.IndexAny(s, " \t")
			if i < 0 {
				i = len(s)
			}
			arg, s = s[:i], s[i:]
		}
		out = append(out, strings.TrimPrefix(arg, "all:"))
	}
	return out
}

// embedMatch reports whether an embed pattern names the file sub (slash-
// separated, relative to the pattern's directory): the pattern matches the
// file itself, or a directory above it, which embeds all it holds.
func embedMatch(pattern, sub string) bool {
	for p := sub; p != "."; p = path.Dir(p) {
		if ok, _ := path.Match(pattern, p); ok {
			return true
		}
	}
	return false
}
