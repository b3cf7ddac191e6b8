package synth

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenerate(t *testing.T) {
	for _, tc := range []struct {
		n, k, seeds int
		helpers     bool
	}{
		{10, 0, 4, false},  // one of each kind
		{37, 2, 8, false},  // a short last pipeline
		{6, 1, 4, false},   // seeds only
		{12, -1, 0, false}, // no seeds
		{10, 0, 4, true},
		{37, 2, 8, true},
		{12, -1, 0, true},
	} {
		dir := t.TempDir()
		plan, err := Generate(dir, Config{N: tc.n, K: tc.k, Helpers: tc.helpers})
		if err != nil {
			t.Fatalf("N=%d: %v", tc.n, err)
		}
		if len(plan.Seeds) != tc.seeds {
			t.Errorf("N=%d K=%d: %d seeds, want %d", tc.n, tc.k, len(plan.Seeds), tc.seeds)
		}
		// Every Go file parses, and there is one main package per function.
		mains := 0
		fset := token.NewFileSet()
		err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !strings.HasSuffix(path, ".go") {
				return err
			}
			f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
			if err != nil {
				return err
			}
			if f.Name.Name == "main" {
				mains++
			}
			// With helpers, no handler calls an SDK client itself.
			if data, err := os.ReadFile(path); tc.helpers && f.Name.Name == "main" && (err != nil || strings.Contains(string(data), "&awslambda.InvokeInput") || strings.Contains(string(data), "&sqs.SendMessageInput")) {
				t.Errorf("N=%d helpers: %s makes an SDK call (%v)", tc.n, path, err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if mains != tc.n {
			t.Errorf("N=%d: %d main packages", tc.n, mains)
		}
		// Each seed's line holds what it points at.
		for _, s := range plan.Seeds {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(s.File)))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(data), "\n")
			if s.Line < 1 || s.Line > len(lines) {
				t.Fatalf("%s:%d: no such line", s.File, s.Line)
			}
			want := "//faas:route"
			switch {
			case s.Check == "handler-signature":
				want = "lambda.Start("
			case tc.helpers && s.Check != "unknown-target":
				want = "a.next.Invoke(ctx, out)"
			}
			if !strings.Contains(lines[s.Line-1], want) {
				t.Errorf("%s:%d (%s): line is %q", s.File, s.Line, s.Check, lines[s.Line-1])
			}
		}
		// FunctionFile names a main package's file, and nothing past the
		// pipelines' functions.
		if tc.n == 6 {
			if f := plan.FunctionFile(0); f != "" {
				t.Errorf("N=6, seeds only: FunctionFile(0) = %q", f)
			}
		} else {
			for _, fn := range []int{0, tc.n - seededPerK*plan.K - 1} {
				f := plan.FunctionFile(fn)
				file, err := parser.ParseFile(fset, filepath.Join(dir, filepath.FromSlash(f)), nil, parser.PackageClauseOnly)
				if err != nil || file.Name.Name != "main" {
					t.Errorf("N=%d: FunctionFile(%d) = %q: %v", tc.n, fn, f, err)
				}
			}
			if f := plan.FunctionFile(tc.n - seededPerK*plan.K); f != "" {
				t.Errorf("N=%d: FunctionFile past the pipelines = %q", tc.n, f)
			}
		}
		got, err := ReadPlan(dir)
		if err != nil || len(got.Seeds) != len(plan.Seeds) || got.N != tc.n || got.Helpers != tc.helpers {
			t.Errorf("ReadPlan: %+v, %v", got, err)
		}
		for _, f := range []string{"go.mod", "template.yaml"} {
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Error(err)
			}
		}
	}
}

// TestDeterministic: the same config gives the same bytes, so that a
// regenerated tree keeps its build cache entries.
func TestDeterministic(t *testing.T) {
	for _, helpers := range []bool{false, true} {
		a, b := t.TempDir(), t.TempDir()
		for _, d := range []string{a, b} {
			if _, err := Generate(d, Config{N: 25, Helpers: helpers}); err != nil {
				t.Fatal(err)
			}
		}
		err := filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(a, path)
			x, _ := os.ReadFile(path)
			y, err := os.ReadFile(filepath.Join(b, rel))
			if err != nil || string(x) != string(y) {
				t.Errorf("helpers=%v: %s differs", helpers, rel)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	if _, err := Generate(t.TempDir(), Config{N: 5, K: 1}); err == nil {
		t.Error("5 functions with 6 seeded: no error")
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Generate(dir, Config{N: 10}); err == nil {
		t.Error("non-empty directory: no error")
	}
}
