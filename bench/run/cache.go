package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/internal/cache"
)

// The cache modes of faasvet check that -cache times after the tools, in
// the order each run times them.
const (
	// modeCold: a fresh, empty cache directory.
	modeCold = "faasvet check, cache cold"
	// modeWarm: the same directory again, nothing changed: a replay of
	// the whole run.
	modeWarm = "faasvet check, cache warm"
	// modeEdited: the same directory after a comment line is appended to
	// one file (target.EditFile).
	modeEdited = "faasvet check, one file edited"
)

var cacheModes = []string{modeCold, modeWarm, modeEdited}

// editMark starts the comment line that the edited mode appends.
const editMark = "// faasbench edit "

// cacheRound times faasvet check in the cache modes, after round r's
// tools, and checks that each prints what the round's run without the
// cache printed.
func (h *harness) cacheRound(t *target, r int) error {
	offs := t.Samples[toolCheck]
	if len(offs) == 0 {
		return errors.New("no run without the cache to compare with")
	}
	off := offs[len(offs)-1]
	root := filepath.Join(h.out, "cache")
	if err := os.MkdirAll(root, 0o755); err != nil {
		return err
	}
	dir, err := os.MkdirTemp(root, "run-")
	if err != nil {
		return err
	}
	defer func() { _ = os.RemoveAll(dir) }()
	check := func(mode string) error {
		c := []string{h.faasvet, "check", "--format", "json", "./..."}
		s, err := timed(t.Dir, []string{"GOFLAGS=-buildvcs=false", cache.Env + "=" + dir}, c[0], c[1:]...)
		if err != nil {
			return err
		}
		if s.Exit > 1 {
			return fmt.Errorf("%s=%s %s exited %d:\n%s", cache.Env, dir, strings.Join(c, " "), s.Exit, tail(s.stderr, 40))
		}
		if err := h.same(t, mode, off, s); err != nil {
			return err
		}
		t.Samples[mode] = append(t.Samples[mode], s)
		return nil
	}
	if err := check(modeCold); err != nil {
		return err
	}
	if err := check(modeWarm); err != nil {
		return err
	}
	h.nonce++
	return h.edited(t, fmt.Sprintf("%s%d %d", editMark, r+1, h.nonce), func() error { return check(modeEdited) })
}

// edited appends the line to t.EditFile, refreshes the build cache
// (untimed: the go command recompiles the edited package, which is its
// cost, not faasvet's), calls run, and restores the file and the build
// cache, so that the next run finds the tree as the warm-up left it.
func (h *harness) edited(t *target, line string, run func() error) (err error) {
	file := filepath.Join(t.Dir, filepath.FromSlash(t.EditFile))
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	orig := stripEdits(data) // the lines an interrupted harness left
	edit := slices.Clone(orig)
	if len(edit) > 0 && edit[len(edit)-1] != '\n' {
		edit = append(edit, '\n')
	}
	edit = append(edit, line+"\n"...)
	if err := os.WriteFile(file, edit, 0o644); err != nil {
		return err
	}
	defer func() {
		if werr := os.WriteFile(file, orig, 0o644); werr != nil {
			err = errors.Join(err, werr)
			return
		}
		if err == nil {
			err = fillBuildCache(t.Dir)
		}
	}()
	if err := fillBuildCache(t.Dir); err != nil {
		return err
	}
	return run()
}

// stripEdits removes the trailing lines that start with editMark.
func stripEdits(data []byte) []byte {
	for {
		body := bytes.TrimSuffix(data, []byte("\n"))
		i := bytes.LastIndexByte(body, '\n')
		if !bytes.HasPrefix(body[i+1:], []byte(editMark)) {
			return data
		}
		data = body[:i+1]
	}
}

// fillBuildCache fills the build cache with the export data of every
// package, which all the tools read (go build ./... would also link every
// main package), printing only the packages' errors.
func fillBuildCache(dir string) error {
	return goCmd(dir, "list", "-export", "-deps", "-f", "{{if .Error}}{{.ImportPath}}: {{.Error}}{{end}}", "./...")
}

