package driver

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/faasvet/faasvet/analyzer/suite"
	"github.com/faasvet/faasvet/internal/cache"
	"github.com/faasvet/faasvet/report"
)

// reuseTree is an app with four inert packages (msg, the payload types,
// where a wire-type finding's related locations are; util, with facts
// and a local interface; use, which imports util; display, a program
// that a Knative Service deploys, a node of the graph at its func main)
// and two functions, whose summaries are stored too (funcpkg.go): price,
// and take, with a route directive, which imports util through use.
const reuseTree = `
-- go.mod --
module example.com/app

go 1.26

require github.com/aws/aws-lambda-go v1.55.1

replace github.com/aws/aws-lambda-go => ./_stubs/github.com/aws/aws-lambda-go
-- msg/msg.go --
// Package msg holds the messages.
package msg

type Order struct {
	ID    string ` + "`json:\"id\"`" + `
	Total string ` + "`json:\"total\"`" + `
}

type Bill struct {
	ID    string ` + "`json:\"id\"`" + `
	Total int    ` + "`json:\"total\"`" + `
}
-- util/util.go --
// Package util has facts.
package util

import (
	"errors"
	"fmt"
)

var ErrEmpty = errors.New("empty")

type LenError struct{ N int }

func (e *LenError) Error() string { return fmt.Sprint("length ", e.N) }

//go:noinline
func Check(s string) error {
	if s == "" {
		return ErrEmpty
	}
	return nil
}


func Describe(v any) string {
	if s, ok := v.(interface{ Describe() string }); ok {
		return s.Describe()
	}
	return fmt.Sprint("value")
}
-- use/use.go --
// Package use imports util.
package use

import "example.com/app/util"

func Valid(s string) bool { return util.Check(s) == nil }
-- take/main.go --
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"example.com/app/msg"
	"example.com/app/use"
)

//faas:route to=price
func take(ctx context.Context, in msg.Order) (msg.Order, error) {
	_ = use.Valid(in.ID)
	return in, nil
}

func main() { lambda.Start(take) }
-- display/main.go --
package main

func main() { select {} }
-- config/service.yaml --
apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: display
spec:
  template:
    spec:
      containers:
        - image: ko://example.com/app/display
-- price/main.go --
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"example.com/app/msg"
)

func price(ctx context.Context, in msg.Bill) error { return nil }

func main() { lambda.Start(price) }
`

// TestReuse: after an edit, the packages that give the link stage
// nothing and whose key did not change are replayed from the cache, and
// the outcome is an uncached run's, byte for byte: after an edit to a
// function, after an edit to a body that changes no API and no fact
// (the package's importers are replayed), and after one that changes a
// fact (they are not).
func TestReuse(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	// The tree's packages are fewer than cache.PackMin: each analysis is
	// a file of its own. With PackMin 1, a run's analyses are a pack
	// (the cache's pack.go), from which the next run reads them.
	for _, packMin := range []int{cache.PackMin, 1} {
		t.Run(fmt.Sprintf("PackMin=%d", packMin), func(t *testing.T) {
			defer func(old int) { cache.PackMin = old }(cache.PackMin)
			cache.PackMin = packMin
			testReuse(t)
		})
	}
}

