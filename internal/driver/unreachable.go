package driver

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/tools/go/packages"
)

// Module versions the go command cannot fetch.
//
// To resolve a module graph the go command reads the go.mod file of
// every module version the graph names (in a workspace, or below go
// 1.17, even those that no package needs). When the proxy refuses one
// (403 Forbidden, 410 Gone), when it is private and out of reach, or when
// its revision is gone, the whole graph fails: in a workspace every
// package that imports anything outside the main modules fails with the
// one module's error, in a single module the go command fails as a
// whole. The packages the app needs (aws-lambda-go, the AWS SDK) are
// perfectly reachable, but their types are lost.
//
// The stubber reads those module versions out of the go command's errors
// and loads again with each replaced by an empty module of the same path
// (a go.mod and nothing else, so it requires nothing), in a copy of the
// go.mod (-modfile) or of the go.work (GOWORK): the user's files are
// never written. -modfile goes on go list's command line, where it
// overrides one in GOFLAGS: go/packages runs go list with
// GO111MODULE=off to learn Go's version, and there a -modfile in GOFLAGS
// is an error. A retry may reveal the next module
// that cannot be fetched, so it goes round a few times. Only the
// packages that really import the replaced module then fail, and their
// errors are given back the go command's first words (why the module
// could not be fetched, not "no required module provides package"), so
// that the driver analyses their importers in part as before; everything
// else loads with real types. One line per replaced module version says
// so. When a retry fails otherwise, the first load stands. Vendor mode
// fetches nothing and is left alone.

// maxStubRounds bounds the loads after the first: each may reveal one
// more module version that cannot be fetched.
const maxStubRounds = 4

// An unreachable module is a module version the go command could not
// fetch, and its reason, in the go command's words.
type unreachable struct {
	Path, Version, Reason string
}

func (u unreachable) key() string { return u.Path + "@" + u.Version }

// notFetched is how the go command names a module version that failed:
// "path@version: reason", after "go: " on a line of its own, or after a
// tab at the end of a chain of "x@v requires" lines.
var notFetched = regexp.MustCompile(`^([^\s@]+)@(v[^\s:@]+): (.+)$`)

// unfetchable are reasons that a stand-in must not paper over: the
// module was fetched and failed verification, or the go.sum lacks it
// (the go command fetches nothing then), or the build is vendored.
var unfetchable = []string{"checksum mismatch", "SECURITY ERROR", "go.sum", "-mod=vendor", "vendor/modules.txt"}

// parseUnreachable reads the module versions that an error of the go
// command says it could not fetch, in the order it names them.
func parseUnreachable(msg string) []unreachable {
	var out []unreachable
	lines := strings.Split(msg, "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimSpace(lines[i])
		if _, after, ok := strings.Cut(line, "stderr: "); ok {
			line = after // go/packages' wrapping of a go command that failed
		}
		for {
			rest, ok := strings.CutPrefix(line, "go: ")
			if !ok {
				break
			}
			line = rest
		}
		m := notFetched.FindStringSubmatch(line)
		if m == nil || !semver.IsValid(m[2]) || module.CheckImportPath(m[1]) != nil {
			continue
		}
		reason := []string{m[3]}
		// The reason goes on in indented lines ("\tserver response:
		// ..."), up to one that names a module version itself.
		for i+1 < len(lines) && strings.HasPrefix(lines[i+1], "\t") {
			next := strings.TrimSpace(lines[i+1])
			if notFetched.MatchString(next) || strings.HasSuffix(next, " requires") {
				break
			}
			reason = append(reason, next)
			i++
		}
		u := unreachable{Path: m[1], Version: m[2], Reason: oneLine(strings.Join(reason, " "))}
		if !slices.ContainsFunc(unfetchable, func(s string) bool { return strings.Contains(u.Reason, s) }) {
			out = append(out, u)
		}
	}
	return out
}

// unreachableIn collects the module versions that a load could not
// fetch, by path and version (the first reason of each), from the
// packages' errors and the load's own; when the load failed as a whole
// without saying so (go/packages hides it in export mode), from the go
// command itself.
func unreachableIn(c *packages.Config, patterns []string, pkgs []*packages.Package, err error) map[string]unreachable {
	found := map[string]unreachable{}
	add := func(msg string) {
		for _, u := range parseUnreachable(msg) {
			if _, ok := found[u.key()]; !ok {
				found[u.key()] = u
			}
		}
	}
	if err == nil && len(pkgs) == 0 {
		err = listError(c, patterns)
	}
	if err != nil {
		add(err.Error())
	}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			add(e.Msg)
		}
	})
	return found
}