// same returns an error unless the cached run printed what the run
// without the cache printed: a cache must not change the output. The two
// outputs are kept under OUT/cache-diff.
func (h *harness) same(t *target, mode string, off, s sample) error {
	if s.Exit == off.Exit && bytes.Equal(s.stdout, off.stdout) {
		return nil
	}
	keep := filepath.Join(h.out, "cache-diff")
	base := filepath.Join(keep, slug(t.Name+" "+mode))
	if err := os.MkdirAll(keep, 0o755); err != nil {
		return err
	}
	if err := errors.Join(os.WriteFile(base+".off.json", off.stdout, 0o644), os.WriteFile(base+".cache.json", s.stdout, 0o644)); err != nil {
		return err
	}
	return fmt.Errorf("%s: the output differs from the run without the cache (exit %d, without: %d): %s\n(both outputs in %s.{off,cache}.json)",
		mode, s.Exit, off.Exit, firstDiff(off.stdout, s.stdout), base)
}

// slug is s as a file name: runs of anything but letters, digits and
// dots become one dash.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		if r == '.' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	return b.String()
}

// firstDiff describes the first line where b differs from a.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := range max(len(al), len(bl)) {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if i >= len(al) || i >= len(bl) || x != y {
			return fmt.Sprintf("line %d: without the cache %q, with it %q", i+1, x, y)
		}
	}
	return "the same lines"
}

// A listedPackage is the part of go list -json that picks the file to
// edit.
type listedPackage struct {
	ImportPath string
	Name       string
	Dir        string
	GoFiles    []string
	Imports    []string
	Error      *struct{ Err string }
}

// editFile picks the file that the edited mode appends to in a tree
// with no plan: the first non-test Go file, by name, of the tree's
// non-main package with the most importers in the tree (see pickPackage).
// It returns a slash-separated path relative to dir.
func editFile(dir string) (string, error) {
	cmd := exec.Command("go", "list", "-e", "-json=ImportPath,Name,Dir,GoFiles,Imports,Error", "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS=-buildvcs=false")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go list -json ./...: %w", err)
	}
	var pkgs []listedPackage
	for d := json.NewDecoder(bytes.NewReader(out)); ; {
		var p listedPackage
		if err := d.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return "", fmt.Errorf("go list -json ./...: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	p := pickPackage(pkgs)
	if p == nil {
		return "", errors.New("go list ./...: no package with a Go file to edit")
	}
	rel, err := filepath.Rel(dir, filepath.Join(p.Dir, slices.Min(p.GoFiles)))
	if err != nil {
		return "", err
	}
	return filepath.ToSlash(rel), nil
}

// pickPackage returns the package, of those listed, with the most
// importers among them (imports of non-test files), ties broken by
// import path; packages with errors or no non-test Go file are never
// picked, main packages only when there is nothing else. An edit there
// reaches the most packages of the tree, the case a cache of per-package
// results saves least on. Nil when no package qualifies.
func pickPackage(pkgs []listedPackage) *listedPackage {
	listed := map[string]bool{}
	for _, p := range pkgs {
		listed[p.ImportPath] = true
	}
	importers := map[string]int{}
	for _, p := range pkgs {
		for _, imp := range p.Imports {
			if listed[imp] && imp != p.ImportPath {
				importers[imp]++
			}
		}
	}
	var best *listedPackage
	better := func(p, q *listedPackage) bool { // p before q
		if (p.Name == "main") != (q.Name == "main") {
			return q.Name == "main"
		}
		if importers[p.ImportPath] != importers[q.ImportPath] {
			return importers[p.ImportPath] > importers[q.ImportPath]
		}
		return p.ImportPath < q.ImportPath
	}
	for i := range pkgs {
		p := &pkgs[i]
		if p.Error != nil || len(p.GoFiles) == 0 {
			continue
		}
		if best == nil || better(p, best) {
			best = p
		}
	}
	return best
}

// pickEditFile sets t.EditFile: on a synthetic tree the first pipeline
// function's main.go (an edit of one function), else the file editFile
// picks.
func pickEditFile(t *target) error {
	if t.plan != nil {
		if f := t.plan.FunctionFile(0); f != "" {
			t.EditFile = f
			return nil
		}
	}
	f, err := editFile(t.Dir)
	t.EditFile = f
	return err
}
