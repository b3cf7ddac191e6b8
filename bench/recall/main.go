package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/faasvet/faasvet/report"

	"github.com/faasvet/faasvet/internal/treecopy"
)

type config struct {
	apps      string // ground-truth directory
	mirror    string // where fetch leaves repositories
	work      string // extractions and scratch copies
	out       string // results.json and raw outputs
	doc       string // docs/recall.md to write, "" for standard output
	run       *regexp.Regexp
	mutate    bool
	seed      int64
	faasvet   string // the binary under test
	timeout   time.Duration
	stderr    io.Writer
	goEnv     []string
	mutations int // per drawn route and kind
}

func main() {
	var cfg config
	var run string
	flag.StringVar(&cfg.apps, "apps", "bench/recall/apps", "directory of ground-truth files")
	flag.StringVar(&cfg.mirror, "mirror", envOr("FAASVET_RECALL_MIRROR", "/work/.mirror"), "directory of the fetched repositories (<owner>+<name>/repo)")
	flag.StringVar(&cfg.work, "work", filepath.Join(os.TempDir(), "faasvet-recall"), "directory for extracted checkouts and scratch copies")
	flag.StringVar(&cfg.out, "out", "", "directory for results.json and each app's raw outputs (default: under -work)")
	flag.StringVar(&cfg.doc, "doc", "", "write the Markdown report to this file (docs/recall.md) instead of standard output")
	flag.StringVar(&run, "run", "", "only apps whose name matches this regexp")
	flag.BoolVar(&cfg.mutate, "mutate", true, "apply seeded payload mutations to every drawn route")
	flag.Int64Var(&cfg.seed, "seed", 1, "seed for choosing the mutated fields")
	flag.StringVar(&cfg.faasvet, "faasvet", "", "the faasvet binary to measure (default: built from this checkout)")
	flag.DurationVar(&cfg.timeout, "timeout", 15*time.Minute, "limit for one faasvet run")
	flag.Parse()
	cfg.run = regexp.MustCompile(run)
	cfg.stderr = os.Stderr
	cfg.mutations = 1
	if cfg.out == "" {
		cfg.out = filepath.Join(cfg.work, "out")
	}
	if err := mainErr(cfg); err != nil {
		fmt.Fprintln(os.Stderr, "recall:", err)
		os.Exit(1)
	}
}

func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}

func mainErr(cfg config) error {
	apps, err := loadApps(cfg.apps, cfg.run.MatchString)
	if err != nil {
		return err
	}
	if _, err := os.Stat(cfg.mirror); err != nil {
		// CI cannot reach GitHub: the runner's tests run there, the corpus
		// does not.
		fmt.Fprintf(cfg.stderr, "recall: skipped: no fetched repositories at %s (set -mirror or FAASVET_RECALL_MIRROR)\n", cfg.mirror)
		return nil
	}
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		return err
	}
	if cfg.faasvet == "" {
		bin, err := buildFaasvet(cfg.work)
		if err != nil {
			return err
		}
		cfg.faasvet = bin
	}
	cfg.goEnv = goEnv()
	var results []*result
	for _, a := range apps {
		fmt.Fprintf(cfg.stderr, "recall: %s (%s@%s)\n", a.Name, a.Repo, a.Commit[:12])
		r := runApp(cfg, a)
		results = append(results, r)
		fmt.Fprintf(cfg.stderr, "recall:   %s\n", r.oneLine())
	}
	data, err := json.MarshalIndent(results, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(cfg.out, "results.json"), append(data, '\n'), 0o644); err != nil {
		return err
	}
	md := markdown(results, cfg)
	if cfg.doc == "" {
		_, err := os.Stdout.Write(md)
		return err
	}
	return os.WriteFile(cfg.doc, md, 0o644)
}

// buildFaasvet builds the CLI of this checkout, so that the yardstick
// measures the code beside it.
func buildFaasvet(work string) (string, error) {
	if err := os.MkdirAll(work, 0o755); err != nil {
		return "", err
	}
	bin := filepath.Join(work, "faasvet")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/faasvet")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building faasvet: %w", err)
	}
	return bin, nil
}

// goEnv is the environment of every faasvet run: the apps are loaded as
// a new user would after cloning them, with missing go.sum lines filled
// in (on the scratch copy only) and the machine's own Go.
func goEnv() []string {
	env := os.Environ()
	return append(env, "GOTOOLCHAIN=local", "GONOSUMDB=*", "GONOSUMCHECK=1", "GOSUMDB=off")
}

// prepareModules does what a new user does after cloning: it completes
// each module's go.sum and downloads its dependencies (go list -mod=mod
// -deps), so that faasvet's run is measured on a tree that builds. A
// module that cannot be prepared is left as it is: faasvet's own report
// on it is part of the measurement.
func prepareModules(cfg config, tree string) {
	_ = filepath.WalkDir(tree, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			switch d.Name() {
			case "vendor", "testdata", "node_modules", ".git":
				return filepath.SkipDir
			}
			return nil
		}
		if d.Name() != "go.mod" {
			return nil
		}
		cmd := exec.Command("go", "list", "-mod=mod", "-e", "-deps", "./...")
		cmd.Dir = filepath.Dir(p)
		cmd.Env = append(slices.Clip(cfg.goEnv), "GOWORK=off")
		_ = cmd.Run()
		return nil
	})
}

