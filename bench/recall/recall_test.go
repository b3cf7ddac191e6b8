package main

import (
	"bytes"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/faasvet/faasvet/report"

	"github.com/faasvet/faasvet/internal/treecopy"
)

// TestGroundTruthParses keeps every committed ground-truth file valid:
// a file that does not parse would make the corpus run fail, and one
// that names a route's end outside its functions would score nothing.
func TestGroundTruthParses(t *testing.T) {
	apps, err := loadApps("apps", nil)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, a := range apps {
		key := a.Repo + "@" + a.Root
		if seen[key] {
			t.Errorf("%s: %s listed twice", a.file, key)
		}
		seen[key] = true
	}
}

func TestValidateRejects(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"commit", "name: x\nrepo: a/b\ncommit: abc\nfunctions: [{dir: f}]\n", "commit"},
		{"name", "name: y\nrepo: a/b\ncommit: " + strings.Repeat("a", 40) + "\nfunctions: [{dir: f}]\n", "file name"},
		{"route end", "name: x\nrepo: a/b\ncommit: " + strings.Repeat("a", 40) + "\nfunctions: [{dir: f}]\nroutes: [{from: f, to: g, via: sqs:q}]\n", "not a function dir"},
		{"reason", "name: x\nrepo: a/b\ncommit: " + strings.Repeat("a", 40) + "\nfunctions: [{dir: f}, {dir: g}]\nroutes: [{from: f, to: g, via: sqs:q, recoverable: false}]\n", "gives no reason"},
		{"unknown key", "name: x\nrepo: a/b\ncommit: " + strings.Repeat("a", 40) + "\nfunctions: [{dir: f, handler: h}]\n", "handler"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "x.yaml")
			if err := os.WriteFile(f, []byte(tc.yaml), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := loadApp(f)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("loadApp = %v, want an error about %q", err, tc.want)
			}
		})
	}
}

// TestMatch scores a small graph: a route drawn through a channel, one
// drawn directly, one that passes through a third function (not drawn:
// that is two routes), and functions matched by directory under a root.
func TestMatch(t *testing.T) {
	a := &app{
		Root:  "svc",
		Funcs: []fn{{Dir: "svc/a"}, {Dir: "svc/b"}, {Dir: "svc/c"}, {Dir: "svc/d"}},
		Routes: []route{
			{From: "svc/a", To: "svc/b", Via: "sqs:q"},
			{From: "svc/b", To: "svc/c", Via: "lambda-invoke:c"},
			{From: "svc/a", To: "svc/c", Via: "sqs:q"},
			{From: "svc/c", To: "svc/d", Via: "sns:t", Recoverable: new(bool), Reason: "bound at deploy time"},
		},
		Verdicts: []verdict{{Check: "wire-type", File: "svc/b/main.go", Message: "amount", Real: true, Why: "x"}},
	}
	g := &graphJSON{}
	for _, f := range []struct{ name, file string }{{"A", "a/main.go"}, {"B", "b/main.go"}, {"C", "c/h.go"}, {"M", "template.yaml"}} {
		g.Functions = append(g.Functions, report.GraphFunction{Name: f.name, Package: "p/" + f.name, File: f.file, Input: "T"})
	}
	g.Routes = []graphRoute{
		{From: "A", To: "q", Payload: "T", Via: "sqs"},
		{From: "q", To: "B", Payload: "T", Via: "sqs"},
		{From: "B", To: "C", Payload: "", Via: "direct"},
		{From: "C", To: "A", Payload: "T", Via: "direct"},
	}
	fs := []finding{
		{Check: "wire-type", Severity: "error", File: "b/main.go", Message: `field "amount"`},
		{Check: "wire-missing", Severity: "warning", File: "c/h.go", Message: "x"},
		{Check: "unresolved-route", Severity: "info", File: "c/h.go"},
	}
	s := match(a, g, fs)
	if s.FunctionsFound != 3 || s.Functions != 4 || len(s.MissedFunctions) != 1 || s.MissedFunctions[0] != "svc/d" {
		t.Errorf("functions: found %d of %d, missed %v; want 3 of 4, missed svc/d", s.FunctionsFound, s.Functions, s.MissedFunctions)
	}
	if s.Recoverable != 3 || s.RoutesFound != 2 || s.Typed != 1 {
		t.Errorf("routes: found %d of %d (typed %d), want 2 of 3 (typed 1)", s.RoutesFound, s.Recoverable, s.Typed)
	}
	if len(s.Missed) != 1 || s.Missed[0].To != "svc/c" || s.Missed[0].From != "svc/a" {
		t.Errorf("missed = %+v, want a -> c", s.Missed)
	}
	if got := strings.Join(s.Extra, ";"); got != "svc/c -> svc/a (direct)" {
		t.Errorf("extra = %q", got)
	}
	if s.TrueAlarms != 1 || s.Unj != 1 || s.FalseAlarms != 0 || s.Info != 1 {
		t.Errorf("findings: real %d false %d unjudged %d info %d, want 1 0 1 1", s.TrueAlarms, s.FalseAlarms, s.Unj, s.Info)
	}
}

