package driver

import (
	"encoding/json"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
)

// A load is one packages.Load: patterns, relative to dir.
type load struct {
	dir      string
	patterns []string
}

// planLoads decides what to load for patterns in dir. Usually that is one
// load of the patterns. But a serverless app is its whole repository,
// and its functions often have a go.mod each: under a root that holds
// the template and no go.mod (sam init lays them out so), under a
// go.work, or nested in a root module (an OpenFaaS function set, a
// test/workflow module). The go command's ./... stops at a module's
// edge: at a directory that no module contains it matches nothing
// ("directory prefix . does not contain main module"), and inside a
// module it leaves the nested ones out. So ./... here stands for every
// module below dir as well (those of go.work's use directives when there
// is a workspace), and a relative pattern such as ./order/... is loaded
// in the module that holds it, each module on its own. go vet -vettool
// keeps the go command's meaning, since go vet does the loading there.
func planLoads(dir string, env []string, patterns []string) []load {
	one := []load{{dir, patterns}}
	if root := moduleRoot(dir); root != "" && !inWorkspace(dir, env) {
		return withNested(dir, root, patterns) // the common case, without asking the go command
	}
	gomod, gowork, ok := goEnv(dir, env)
	if !ok {
		return one
	}
	if gowork != "" && gowork != "off" {
		if slices.Equal(patterns, []string{"./..."}) {
			if ps := workspacePatterns(dir, gowork); len(ps) > 0 {
				return []load{{dir, ps}}
			}
		}
		return one
	}
	if gomod != "" && gomod != os.DevNull {
		return one
	}
	mods := modulesBelow(dir)
	if len(mods) == 0 {
		return one // the go command says why nothing matches
	}
	return byModule(dir, mods, patterns)
}

// withNested plans patterns given in dir, inside the module at root: one
// load of them in dir, as the go command means them, and one of ./... in
// each module nested below what a recursive pattern (./... or ./x/...)
// names. A nested module that root replaces a requirement with is root's
// dependency, loaded and summarised in root's load at the versions root
// chooses; loaded on its own it would be a second copy at other versions.
func withNested(dir, root string, patterns []string) []load {
	loads := []load{{dir, patterns}}
	replaced := localReplacements(root)
	var nested []string
	for _, pat := range patterns {
		rest, recursive := strings.CutSuffix(pat, "/...")
		if !recursive || rest != "." && !strings.HasPrefix(rest, "./") {
			continue
		}
		for _, m := range modulesBelow(filepath.Join(dir, filepath.FromSlash(rest))) {
			if m != root && !replaced[m] && !slices.Contains(nested, m) {
				nested = append(nested, m)
			}
		}
	}
	slices.Sort(nested)
	for _, m := range nested {
		loads = append(loads, load{m, []string{"./..."}})
	}
	return loads
}

// localReplacements returns the directories that the go.mod at root
// replaces requirements with (replace X => ./dir).
func localReplacements(root string) map[string]bool {
	gomod := filepath.Join(root, "go.mod")
	data, err := os.ReadFile(gomod)
	if err != nil {
		return nil
	}
	mf, err := modfile.Parse(gomod, data, nil)
	if err != nil {
		return nil // the go command will say what is wrong with it
	}
	dirs := map[string]bool{}
	for _, r := range mf.Replace {
		if r.New.Version == "" && modfile.IsDirectoryPath(r.New.Path) {
			p := filepath.FromSlash(r.New.Path)
			if !filepath.IsAbs(p) {
				p = filepath.Join(root, p)
			}
			dirs[filepath.Clean(p)] = true
		}
	}
	return dirs
}

// byModule maps patterns given in dir, which no module contains, to the
// modules below it (mods, sorted), one load per module.
func byModule(dir string, mods, patterns []string) []load {
	byDir := map[string][]string{}
	for _, pat := range patterns {
		for _, l := range inModules(dir, mods, pat) {
			if !slices.Contains(byDir[l.dir], l.patterns[0]) {
				byDir[l.dir] = append(byDir[l.dir], l.patterns[0])
			}
		}
	}
	var loads []load
	for _, d := range slices.Sorted(maps.Keys(byDir)) {
		loads = append(loads, load{d, byDir[d]})
	}
	return loads
}

