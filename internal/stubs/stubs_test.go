package stubs

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/mod/modfile"
	"golang.org/x/tools/txtar"
)

// stubTree lists the stub tree: the import paths of its packages (the
// directories with Go files) and of its modules (the directories with a
// go.mod, mapped to the module path the go.mod declares).
func stubTree(t *testing.T) (pkgs []string, mods map[string]string) {
	t.Helper()
	mods = map[string]string{}
	err := filepath.WalkDir(Src(), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(Src(), filepath.Dir(p))
		dir := filepath.ToSlash(rel)
		switch {
		case strings.HasSuffix(p, ".go") && !slices.Contains(pkgs, dir):
			pkgs = append(pkgs, dir)
		case d.Name() == "go.mod":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			mods[dir] = modfile.ModulePath(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pkgs) < 30 || len(mods) < 10 {
		t.Fatalf("the stub tree %s has only %d packages and %d modules", Src(), len(pkgs), len(mods))
	}
	return pkgs, mods
}

// TestModules: every stub package is in a module whose go.mod declares
// the directory's import path, so that a replace directive to
// stubs/<module path> gives the go command the package it asks for.
func TestModules(t *testing.T) {
	pkgs, mods := stubTree(t)
	for dir, mod := range mods {
		if mod != dir {
			t.Errorf("%s/go.mod declares module %q, want %q", dir, mod, dir)
		}
	}
	for _, p := range pkgs {
		in := false
		for d := p; d != "."; d = path.Dir(d) {
			if _, ok := mods[d]; ok {
				in = true
				break
			}
		}
		if !in {
			t.Errorf("stub package %s is in no module of the stub tree: add a go.mod at its module root", p)
		}
	}
}

// TestOneCopy fails when a second copy of a stub appears anywhere in the
// repository: a directory at a stub's import path (some testdata/src,
// a vendor directory), a go.mod that declares a stubbed module, or the
// same inside a txtar archive. Tests take the stubs from testdata/src
// (TestData, CopyTo); see testdata/README.md.
func TestOneCopy(t *testing.T) {
	pkgs, mods := stubTree(t)
	paths := slices.Clone(pkgs)
	stubMods := map[string]bool{}
	for dir, mod := range mods {
		stubMods[mod] = true
		if !slices.Contains(paths, dir) {
			paths = append(paths, dir)
		}
	}
	// copyOf returns the stub import path that the slash-separated
	// directory dir ends with.
	copyOf := func(dir string) string {
		for _, p := range paths {
			if dir == p || strings.HasSuffix(dir, "/"+p) {
				return p
			}
		}
		return ""
	}
	root := filepath.Dir(filepath.Dir(Src()))
	src := Src()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if p == src || d.Name() == ".git" {
				return filepath.SkipDir
			}
			if stub := copyOf(rel); stub != "" {
				t.Errorf("%s is a second copy of the stub %s: use testdata/src/%s", rel, stub, stub)
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case d.Name() == "go.mod":
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if mod := modfile.ModulePath(data); stubMods[mod] {
				t.Errorf("%s declares the stubbed module %s: use testdata/src/%s", rel, mod, mod)
			}
		case strings.HasSuffix(p, ".txtar"):
			ar, err := txtar.ParseFile(p)
			if err != nil {
				return err
			}
			for _, f := range ar.Files {
				if stub := copyOf(path.Dir(f.Name)); stub != "" {
					t.Errorf("%s holds %s, a second copy of the stub %s: use $WORK/_stubs/%s", rel, f.Name, stub, stub)
				} else if path.Base(f.Name) == "go.mod" && stubMods[modfile.ModulePath(f.Data)] {
					t.Errorf("%s holds %s, which declares the stubbed module %s: use $WORK/_stubs/%s",
						rel, f.Name, modfile.ModulePath(f.Data), modfile.ModulePath(f.Data))
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