func testReuse(t *testing.T) {
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	dir := t.TempDir()
	writeTree(t, dir, txtar.Parse([]byte(reuseTree)))
	c, err := cache.OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	step := func(what string, wantReused int) {
		t.Helper()
		off, err := Run(Options{Dir: dir, Graph: true})
		if err != nil {
			t.Fatal(err)
		}
		// The run that asks for the graph first (it reuses packages as
		// check does, and stores the whole run, which it never replays),
		// then the one that does not, which replays that.
		graph, err := Run(Options{Dir: dir, Cache: c, Graph: true})
		if err != nil {
			t.Fatal(err)
		}
		on, err := Run(Options{Dir: dir, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		if graph.Cached || graph.Reused != wantReused || !on.Cached {
			t.Errorf("%s: cached %v, %d packages reused, then cached %v; want not cached, %d reused, then cached", what, graph.Cached, graph.Reused, on.Cached, wantReused)
		}
		for _, r := range []*Result{graph, on} {
			if got, want := outcome(t, r), outcome(t, off); !bytes.Equal(got, want) {
				t.Errorf("%s: with the cache:\n%s\nwithout:\n%s", what, got, want)
			}
		}
		var got, want bytes.Buffer
		if err := report.WriteGraphJSON(&got, graph.Graph, graph.Findings); err != nil {
			t.Fatal(err)
		}
		if err := report.WriteGraphJSON(&want, off.Graph, off.Findings); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Errorf("%s: the graph with the cache:\n%s\nwithout:\n%s", what, got.Bytes(), want.Bytes())
		}
		if !strings.Contains(want.String(), `"platform": "program"`) {
			t.Errorf("%s: no program in the graph, the tree is not worth the test:\n%s", what, want.Bytes())
		}
		// The columns of positions in a replayed package are set
		// (reuser.columns), not given up on.
		var related []string
		for _, f := range off.Findings {
			for _, r := range f.Related {
				related = append(related, fmt.Sprintf("%s %s:%d:%d", f.Check, r.File, r.Line, r.Column))
			}
		}
		if !slices.Contains(related, "wire-type msg/msg.go:11:2") {
			t.Errorf("%s: no wire-type finding related to msg/msg.go:11:2, the tree is not worth the test:\n%s", what, strings.Join(related, "\n"))
		}
	}
	edit := func(file, old, new string) {
		t.Helper()
		replaceIn(t, filepath.Join(dir, filepath.FromSlash(file)), old, new)
	}

	step("cold", 0)
	edit("take/main.go", "func main()", "// An edit.\nfunc main()")
	step("a function edited", 5) // msg, util, use, display, and the function price (funcpkg.go)
	edit("util/util.go", `fmt.Sprint("value")`, `fmt.Sprint("a value")`)
	step("a body edited, its API and facts unchanged", 5) // msg, use, display, price, take
	edit("util/util.go", "return ErrEmpty", "return &LenError{}")
	step("a body edited, a fact changed", 3) // msg, display, price
	packs, _ := filepath.Glob(filepath.Join(c.Dir(), "packs", "*-p"))
	if (len(packs) > 0) != (cache.PackMin == 1) {
		t.Errorf("PackMin %d: %d packs", cache.PackMin, len(packs))
	}

	// Every entry and pack garbled: nothing is reused, everything is
	// recomputed and stored again.
	entries, _ := filepath.Glob(filepath.Join(c.Dir(), "*", "*-e"))
	for _, e := range append(entries, packs...) {
		data, err := os.ReadFile(e)
		if err != nil {
			t.Fatal(err)
		}
		// In the middle, and near the end: a pack's index.
		data[len(data)/2] ^= 0x55
		data[len(data)-60] ^= 0x55
		if err := os.WriteFile(e, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if c, err = cache.OpenDir(c.Dir()); err != nil { // as the next process would
		t.Fatal(err)
	}
	edit("take/main.go", "// An edit.", "// An edit, again.")
	step("every entry and pack garbled", 0)
	edit("take/main.go", "// An edit, again.", "// An edit, once more.")
	step("a function edited after that", 5)
}

// TestReuseColumns: a finding's position in a replayed package, which
// export data gives without a column, takes the column of the one
// declaration on its line; on a line with none or several, or with a
// column already, the run has a conflict.
func TestReuseColumns(t *testing.T) {
	newReu := func() *reuser {
		return &reuser{rel: map[string]bool{"msg/msg.go": true}, idents: map[string]map[int][]int{"msg/msg.go": {4: {2}, 6: {2, 9}}}}
	}
	reu := newReu()
	f := report.Finding{File: "a/main.go", Line: 3, Column: 7, Related: []report.Related{{File: "msg/msg.go", Line: 4, Column: 1}}}
	reu.columns(&f)
	if reu.conflict != "" || f.Related[0].Column != 2 || f.Column != 7 {
		t.Errorf("one declaration on the line: %+v, conflict %q", f, reu.conflict)
	}
	for _, bad := range []report.Related{{File: "msg/msg.go", Line: 6, Column: 1}, {File: "msg/msg.go", Line: 5, Column: 1}, {File: "msg/msg.go", Line: 4, Column: 3}} {
		reu := newReu()
		f := report.Finding{File: "a/main.go", Line: 3, Column: 7, Related: []report.Related{bad}}
		reu.columns(&f)
		if reu.conflict == "" {
			t.Errorf("related %+v: no conflict", bad)
		}
	}
}

// TestFactsJSONFaithful: every fact type of the suite comes back whole
// through JSON (so the packages whose analyses export facts can be
// stored), checked on values with every field set; and the types that
// would not are told apart.
func TestFactsJSONFaithful(t *testing.T) {
	for _, a := range suite.Analyzers() {
		for _, ft := range a.FactTypes {
			typ := reflect.TypeOf(ft)
			if !jsonFaithful(typ, nil) {
				t.Errorf("%s's fact %s does not come back whole through JSON: packages with it are never reused", a.Name, typ)
				continue
			}
			v := reflect.New(typ.Elem())
			fill(v.Elem(), 3)
			data, err := json.Marshal(v.Interface())
			if err != nil {
				t.Fatalf("%s: %v", typ, err)
			}
			back := reflect.New(typ.Elem())
			if err := json.Unmarshal(data, back.Interface()); err != nil {
				t.Fatalf("%s: %v", typ, err)
			}
			if !reflect.DeepEqual(back.Interface(), v.Interface()) {
				t.Errorf("%s: %s came back as %+v, want %+v", a.Name, typ, back.Elem(), v.Elem())
			}
		}
	}
	type rec struct {
		Next *rec
		Tags map[string][]int
	}
	type hidden struct {
		N int
		n int //nolint:unused // an unexported field, which JSON leaves out
	}
	type skipped struct {
		N int `json:"-"`
	}
	type any1 struct{ V any }
	for typ, want := range map[reflect.Type]bool{
		reflect.TypeFor[rec]():             true,
		reflect.TypeFor[hidden]():          false,
		reflect.TypeFor[skipped]():         false,
		reflect.TypeFor[any1]():            false,
		reflect.TypeFor[map[int]bool]():    false,
		reflect.TypeFor[json.RawMessage](): false,
		reflect.TypeFor[[]func()]():        false,
	} {
		if got := jsonFaithful(typ, nil); got != want {
			t.Errorf("jsonFaithful(%s) = %v, want %v", typ, got, want)
		}
	}
}

// fill sets every field of v to a value that is not zero, depth levels
// of pointers and containers deep.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.String:
		v.SetString("s-" + v.Type().String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Slice:
		if depth > 0 {
			v.Set(reflect.MakeSlice(v.Type(), 2, 2))
			for i := range 2 {
				fill(v.Index(i), depth-1)
			}
		}
	case reflect.Array:
		for i := range v.Len() {
			fill(v.Index(i), depth-1)
		}
	case reflect.Map:
		if depth > 0 {
			v.Set(reflect.MakeMap(v.Type()))
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(k, depth-1)
			fill(e, depth-1)
			v.SetMapIndex(k, e)
		}
	case reflect.Pointer:
		if depth > 0 {
			v.Set(reflect.New(v.Type().Elem()))
			fill(v.Elem(), depth-1)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), depth)
			}
		}
	}
}

