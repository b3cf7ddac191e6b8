package driver

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestReadSummaries: link reads the summaries of this faasvet only, and
// leaves the test variants and test-only packages out unless asked; a
// file of another format or faasvet is an error that names it, never a
// package silently dropped.
func TestReadSummaries(t *testing.T) {
	version, ok := faasvetVersion()
	if !ok {
		t.Skip("no version in a test binary")
	}
	write := func(dir, name string, f SummaryFile) {
		t.Helper()
		data, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	sum := func(id, path string, files ...string) SummaryFile {
		return SummaryFile{Version: summaryVersion, Faasvet: version, ID: id, PkgPath: path, GoFiles: files}
	}
	write(dir, "a.json", sum("example.com/app/b", "example.com/app/b", "/src/b/b.go", "/src/b/b_test.go"))
	write(dir, "b.json", sum("example.com/app/a", "example.com/app/a", "/src/a/a.go"))
	write(dir, "c.json", sum("example.com/app/a [example.com/app/a.test]", "example.com/app/a", "/src/a/a.go", "/src/a/a_test.go"))
	write(dir, "d.json", sum("example.com/app/tests", "example.com/app/tests", "/src/tests/x_test.go"))
	if err := os.MkdirAll(filepath.Join(dir, "export"), 0o755); err != nil {
		t.Fatal(err)
	}
	ids := func(tests bool) []string {
		t.Helper()
		fs, err := readSummaries(dir, tests)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, f := range fs {
			out = append(out, f.ID)
		}
		return out
	}
	if got, want := ids(false), []string{"example.com/app/a", "example.com/app/b"}; !slices.Equal(got, want) {
		t.Errorf("without tests: %q, want %q", got, want)
	}
	if got, want := ids(true), []string{"example.com/app/a", "example.com/app/b", "example.com/app/tests"}; !slices.Equal(got, want) {
		t.Errorf("with tests: %q, want %q (one summary per package path)", got, want)
	}

	other := sum("example.com/app/c", "example.com/app/c", "/src/c/c.go")
	other.Faasvet = "another"
	write(dir, "e.json", other)
	if _, err := readSummaries(dir, false); err == nil || !strings.Contains(err.Error(), "e.json: written by another faasvet") {
		t.Errorf("a summary of another faasvet: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "e.json"), []byte(`{"Version": "faasvet-summary-0"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := readSummaries(dir, false); err == nil || !strings.Contains(err.Error(), "e.json: not a summary file") {
		t.Errorf("a summary of another format: %v", err)
	}
}

// TestKeepExport: export data in go vet's temporary work directory is
// copied beside the summaries, once, under a name relative to them;
// export data in the build cache is named where it is.
func TestKeepExport(t *testing.T) {
	work := filepath.Join(t.TempDir(), "go-build123", "b001")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	built := filepath.Join(work, "_pkg_.a")
	if err := os.WriteFile(built, []byte("export data"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	rel, err := keepExport(dir, built)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.IsAbs(rel) || !strings.HasPrefix(rel, "export"+string(filepath.Separator)) {
		t.Fatalf("kept as %s, want a name under export/", rel)
	}
	if data, err := os.ReadFile(filepath.Join(dir, rel)); err != nil || string(data) != "export data" {
		t.Fatalf("the copy: %q, %v", data, err)
	}
	if again, err := keepExport(dir, built); err != nil || again != rel {
		t.Errorf("kept again as %s (%v), want %s", again, err, rel)
	}
	cached := filepath.Join(t.TempDir(), "ab", "ab12-d")
	if got, err := keepExport(dir, cached); err != nil || got != cached {
		t.Errorf("a build cache file kept as %s (%v), want itself", got, err)
	}
}
