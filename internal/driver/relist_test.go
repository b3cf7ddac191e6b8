package driver

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"

	"github.com/faasvet/faasvet/internal/cache"
)

// TestRelist: after an edit that the go command's listing cannot see
// (a body of a package nothing imports, or a library's body that leaves
// its export data as it was), the stored listing is replayed
// instead of asking the go command, and the outcome is an uncached
// run's, byte for byte; after any other edit (a library's file, an
// import, a new file, a build constraint, a body that no longer
// compiles) the go command is asked.
func TestRelist(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	dir, edit, step, c := relistTree(t, reuseTree, false)
	step("cold", false)

	// (a) A body of a function's main package.
	edit("price/main.go", "error { return nil }", "error {\n\t_ = in.ID\n\treturn nil\n}")
	step("a main's body edited", true)

	// (b) A library's file, where a declaration moves a line: its export
	// data changes, and so its importers' listing.
	edit("msg/msg.go", "type Bill struct {", "// Bill is billed.\ntype Bill struct {")
	step("a library edited", false)

	// (b2) A library's body, its export data as it was: the go command
	// lists the library alone (relistLibraries), even where the edit
	// changes a fact its importers read (util.Check's error).
	edit("util/util.go", `fmt.Sprint("value")`, `fmt.Sprint("a value")`)
	step("a library's body edited", true)
	edit("util/util.go", "return ErrEmpty", "return fmt.Errorf(\"empty\")")
	step("a library's body edited, a fact changed", true)
	edit("util/util.go", `return fmt.Errorf("empty")`, `return fmt.Errorf("empty: %d", 0)`)
	on0 := step("a library's body edited again", true)
	if on0.Reused == 0 {
		t.Error("a library's body edited again: no package reused")
	}
	// An API change: the go command lists the tree.
	edit("util/util.go", "func Check(s string) error {", "func Check(s string, _ ...int) error {")
	step("a library's API changed", false)

	// (c) An import added to a main: the listing lists one more package.
	edit("display/main.go", "func main() { select {} }", "import \"strings\"\n\nfunc main() {\n\t_ = strings.ToUpper(\"x\")\n\tselect {}\n}")
	on := step("an import added", false)
	if on.Packages == 0 || len(on.LoadErrors) > 0 {
		t.Errorf("an import added: %d packages, load errors %q", on.Packages, on.LoadErrors)
	}

	// (d) A new file.
	if err := os.WriteFile(filepath.Join(dir, "take", "extra.go"), []byte("package main\n\nfunc extra() int { return 1 }\n\nvar _ = extra\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	step("a new file", false)

	// (e) A build constraint: the file is ignored.
	edit("take/extra.go", "package main", "//go:build ignore\n\npackage main")
	step("a build constraint added", false)

	// A body again, after so many listings.
	edit("take/main.go", "return in, nil", "_ = in.Total\n\treturn in, nil")
	step("a main's body edited again", true)

	// (f) A body that no longer type-checks, and one that no longer
	// compiles (a function without a body, which the type checker
	// accepts): the go command's words, as without the cache.
	edit("price/main.go", "return nil\n}", "return 1\n}")
	step("a body that does not type-check", false)
	edit("price/main.go", "return 1\n}", "return nil\n}")
	step("the body fixed", true, true) // as after the edit again
	edit("price/main.go", "func main()", "func helper()\n\nfunc main()")
	step("a function without a body", false)
	edit("price/main.go", "func helper()\n\n", "")
	step("the function removed", true, true)

	// (g) A chain of edits of two mains, each replayed.
	edit("take/main.go", "_ = in.Total", "_ = in.Total + in.ID")
	step("a chain: take", true)
	edit("display/main.go", `strings.ToUpper("x")`, `strings.ToLower("x")`)
	on = step("a chain: display", true)
	// take, edited under the replayed listing, which has no export file
	// for it, is replayed from its declarations: every package but
	// display is.
	if on.Reused != on.Packages-1 {
		t.Errorf("a chain: %d of %d packages reused, want all but the edited one", on.Reused, on.Packages)
	}

	// (h) An export file the listing names trimmed from the build cache
	// (here: renamed in the stored listing): the go command is asked.
	index, ok := stampIndex(dir, Options{Dir: dir}, []string{"./..."})
	if !ok {
		t.Fatal("no stamp index")
	}
	data, ok := c.Get(index)
	if !ok {
		t.Fatal("no stamp stored")
	}
	var e stampEntry
	if err := json.Unmarshal(data, &e); err != nil || e.Listing == "" {
		t.Fatalf("stamp entry %s: %v", data, err)
	}
	var key cache.Key
	if _, err := hex.Decode(key[:], []byte(e.Listing)); err != nil {
		t.Fatal(err)
	}
	if data, ok = c.Get(key); !ok {
		t.Fatal("no listing stored")
	}
	var le listEntry
	if err := json.Unmarshal(data, &le); err != nil {
		t.Fatal(err)
	}
	trimmed := false
	for i := range le.Loads[0].Packages {
		if p := &le.Loads[0].Packages[i]; p.PkgPath == "example.com/app/msg" && p.ExportFile != "" {
			p.ExportFile += ".trimmed"
			trimmed = true
		}
	}
	if !trimmed {
		t.Fatal("no export file for example.com/app/msg in the stored listing")
	}
	data, err := json.Marshal(le)
	if err != nil || c.Put(key, data) != nil {
		t.Fatal(err)
	}
	edit("take/main.go", "_ = in.Total + in.ID", "_ = in.ID + in.Total")
	step("an export file trimmed", false)
}

// relistTree writes tree, and gives an edit of one of its files and a
// step, which runs faasvet on it with and without the cache (with
// tests, when tests) and compares them; wantCached says that the run's
// key was stored by an earlier step.
func relistTree(t *testing.T, tree string, tests bool) (dir string, edit func(file, old, new string), step func(what string, wantRelisted bool, wantCached ...bool) *Result, c *cache.Cache) {
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	dir = t.TempDir()
	writeTree(t, dir, txtar.Parse([]byte(tree)))
	edit = func(file, old, new string) {
		t.Helper()
		replaceIn(t, filepath.Join(dir, filepath.FromSlash(file)), old, new)
	}
	// Every file written since the last step an hour old, as a tree is
	// between edits (stampRecent); the others as they were.
	age := func() {
		t.Helper()
		now := time.Now()
		old := now.Add(-time.Hour)
		if err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			info, err := d.Info()
			if err != nil || info.ModTime().Before(now.Add(-time.Minute)) {
				return err
			}
			return os.Chtimes(path, old, old)
		}); err != nil {
			t.Fatal(err)
		}
	}
	c, err := cache.OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	step = func(what string, wantRelisted bool, wantCached ...bool) *Result {
		t.Helper()
		age()
		off, err := Run(Options{Dir: dir, Tests: tests})
		if err != nil {
			t.Fatal(err)
		}
		on, err := Run(Options{Dir: dir, Tests: tests, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		cached := len(wantCached) > 0 && wantCached[0]
		if on.Relisted != wantRelisted || on.Cached != cached || on.Unlisted {
			t.Errorf("%s: relisted %v, cached %v, unlisted %v; want %v, %v, false", what, on.Relisted, on.Cached, on.Unlisted, wantRelisted, cached)
		}
		if got, want := outcome(t, on), outcome(t, off); !bytes.Equal(got, want) {
			t.Errorf("%s: with the cache:\n%s\nwithout:\n%s", what, got, want)
		}
		return on
	}
	return dir, edit, step, c
}

// TestRelistTests: with tests, an unchanged tree is replayed whole; a
// package with a test is imported by its test variant, so its edit is
// listed; a program without one is still replayed.
func TestRelistTests(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	tree := reuseTree + `
-- take/main_test.go --
package main

import "testing"

func TestTake(t *testing.T) {}
`
	dir, edit, step, c := relistTree(t, tree, true)
	step("cold", false)
	// With tests too, an unchanged tree is replayed without the go
	// command (the test main's file, in the build cache, follows from
	// the test files).
	warm, err := Run(Options{Dir: dir, Tests: true, Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	if !warm.Cached || !warm.Unlisted {
		t.Errorf("warm, with tests: cached %v, unlisted %v; want both", warm.Cached, warm.Unlisted)
	}
	edit("take/main.go", "return in, nil", "_ = in.Total\n\treturn in, nil")
	step("a tested program's body", false)
	edit("price/main.go", "error { return nil }", "error {\n\t_ = in.ID\n\treturn nil\n}")
	step("an untested program's body", true)
	edit("take/main_test.go", "func TestTake(t *testing.T) {}", "func TestTake(t *testing.T) { t.Log() }")
	step("a test's body", false)
}

// TestHeaderHash: the hash of a Go file's header changes with what the
// go command and the compiler read of it, and not with a body.
func TestHeaderHash(t *testing.T) {
	const base = `// Package main does.
package main

import (
	"fmt"
)

//go:noinline
func f() { fmt.Println("a") }
`
	hash := func(src string) string {
		t.Helper()
		h, ok := headerHash("x.go", []byte(src))
		if !ok {
			t.Fatalf("headerHash(%q) failed", src)
		}
		return h
	}
	want := hash(base)
	same := map[string]string{
		"a body":         `fmt.Println("b")`,
		"a new function": "fmt.Println(\"a\") }\n\nfunc g() { f() ",
	}
	for what, repl := range same {
		if hash(strings.NewReplacer(`fmt.Println("a")`, repl).Replace(base)) != want {
			t.Errorf("%s changes the header's hash", what)
		}
	}
	differ := map[string][2]string{
		"an import":          {`"fmt"`, "\"fmt\"\n\t\"os\""},
		"a build constraint": {"// Package main", "//go:build linux\n\n// Package main"},
		"the package name":   {"package main", "package other"},
		"a directive":        {"//go:noinline", "//go:nosplit"},
		"an embed line":      {"//go:noinline", "//go:embed x.txt\nvar s string\n\n//go:noinline"},
		"a line directive":   {`fmt.Println("a")`, "fmt.Println(\"a\")\n//line x.go:1"},
	}
	for what, r := range differ {
		if hash(strings.NewReplacer(r[0], r[1]).Replace(base)) == want {
			t.Errorf("%s leaves the header's hash as it was", what)
		}
	}
	if _, ok := headerHash("x.go", []byte("package main\n\nimport (\n")); ok {
		t.Error("a header that does not parse is hashed")
	}
	if bodiesComplete("x.go", []byte("package main\n\nfunc f()\n")) {
		t.Error("a function without a body passes bodiesComplete")
	}
}

// TestListingRoundTrip: a listing stored and rebuilt is the listing the
// go command gave.
func TestListingRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	dir := t.TempDir()
	writeTree(t, dir, txtar.Parse([]byte(reuseTree)))
	for _, tests := range []bool{false, true} {
		pkgs, err := packages.Load(&packages.Config{Mode: metaMode, Dir: dir, Tests: tests}, "./...")
		if err != nil {
			t.Fatal(err)
		}
		listed := []listing{{load{dir, []string{"./..."}}, pkgs}}
		snap, ok := snapshot(listed)
		if !ok {
			t.Fatal("snapshot failed")
		}
		want, err := json.Marshal(snap)
		if err != nil {
			t.Fatal(err)
		}
		var back []storedLoad
		if err := json.Unmarshal(want, &back); err != nil {
			t.Fatal(err)
		}
		rebuilt, ok := rebuild(back)
		if !ok {
			t.Fatal("rebuild failed")
		}
		again, ok := snapshot(rebuilt)
		if !ok {
			t.Fatal("snapshot of the rebuilt listing failed")
		}
		got, err := json.Marshal(again)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("tests %v: rebuilt:\n%s\nlisted:\n%s", tests, got, want)
		}
		// The graph: the same packages in the same order, with the
		// same sizes.
		a, b := order(pkgs), order(rebuilt[0].pkgs)
		if len(a) != len(b) {
			t.Fatalf("tests %v: %d packages rebuilt, %d listed", tests, len(b), len(a))
		}
		for i := range a {
			if a[i].ID != b[i].ID || a[i].TypesSizes != b[i].TypesSizes || len(a[i].Imports) != len(b[i].Imports) {
				t.Errorf("tests %v: package %d: rebuilt %s (%v, %d imports), listed %s (%v, %d imports)", tests, i,
					b[i].ID, b[i].TypesSizes, len(b[i].Imports), a[i].ID, a[i].TypesSizes, len(a[i].Imports))
			}
		}
	}
}

// TestRelistLibraryXTest: with tests, a library that only an external
// test package tests (so no variant of it holds its files) has its body
// edits replayed, as the go command would list them.
func TestRelistLibraryXTest(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	tree := reuseTree + `
-- util/x_test.go --
package util_test

import (
	"testing"

	"example.com/app/util"
)

func TestX(t *testing.T) { _ = util.ErrEmpty }
`
	_, edit, step, _ := relistTree(t, tree, true)
	step("cold", false)
	edit("util/util.go", `fmt.Sprint("value")`, `fmt.Sprint("a value")`)
	step("a library's body edited", true)
	edit("util/util.go", "return ErrEmpty", "return fmt.Errorf(\"empty\")")
	step("a library's body edited, a fact changed", true)
	// A function added before Describe moves its line, which the export
	// data holds: the go command lists the tree.
	edit("util/util.go", "func Describe(", "func added() {}\n\nvar _ = added\n\nfunc Describe(")
	step("a declaration moved", false)
}
