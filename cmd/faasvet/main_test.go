package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

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
		UpdateScripts: os.Getenv("UPDATE_SCRIPTS") != "",
	})
}
