package driver

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/faasvet/faasvet/internal/cache"
	"github.com/faasvet/faasvet/internal/stubs"
	"github.com/faasvet/faasvet/report"
)

// writeScriptTree writes the tree of one of faasvet check's test scripts
// to a temporary directory, with the SDK stubs at _stubs.
func writeScriptTree(t *testing.T, name string) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("..", "..", "cmd", "faasvet", "testdata", "script", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeTree(t, dir, ar)
	return dir
}

// writeTree writes the files of ar under dir, with the SDK stubs at
// dir/_stubs.
func writeTree(t *testing.T, dir string, ar *txtar.Archive) {
	t.Helper()
	for _, f := range ar.Files {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := stubs.CopyTo(filepath.Join(dir, "_stubs")); err != nil {
		t.Fatal(err)
	}
}

// replaceIn replaces the first old in the file at path with new.
func replaceIn(t *testing.T, path, old, new string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
		t.Fatal(err)
	}
}

// outcome is everything of a Result that faasvet check prints, fixes
// included.
func outcome(t *testing.T, res *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, v := range []any{res.LoadErrors, res.Packages} {
		if err := json.NewEncoder(&b).Encode(v); err != nil {
			t.Fatal(err)
		}
	}
	if err := report.WriteJSON(&b, res.Findings); err != nil {
		t.Fatal(err)
	}
	for _, f := range res.Findings {
		if err := json.NewEncoder(&b).Encode(f.Fix); err != nil {
			t.Fatal(err)
		}
	}
	return b.Bytes()
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(text); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestCache: a run with the cache replays the outcome of an earlier run
// with the same inputs, byte for byte, and recomputes it when a root's
// file, a dependency or faasvet's version changed, or when the entry is
// corrupt; two runs at once on one cache are both right.
func TestCache(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	dir := writeScriptTree(t, "fix") // findings with fixes
	c, err := cache.OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	run := func(c *cache.Cache) (*Result, []byte) {
		t.Helper()
		res, err := Run(Options{Dir: dir, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		return res, outcome(t, res)
	}
	step := func(what string, wantCached bool) {
		t.Helper()
		_, off := run(nil)
		res, on := run(c)
		if res.Cached != wantCached {
			t.Errorf("%s: cached %v, want %v", what, res.Cached, wantCached)
		}
		if !bytes.Equal(on, off) {
			t.Errorf("%s: with the cache:\n%s\nwithout:\n%s", what, on, off)
		}
		if len(res.Findings) == 0 {
			t.Errorf("%s: no findings: the tree is not worth the test", what)
		}
	}
	step("cold", false)
	step("warm", true)

	// A root's file changes.
	mains, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	if len(mains) == 0 {
		t.Fatal("no Go file at the root of the tree")
	}
	appendFile(t, mains[0], "\nfunc addedByTheTest() {}\n")
	step("after an edit", false)
	step("after an edit, warm", true)

	// A dependency changes (an upgrade): its export data does.
	lambdas, _ := filepath.Glob(filepath.Join(dir, "_stubs", "github.com", "aws", "aws-lambda-go", "lambda", "*.go"))
	if len(lambdas) == 0 {
		t.Fatal("no aws-lambda-go stub")
	}
	appendFile(t, lambdas[0], "\nfunc AddedByTheTest() {}\n")
	step("after a dependency changed", false)
	step("after a dependency changed, warm", true)

	// faasvet's version changes.
	defer func(v func() string) { cache.Version = v }(cache.Version)
	cache.Version = func() string { return "test-version-2" }
	step("after an upgrade of faasvet", false)
	step("after an upgrade of faasvet, warm", true)

	// A corrupt entry is recomputed.
	entries, _ := filepath.Glob(filepath.Join(c.Dir(), "*", "*-e"))
	if len(entries) == 0 {
		t.Fatal("no entry in the cache")
	}
	for i, e := range entries {
		data, err := os.ReadFile(e)
		if err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			data = data[:len(data)/2] // truncated
		} else {
			data[len(data)-3] ^= 0x55 // garbled
		}
		if err := os.WriteFile(e, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	step("with corrupt entries", false)
	step("with corrupt entries, recomputed", true)

	// Two runs at once, on an empty cache and then on a full one.
	_, want := run(nil)
	for _, fresh := range []bool{true, false} {
		if fresh {
			if err := cache.Clean(c.Dir()); err != nil {
				t.Fatal(err)
			}
			if c, err = cache.OpenDir(c.Dir()); err != nil {
				t.Fatal(err)
			}
		}
		var wg sync.WaitGroup
		outs := make([][]byte, 2)
		for i := range outs {
			wg.Go(func() {
				res, err := Run(Options{Dir: dir, Cache: c})
				if err != nil {
					t.Error(err)
					return
				}
				outs[i] = outcome(t, res)
			})
		}
		wg.Wait()
		for i, out := range outs {
			if !bytes.Equal(out, want) {
				t.Errorf("concurrent run %d (empty cache %v):\n%s\nwant:\n%s", i, fresh, out, want)
			}
		}
	}
	if res, _ := run(c); !res.Cached {
		t.Error("after the concurrent runs: not cached")
	}
}
