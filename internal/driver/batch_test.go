package driver

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/faasvet/faasvet/report"
)

// TestBatches: analysing the packages one at a time as they are loaded,
// and dropping each one's syntax and type information as soon as
// nothing needs them, changes nothing that Run returns. The trees are faasvet check's test scripts with
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
	defer func(d bool) { dropSyntax = d }(dropSyntax)
	scripts := []string{"unused_ignore", "check", "robust_typecheck", "infra_sam", "layout_starters", "layout_closures", "infra_crosspkg", "check_starts", "infra_interfaces", "fix_crosspkg", "trigger_sam", "trigger_batch", "graph_wire", "robust_partial_chain"}
	for _, name := range scripts {
		dir := writeScriptTree(t, name) // the stubs at _stubs, where the scripts replace the SDKs with them
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			t.Setenv("GOFLAGS", "") // -mod=mod is refused in workspace mode
		} else {
			t.Setenv("GOFLAGS", "-mod=mod")
		}
		for _, tests := range []bool{false, true} {
			run := func(drop bool) []byte {
				dropSyntax = drop
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
			whole, one := run(false), run(true)
			if !bytes.Equal(whole, one) {
				t.Errorf("%s (tests %v): dropping syntax:\n%s\nkeeping it all:\n%s", name, tests, one, whole)
			}
		}
	}
}
