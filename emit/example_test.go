package emit

import (
	"bytes"
	"github.com/faasvet/faasvet/emit/svg"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faasvet/faasvet/internal/driver"
	"github.com/faasvet/faasvet/manifest"
)

// exampleDir is the example app, whose SAM template and state machines
// are committed under emitted/ as generated output.
const exampleDir = "../examples/orders"

// exampleCommand is how examples/orders/emitted is made, from the
// repository root; --force because the example is seeded with
// error-level findings.
const exampleCommand = "faasvet -C examples/orders emit --target sam --force --out emitted"

// TestExampleUpToDate emits the example's SAM template and state
// machines as the command above does, in a copy of the example without
// emitted/ (whose files would otherwise be read as manifests), and
// compares them with the committed files; go test -update rewrites them.
func TestExampleUpToDate(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(exampleDir)); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Join(dir, "emitted")); err != nil {
		t.Fatal(err)
	}
	res, err := driver.Run(driver.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.LoadErrors) > 0 {
		t.Fatalf("the example does not load: %v", res.LoadErrors)
	}
	model, _ := manifest.Discover(dir, manifest.Options{})
	r, err := Emit(Input{Graph: res.Graph, Findings: res.Findings, Manifests: model, Root: dir},
		Options{Target: SAM, Out: filepath.Join(dir, "emitted"), Command: exampleCommand})
	if err != nil {
		t.Fatal(err)
	}
	committed := filepath.Join(exampleDir, "emitted")
	if *update {
		_ = os.RemoveAll(committed)
		if err := Write(committed, r.Files, false); err != nil {
			t.Fatal(err)
		}
		return
	}
	var want []string
	_ = filepath.WalkDir(committed, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(committed, p)
			want = append(want, filepath.ToSlash(rel))
		}
		return nil
	})
	if len(want) != len(r.Files) {
		t.Errorf("examples/orders/emitted has %v, the emitter makes %d files; regenerate with %s (or go test ./emit -run ExampleUpToDate -update)", want, len(r.Files), exampleCommand)
	}
	for _, f := range r.Files {
		got, err := os.ReadFile(filepath.Join(committed, filepath.FromSlash(f.Path)))
		if err != nil || !bytes.Equal(got, f.Data) {
			t.Errorf("examples/orders/emitted/%s is out of date; regenerate with %s (or go test ./emit -run ExampleUpToDate -update)", f.Path, exampleCommand)
		}
	}
}

// TestDocs: each excerpt of docs/emit.md marked <!-- emit: TARGET FILE -->
// is in what that target makes of the example, as the page's commands
// run it (--out emitted for sam and asl, printed for the others).
func TestDocs(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "docs", "emit.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(exampleDir)); err != nil {
		t.Fatal(err)
	}
	_ = os.RemoveAll(filepath.Join(dir, "emitted"))
	res, err := driver.Run(driver.Options{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	model, _ := manifest.Discover(dir, manifest.Options{})
	outputs := map[string][]byte{}
	for _, target := range Targets {
		opts := Options{Target: target, RenderSVG: svg.Render}
		if target == SAM || target == ASL {
			opts.Out = filepath.Join(dir, "emitted")
		}
		r, err := Emit(Input{Graph: res.Graph, Findings: res.Findings, Manifests: model, Root: dir}, opts)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Files {
			outputs[string(target)+" "+f.Path] = f.Data
		}
	}
	n := 0
	rest := string(page)
	for {
		_, after, ok := strings.Cut(rest, "<!-- emit: ")
		if !ok {
			break
		}
		key, after, _ := strings.Cut(after, " -->\n")
		_, after, _ = strings.Cut(after, "\n") // the ``` line
		block, after, _ := strings.Cut(after, "```\n")
		rest = after
		n++
		out, ok := outputs[key]
		if !ok {
			t.Errorf("docs/emit.md: no output %q", key)
			continue
		}
		if !strings.Contains(string(out), block) {
			t.Errorf("docs/emit.md: the excerpt of %s is not in the output any more; the output is:\n%s", key, out)
		}
	}
	if n < 8 {
		t.Errorf("docs/emit.md has %d excerpts, want one per target at least", n)
	}
}
