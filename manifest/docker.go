package manifest

import (
	"path"
	"path/filepath"
	"slices"
	"strings"

	"mvdan.cc/sh/v3/syntax"
)

// dockerBuildPackage returns the Go package (relative to the root) that
// the Dockerfile of an image function compiles: the package argument of
// its RUN ... go build, with the Dockerfile's ARG defaults and the
// template's DockerBuildArgs substituted. "" when the Dockerfile builds
// no single package that faasvet can tell. The build is taken to run in
// the Docker context's copy (COPY . then RUN), as the sam and Docker
// layouts for Go functions do.
func (b *builder) dockerBuildPackage(contextDir, dockerfile string, args map[string]string) string {
	pkg, _ := b.dockerBuild(contextDir, dockerfile, args)
	return pkg
}

// dockerBuild is dockerBuildPackage, and when it finds no package, the
// build arguments a go build command of the Dockerfile needs that
// neither an ARG default nor args sets (sorted, without repeats).
func (b *builder) dockerBuild(contextDir, dockerfile string, args map[string]string) (pkg string, unset []string) {
	data, ok := b.buildFile(path.Join(contextDir, filepath.ToSlash(dockerfile)))
	if !ok {
		return "", nil
	}
	vars := map[string]string{}
	found := ""
	for _, ins := range dockerInstructions(string(data)) {
		op, rest, _ := strings.Cut(ins, " ")
		rest = strings.TrimSpace(rest)
		switch strings.ToUpper(op) {
		case "ARG":
			name, def, hasDef := strings.Cut(rest, "=")
			name = strings.TrimSpace(name)
			if v, ok := args[name]; ok {
				vars[name] = v
			} else if hasDef {
				vars[name] = strings.Trim(strings.TrimSpace(def), `"'`)
			}
		case "FROM":
			vars = map[string]string{} // a stage's ARGs are its own
		case "RUN":
			if strings.HasPrefix(rest, "[") {
				continue // exec form: no shell, rarely a go build
			}
			pkgs, missing := goBuildPackages(rest, vars)
			unset = append(unset, missing...)
			for _, pkg := range pkgs {
				if found != "" && found != pkg {
					return "", nil // several packages: not one function's
				}
				found = pkg
			}
		}
	}
	if found == "" {
		slices.Sort(unset)
		return "", slices.Compact(unset)
	}
	return b.dirOf(path.Join(contextDir, "Dockerfile"), found), nil
}

// dockerInstructions splits a Dockerfile into instructions, joining
// continuation lines and dropping comments.
func dockerInstructions(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if cur.Len() == 0 && (t == "" || strings.HasPrefix(t, "#")) {
			continue
		}
		if strings.HasPrefix(t, "#") {
			continue // a comment inside a continued instruction
		}
		if c, ok := strings.CutSuffix(t, `\`); ok {
			cur.WriteString(c + " ")
			continue
		}
		cur.WriteString(t)
		out = append(out, cur.String())
		cur.Reset()
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// goBuildFlagsWithValue are go build's flags that take the next
// argument as their value.
var goBuildFlagsWithValue = map[string]bool{
	"-o": true, "-ldflags": true, "-gcflags": true, "-asmflags": true, "-tags": true, "-mod": true, "-p": true,
	"-buildmode": true, "-pkgdir": true, "-installsuffix": true, "-modfile": true, "-overlay": true, "-pgo": true,
	"-toolexec": true, "-exec": true, "-C": true, "-compiler": true, "-gccgoflags": true,
}

// goBuildPackages returns the package arguments of the go build commands
// of a shell command line, with vars expanded; arguments with anything
// not known (a command substitution, an unset variable) are left out.
func goBuildPackages(cmd string, vars map[string]string) (pkgs, unset []string) {
	f, err := syntax.NewParser().Parse(strings.NewReader(cmd), "")
	if err != nil {
		return nil, nil
	}
	syntax.Walk(f, func(n syntax.Node) bool {
		call, ok := n.(*syntax.CallExpr)
		if !ok || len(call.Args) < 2 {
			return true
		}
		words := make([]string, len(call.Args))
		missing := make([][]string, len(call.Args)) // the unset variables of each word
		for i, w := range call.Args {
			words[i], ok = expandWord(w, vars, &missing[i])
			if i < 2 && !ok {
				return true
			}
		}
		if words[0] != "go" || words[1] != "build" {
			return true
		}
		var args []string
		for i := 2; i < len(words); i++ {
			a := words[i]
			if strings.HasPrefix(a, "-") {
				if goBuildFlagsWithValue[a] {
					i++
				}
				continue
			}
			args = append(args, a)
			unset = append(unset, missing[i]...)
		}
		if len(args) == 1 && args[0] != "" && !strings.Contains(args[0], "\x00") {
			pkgs = append(pkgs, args[0])
		}
		return true
	})
	return pkgs, unset
}

// expandWord renders a shell word made of literals, quotes and ${NAME};
// ok is false, and an unknown part marked, when a part is not known. The
// names of variables that are not set are added to unset.
func expandWord(w *syntax.Word, vars map[string]string, unset *[]string) (string, bool) {
	var b strings.Builder
	ok := true
	var parts func(ps []syntax.WordPart)
	parts = func(ps []syntax.WordPart) {
		for _, p := range ps {
			switch p := p.(type) {
			case *syntax.Lit:
				b.WriteString(p.Value)
			case *syntax.SglQuoted:
				b.WriteString(p.Value)
			case *syntax.DblQuoted:
				parts(p.Parts)
			case *syntax.ParamExp:
				v, set := vars[p.Param.Value]
				if !set {
					*unset = append(*unset, p.Param.Value)
				}
				if !set || p.Exp != nil || p.Repl != nil || p.Index != nil || p.Length || p.Excl {
					ok = false
					b.WriteString("\x00")
					continue
				}
				b.WriteString(v)
			default:
				ok = false
				b.WriteString("\x00")
			}
		}
	}
	parts(w.Parts)
	return b.String(), ok
}
