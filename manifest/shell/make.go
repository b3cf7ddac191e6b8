package shell

import (
	"regexp"
	"strings"
)

// makeVar matches a make variable reference: $(NAME) or ${NAME}.
var makeVar = regexp.MustCompile(`\$[({]([A-Za-z_][A-Za-z0-9_.-]*)[)}]`)

// ReadMakefile reads the recipes of a Makefile; file is its path relative
// to the analysed root. Each recipe line runs in its own shell, from the
// Makefile's directory.
func ReadMakefile(file string, data []byte, opts Options, into *Result) {
	vars := map[string]string{}
	target := ""
	lines := joinContinued(string(data))
	for i, l := range lines {
		line := l.text
		if !strings.HasPrefix(line, "\t") {
			t := strings.TrimSpace(line)
			if t == "" || strings.HasPrefix(t, "#") {
				continue
			}
			if name, v, ok := assignment(t); ok {
				vars[name] = v
				continue
			}
			if name, _, ok := strings.Cut(t, ":"); ok && !strings.HasPrefix(t, ".") {
				target = strings.TrimSpace(name)
			}
			continue
		}
		_ = i
		cmd := strings.TrimLeft(line, "\t")
		cmd = strings.TrimLeft(cmd, "@-+")
		cmd = expandMake(cmd, vars, target, 0)
		s := newScript(file, opts, into)
		s.base = pathDir(file)
		s.own = true // make runs recipes in the Makefile's directory
		f, err := parseShell(file, cmd, l.line)
		if err != nil {
			continue // a recipe in make's syntax, or a fragment: not ours to report
		}
		s.run(f, []*world{s.start()})
	}
}

type line struct {
	text string
	line int
}

func joinContinued(data string) []line {
	var out []line
	n := 0
	var cur strings.Builder
	start := 0
	for l := range strings.Lines(data) {
		n++
		l = strings.TrimRight(l, "\r\n")
		if cur.Len() == 0 {
			start = n
		}
		if strings.HasSuffix(l, `\`) {
			cur.WriteString(strings.TrimSuffix(l, `\`))
			cur.WriteString(" ")
			continue
		}
		cur.WriteString(l)
		out = append(out, line{cur.String(), start})
		cur.Reset()
	}
	if cur.Len() > 0 {
		out = append(out, line{cur.String(), start})
	}
	return out
}

// assignment reads NAME = value, NAME := value, NAME ?= value.
func assignment(t string) (string, string, bool) {
	i := strings.IndexAny(t, "=:?+")
	if i <= 0 {
		return "", "", false
	}
	name := strings.TrimSpace(t[:i])
	rest := t[i:]
	for _, op := range []string{"::=", ":=", "?=", "+=", "="} {
		if v, ok := strings.CutPrefix(rest, op); ok {
			if strings.ContainsAny(name, " \t$") || strings.HasPrefix(name, "export ") {
				name = strings.TrimPrefix(name, "export ")
				if strings.ContainsAny(name, " \t$") {
					return "", "", false
				}
			}
			if op == "+=" || op == "?=" {
				return name, "\x00", true // appended or overridable: unknown
			}
			return name, strings.TrimSpace(v), true
		}
	}
	return "", "", false
}

// expandMake substitutes make variables with constant values, $@ with
// the target and $$ with $; other references become unknown shell
// variables.
func expandMake(s string, vars map[string]string, target string, depth int) string {
	s = strings.ReplaceAll(s, "$@", target)
	s = makeVar.ReplaceAllStringFunc(s, func(m string) string {
		name := makeVar.FindStringSubmatch(m)[1]
		v, ok := vars[name]
		if !ok || strings.Contains(v, "\x00") || strings.Contains(v, "$(shell") || depth > 8 {
			return "${__make_" + strings.NewReplacer(".", "_", "-", "_").Replace(name) + "}"
		}
		return expandMake(v, vars, target, depth+1)
	})
	return strings.ReplaceAll(s, "$$", "$")
}

func pathDir(file string) string {
	if i := strings.LastIndexByte(file, '/'); i >= 0 {
		return file[:i]
	}
	return "."
}