// A result is one app's run.
type result struct {
	App       string      `json:"app"`
	Repo      string      `json:"repo"`
	Commit    string      `json:"commit"`
	Covers    []string    `json:"covers"`
	Skipped   string      `json:"skipped,omitempty"`
	LoadError string      `json:"load_error,omitempty"` // faasvet exited 2
	Seconds   float64     `json:"seconds"`
	Score     *score      `json:"score,omitempty"`
	Mutations []mutResult `json:"mutations,omitempty"`
	app       *app
}

func (r *result) oneLine() string {
	if r.Skipped != "" {
		return "skipped: " + r.Skipped
	}
	s := r.Score
	line := fmt.Sprintf("functions %d/%d, routes %d/%d (typed %d), findings E/W %d (false %d, unjudged %d)",
		s.FunctionsFound, s.Functions, s.RoutesFound, s.Recoverable, s.Typed, len(s.Findings), s.FalseAlarms, s.Unj)
	if r.LoadError != "" {
		line += ", load error: " + firstLine(r.LoadError)
	}
	if len(r.Mutations) > 0 {
		rep, app := mutationTotals(r.Mutations)
		line += fmt.Sprintf(", mutations reported %d/%d", rep, app)
	}
	return line
}

func runApp(cfg config, a *app) *result {
	r := &result{App: a.Name, Repo: a.Repo, Commit: a.Commit, Covers: a.Covers, app: a}
	start := time.Now()
	defer func() { r.Seconds = time.Since(start).Seconds() }()
	src, err := checkout(cfg.mirror, cfg.work, a)
	if err != nil {
		r.Skipped = err.Error()
		if !errors.Is(err, errNoMirror) {
			r.Skipped = "checkout failed: " + err.Error()
		}
		return r
	}
	// Everything runs on a scratch copy: go may add go.sum lines, and the
	// mutations edit files.
	scratch := filepath.Join(cfg.work, "scratch", a.Name)
	if err := os.RemoveAll(scratch); err != nil {
		r.Skipped = err.Error()
		return r
	}
	if err := treecopy.Copy(src, scratch); err != nil {
		r.Skipped = "copy: " + err.Error()
		return r
	}
	prepareModules(cfg, scratch)
	raw := ""
	if cfg.out != "" {
		raw = filepath.Join(cfg.out, a.Name)
	}
	g, fs, loadErr := analyse(cfg, a, scratch, raw)
	r.LoadError = loadErr
	r.Score = match(a, g, fs)
	if cfg.mutate {
		r.Mutations = mutateRoutes(cfg, a, scratch, r.Score, fs, loadErr)
	}
	return r
}

// analyse runs faasvet graph and faasvet check on the app's root, saving
// their raw outputs under rawDir when it is not empty.
func analyse(cfg config, a *app, tree, rawDir string) (*graphJSON, []finding, string) {
	dir := filepath.Join(tree, filepath.FromSlash(a.Root))
	g := &graphJSON{}
	var loadErr []string
	// Exit status 2 with a document on standard output is a partial run
	// (some packages did not load): what loaded counts, as a user sees it.
	out, errOut, code := cfg.faasvetRun(dir, append([]string{"graph", "--format", "json"}, a.Patterns...)...)
	if code != 0 && code != 1 {
		loadErr = append(loadErr, fmt.Sprintf("graph exited %d: %s", code, strings.TrimSpace(string(errOut))))
	}
	if len(bytes.TrimSpace(out)) > 0 {
		if err := json.Unmarshal(out, g); err != nil {
			loadErr = append(loadErr, "graph: "+err.Error())
		}
	}
	var c report.JSONReport
	cout, cerr, ccode := cfg.faasvetRun(dir, append([]string{"check", "--format", "json", "--fail-on", "never"}, a.Patterns...)...)
	if ccode != 0 && ccode != 1 {
		loadErr = append(loadErr, fmt.Sprintf("check exited %d: %s", ccode, strings.TrimSpace(string(cerr))))
	}
	if len(bytes.TrimSpace(cout)) > 0 {
		if err := json.Unmarshal(cout, &c); err != nil {
			loadErr = append(loadErr, "check: "+err.Error())
		}
	}
	if rawDir != "" {
		_ = os.MkdirAll(rawDir, 0o755)
		_ = os.WriteFile(filepath.Join(rawDir, "graph.json"), out, 0o644)
		_ = os.WriteFile(filepath.Join(rawDir, "check.json"), cout, 0o644)
		_ = os.WriteFile(filepath.Join(rawDir, "stderr.txt"), append(errOut, cerr...), 0o644)
	}
	return g, c.Diagnostics, strings.Join(loadErr, "\n")
}

// faasvetRun runs the binary under test in dir and returns its standard
// output, standard error and exit status (-1 when it could not run).
func (cfg config) faasvetRun(dir string, args ...string) ([]byte, []byte, int) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, cfg.faasvet, append([]string{"-C", dir}, args...)...)
	cmd.Env = cfg.goEnv
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return stdout.Bytes(), stderr.Bytes(), ee.ExitCode()
		}
		return stdout.Bytes(), append(stderr.Bytes(), err.Error()...), -1
	}
	return stdout.Bytes(), stderr.Bytes(), 0
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}
