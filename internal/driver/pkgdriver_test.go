package driver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
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
	// Each package after its imports, as go/packages visits them.
	packages.Visit(roots, nil, func(p *packages.Package) {
		fp := &flatPackage{ID: label(p), Name: p.Name, PkgPath: p.PkgPath, Errors: p.Errors,
			GoFiles: p.GoFiles, CompiledGoFiles: p.CompiledGoFiles, OtherFiles: p.OtherFiles,
			ExportFile: p.ExportFile, Imports: map[string]string{}}
		for path, imp := range p.Imports {
			fp.Imports[path] = label(imp)
		}
		resp.Packages = append(resp.Packages, fp)
	})
	for _, p := range roots {
		resp.Roots = append(resp.Roots, label(p))
	}
	return json.NewEncoder(os.Stdout).Encode(resp)
}

// TestPackagesDriver: faasvet check through a go/packages driver that
// answers as rules_go's does, without modules, reports what it reports
// through the go command, fixes included, with the same graph, with the
// cache off, cold and warm: the packages are given the modules their
// go.mod files declare (nomodule.go), which the fixes that need Go 1.24
// (omitzero) and the wire checks that leave an SDK's types alone (fix's
// and trigger_sam's trees) need, and the reading from source of the
// user's own module beside the app, which the app replaces by its
// directory (deps_local_json's).
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
	for _, name := range []string{"fix", "check", "graph_wire", "infra_outbox", "infra_open_dispatch", "trigger_sam", "infra_openfaas_modules", "deps_local_json", "deps_module"} {
		trees[name] = writeScriptTree(t, name)
	}
	run := func(name, dir string, c *cache.Cache) []byte {
		t.Helper()
		res, err := Run(Options{Dir: dir, Graph: true, Cache: c})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(res.Findings) == 0 || res.Packages == 0 {
			t.Fatalf("%s: %d findings in %d packages: the tree is not worth the test", name, len(res.Findings), res.Packages)
		}
		var b bytes.Buffer
		b.Write(outcome(t, res))
		if err := report.WriteGraphJSON(&b, res.Graph, res.Findings); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	for _, name := range slices.Sorted(mapsKeys(trees)) {
		dir := trees[name]
		t.Setenv("GOPACKAGESDRIVER", "off")
		want := run(name, dir, nil)
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
			if got := run(name, dir, mode.c); !bytes.Equal(got, want) {
				t.Errorf("%s, through the driver, %s:\n%s\nthrough the go command:\n%s", name, mode.what, got, want)
			}
		}
		t.Setenv(fakeDriverEnv, "")
	}
}

// TestExternalDriver: a driver is asked as go/packages asks one.
func TestExternalDriver(t *testing.T) {
	bin := t.TempDir()
	t.Setenv("PATH", bin)
	t.Setenv("GOPACKAGESDRIVER", "")
	for _, c := range []struct {
		env  []string
		want bool
	}{
		{nil, false},
		{[]string{"GOPACKAGESDRIVER=/bin/driver"}, true},
		{[]string{"GOPACKAGESDRIVER=/bin/driver", "GOPACKAGESDRIVER=off"}, false},
	} {
		if got := externalDriver(c.env); got != c.want {
			t.Errorf("externalDriver(%q) = %v, want %v", c.env, got, c.want)
		}
	}
	if err := os.WriteFile(filepath.Join(bin, "gopackagesdriver"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if !externalDriver(nil) {
		t.Error("a gopackagesdriver on PATH is not asked")
	}
	if externalDriver([]string{"GOPACKAGESDRIVER=off"}) {
		t.Error("GOPACKAGESDRIVER=off does not turn it off")
	}
}