// inModules maps one pattern, given in dir, to the modules below dir that
// hold what it names: ./... and ./x/... to every module inside x, and
// ./x/y/... or ./x/y to the module that contains x/y. Anything else stays
// in dir, where the go command will say what is wrong with it.
func inModules(dir string, mods []string, pat string) []load {
	stay := []load{{dir, []string{pat}}}
	if pat != "." && pat != "./..." && !strings.HasPrefix(pat, "./") {
		return stay
	}
	rest, recursive := strings.CutSuffix(pat, "/...")
	if pat == "./..." {
		rest, recursive = ".", true
	}
	target := filepath.Join(dir, filepath.FromSlash(rest))
	var out []load
	// The innermost module that contains the target (mods is sorted, so
	// a nested module comes after the one around it).
	for i := len(mods) - 1; i >= 0; i-- {
		rel, ok := within(mods[i], target)
		if !ok {
			continue
		}
		p := "./" + filepath.ToSlash(rel)
		switch {
		case rel == "." && recursive:
			p = "./..."
		case rel == ".":
			p = "."
		case recursive:
			p += "/..."
		}
		out = append(out, load{mods[i], []string{p}})
		break
	}
	if recursive {
		// and every module inside it, as ./... at the root includes them.
		for _, m := range mods {
			if rel, ok := within(target, m); ok && rel != "." {
				out = append(out, load{m, []string{"./..."}})
			}
		}
	}
	if len(out) == 0 {
		return stay
	}
	return out
}

// within reports whether path is dir or below it, and its path relative
// to dir.
func within(dir, path string) (string, bool) {
	rel, err := filepath.Rel(dir, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return rel, true
}

// inWorkspace reports whether a go.work may govern dir: GOWORK names one,
// or, unless GOWORK is off, a go.work is in dir or above it. The go
// command then decides the modules (a root module that its go.work does
// not use is outside the workspace, and its ./... matches nothing).
func inWorkspace(dir string, env []string) bool {
	gowork, set := os.LookupEnv("GOWORK")
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "GOWORK="); ok {
			gowork, set = v, true
		}
	}
	switch {
	case gowork == "off":
		return false
	case set && gowork != "":
		return true
	}
	for d := dir; ; {
		if st, err := os.Stat(filepath.Join(d, "go.work")); err == nil && st.Mode().IsRegular() {
			return true
		}
		up := filepath.Dir(d)
		if up == d {
			return false
		}
		d = up
	}
}

// moduleRoot returns the directory of the go.mod that governs dir: dir's
// own or the nearest above it; "" when there is none.
func moduleRoot(dir string) string {
	for d := dir; ; {
		if st, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && st.Mode().IsRegular() {
			return d
		}
		up := filepath.Dir(d)
		if up == d {
			return ""
		}
		d = up
	}
}

// goEnv asks the go command which module and workspace govern dir.
func goEnv(dir string, env []string) (gomod, gowork string, ok bool) {
	v, ok := goEnvVars(dir, env, "GOMOD", "GOWORK")
	return v["GOMOD"], v["GOWORK"], ok
}

// goEnvVars asks the go command, run in dir with env, for its settings
// names (go env -json).
func goEnvVars(dir string, env []string, names ...string) (map[string]string, bool) {
	cmd := exec.Command("go", append([]string{"env", "-json"}, names...)...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.Output()
	if err != nil {
		return nil, false
	}
	var v map[string]string
	if json.Unmarshal(out, &v) != nil {
		return nil, false
	}
	return v, true
}

// workspacePatterns turns the use directives of the go.work file into
// patterns relative to dir, for the modules inside dir.
func workspacePatterns(dir, gowork string) []string {
	data, err := os.ReadFile(gowork)
	if err != nil {
		return nil
	}
	wf, err := modfile.ParseWork(gowork, data, nil)
	if err != nil {
		return nil
	}
	var ps []string
	for _, u := range wf.Use {
		abs := u.Path
		if !filepath.IsAbs(abs) {
			abs = filepath.Join(filepath.Dir(gowork), abs)
		}
		rel, ok := within(dir, abs)
		if !ok {
			continue
		}
		ps = append(ps, "./"+filepath.ToSlash(filepath.Join(rel, "..."))) // Join cleans "."
	}
	slices.Sort(ps)
	return slices.Compact(ps)
}

// modulesBelow lists the directories under dir that hold a go.mod, in
// order, skipping what the go command's ./... skips (vendor, testdata,
// and names that start with . or _) and node_modules.
func modulesBelow(dir string) []string {
	var mods []string
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // unreadable: skip it, as go list does
		}
		if d.IsDir() {
			name := d.Name()
			if path != dir && (name == "vendor" || name == "testdata" || name == "node_modules" ||
				strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() == "go.mod" && d.Type().IsRegular() {
			mods = append(mods, filepath.Dir(path))
		}
		return nil
	})
	slices.Sort(mods)
	return mods
}
