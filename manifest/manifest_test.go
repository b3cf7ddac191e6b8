package manifest

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// TestGolden reads each fixture app and compares the model's text dump
// with testdata/golden/APP.txt; -update rewrites them.
func TestGolden(t *testing.T) {
	apps, err := os.ReadDir("testdata/apps")
	if err != nil {
		t.Fatal(err)
	}
	for _, app := range apps {
		t.Run(app.Name(), func(t *testing.T) {
			m, _ := Discover(filepath.Join("testdata/apps", app.Name()), Options{})
			var got bytes.Buffer
			if err := m.WriteText(&got); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata/golden", app.Name()+".txt")
			if *update {
				if err := os.WriteFile(golden, got.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if !bytes.Equal(got.Bytes(), want) {
				t.Errorf("model of %s differs from %s (run go test -update and review the diff):\n%s", app.Name(), golden, lineDiff(string(want), got.String()))
			}
			// Twice gives the same: nothing depends on map order.
			m2, _ := Discover(filepath.Join("testdata/apps", app.Name()), Options{})
			var again bytes.Buffer
			_ = m2.WriteText(&again)
			if !bytes.Equal(got.Bytes(), again.Bytes()) {
				t.Errorf("two runs differ")
			}
			var js bytes.Buffer
			if err := m.WriteJSON(&js); err != nil {
				t.Errorf("WriteJSON: %v", err)
			}
		})
	}
}

// lineDiff shows the lines only one side has.
func lineDiff(want, got string) string {
	in := func(s string) map[string]bool {
		m := map[string]bool{}
		for _, l := range strings.Split(s, "\n") {
			m[l] = true
		}
		return m
	}
	w, g := in(want), in(got)
	var b strings.Builder
	for _, l := range strings.Split(want, "\n") {
		if !g[l] {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range strings.Split(got, "\n") {
		if !w[l] {
			b.WriteString("+ " + l + "\n")
		}
	}
	return b.String()
}

// write makes a tree of files under a temporary root.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func errorTexts(errs []Error) string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Error())
	}
	return strings.Join(s, "\n")
}