// A stubber replaces the module versions that loads could not fetch; it
// keeps its files, which the go commands of later steps of a load (deps.go)
// read, until cleanup.
type stubber struct {
	root string // temporary directory, "" until a load needs it
	n    int    // files written under root
	// used are the module versions replaced in the loads kept, by their
	// stand-ins' directories; files are the user's go.mod or go.work files
	// by their copies.
	used  map[string]unreachable
	files map[string]string
}

// retry returns the result of the load of patterns with c (pkgs and
// err) again, with every module version that it could not fetch replaced
// by an empty module; pkgs and err themselves when there is none, or the
// retry does not do better. On success c's environment and build flags
// are the retry's.
func (s *stubber) retry(c *packages.Config, patterns []string, pkgs []*packages.Package, err error) ([]*packages.Package, error) {
	found := unreachableIn(c, patterns, pkgs, err)
	if len(found) == 0 {
		return pkgs, err
	}
	ws, ok := workspaceOf(c)
	if !ok {
		return pkgs, err
	}
	before := loaded(pkgs)
	stubs := map[string]unreachable{}
	var best []*packages.Package
	var bestEnv, bestFlags []string
	var bestStubs map[string]string // stand-in directory by module version
	for range maxStubRounds {
		added := false
		for k, u := range found {
			if _, ok := stubs[k]; !ok {
				stubs[k], added = u, true
			}
		}
		if !added {
			break
		}
		env, flags, dirs, ok := s.write(c, ws, stubs)
		if !ok {
			break
		}
		rc := *c
		rc.Env, rc.BuildFlags = env, flags
		ps, err := packages.Load(&rc, patterns...)
		found = unreachableIn(&rc, patterns, ps, err)
		if err == nil && len(ps) > 0 && loaded(ps) >= before {
			best, bestEnv, bestFlags, bestStubs = ps, env, flags, dirs
			before = loaded(ps)
		}
	}
	if best == nil {
		return pkgs, err
	}
	c.Env, c.BuildFlags = bestEnv, bestFlags
	if s.used == nil {
		s.used = map[string]unreachable{}
	}
	for k, d := range bestStubs {
		s.used[d] = stubs[k]
	}
	return best, nil
}

// done gives the errors of pkgs (every load's, with later steps' such as
// deps.go's) the go command's first words where a stand-in changed them
// (restoreErrors), and returns one line per module version replaced, in
// order.
func (s *stubber) done(pkgs []*packages.Package) []string {
	if len(s.used) == 0 {
		return nil
	}
	var used []unreachable
	for _, u := range s.used {
		if !slices.Contains(used, u) {
			used = append(used, u)
		}
	}
	slices.SortFunc(used, func(a, b unreachable) int {
		return cmp.Or(strings.Compare(a.key(), b.key()), strings.Compare(a.Reason, b.Reason))
	})
	s.restoreErrors(pkgs, used)
	var notes []string
	for _, u := range used {
		if len(notes) > 0 && strings.HasPrefix(notes[len(notes)-1], u.key()+":") {
			continue // another load found it for another reason: the first
		}
		notes = append(notes, fmt.Sprintf("%s: the go command could not fetch this module version (%s); faasvet resolved the module graph without it, "+
			"with an empty module in its place: only the packages that import it are analysed in part", u.key(), u.Reason))
	}
	return notes
}

// loaded counts the packages of a load, with their dependencies, that
// have no errors.
func loaded(pkgs []*packages.Package) int {
	n := 0
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		if len(p.Errors) == 0 {
			n++
		}
	})
	return n
}

