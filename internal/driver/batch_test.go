package driver

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/faasvet/faasvet/internal/stubs"
	"github.com/faasvet/faasvet/report"
)

// TestBatches: analysing the packages in batches, and dropping each
// batch's syntax and type information before the next, changes nothing
// that Run returns. The trees are faasvet check's test scripts with
// several packages: ignore directives used and unused (whose packages
// keep their syntax), whole-program findings, a package that does not
// type-check and one that imports it.
func TestBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	defer func(n int) { batchSize = n }(batchSize)
	scripts := []string{"unused_ignore", "check", "robust_typecheck", "infra_sam"}
	for _, name := range scripts {
		dir := t.TempDir()
		ar, err := txtar.ParseFile(filepath.Join("..", "..", "cmd", "faasvet", "testdata", "script", name+".txtar"))
		if err != nil {
			t.Fatal(err)
		}
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
		for _, tests := range []bool{false, true} {
			run := func(size int) []byte {
				batchSize = size
				res, err := Run(Options{Dir: dir, Tests: tests})
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				var b bytes.Buffer
				for _, v := range []any{res.Findings, res.LoadErrors, res.Packages} {
					if err := json.NewEncoder(&b).Encode(v); err != nil {
						t.Fatal(err)
					}
				}
				if err := report.WriteGraphJSON(&b, res.Graph, res.Findings); err != nil {
					t.Fatal(err)
				}
				return b.Bytes()
			}
			whole, one := run(1<<20), run(1)
			if !bytes.Equal(whole, one) {
				t.Errorf("%s (tests %v): in batches of one package:\n%s\nall at once:\n%s", name, tests, one, whole)
			}
		}
	}
}
