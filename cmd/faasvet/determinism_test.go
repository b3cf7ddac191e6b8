package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"github.com/faasvet/faasvet/internal/stubs"
)

// TestDeterminism runs faasvet check in every format and faasvet graph in
// every format five times each with GOMAXPROCS 1 and 2, with the result
// cache off, cold and warm, on a workspace of
// three modules with findings of many checks in many files, and requires
// byte-identical output every time: baselines, SARIF fingerprints and
// pull-request comments diff outputs, and a linter whose output moves
// between runs reports the same findings as new.
func TestDeterminism(t *testing.T) {
	if testing.Short() {
		t.Skip("40 runs of faasvet")
	}
	exe, err := exec.LookPath("faasvet") // put on PATH by testscript.Main
	if err != nil {
		t.Skip("no faasvet command:", err)
	}
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(determinismFixture)).Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := stubs.CopyTo(filepath.Join(dir, "stubs")); err != nil {
		t.Fatal(err)
	}

	checkFormats := []string{"text", "json", "sarif", "github", "markdown"}
	graphFormats := []string{"json", "mermaid", "dot"}
	first := map[string][]byte{}
	// The result cache: off in the first run, empty in the second (cold),
	// then one directory that the third run fills and the fifth replays
	// (warm); before the fourth, a function's file is edited, so that it
	// replays the packages that give the graph nothing (orders/msg,
	// where a wire-type finding's related locations are) and analyses
	// the others. --format markdown draws the graph and so never uses
	// the cache: each run checks once with all five formats and once
	// with the other four.
	shared := t.TempDir()
	for _, procs := range []int{1, 2} {
		for i := range 5 {
			faasvetCache := shared
			switch i {
			case 0:
				faasvetCache = "off"
			case 1:
				faasvetCache = t.TempDir()
			}
			t.Setenv("FAASVET_CACHE", faasvetCache)
			if i == 3 {
				f, err := os.OpenFile(filepath.Join(dir, "orders", "take", "main.go"), os.O_APPEND|os.O_WRONLY, 0)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := fmt.Fprintf(f, "\n// Edited before run %d with GOMAXPROCS=%d.\n", i+1, procs); err != nil {
					t.Fatal(err)
				}
				if err := f.Close(); err != nil {
					t.Fatal(err)
				}
			}
			got := map[string][]byte{}
			for _, formats := range [][]string{checkFormats, checkFormats[:4]} {
				out := t.TempDir()
				// One check run writes all its formats: each --format
				// takes the --output after it.
				args := []string{"-C", dir, "check", "--fail-on", "never"}
				for _, f := range formats {
					args = append(args, "--format", f, "--output", filepath.Join(out, "check."+f))
				}
				runFaasvet(t, exe, procs, append(args, "work")...)
				for _, f := range formats {
					data, err := os.ReadFile(filepath.Join(out, "check."+f))
					if err != nil {
						t.Fatal(err)
					}
					if prev, ok := got["check "+f]; ok && !bytes.Equal(prev, data) {
						t.Errorf("check %s, GOMAXPROCS=%d, run %d (cache %s): with and without --format markdown:\n%s", f, procs, i+1, faasvetCache, firstDiff(prev, data))
					}
					got["check "+f] = data
				}
			}
			if faasvetCache == shared {
				if entries, _ := filepath.Glob(filepath.Join(shared, "*", "*-e")); len(entries) == 0 {
					t.Errorf("GOMAXPROCS=%d, run %d: nothing in the cache", procs, i+1)
				}
			}
			for _, f := range graphFormats {
				got["graph "+f] = runFaasvet(t, exe, procs, "-C", dir, "graph", "--format", f, "work")
			}
			for name, data := range got {
				if len(data) == 0 {
					t.Fatalf("%s: empty output", name)
				}
				if want, ok := first[name]; !ok {
					first[name] = data
				} else if !bytes.Equal(data, want) {
					t.Errorf("%s, GOMAXPROCS=%d, run %d: output differs from the first run:\n%s", name, procs, i+1, firstDiff(want, data))
				}
			}
		}
	}
	// The fixture is worth its name only if it has findings of several
	// checks in several files, and a graph.
	text := string(first["check text"])
	for _, want := range []string{"(handler-signature)", "(wire-type)", "(cycle)", "(orphan-channel)", "(directive)", "(duplicate-function)", "(manifest)", "billing/", "orders/", "ship/"} {
		if !strings.Contains(text, want) {
			t.Errorf("the fixture's findings lack %s:\n%s", want, text)
		}
	}
	if !strings.Contains(string(first["graph mermaid"]), "fn_billing") {
		t.Errorf("the graph lacks billing:\n%s", first["graph mermaid"])
	}
}