// restoreErrors gives the errors of the packages in a replaced module
// (the go command finds no such package in the empty stand-in) and any
// error that names a stand-in's directory the go command's first words:
// the module version and why it could not be fetched. An error that
// names a copy of the user's go.mod or go.work names the user's file.
func (s *stubber) restoreErrors(pkgs []*packages.Package, used []unreachable) {
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		var in *unreachable
		for i, u := range used {
			if (p.PkgPath == u.Path || strings.HasPrefix(p.PkgPath, u.Path+"/")) && (p.Module == nil || p.Module.Path == u.Path) &&
				(in == nil || len(u.Path) > len(in.Path)) {
				in = &used[i]
			}
		}
		for i, e := range p.Errors {
			u, named := in, ""
			for d, v := range s.used {
				// The longest: one stand-in's directory may begin another's.
				if strings.Contains(e.Msg, d) && len(d) > len(named) {
					u, named = &v, d
				}
			}
			if u != nil {
				p.Errors[i].Msg = u.key() + ": " + u.Reason
				continue
			}
			for copied, orig := range s.files {
				p.Errors[i].Msg = strings.ReplaceAll(p.Errors[i].Msg, copied, orig)
			}
		}
	})
}

// A workspace is how the go command resolves the module graph of a load:
// gowork, when a go.work governs it, or the go.mod file (gomod, or the
// one that -modfile names).
type workspace struct {
	gomod, gowork string
}

// workspaceOf asks the go command which go.mod or go.work resolves c's
// module graph; false in vendor mode, outside a module, or when the go
// command cannot say.
func workspaceOf(c *packages.Config) (workspace, bool) {
	env, ok := goEnvVars(c.Dir, c.Env, "GOMOD", "GOWORK", "GOFLAGS")
	if !ok {
		return workspace{}, false
	}
	v := struct{ GOMOD, GOWORK, GOFLAGS string }{env["GOMOD"], env["GOWORK"], env["GOFLAGS"]}
	var ws workspace
	root := ""
	modSet := false
	for _, f := range slices.Concat(strings.Fields(v.GOFLAGS), c.BuildFlags) {
		name, val, _ := strings.Cut(strings.TrimLeft(f, "-"), "=")
		switch name {
		case "modfile":
			if !filepath.IsAbs(val) {
				val = filepath.Join(c.Dir, val)
			}
			v.GOMOD = val
		case "mod":
			modSet = val != "vendor"
			if !modSet {
				return workspace{}, false
			}
		}
	}
	switch {
	case v.GOWORK != "" && v.GOWORK != "off":
		ws.gowork, root = v.GOWORK, filepath.Dir(v.GOWORK)
	case v.GOMOD != "" && v.GOMOD != os.DevNull:
		ws.gomod, root = v.GOMOD, moduleRoot(c.Dir)
	default:
		return workspace{}, false
	}
	if st, err := os.Stat(filepath.Join(root, "vendor", "modules.txt")); err == nil && st.Mode().IsRegular() && !modSet {
		return workspace{}, false // vendor mode: the go command fetches nothing
	}
	return ws, true
}

// write lays out one retry: an empty module for each of stubs, and a
// copy of the go.mod or go.work that replaces each module version with
// its stand-in. It returns the retry's environment and build flags, and
// the stand-ins' directories by module version.
func (s *stubber) write(c *packages.Config, ws workspace, stubs map[string]unreachable) (env, flags []string, dirs map[string]string, ok bool) {
	if s.root == "" {
		root, err := os.MkdirTemp("", "faasvet-stubs")
		if err != nil {
			return nil, nil, nil, false
		}
		s.root = root
	}
	s.n++
	dir := filepath.Join(s.root, fmt.Sprint(s.n))
	dirs = map[string]string{}
	keys := slices.Sorted(func(yield func(string) bool) {
		for k := range stubs {
			if !yield(k) {
				return
			}
		}
	})
	for i, k := range keys {
		d := filepath.Join(dir, "m"+fmt.Sprint(i))
		if os.MkdirAll(d, 0o755) != nil || os.WriteFile(filepath.Join(d, "go.mod"), []byte("module "+modfile.AutoQuote(stubs[k].Path)+"\n"), 0o644) != nil {
			return nil, nil, nil, false
		}
		dirs[k] = d
	}
	env = c.Env
	if ws.gowork != "" {
		if env == nil {
			env = os.Environ()
		}
		data, err := workCopy(ws.gowork, keys, stubs, dirs)
		file := filepath.Join(dir, "go.work")
		if err != nil || os.WriteFile(file, data, 0o644) != nil || copyIfExists(ws.gowork+".sum", file+".sum") != nil {
			return nil, nil, nil, false
		}
		s.copied(file, ws.gowork)
		return append(slices.Clip(env), "GOWORK="+file), c.BuildFlags, dirs, true
	}
	data, err := os.ReadFile(ws.gomod)
	if err != nil {
		return nil, nil, nil, false
	}
	mf, err := modfile.Parse(ws.gomod, data, nil)
	if err != nil {
		return nil, nil, nil, false
	}
	for _, k := range keys {
		if mf.AddReplace(stubs[k].Path, stubs[k].Version, dirs[k], "") != nil {
			return nil, nil, nil, false
		}
	}
	if data, err = mf.Format(); err != nil {
		return nil, nil, nil, false
	}
	file := filepath.Join(dir, "go.mod")
	if os.WriteFile(file, data, 0o644) != nil || copyIfExists(strings.TrimSuffix(ws.gomod, ".mod")+".sum", filepath.Join(dir, "go.sum")) != nil {
		return nil, nil, nil, false
	}
	s.copied(file, ws.gomod)
	// Later on the command line than any of the user's: it wins.
	return env, append(slices.Clip(c.BuildFlags), "-modfile="+file), dirs, true
}