// TestNoMirror: where the fetched repositories are absent (CI), the run
// is skipped with one line and succeeds.
func TestNoMirror(t *testing.T) {
	var stderr bytes.Buffer
	cfg := config{apps: "apps", run: regexp.MustCompile(""), mirror: filepath.Join(t.TempDir(), "none"), stderr: &stderr}
	if err := mainErr(cfg); err != nil {
		t.Fatal(err)
	}
	if got := stderr.String(); strings.Count(got, "\n") != 1 || !strings.Contains(got, "skipped") {
		t.Errorf("stderr = %q, want one line saying the run is skipped", got)
	}
}

// TestEndToEnd runs the runner on the bundled example app as if it had
// been extracted from a mirror: the real faasvet binary, the real SDKs,
// scoring, mutations on a scratch copy and the report. The example's
// files must come out unchanged.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds faasvet and loads the example app")
	}
	a, err := loadApp("testdata/apps/orders.yaml")
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	src := filepath.Join(work, a.Name+"-"+a.Commit[:12])
	if err := treecopy.Copy("../../examples/orders", src); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, doneMarker), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	before := treeDigest(t, src)
	bin := filepath.Join(work, "faasvet")
	if out, err := exec.Command("go", "build", "-o", bin, "../../cmd/faasvet").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	cfg := config{work: work, mirror: filepath.Join(work, "no-mirror"), faasvet: bin, goEnv: goEnv(), timeout: 5 * time.Minute, seed: 1, mutate: true, stderr: os.Stderr}
	r := runApp(cfg, a)
	if r.Skipped != "" || r.LoadError != "" {
		t.Fatalf("skipped %q, load error %q", r.Skipped, r.LoadError)
	}
	s := r.Score
	if s.FunctionsFound != 8 || s.Functions != 9 {
		t.Errorf("functions %d/%d, want 8/9", s.FunctionsFound, s.Functions)
	}
	if s.RoutesFound != 3 || s.Recoverable != 4 || s.Typed != 3 {
		t.Errorf("routes %d/%d typed %d, want 3/4 typed 3", s.RoutesFound, s.Recoverable, s.Typed)
	}
	if s.TrueAlarms < 1 {
		t.Errorf("the handler-signature verdict matched nothing")
	}
	// The example's handlers take their payload as a parameter, so every
	// mutation applies; each must be reported with its check.
	reported, applied := mutationTotals(r.Mutations)
	if applied != 3*len(mutKinds) {
		t.Errorf("applied %d mutations, want %d: %+v", applied, 3*len(mutKinds), r.Mutations)
	}
	for _, m := range r.Mutations {
		if m.Applied && !m.Reported {
			t.Errorf("mutation %s on %s (key %s) not reported: %s", m.Kind, m.Route, m.Field, m.Got)
		}
	}
	t.Logf("mutations reported %d/%d", reported, applied)
	if after := treeDigest(t, src); after != before {
		t.Errorf("the checkout changed")
	}
	md := markdown([]*result{r}, cfg)
	for _, want := range []string{"| functions | 8 | 9 |", "`functions/track` → `functions/invoice`", "not recoverable: test of the unrecoverable count"} {
		if !bytes.Contains(md, []byte(want)) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func treeDigest(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString(p + "\x00" + string(data) + "\x00")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestDecodeSiteMutation: a consumer that decodes its input in the body
// is mutated at the decode, and the mutated package still builds, for
// every mutation kind; omitempty fields are candidates.
func TestDecodeSiteMutation(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"go.mod": "module m\n\ngo 1.26\n",
		"main.go": `package main

import (
	"encoding/json"
	"fmt"
)

type Order struct {
	ID    string ` + "`json:\"id,omitempty\"`" + `
	Total int    ` + "`json:\"total,omitempty\"`" + `
}

func handle(body string) error {
	for _, b := range []string{body} {
		var o Order
		if err := json.Unmarshal([]byte(b), &o); err != nil {
			return err
		}
		fmt.Println(o.ID)
	}
	return nil
}

func main() { _ = handle("{}") }
`,
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := config{goEnv: goEnv()}
	a := &app{Root: "."}
	s, err := findSite(cfg, a, dir, node{File: "main.go", Func: "handle"}, "Order")
	if err != nil {
		t.Fatal(err)
	}
	if len(s.fields) != 2 {
		t.Errorf("fields = %v, want id and total", s.fields)
	}
	orig := append([]byte(nil), s.src...)
	for _, k := range mutKinds {
		edit, key := s.mutation(k, rand.New(rand.NewSource(1)))
		if !bytes.Contains(edit, []byte("json.Unmarshal([]byte(b), &faasvetMutArg)")) || !bytes.Contains(edit, []byte(key)) {
			t.Errorf("%s: the decode is not rewritten:\n%s", k.Name, edit)
		}
		if err := os.WriteFile(s.file, edit, 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command("go", "build", "./...")
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s: the mutated copy does not build: %v\n%s\n%s", k.Name, err, out, edit)
		}
		if err := os.WriteFile(s.file, orig, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
