package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/faasvet/faasvet/analyzer/suite"
	"github.com/faasvet/faasvet/checks"
)

// TestDocs: every check in the catalogue has a docs page with a failing
// and a fixed example, and a section for each of its variants.
func TestDocs(t *testing.T) {
	for _, c := range checks.All() {
		b, err := os.ReadFile(filepath.Join("..", "..", "docs", "checks", c.ID+".md"))
		if err != nil {
			t.Errorf("check %s has no docs page: %v", c.ID, err)
			continue
		}
		page := string(b)
		for _, section := range []string{"# " + c.ID + "\n", "## Failing example", "## Fixed"} {
			if !strings.Contains(page, section) {
				t.Errorf("docs/checks/%s.md has no %q", c.ID, strings.TrimSpace(section))
			}
		}
		for v := range c.Variants {
			if !strings.Contains(page, "\n## "+v+"\n") {
				t.Errorf("docs/checks/%s.md has no section for variant %s", c.ID, v)
			}
		}
	}
}

// TestREADMEChecks: the README's table of checks is the catalogue's.
func TestREADMEChecks(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok1 := strings.Cut(string(b), "<!-- checks:begin")
	table, _, ok2 := strings.Cut(after, "<!-- checks:end -->")
	if !ok1 || !ok2 {
		t.Fatal("README.md has no checks:begin/checks:end markers")
	}
	var want strings.Builder
	for _, c := range checks.All() {
		runs := "every driver"
		if c.Driver == "graph" {
			runs = "`faasvet check`"
		}
		fmt.Fprintf(&want, "| [%s](docs/checks/%s.md) | %s | %s | %s |\n", c.ID, c.ID, c.Severity, runs, c.Summary)
	}
	if !strings.Contains(table, want.String()) {
		t.Errorf("README.md's checks table is out of date; it should list:\n%s", want.String())
	}
}

// TestKnownIDs: the static list of IDs that ignore directives are checked
// against in every driver is the catalogue of the binary that links every
// check.
func TestKnownIDs(t *testing.T) {
	var registered []string
	for _, c := range checks.All() {
		registered = append(registered, c.ID)
	}
	if known := checks.IDs(); !slices.Equal(known, registered) {
		t.Errorf("checks.IDs() = %v\nthe catalogue has %v: update checks/ids.go", known, registered)
	}
}

// TestBazelDoc: docs/bazel.md's nogo target and config name every
// analyzer of the suite, so that a Bazel user who copies them runs what
// every other driver runs.
func TestBazelDoc(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "docs", "bazel.md"))
	if err != nil {
		t.Fatal(err)
	}
	page := string(b)
	for _, a := range suite.Analyzers() {
		// The analyzer's package is where its Run func is declared.
		fn := runtime.FuncForPC(reflect.ValueOf(a.Run).Pointer()).Name()
		pkg, _, _ := strings.Cut(strings.TrimPrefix(fn, "github.com/faasvet/faasvet/"), ".")
		for _, want := range []string{
			`"@com_github_faasvet_faasvet//` + pkg + `"`,
			`"` + a.Name + `": {"exclude_files"`,
		} {
			if !strings.Contains(page, want) {
				t.Errorf("docs/bazel.md does not list analyzer %s: no %s", a.Name, want)
			}
		}
	}
}

// TestActionInputs: every input that action.yml's steps read is declared,
// and every declared input is read.
func TestActionInputs(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var action struct {
		Inputs map[string]struct {
			Description string `yaml:"description"`
		} `yaml:"inputs"`
		Runs struct {
			Steps []map[string]any `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &action); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if len(action.Runs.Steps) == 0 {
		t.Fatal("action.yml has no steps")
	}
	steps, err := yaml.Marshal(action.Runs.Steps)
	if err != nil {
		t.Fatal(err)
	}
	read := map[string]bool{}
	for _, m := range regexp.MustCompile(`inputs\.([a-z-]+)`).FindAllStringSubmatch(string(steps), -1) {
		read[m[1]] = true
	}
	for name := range read {
		if _, ok := action.Inputs[name]; !ok {
			t.Errorf("action.yml reads inputs.%s, which it does not declare", name)
		}
	}
	for name, in := range action.Inputs {
		if !read[name] {
			t.Errorf("action.yml declares input %s but no step reads it", name)
		}
		if in.Description == "" {
			t.Errorf("action.yml input %s has no description", name)
		}
	}
}

// TestActionInputsDocumented: docs/ci.md's table of the action's inputs
// names every input.
func TestActionInputsDocumented(t *testing.T) {
	action, err := os.ReadFile(filepath.Join("..", "..", "action.yml"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	var a struct {
		Inputs map[string]any `yaml:"inputs"`
	}
	if err := yaml.Unmarshal(action, &a); err != nil {
		t.Fatal(err)
	}
	for name := range a.Inputs {
		if !strings.Contains(string(doc), "| `"+name+"` |") {
			t.Errorf("docs/ci.md's table of inputs has no row for %s", name)
		}
	}
}
