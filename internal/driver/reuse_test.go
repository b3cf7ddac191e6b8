package driver

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/faasvet/faasvet/internal/cache"
	"github.com/faasvet/faasvet/internal/stubs"
	"github.com/faasvet/faasvet/report"
)

// reuseTree is an app with three inert packages (msg, the payload types,
// where a wire-type finding's related locations are; util, with facts
// and a local interface; use, which imports util) and two functions,
// which are analysed every run.
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
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(reuseTree)).Files {
		path := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := stubs.CopyTo(filepath.Join(dir, "_stubs")); err != nil {
		t.Fatal(err)
	}
	c, err := cache.OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	step := func(what string, wantReused int) {
		t.Helper()
		off, err := Run(Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		on, err := Run(Options{Dir: dir, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		if on.Cached || on.Reused != wantReused {
			t.Errorf("%s: cached %v, %d packages reused; want not cached, %d reused", what, on.Cached, on.Reused, wantReused)
		}
		if got, want := outcome(t, on), outcome(t, off); !bytes.Equal(got, want) {
			t.Errorf("%s: with the cache:\n%s\nwithout:\n%s", what, got, want)
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
		path := filepath.Join(dir, filepath.FromSlash(file))
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s has no %q", file, old)
		}
		if err := os.WriteFile(path, bytes.Replace(data, []byte(old), []byte(new), 1), 0o644); err != nil {
			t.Fatal(err)
		}
	}

	step("cold", 0)
	edit("take/main.go", "func main()", "// An edit.\nfunc main()")
	step("a function edited", 3) // msg, util, use
	edit("util/util.go", `fmt.Sprint("value")`, `fmt.Sprint("a value")`)
	step("a body edited, its API and facts unchanged", 2) // msg, use
	edit("util/util.go", "return ErrEmpty", "return &LenError{}")
	step("a body edited, a fact changed", 1) // msg
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
