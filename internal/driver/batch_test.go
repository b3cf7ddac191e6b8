package driver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/report"
)

// TestBatches: analysing the packages one at a time as they are loaded,
// dropping each one's syntax and type information as soon as
// nothing needs them, and releasing its types and facts once the stream
// has passed its last importer (release.go; a released package asked
// for again panics here), changes nothing that Run returns. The trees are faasvet check's test scripts with
// several packages: ignore directives used and unused (whose packages
// keep their syntax), whole-program findings, a package that does not
// type-check and one that imports it; starters and closure wrappers in
// another package (whose facts later packages read), a payload type reported at its declaration with its fix, and
// triggers whose fields the link stage reads from the handler's body.
func TestBatches(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	t.Setenv("GOPROXY", "off")
	defer func(d, r bool) { dropSyntax, releaseTypes = d, r }(dropSyntax, releaseTypes)
	scripts := []string{"unused_ignore", "check", "robust_typecheck", "infra_sam", "layout_starters", "layout_closures", "infra_crosspkg", "check_starts", "infra_interfaces", "fix_crosspkg", "trigger_sam", "trigger_batch", "graph_wire", "robust_partial_chain"}
	for _, name := range scripts {
		dir := writeScriptTree(t, name) // the stubs at _stubs, where the scripts replace the SDKs with them
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			t.Setenv("GOFLAGS", "") // -mod=mod is refused in workspace mode
		} else {
			t.Setenv("GOFLAGS", "-mod=mod")
		}
		for _, tests := range []bool{false, true} {
			run := func(drop, release bool) []byte {
				dropSyntax, releaseTypes = drop, release
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
			whole := run(false, false)
			if one := run(true, false); !bytes.Equal(whole, one) {
				t.Errorf("%s (tests %v): dropping syntax:\n%s\nkeeping it all:\n%s", name, tests, one, whole)
			}
			released := 0
			onRelease = func(*packages.Package) { released++ }
			one := run(true, true)
			onRelease = nil
			if released == 0 {
				t.Errorf("%s (tests %v): no package released", name, tests)
			}
			if !bytes.Equal(whole, one) {
				t.Errorf("%s (tests %v): dropping syntax and releasing types:\n%s\nkeeping it all:\n%s", name, tests, one, whole)
			}
		}
	}
}

// TestReleaseGuard: a package whose types are released before its last
// importer is loaded or analysed is caught, not loaded again.
func TestReleaseGuard(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	t.Setenv("GOPROXY", "off")
	defer func(e bool) { releaseEarly = e }(releaseEarly)
	releaseEarly = true
	dir := writeScriptTree(t, "layout_starters")
	if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
		t.Setenv("GOFLAGS", "")
	} else {
		t.Setenv("GOFLAGS", "-mod=mod")
	}
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "after its types were released") {
			t.Errorf("released too early: got %v, want the guard's panic", r)
		}
	}()
	_, err := Run(Options{Dir: dir})
	t.Errorf("Run returned (%v) without the guard's panic", err)
}

// TestLastImporters: each package's last transitive importer in the
// order, its own place when none comes after it.
func TestLastImporters(t *testing.T) {
	pkg := func(path string, imps ...*packages.Package) *packages.Package {
		p := &packages.Package{ID: path, PkgPath: path, Imports: map[string]*packages.Package{}}
		for _, imp := range imps {
			p.Imports[imp.PkgPath] = imp
		}
		return p
	}
	c := pkg("c")
	b := pkg("b", c)
	a := pkg("a", b)
	d := pkg("d")
	e := pkg("e", d)
	ord := order([]*packages.Package{a, e})
	got := map[string]int{}
	for p, i := range lastImporters(ord) {
		got[p.PkgPath] = i
	}
	want := map[string]int{"c": 2, "b": 2, "a": 2, "d": 4, "e": 4}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("lastImporters = %v, want %v", got, want)
	}
}
