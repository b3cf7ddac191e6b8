package synth

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/format"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// Module is the module path of the generated tree.
const Module = "example.com/faasbench"

// The SDK versions the tree requires: the releases faasvet is tested
// against (aws-lambda-go is pinned by the issue; the others are the
// newest the module proxy serves here).
var requires = []string{
	"github.com/aws/aws-lambda-go v1.55.1",
	"github.com/aws/aws-sdk-go-v2 v1.48.0",
	"github.com/aws/aws-sdk-go-v2/config v1.33.18",
	"github.com/aws/aws-sdk-go-v2/service/lambda v1.114.4",
	"github.com/aws/aws-sdk-go-v2/service/sqs v1.53.0",
}

// Stages is the length of a full pipeline: Stages-1 JSON functions and
// an SQS consumer at the end.
const Stages = 10

// ManifestFile is the name, at the root of the tree, of the JSON file
// that describes what was generated and which findings are seeded.
const ManifestFile = "faasbench.json"

// Config says what to generate.
type Config struct {
	N int // functions in all, seeded ones included
	// K is the number of seeded findings of each kind; Seeds(N) when 0,
	// none when negative.
	K int
	// Helpers puts every send in shared helper packages, behind an
	// interface, a constructor and a generic func, instead of in the
	// handler (see helpers.go).
	Helpers bool
}

// Seeds is the default number of seeded findings of each kind for n
// functions: one per 500 functions, at least one.
func Seeds(n int) int { return max(1, (n+499)/500) }

// A Seed is one finding that faasvet check must report.
type Seed struct {
	Check string `json:"check"`
	File  string `json:"file"` // slash-separated, relative to the root
	Line  int    `json:"line"`
}

// Plan describes a generated tree.
type Plan struct {
	N               int    `json:"n"`
	K               int    `json:"k"`
	Module          string `json:"module"`
	Pipelines       int    `json:"pipelines"`
	Packages        int    `json:"packages"`
	DirectiveRoutes int    `json:"directive_routes"` // //faas:route, publish and subscribe lines
	SDKCalls        int    `json:"sdk_calls"`        // lambda Invoke and sqs SendMessage call sites; with Helpers, the handlers' calls of the helpers
	Channels        int    `json:"channels"`
	StateMachines   int    `json:"state_machines"`
	Helpers         bool   `json:"helpers,omitempty"` // the sends are in helper packages
	Seeds           []Seed `json:"seeds"`
}

// Generate writes the tree for cfg into dir, which must be empty or not
// exist, and returns its plan, which it also writes to dir/ManifestFile.
// It does not write go.sum: see [Tidy].
func Generate(dir string, cfg Config) (*Plan, error) {
	k := cfg.K
	switch {
	case k == 0:
		k = Seeds(cfg.N)
	case k < 0:
		k = 0
	}
	if cfg.N < 1 || cfg.N < seededPerK*k {
		return nil, fmt.Errorf("synth: %d functions cannot hold %d seeded findings of each kind (%d functions)", cfg.N, k, seededPerK*k)
	}
	if ents, err := os.ReadDir(dir); err == nil && len(ents) > 0 {
		return nil, fmt.Errorf("synth: %s is not empty", dir)
	}
	g := &gen{dir: dir, plan: &Plan{N: cfg.N, K: k, Module: Module, Helpers: cfg.Helpers}, files: map[string][]byte{}}
	g.common()
	if cfg.Helpers {
		g.helperPackages()
	}
	m := cfg.N - seededPerK*k
	for p, first := 0, 0; first < m; p, first = p+1, first+Stages {
		g.pipeline(p, first, min(Stages, m-first))
	}
	g.seeded(k)
	g.gomod()
	g.template()
	dirs := map[string]bool{}
	for name := range g.files {
		if strings.HasSuffix(name, ".go") {
			dirs[path.Dir(name)] = true
		}
	}
	g.plan.Packages = len(dirs)
	if err := g.flush(); err != nil {
		return nil, err
	}
	slices.SortFunc(g.plan.Seeds, func(a, b Seed) int {
		return strings.Compare(fmt.Sprintf("%s:%08d:%s", a.File, a.Line, a.Check), fmt.Sprintf("%s:%08d:%s", b.File, b.Line, b.Check))
	})
	data, err := json.MarshalIndent(g.plan, "", "  ")
	if err != nil {
		return nil, err
	}
	return g.plan, os.WriteFile(filepath.Join(dir, ManifestFile), append(data, '\n'), 0o644)
}

// ReadPlan reads the plan of a generated tree.
func ReadPlan(dir string) (*Plan, error) {
	data, err := os.ReadFile(filepath.Join(dir, ManifestFile))
	if err != nil {
		return nil, err
	}
	var p Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("%s: %w", ManifestFile, err)
	}
	return &p, nil
}

// Tidy runs go mod tidy in a generated tree, which resolves the
// indirect requirements and writes go.sum from the module cache or the
// module proxy.
func Tidy(dir string) error {
	cmd := exec.Command("go", "mod", "tidy")
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go mod tidy in %s: %w\n%s", dir, err, out)
	}
	return nil
}

// gen accumulates the files of a tree before writing them.
type gen struct {
	dir   string
	plan  *Plan
	files map[string][]byte
	// template.yaml resources, in order.
	resources []string
}

// seededPerK is the number of functions one set of seeds takes: a
// wire-type pair, a cycle pair, an unknown target, a bad signature.
const seededPerK = 6

func (g *gen) add(rel, content string) {
	g.files[rel] = []byte(content)
}

// addGo adds a Go file, gofmt-ed: the lines of seeded findings are
// looked up in the formatted text.
func (g *gen) addGo(rel, src string) {
	out, err := format.Source([]byte(src))
	if err != nil {
		panic(fmt.Sprintf("synth: generated %s does not parse: %v\n%s", rel, err, src)) // a bug in this package
	}
	g.files[rel] = out
}

// seed records a finding on the line of rel that contains marker.
func (g *gen) seed(check, rel, marker string) {
	data := g.files[rel]
	i := bytes.Index(data, []byte(marker))
	if i < 0 {
		panic(fmt.Sprintf("synth: marker %q not in %s", marker, rel)) // a bug in this package
	}
	g.plan.Seeds = append(g.plan.Seeds, Seed{Check: check, File: rel, Line: 1 + bytes.Count(data[:i], []byte("\n"))})
}

func (g *gen) flush() error {
	names := make([]string, 0, len(g.files))
	for name := range g.files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		full := filepath.Join(g.dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, g.files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

func (g *gen) gomod() {
	var b strings.Builder
	fmt.Fprintf(&b, "module %s\n\ngo 1.26\n\nrequire (\n", Module)
	for _, r := range requires {
		fmt.Fprintf(&b, "\t%s\n", r)
	}
	b.WriteString(")\n")
	g.add("go.mod", b.String())
	g.add("README.md", fmt.Sprintf("# faasbench\n\nA synthetic FaaS monorepo of %d AWS Lambda functions, written by\n`go run ./bench/gen` in the faasvet repository for its benchmarks. See\n%s for what it holds and which findings are seeded.\n", g.plan.N, ManifestFile))
}