// runFaasvet runs the binary with GOMAXPROCS set and returns its
// standard output; exit status 1 (findings) is success here.
func runFaasvet(t *testing.T, exe string, procs int, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(exe, args...)
	// Workspace mode rejects -mod=mod; the stubs are local replacements.
	cmd.Env = append(os.Environ(), fmt.Sprintf("GOMAXPROCS=%d", procs), "GOFLAGS=", "GOPROXY=off", "GOTOOLCHAIN=local")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil && cmd.ProcessState.ExitCode() != 1 {
		t.Fatalf("faasvet %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	if stderr.Len() > 0 {
		t.Fatalf("faasvet %s wrote to standard error:\n%s", strings.Join(args, " "), stderr.Bytes())
	}
	return stdout.Bytes()
}

// firstDiff shows the first line where two outputs differ.
func firstDiff(a, b []byte) string {
	al, bl := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < min(len(al), len(bl)); i++ {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n-%s\n+%s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}

// determinismFixture is a go.work workspace of three modules: orders
// (functions, routes, a SAM template with a state machine), billing
// (subscribers that disagree with the publishers) and ship (a cycle, a
// duplicate name, a malformed directive).
const determinismFixture = `
-- go.work --
go 1.26

use (
	./orders
	./billing
	./ship
)
-- orders/go.mod --
module example.com/orders

go 1.26

require github.com/aws/aws-lambda-go v1.55.1

replace github.com/aws/aws-lambda-go => ../stubs/github.com/aws/aws-lambda-go
-- orders/msg/msg.go --
// Package msg holds the order messages.
package msg

type Item struct {
	SKU   string  ` + "`json:\"sku\"`" + `
	Qty   int     ` + "`json:\"qty\"`" + `
	Price float64 ` + "`json:\"price\"`" + `
}

type Order struct {
	ID    string ` + "`json:\"id\"`" + `
	Items []Item ` + "`json:\"items\"`" + `
	Total string ` + "`json:\"total\"`" + `
	Note  *Note  ` + "`json:\"note,omitempty\"`" + `
}

type Note struct {
	Text string ` + "`json:\"text\"`" + `
	Prev *Note  ` + "`json:\"prev\"`" + `
}
-- orders/take/main.go --
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"example.com/orders/msg"
)

//faas:publish topic=orders
//faas:publish topic=audit
//faas:route to=price
func take(ctx context.Context, in msg.Order) (msg.Order, error) { return in, nil }

func main() { lambda.Start(take) }
-- orders/price/main.go --
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

type In struct {
	ID    string ` + "`json:\"id\"`" + `
	Total int    ` + "`json:\"total\"`" + `
	Items []struct {
		SKU string ` + "`json:\"sku\"`" + `
		Qty string ` + "`json:\"qty\"`" + `
	} ` + "`json:\"items\"`" + `
}

func price(ctx context.Context, a, b In) error { return nil }

func main() { lambda.Start(price) }
-- orders/template.yaml --
AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Take:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: take
      Handler: bootstrap
      Runtime: provided.al2023
  Broken: [this is not
-- billing/go.mod --
module example.com/billing

go 1.26

require github.com/aws/aws-lambda-go v1.55.1

replace github.com/aws/aws-lambda-go => ../stubs/github.com/aws/aws-lambda-go
-- billing/main.go --
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

type Order struct {
	ID    int    ` + "`json:\"id\"`" + `
	Total int    ` + "`json:\"total\"`" + `
	Items []struct {
		Price int ` + "`json:\"price\"`" + `
	} ` + "`json:\"items\"`" + `
}

//faas:subscribe topic=orders
func billing(ctx context.Context, o Order) error { return nil }

func main() { lambda.Start(billing) }
-- billing/refund/main.go --
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

//faas:subscribe topic=orders
//faas:publish topic=refunds
func refund(ctx context.Context, o struct{ Total bool ` + "`json:\"total\"`" + ` }) (struct{ ID string }, error) {
	return struct{ ID string }{}, nil
}

func main() { lambda.Start(refund) }
-- ship/go.mod --
module example.com/ship

go 1.26

require github.com/aws/aws-lambda-go v1.55.1

replace github.com/aws/aws-lambda-go => ../stubs/github.com/aws/aws-lambda-go
-- ship/a/main.go --
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

//faas:function ship
//faas:route to=pack via=sqs
func a(ctx context.Context, in struct{ N int }) (struct{ N int }, error) { return in, nil }

func main() { lambda.Start(a) }
-- ship/b/main.go --
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

//faas:function pack
//faas:route to=ship via=sqs
//faas:functon typo
func b(ctx context.Context, in struct{ N int }) (struct{ N int }, error) { return in, nil }

func main() { lambda.Start(b) }
-- ship/c/main.go --
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

//faas:function ship
func c(ctx context.Context, in struct{ N int }) error { return nil }

func main() { lambda.Start(c) }
`
