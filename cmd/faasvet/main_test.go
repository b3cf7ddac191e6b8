package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/emit/svg"
	"github.com/faasvet/faasvet/internal/stubs"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"faasvet": main,
		// faasvet-svg is the SVG renderer that emit --target svg runs.
		"faasvet-svg": func() {
			if err := svg.Filter(os.Stdin, os.Stdout); err != nil {
				fmt.Fprintln(os.Stderr, "faasvet-svg:", err)
				os.Exit(1)
			}
		},
		// faasvet-status runs the CLI and reports its exit status on
		// stderr, so that scripts can tell 1 from 2.
		"faasvet-status": func() {
			code := run(os.Args[1:], os.Stdout, os.Stderr)
			fmt.Fprintf(os.Stderr, "exit status %d\n", code)
		},
	})
}

// TestScripts runs the CLI and the real go vet -vettool on the txtar
// scripts in testdata/script. Each script carries its own module, which
// replaces the SDKs with the stubs in $WORK/_stubs.
func TestScripts(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	cache := func(name string) string {
		out, err := exec.Command("go", "env", name).Output()
		if err != nil {
			t.Fatal(err)
		}
		return string(out[:len(out)-1])
	}
	gocache, modcache := cache("GOCACHE"), cache("GOMODCACHE")
	// One result cache for every script, never the user's: scripts that
	// run faasvet twice on one tree, or edit it between runs, replay
	// and recompute through it.
	faasvetCache := t.TempDir()
	testscript.Run(t, testscript.Params{
		Dir: "testdata/script",
		Setup: func(env *testscript.Env) error {
			exe, err := exec.LookPath("faasvet")
			if err != nil {
				return err
			}
			env.Setenv("FAASVET", exe)
			env.Setenv("GOCACHE", gocache)
			env.Setenv("GOMODCACHE", modcache)
			env.Setenv("GOPROXY", "off")
			env.Setenv("GOTOOLCHAIN", "local")
			env.Setenv("GOFLAGS", "-mod=mod")
			env.Setenv("FAASVET_CACHE", faasvetCache)
			// Every script may use the SDK stubs (testdata/src at the
			// repository root) as $WORK/_stubs/<import path>: a
			// directory that the go command's ./... and faasvet's search
			// for nested modules skip, as the module cache that the
			// stubs stand for is outside the app.
			return stubs.CopyTo(filepath.Join(env.WorkDir, "_stubs"))
		},
		Cmds:          map[string]func(ts *testscript.TestScript, neg bool, args []string){"linked": linked},
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
	})
}

// linked CHECK LINK compares faasvet link's text report LINK with faasvet
// check's CHECK on the same tree: every line of LINK is in CHECK, and
// every line of CHECK whose check the catalogue says is whole-program is
// in LINK. (The rest of CHECK are the per-package checks, which go vet
// reports.)
func linked(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: linked CHECK LINK")
	}
	lines := func(name string) []string {
		return strings.FieldsFunc(ts.ReadFile(name), func(r rune) bool { return r == '\n' })
	}
	check, link := lines(args[0]), lines(args[1])
	if len(link) == 0 {
		ts.Fatalf("%s is empty: nothing to compare", args[1])
	}
	id := regexp.MustCompile(`\(([a-z-]+)(#[a-z-]+)?\)$`)
	var bad []string
	for _, l := range link {
		if !slices.Contains(check, l) {
			bad = append(bad, "link reports what check does not: "+l)
		}
	}
	for _, l := range check {
		m := id.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		if c := checks.Lookup(m[1]); c != nil && c.Driver == checks.WholeProgram && !slices.Contains(link, l) {
			bad = append(bad, "check reports a whole-program finding that link does not: "+l)
		}
	}
	if len(bad) > 0 {
		ts.Fatalf("%s", strings.Join(bad, "\n"))
	}
}
