package driver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
	"golang.org/x/tools/txtar"

	"github.com/faasvet/faasvet/internal/cache"
	"github.com/faasvet/faasvet/report"
)

// Under Bazel, go/packages asks rules_go's gopackagesdriver (the
// GOPACKAGESDRIVER protocol) instead of the go command: it answers with
// packages whose IDs are Bazel labels, without modules, their export
// data built by Bazel (docs/bazel.md). There is no Bazel here, so
// TestPackagesDriver stands in for that driver with the test binary
// itself (fakeDriver), answering as rules_go's does from the go
// command's listing, and holds faasvet's outcome and graph to a run
// without the driver.

// fakeDriverEnv makes the test binary act as the driver.
const fakeDriverEnv = "FAASVET_TEST_PACKAGES_DRIVER"

func TestMain(m *testing.M) {
	if os.Getenv(fakeDriverEnv) == "1" {
		if err := fakeDriver(os.Args[1:]); err != nil {
			fmt.Fprintln(os.Stderr, "fake packages driver:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// fakeDriver answers a go/packages driver request for patterns as
// rules_go's gopackagesdriver does: labels for IDs ("@@//dir:name" for
// the workspace's packages, an external repository's label for the
// others), no Module, the files and export data of the go command's
// listing.
func fakeDriver(patterns []string) error {
	var req struct {
		Tests bool `json:"tests"`
	}
	if err := json.NewDecoder(os.Stdin).Decode(&req); err != nil {
		return err
	}
	if req.Tests {
		return fmt.Errorf("tests are not emulated")
	}
	if err := os.Setenv("GOPACKAGESDRIVER", "off"); err != nil {
		return err
	}
	roots, err := packages.Load(&packages.Config{Mode: metaMode}, patterns...)
	if err != nil {
		return err
	}
	type flatPackage struct {
		ID, Name, PkgPath                    string
		Errors                               []packages.Error  `json:",omitempty"`
		GoFiles, CompiledGoFiles, OtherFiles []string          `json:",omitempty"`
		ExportFile                           string            `json:",omitempty"`
		Imports                              map[string]string `json:",omitempty"`
	}
	var resp struct {
		Compiler, Arch string
		Roots          []string
		Packages       []*flatPackage
	}
	resp.Compiler, resp.Arch = "gc", os.Getenv("GOARCH")
	if resp.Arch == "" {
		resp.Arch = "amd64"
	}
	label := func(p *packages.Package) string {
		if p.Module == nil || !p.Module.Main {
			return "@ext//" + p.PkgPath + ":go_default_library"
		}
		rel, err := filepath.Rel(p.Module.Dir, p.Dir)
		if err != nil {
			rel = p.PkgPath
		}
		return "@@//" + filepath.ToSlash(rel) + ":" + filepath.Base(p.Dir)
	}
	seen := map[*packages.Package]bool{}
	var add func(p *packages.Package)
	add = func(p *packages.Package) {
		if seen[p] {
			return
		}
		seen[p] = true
		fp := &flatPackage{ID: label(p), Name: p.Name, PkgPath: p.PkgPath, Errors: p.Errors,
			GoFiles: p.GoFiles, CompiledGoFiles: p.CompiledGoFiles, OtherFiles: p.OtherFiles,
			ExportFile: p.ExportFile, Imports: map[string]string{}}
		for path, imp := range p.Imports {
			fp.Imports[path] = label(imp)
			add(imp)
		}
		resp.Packages = append(resp.Packages, fp)
	}
	for _, p := range roots {
		resp.Roots = append(resp.Roots, label(p))
		add(p)
	}
	return json.NewEncoder(os.Stdout).Encode(resp)
}

// TestPackagesDriver: faasvet check through a go/packages driver that
// answers as rules_go's does reports what it reports through the go
// command, with the same graph, with the cache off, cold and warm; but
// for what needs the package's module, which a driver without modules
// does not give (docs/bazel.md):
//   - the fixes that need the package's Go version: Go 1.24's omitzero,
//     which faasvet offers only when it knows the package is built with
//     Go 1.24 or later (wire's omitzeroKnown);
//   - telling a dependency's types from the user's (wire's foreign): the
//     wire checks of a declaration are reported at the uses of an SDK's
//     event types too (trigger_sam's tree).
func TestPackagesDriver(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	reuse := t.TempDir()
	writeTree(t, reuse, txtar.Parse([]byte(reuseTree)))
	trees := map[string]string{"reuse": reuse}
	for _, name := range []string{"fix", "check", "graph_wire", "infra_outbox", "infra_open_dispatch"} {
		trees[name] = writeScriptTree(t, name)
	}
	// run gives the outcome without fixes and with the graph, and the
	// fixes apart.
	run := func(name, dir string, c *cache.Cache) (outcome []byte, fixes []string) {
		t.Helper()
		res, err := Run(Options{Dir: dir, Graph: true, Cache: c})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(res.Findings) == 0 || res.Packages == 0 {
			t.Fatalf("%s: %d findings in %d packages: the tree is not worth the test", name, len(res.Findings), res.Packages)
		}
		var b bytes.Buffer
		if err := json.NewEncoder(&b).Encode([]any{res.LoadErrors, res.Packages}); err != nil {
			t.Fatal(err)
		}
		findings := slices.Clone(res.Findings)
		for i, f := range findings {
			if f.Fix != nil {
				fixes = append(fixes, fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Fix.Message))
			}
			findings[i].Fix = nil
		}
		if err := report.WriteJSON(&b, findings); err != nil {
			t.Fatal(err)
		}
		if err := report.WriteGraphJSON(&b, res.Graph, res.Findings); err != nil {
			t.Fatal(err)
		}
		return b.Bytes(), fixes
	}
	versioned := 0
	for _, name := range slices.Sorted(mapsKeys(trees)) {
		dir := trees[name]
		t.Setenv("GOPACKAGESDRIVER", "off")
		want, wantFixes := run(name, dir, nil)
		t.Setenv("GOPACKAGESDRIVER", exe)
		t.Setenv(fakeDriverEnv, "1")
		c, err := cache.OpenDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		for _, mode := range []struct {
			what string
			c    *cache.Cache
		}{{"no cache", nil}, {"cache cold", c}, {"cache warm", c}} {
			got, fixes := run(name, dir, mode.c)
			if !bytes.Equal(got, want) {
				t.Errorf("%s, through the driver, %s:\n%s\nthrough the go command:\n%s", name, mode.what, got, want)
			}
			for _, fix := range wantFixes {
				switch {
				case slices.Contains(fixes, fix):
				case strings.Contains(fix, "omitzero"):
					versioned++
				default:
					t.Errorf("%s, through the driver, %s: fix %q missing", name, mode.what, fix)
				}
			}
			if len(fixes) > len(wantFixes) {
				t.Errorf("%s, through the driver, %s: fixes %q, through the go command %q", name, mode.what, fixes, wantFixes)
			}
		}
		t.Setenv(fakeDriverEnv, "")
	}
	if versioned == 0 {
		t.Error("no omitzero fix left out: the trees no longer show the difference this test documents")
	}

	// An SDK's event types: through the driver, every finding of the go
	// command's run and more, about the SDK's declarations.
	dir := writeScriptTree(t, "trigger_sam")
	findings := func() map[string]bool {
		res, err := Run(Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, f := range res.Findings {
			out[fmt.Sprintf("%s:%d: %s (%s)", f.File, f.Line, f.Message, f.Check)] = true
		}
		return out
	}
	t.Setenv("GOPACKAGESDRIVER", "off")
	want := findings()
	t.Setenv("GOPACKAGESDRIVER", exe)
	t.Setenv(fakeDriverEnv, "1")
	got := findings()
	extra := 0
	for f := range got {
		if !want[f] {
			extra++
		}
	}
	for f := range want {
		if !got[f] {
			t.Errorf("trigger_sam, through the driver: %s missing", f)
		}
	}
	if extra == 0 {
		t.Error("trigger_sam, through the driver: no finding about the SDK's types: the difference docs/bazel.md describes is gone")
	}
}
