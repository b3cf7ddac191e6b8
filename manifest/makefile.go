package manifest

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// makeTargetPackage finds the Go package that the Makefile in dir (relative
// to the root) builds in target: sam build runs "make build-<LogicalID>"
// for a function whose Metadata says BuildMethod: makefile, and a Go
// function's recipe holds a go build of its package, often one of several
// under cmd/ beside a shared CodeUri of ".". It returns "" unless exactly
// one package directory with Go files is found.
func (b *builder) makeTargetPackage(dir, target string) string {
	var found string
	for _, pkg := range recipeBuilds(b.makefile(dir), target) {
		d := b.dirOf(path.Join(dir, "Makefile"), pkg)
		if d == "" || !b.hasGo(d) {
			continue
		}
		if found != "" && found != d {
			return "" // two packages in one function's build: say nothing
		}
		found = d
	}
	return found
}

// makefile returns the Makefile in dir (relative to the root), or "" when
// there is none or it is over 1 MiB.
func (b *builder) makefile(dir string) string {
	data, _ := b.buildFile(path.Join(dir, "Makefile"))
	return string(data)
}

// buildFile reads a build file the root holds (a Makefile, a
// Dockerfile): a regular file of at most 1 MB, else nothing.
func (b *builder) buildFile(rel string) ([]byte, bool) {
	p := filepath.Join(b.root, filepath.FromSlash(rel))
	st, err := os.Stat(p)
	if err != nil || !st.Mode().IsRegular() || st.Size() > 1<<20 {
		return nil, false
	}
	data, err := os.ReadFile(p)
	return data, err == nil
}

// recipeBuilds returns the packages that the go build commands of target's
// recipe name, relative to the Makefile's directory: "./cmd/hello" for
// "go build -o $(ARTIFACTS_DIR)/bootstrap ./cmd/hello", "cmd/hello" for
// "cd cmd/hello && go build -o ...", and the directory of a main.go.
func recipeBuilds(makefile, target string) []string {
	var pkgs []string
	in := false
	for line := range strings.Lines(makefile) {
		line = strings.TrimRight(line, "\r\n")
		if !strings.HasPrefix(line, "\t") {
			name, _, ok := strings.Cut(line, ":")
			in = ok && strings.TrimSpace(name) == target && !strings.HasPrefix(line, "#")
			continue
		}
		if !in {
			continue
		}
		cwd := "."
		for cmd := range strings.FieldsFuncSeq(line, func(r rune) bool { return r == ';' || r == '&' || r == '|' }) {
			words := strings.Fields(cmd)
			for len(words) > 0 && strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "-") {
				words = words[1:] // GOOS=linux CGO_ENABLED=0 ...
			}
			if len(words) == 2 && words[0] == "cd" {
				cwd = path.Join(cwd, words[1])
				continue
			}
			if pkg, ok := goBuildPackage(words); ok {
				pkgs = append(pkgs, path.Join(cwd, pkg))
			}
		}
	}
	return pkgs
}

// goBuildPackage returns the one package a go build command line names,
// "." when it names none.
func goBuildPackage(words []string) (string, bool) {
	if len(words) < 2 || path.Base(words[0]) != "go" || words[1] != "build" {
		return "", false
	}
	withValue := map[string]bool{"-o": true, "-ldflags": true, "-tags": true, "-gcflags": true, "-asmflags": true,
		"-mod": true, "-modfile": true, "-p": true, "-buildmode": true, "-compiler": true, "-installsuffix": true,
		"-pkgdir": true, "-toolexec": true, "-overlay": true, "-pgo": true, "-C": true}
	var args []string
	for i := 2; i < len(words); i++ {
		w := words[i]
		switch {
		case strings.HasPrefix(w, "-"):
			if withValue[w] {
				i++
				// A quoted value may span words: skip to its closing quote.
				if i < len(words) && (strings.HasPrefix(words[i], `"`) || strings.HasPrefix(words[i], `'`)) {
					q := words[i][:1]
					for i < len(words) && !(len(words[i]) > 1 && strings.HasSuffix(words[i], q)) {
						i++
					}
				}
			}
		default:
			args = append(args, w)
		}
	}
	switch {
	case len(args) == 0:
		return ".", true
	case len(args) == 1 && !strings.ContainsAny(args[0], "$(){}*"):
		if strings.HasSuffix(args[0], ".go") {
			return path.Dir(args[0]), true
		}
		return args[0], true
	}
	return "", false
}

// buildIndex maps the outputs of every go build -o in the tree's
// Makefiles and shell scripts (relative to the root) to the package
// directories they compile, once.
func (b *builder) buildIndex() map[string][]string {
	if b.builds != nil {
		return b.builds
	}
	b.builds = map[string][]string{}
	add := func(out, pkg string) {
		out, pkg = path.Clean(out), path.Clean(pkg)
		if outside(out) || outside(pkg) || !b.hasGo(pkg) || slices.Contains(b.builds[out], pkg) {
			return
		}
		b.builds[out] = append(b.builds[out], pkg)
	}
	for _, mf := range b.makefiles {
		dir := path.Dir(mf)
		for _, bd := range makeBuilds(b.makefile(dir)) {
			add(path.Join(dir, bd.out), path.Join(dir, bd.pkg))
		}
	}
	for _, bd := range b.scriptBuilds() {
		add(bd.out, bd.pkg)
	}
	return b.builds
}

// A goBuild is one go build command: its output and package, relative to
// the directory it runs in.
type goBuild struct{ out, pkg string }

// makeBuilds lists the go build -o commands of every recipe of a
// Makefile, following cd within a recipe line.
func makeBuilds(makefile string) []goBuild {
	var out []goBuild
	for line := range strings.Lines(makefile) {
		line = strings.TrimRight(line, "\r\n")
		if !strings.HasPrefix(line, "\t") {
			continue
		}
		cwd := "."
		for cmd := range strings.FieldsFuncSeq(line, func(r rune) bool { return r == ';' || r == '&' || r == '|' }) {
			words := strings.Fields(cmd)
			for len(words) > 0 && strings.Contains(words[0], "=") && !strings.HasPrefix(words[0], "-") {
				words = words[1:]
			}
			if len(words) > 0 && strings.HasPrefix(words[0], "@") {
				words[0] = words[0][1:]
			}
			if len(words) == 2 && words[0] == "cd" {
				cwd = path.Join(cwd, words[1])
				continue
			}
			pkg, ok := goBuildPackage(words)
			o := goBuildOutput(words)
			if !ok || o == "" || strings.ContainsAny(o+pkg, "$(){}*") {
				continue
			}
			out = append(out, goBuild{out: path.Join(cwd, o), pkg: path.Join(cwd, pkg)})
		}
	}
	return out
}

// goBuildOutput is the -o of a go build command line, "" without one.
func goBuildOutput(words []string) string {
	for i := 2; i+1 < len(words); i++ {
		if words[i] == "-o" {
			return strings.Trim(words[i+1], `"'`)
		}
		if o, ok := strings.CutPrefix(words[i], "-o="); ok {
			return strings.Trim(o, `"'`)
		}
	}
	return ""
}
