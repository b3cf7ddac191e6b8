package driver

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestParseUnreachable reads module versions out of the go command's own
// messages (as go list and go/packages give them), and leaves alone
// those that a stand-in must not paper over.
func TestParseUnreachable(t *testing.T) {
	for _, c := range []struct {
		name, msg string
		want      []unreachable
	}{
		{"proxy refuses, in a package's error (sample-lambda-go)",
			"go.opentelemetry.io/contrib/instrumentation/go.mongodb.org/mongo-driver/v2/mongo/otelmongo@v0.0.0-20260504230922-1883a0cf1736: reading https://proxy.golang.org/go.opentelemetry.io/contrib/instrumentation/go.mongodb.org/mongo-driver/v2/mongo/otelmongo/@v/v0.0.0-20260504230922-1883a0cf1736.mod: 403 Forbidden\n\tserver response: This module version is not available.",
			[]unreachable{{"go.opentelemetry.io/contrib/instrumentation/go.mongodb.org/mongo-driver/v2/mongo/otelmongo", "v0.0.0-20260504230922-1883a0cf1736",
				"reading https://proxy.golang.org/go.opentelemetry.io/contrib/instrumentation/go.mongodb.org/mongo-driver/v2/mongo/otelmongo/@v/v0.0.0-20260504230922-1883a0cf1736.mod: 403 Forbidden server response: This module version is not available."}}},
		{"go list failed as a whole, as go/packages wraps it",
			"err: exit status 1: stderr: go: example.com/gone@v1.0.0: module lookup disabled by GOPROXY=off\n",
			[]unreachable{{"example.com/gone", "v1.0.0", "module lookup disabled by GOPROXY=off"}}},
		{"a chain of requirements: the last one failed",
			"go: example.com/a@v1.0.0 requires\n\texample.com/gone@v1.0.0: reading file:///tmp/proxy/example.com/gone/@v/v1.0.0.mod: no such file or directory",
			[]unreachable{{"example.com/gone", "v1.0.0", "reading file:///tmp/proxy/example.com/gone/@v/v1.0.0.mod: no such file or directory"}}},
		{"gone from the proxy, the server's words naming the version again",
			"inet.af/netaddr@v0.0.0-20220811202034-502d2d690317: reading https://proxy.golang.org/inet.af/netaddr/@v/v0.0.0-20220811202034-502d2d690317.mod: 410 Gone\n\tserver response: not found: inet.af/netaddr@v0.0.0-20220811202034-502d2d690317: invalid version: unknown revision 502d2d690317",
			[]unreachable{{"inet.af/netaddr", "v0.0.0-20220811202034-502d2d690317",
				"reading https://proxy.golang.org/inet.af/netaddr/@v/v0.0.0-20220811202034-502d2d690317.mod: 410 Gone server response: not found: inet.af/netaddr@v0.0.0-20220811202034-502d2d690317: invalid version: unknown revision 502d2d690317"}}},
		{"a revision that is gone",
			"go: github.com/corp/lib@v0.3.1: invalid version: unknown revision v0.3.1",
			[]unreachable{{"github.com/corp/lib", "v0.3.1", "invalid version: unknown revision v0.3.1"}}},
		{"a private module out of reach, then the go command's advice",
			"go: github.com/corp/private@v1.0.0: reading github.com/corp/private/go.mod at revision v1.0.0: git ls-remote -q origin in /root/go/pkg/mod/cache/vcs/0a1b: exit status 128:\n\tfatal: could not read Username for 'https://github.com': terminal prompts disabled\nConfirm the import path was typed correctly.\nIf this is a private repository, see https://golang.org/doc/faq#git_https for additional information.",
			[]unreachable{{"github.com/corp/private", "v1.0.0",
				"reading github.com/corp/private/go.mod at revision v1.0.0: git ls-remote -q origin in /root/go/pkg/mod/cache/vcs/0a1b: exit status 128: fatal: could not read Username for 'https://github.com': terminal prompts disabled"}}},
		{"two at once, in order",
			"go: example.com/b@v1.2.0: module lookup disabled by GOPROXY=off\ngo: example.com/a@v1.0.0: module lookup disabled by GOPROXY=off",
			[]unreachable{{"example.com/b", "v1.2.0", "module lookup disabled by GOPROXY=off"}, {"example.com/a", "v1.0.0", "module lookup disabled by GOPROXY=off"}}},
		{"go.sum lacks it: nothing was fetched",
			"go: example.com/gone@v1.0.0: missing go.sum entry for go.mod file; to add it:\n\tgo mod download example.com/gone", nil},
		{"a checksum mismatch",
			"example.com/x@v1.0.0: verifying go.mod: checksum mismatch\n\tdownloaded: h1:abc=\n\tgo.sum:     h1:def=\n\nSECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.", nil},
		{"no module version named", "module lookup disabled by GOPROXY=off", nil},
		{"a package no module provides", "no required module provides package example.com/x/y; to add it:\n\tgo get example.com/x/y", nil},
		{"a query, not a version", "go: example.com/x@latest: module lookup disabled by GOPROXY=off", nil},
		{"the type checker's words", `could not import example.com/gone/x (example.com/gone@v1.0.0: module lookup disabled by GOPROXY=off)`, nil},
	} {
		if got := parseUnreachable(c.msg); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

// TestStubber: a go 1.16 module (the go command reads every go.mod of
// its graph) that requires a module version it cannot fetch loads again
// with a stand-in; the package that imports the module keeps the go
// command's first words; the user's files are not written and the
// stand-ins are removed. In vendor mode nothing is tried.
func TestStubber(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the go command")
	}
	tmp := t.TempDir()
	dir := t.TempDir()
	gomod := "module example.com/shop\n\ngo 1.16\n\nrequire (\n\texample.com/dep v1.0.0\n\texample.com/gone v1.0.0 // indirect\n\texample.com/gone2 v1.1.0 // indirect\n)\n\nreplace example.com/dep => ./_dep\n"
	writeFiles(t, dir, map[string]string{
		"go.mod":      gomod,
		"_dep/go.mod": "module example.com/dep\n\ngo 1.16\n",
		"_dep/dep.go": "package dep\n\nconst X = 1\n",
		"a/a.go":      "package a\n\nimport \"example.com/dep\"\n\nconst Y = dep.X\n",
		"b/b.go":      "package b\n\nimport \"example.com/gone/x\"\n\nvar _ = x.Y\n",
	})
	env := append(os.Environ(), "GOPROXY=off", "GOFLAGS=-mod=mod", "GOWORK=off", "TMPDIR="+tmp, "GOTOOLCHAIN=local")
	load := func() (*packages.Config, []*packages.Package, error) {
		c := &packages.Config{Mode: LoadMode, Dir: dir, Env: env}
		ps, err := packages.Load(c, "./...")
		return c, ps, err
	}
	c, ps, err := load()
	if err == nil || !strings.Contains(err.Error(), "example.com/gone@v1.0.0") {
		t.Fatalf("first load: %v, want the go command's failure", err)
	}
	s := &stubber{}
	ps, err = s.retry(c, []string{"./..."}, ps, err)
	if err != nil {
		t.Fatalf("retry: %v", err)
	}
	byPath := map[string]*packages.Package{}
	packages.Visit(ps, nil, func(p *packages.Package) { byPath[p.PkgPath] = p })
	if a := byPath["example.com/shop/a"]; a == nil || len(a.Errors) > 0 || a.Types == nil || a.Types.Scope().Lookup("Y") == nil {
		t.Errorf("a: %+v, want it loaded with its types", a)
	}
	// The go command stops at the first module it cannot fetch: the
	// second comes out in the first retry, and goes in the second.
	want := []string{"example.com/gone2@v1.1.0: the go command could not fetch this module version (module lookup disabled by GOPROXY=off); " +
		"faasvet resolved the module graph without it, with an empty module in its place: only the packages that import it are analysed in part",
		"example.com/gone@v1.0.0: the go command could not fetch this module version (module lookup disabled by GOPROXY=off); " +
			"faasvet resolved the module graph without it, with an empty module in its place: only the packages that import it are analysed in part"}
	if s.n != 2 {
		t.Errorf("%d retries, want 2", s.n)
	}
	if got := s.done(ps); !reflect.DeepEqual(got, want) {
		t.Errorf("notes:\n got %q\nwant %q", got, want)
	}
	x := byPath["example.com/gone/x"]
	if x == nil || len(x.Errors) == 0 || x.Errors[0].Msg != "example.com/gone@v1.0.0: module lookup disabled by GOPROXY=off" {
		t.Errorf("example.com/gone/x: %+v, want the go command's first words", x)
	}
	if !slices.ContainsFunc(c.BuildFlags, func(f string) bool { return strings.HasPrefix(f, "-modfile=") }) {
		t.Errorf("build flags %q: the retry's -modfile is for the next steps of the load", c.BuildFlags)
	}
	s.cleanup()
	if left, _ := os.ReadDir(tmp); len(left) > 0 {
		t.Errorf("left in TMPDIR: %v", left)
	}
	if data, _ := os.ReadFile(filepath.Join(dir, "go.mod")); string(data) != gomod {
		t.Errorf("go.mod written:\n%s", data)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.sum")); err == nil {
		t.Error("go.sum written")
	}

	// Vendor mode: the go command fetches nothing, and nothing is tried;
	// -mod=mod overrides a vendor directory.
	if _, ok := workspaceOf(&packages.Config{Dir: dir, Env: append(env, "GOFLAGS=-mod=vendor")}); ok {
		t.Error("-mod=vendor: a retry would be tried")
	}
	writeFiles(t, dir, map[string]string{"vendor/modules.txt": ""})
	if _, ok := workspaceOf(&packages.Config{Dir: dir, Env: append(env, "GOFLAGS=")}); ok {
		t.Error("vendor/modules.txt: a retry would be tried")
	}
	if ws, ok := workspaceOf(&packages.Config{Dir: dir, Env: env}); !ok || ws.gomod != filepath.Join(dir, "go.mod") {
		t.Errorf("vendor/modules.txt with -mod=mod: %+v, %v; want the module's go.mod", ws, ok)
	}
}