// TestReuseScripts: on the trees of the CLI's scripts, a run after an
// edit that reuses packages gives what a run without the cache gives,
// findings, fixes, load errors and graph, byte for byte. Each tree is
// analysed cold with a cache, then one of its Go files gets a comment
// line (the function packages, the programs and everything in between
// are edited in turn across the trees, as the first file in name order
// falls) and it is analysed again, with and without the cache.
func TestReuseScripts(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	t.Setenv("GOPROXY", "off")
	scripts := []string{"check", "fix_crosspkg", "graph_wire", "infra_crosspkg", "infra_interfaces", "infra_knative_program",
		"infra_program", "infra_unattributed", "infra_open_dispatch", "infra_outbox", "infra_cloudevents_reply_typed",
		"layout_starters", "layout_closures", "deps_module", "trigger_sam", "robust_partial_chain", "unused_ignore"}
	reusing := 0
	for _, name := range scripts {
		dir := writeScriptTree(t, name)
		if _, err := os.Stat(filepath.Join(dir, "go.work")); err == nil {
			t.Setenv("GOFLAGS", "") // -mod=mod is refused in workspace mode
		} else {
			t.Setenv("GOFLAGS", "-mod=mod")
		}
		c, err := cache.OpenDir(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		run := func(c *cache.Cache) ([]byte, *Result) {
			res, err := Run(Options{Dir: dir, Cache: c, Graph: true})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			b := outcome(t, res)
			var g bytes.Buffer
			if err := report.WriteGraphJSON(&g, res.Graph, res.Findings); err != nil {
				t.Fatal(err)
			}
			return append(b, g.Bytes()...), res
		}
		run(c)
		var files []string
		_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err == nil && d.IsDir() && (d.Name() == "_stubs" || d.Name() == "vendor") {
				return filepath.SkipDir
			}
			if err == nil && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
				files = append(files, path)
			}
			return nil
		})
		if len(files) == 0 {
			t.Fatalf("%s: no Go file", name)
		}
		slices.Sort(files)
		appendFile(t, files[0], "\n// An edit.\n")
		got, res := run(c)
		want, _ := run(nil)
		if !bytes.Equal(got, want) {
			t.Errorf("%s, %s edited, %d packages reused:\n%s\nwithout the cache:\n%s", name, files[0], res.Reused, got, want)
		}
		if res.Reused > 0 {
			reusing++
		}
	}
	// The comparisons are worth something only where packages were
	// reused: on most of the trees.
	if reusing < len(scripts)/2 {
		t.Errorf("packages reused in %d of the %d trees, want most", reusing, len(scripts))
	}
}
