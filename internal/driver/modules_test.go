package driver

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPlanLoads(t *testing.T) {
	env := append(os.Environ(), "GOWORK=", "GOFLAGS=")
	all := []string{"./..."}

	// A module: the go command's ./..., and ./... in each module nested
	// below what a recursive pattern names.
	mod := t.TempDir()
	writeFiles(t, mod, map[string]string{
		"go.mod":               "module m\n",
		"fn/go.mod":            "module fn\n",
		"test/workflow/go.mod": "module workflow\n",
		"testdata/x/go.mod":    "module x\n",
		"vendor/v/go.mod":      "module v\n",
	})
	fn, wf := filepath.Join(mod, "fn"), filepath.Join(mod, "test", "workflow")
	for _, tc := range []struct {
		dir      string
		patterns []string
		want     []load
	}{
		{mod, all, []load{{mod, all}, {fn, all}, {wf, all}}},
		{mod, []string{"./test/..."}, []load{{mod, []string{"./test/..."}}, {wf, all}}},
		{mod, []string{".", "./fn"}, []load{{mod, []string{".", "./fn"}}}}, // not recursive: the go command's meaning
		{filepath.Join(mod, "test"), all, []load{{filepath.Join(mod, "test"), all}, {wf, all}}},
		{fn, all, []load{{fn, all}}}, // inside the nested module: its own ./...
	} {
		if got := planLoads(tc.dir, env, tc.patterns); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("module, %s %v: %v, want %v", tc.dir, tc.patterns, got, tc.want)
		}
	}

	// A nested module that the root replaces a requirement with is the
	// root's dependency, loaded in the root's load.
	rep := t.TempDir()
	writeFiles(t, rep, map[string]string{
		"go.mod":            "module m\n\nrequire example.com/shared v0.0.0\n\nreplace example.com/shared => ./shared\n",
		"shared/go.mod":     "module example.com/shared\n",
		"tools/go.mod":      "module tools\n",
		"_stubs/sdk/go.mod": "module sdk\n",
	})
	if got, want := planLoads(rep, env, all), []load{{rep, all}, {filepath.Join(rep, "tools"), all}}; !reflect.DeepEqual(got, want) {
		t.Errorf("replaced module: %v, want %v", got, want)
	}

	// A SAM app: a go.mod per function under a root with none.
	app := t.TempDir()
	writeFiles(t, app, map[string]string{
		"template.yaml":         "Resources: {}\n",
		"hello/go.mod":          "module hello\n",
		"world/go.mod":          "module world\n",
		"world/inner/go.mod":    "module inner\n",
		"vendor/x/go.mod":       "module x\n",
		"testdata/y/go.mod":     "module y\n",
		".aws-sam/build/go.mod": "module build\n",
		"_old/go.mod":           "module old\n",
		"node_modules/n/go.mod": "module n\n",
	})
	want := []load{
		{filepath.Join(app, "hello"), all},
		{filepath.Join(app, "world"), all},
		{filepath.Join(app, "world", "inner"), all},
	}
	if got := planLoads(app, env, all); !reflect.DeepEqual(got, want) {
		t.Errorf("modules below: %v, want %v", got, want)
	}
	// Relative patterns go to the modules that hold what they name.
	for _, tc := range []struct {
		patterns []string
		want     []load
	}{
		{[]string{"./hello/..."}, []load{{filepath.Join(app, "hello"), all}}},
		{[]string{"./world/..."}, []load{{filepath.Join(app, "world"), all}, {filepath.Join(app, "world", "inner"), all}}},
		{[]string{"./world/cmd/x", "./world/inner"}, []load{{filepath.Join(app, "world"), []string{"./cmd/x"}}, {filepath.Join(app, "world", "inner"), []string{"."}}}},
		{[]string{"./world/cmd/...", "./hello/..."}, []load{{filepath.Join(app, "hello"), all}, {filepath.Join(app, "world"), []string{"./cmd/..."}}}},
		{[]string{"./nowhere", "example.com/x"}, []load{{app, []string{"./nowhere", "example.com/x"}}}},
	} {
		if got := planLoads(app, env, tc.patterns); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("%v: %v, want %v", tc.patterns, got, tc.want)
		}
	}

	// A workspace: one load of its modules inside dir.
	ws := t.TempDir()
	writeFiles(t, ws, map[string]string{
		"go.work":    "go 1.26\n\nuse (\n\t./b\n\t./a\n\t../outside\n)\n",
		"a/go.mod":   "module a\n",
		"b/go.mod":   "module b\n",
		"c/go.mod":   "module c\n", // not in the workspace
		"a/x/go.mod": "module x\n",
	})
	if got, want := planLoads(ws, env, all), []load{{ws, []string{"./a/...", "./b/..."}}}; !reflect.DeepEqual(got, want) {
		t.Errorf("workspace: %v, want %v", got, want)
	}
	// A root module beside a go.work that does not use it (a CDK app's
	// go.mod at the root, the functions in the workspace): the
	// workspace's modules, not the root's ./..., which matches nothing.
	if err := os.WriteFile(filepath.Join(ws, "go.mod"), []byte("module infra\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, want := planLoads(ws, env, all), []load{{ws, []string{"./a/...", "./b/..."}}}; !reflect.DeepEqual(got, want) {
		t.Errorf("workspace beside a root module: %v, want %v", got, want)
	}

	// Nothing below: one load, and the go command says why it matches nothing.
	empty := t.TempDir()
	if got := planLoads(empty, env, all); !reflect.DeepEqual(got, []load{{empty, all}}) {
		t.Errorf("empty: %v", got)
	}
}