func (s *stubber) copied(file, orig string) {
	if s.files == nil {
		s.files = map[string]string{}
	}
	s.files[file] = orig
}

// listError runs go list on patterns as go/packages does with c, and
// returns the go command's own error, if it fails as a whole.
func listError(c *packages.Config, patterns []string) error {
	args := slices.Concat([]string{"list", "-e", "-json=ImportPath,Error"}, c.BuildFlags, []string{"--"}, patterns)
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Env = c.Dir, c.Env
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &stderr
	if cmd.Run() == nil {
		return nil
	}
	if msg := strings.TrimSpace(stderr.String()); msg != "" {
		return errors.New(msg)
	}
	return nil
}

// workCopy is the go.work file at gowork, written to live elsewhere (its
// use and replace directories absolute), with each of keys replaced by
// its stand-in.
func workCopy(gowork string, keys []string, stubs map[string]unreachable, dirs map[string]string) ([]byte, error) {
	data, err := os.ReadFile(gowork)
	if err != nil {
		return nil, err
	}
	wf, err := modfile.ParseWork(gowork, data, nil)
	if err != nil {
		return nil, err
	}
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(filepath.Dir(gowork), filepath.FromSlash(p))
	}
	var b strings.Builder
	if wf.Go != nil {
		fmt.Fprintf(&b, "go %s\n", wf.Go.Version)
	}
	if wf.Toolchain != nil {
		fmt.Fprintf(&b, "toolchain %s\n", wf.Toolchain.Name)
	}
	for _, g := range wf.Godebug {
		fmt.Fprintf(&b, "godebug %s=%s\n", g.Key, g.Value)
	}
	for _, u := range wf.Use {
		fmt.Fprintf(&b, "use %s\n", modfile.AutoQuote(abs(u.Path)))
	}
	replace := func(oldPath, oldVers, newPath, newVers string) {
		b.WriteString("replace " + modfile.AutoQuote(oldPath))
		if oldVers != "" {
			b.WriteString(" " + oldVers)
		}
		b.WriteString(" => " + modfile.AutoQuote(newPath))
		if newVers != "" {
			b.WriteString(" " + newVers)
		}
		b.WriteString("\n")
	}
	for _, r := range wf.Replace {
		newPath := r.New.Path
		if r.New.Version == "" {
			newPath = abs(newPath)
		}
		if _, ok := dirs[r.Old.Path+"@"+r.Old.Version]; !ok || r.Old.Version == "" {
			replace(r.Old.Path, r.Old.Version, newPath, r.New.Version)
		}
	}
	for _, k := range keys {
		replace(stubs[k].Path, stubs[k].Version, dirs[k], "")
	}
	return []byte(b.String()), nil
}

func copyIfExists(from, to string) error {
	data, err := os.ReadFile(from)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}

// cleanup removes the stand-ins.
func (s *stubber) cleanup() {
	if s.root != "" {
		_ = os.RemoveAll(s.root)
	}
}
