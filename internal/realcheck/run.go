package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/faasvet/faasvet/internal/treecopy"
)

// A result is what one module's run found.
type result struct {
	Module  string `json:"module"`
	Version string `json:"version"`
	FaaS    bool   `json:"faas"`
	// Skipped says why the module was not analysed: it cannot be had
	// here, which is not faasvet's doing.
	Skipped string `json:"skipped,omitempty"`

	Packages  int           `json:"packages"`   // go list ./...
	Broken    int           `json:"broken"`     // of which go list reports errors
	Prepare   time.Duration `json:"prepare_ns"` // download and warm the build cache
	Check     run           `json:"check"`
	Graph     run           `json:"graph"`
	Findings  []finding     `json:"findings"`
	Functions int           `json:"functions"` // in the graph
	Routes    int           `json:"routes"`    // in the graph
	Channels  int           `json:"channels"`  // in the graph
	// Crashes are panics, internal errors and unexpected exit statuses.
	Crashes []string `json:"crashes,omitempty"`
	// Written are files that check or graph created, changed or removed.
	Written []string `json:"written,omitempty"`
	// Unexpected are error- and warning-level findings by check beyond
	// what the module list expects.
	Unexpected []string `json:"unexpected,omitempty"`

	expect map[string]int
}

// A run is one timed faasvet command.
type run struct {
	Wall      time.Duration `json:"wall_ns"`
	CPU       time.Duration `json:"cpu_ns"`
	MaxRSS    int64         `json:"maxrss_kb"` // the largest process of the tree
	Exit      int           `json:"exit"`
	LoadError int           `json:"load_errors"` // lines on standard error
}

// A finding is the part of faasvet's JSON the table needs.
type finding struct {
	Check    string `json:"check"`
	Severity string `json:"severity"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	Message  string `json:"message"`
}

func (r *result) oneLine() string {
	if r.Skipped != "" {
		return "skipped: " + r.Skipped
	}
	s := fmt.Sprintf("%d packages, check %s %s exit %d, %d findings", r.Packages,
		r.Check.Wall.Round(100*time.Millisecond), mib(r.Check.MaxRSS), r.Check.Exit, len(r.Findings))
	if len(r.Crashes) > 0 {
		s += fmt.Sprintf(", %d CRASHES", len(r.Crashes))
	}
	return s
}

func mib(kb int64) string { return fmt.Sprintf("%d MiB", (kb+512)/1024) }

// runModule downloads, prepares and analyses one module.
func runModule(cfg config, m module) *result {
	r := &result{Module: m.Path, Version: m.Version, FaaS: m.FaaS, expect: m.Expect}
	start := time.Now()
	dir, why := prepare(cfg, m)
	r.Prepare = time.Since(start)
	if why != "" {
		r.Skipped = why
		return r
	}
	pkgs, broken, err := listPackages(cfg, dir)
	if err != nil {
		r.Skipped = "go list: " + err.Error()
		return r
	}
	r.Packages, r.Broken = pkgs, broken
	// Warm the build cache as go/packages will use it, so that the
	// timings are faasvet's own.
	if _, err := goCmd(cfg, dir, "list", "-e", "-export", "-deps", "./..."); err != nil {
		r.Skipped = "go list -export: " + err.Error()
		return r
	}
	r.Prepare = time.Since(start)

	raw := filepath.Join(cfg.out, "raw", strings.ReplaceAll(m.Path, "/", "_"))
	_ = os.MkdirAll(raw, 0o755)
	before := snapshot(dir)

	var stdout, stderr []byte
	r.Check, stdout, stderr = timed(cfg, dir, "check", "--format", "json", "--fail-on", "never", "./...")
	_ = os.WriteFile(filepath.Join(raw, "check.json"), stdout, 0o644)
	_ = os.WriteFile(filepath.Join(raw, "check.stderr"), stderr, 0o644)
	r.Crashes = append(r.Crashes, crashes("check", r.Check.Exit, stderr)...)
	var out struct {
		Diagnostics []finding `json:"diagnostics"`
	}
	if len(stdout) > 0 {
		if err := json.Unmarshal(stdout, &out); err != nil {
			r.Crashes = append(r.Crashes, "check: the JSON output does not parse: "+err.Error())
		}
	}
	r.Findings = out.Diagnostics
	for _, f := range r.Findings {
		if f.Check == "internal-error" {
			r.Crashes = append(r.Crashes, fmt.Sprintf("check: %s:%d: %s", f.File, f.Line, f.Message))
		}
	}

	r.Graph, stdout, stderr = timed(cfg, dir, "graph", "--format", "json", "./...")
	_ = os.WriteFile(filepath.Join(raw, "graph.json"), stdout, 0o644)
	_ = os.WriteFile(filepath.Join(raw, "graph.stderr"), stderr, 0o644)
	r.Crashes = append(r.Crashes, crashes("graph", r.Graph.Exit, stderr)...)
	var g struct {
		Functions []json.RawMessage `json:"functions"`
		Channels  []json.RawMessage `json:"channels"`
		Routes    []json.RawMessage `json:"routes"`
	}
	if len(stdout) > 0 {
		if err := json.Unmarshal(stdout, &g); err != nil {
			r.Crashes = append(r.Crashes, "graph: the JSON output does not parse: "+err.Error())
		}
	}
	r.Functions, r.Channels, r.Routes = len(g.Functions), len(g.Channels), len(g.Routes)

	r.Written = changed(before, snapshot(dir))
	r.Unexpected = unexpected(r.Findings, m.Expect)
	return r
}

// prepare downloads the module and copies it to a writable directory. A
// non-empty reason means the module cannot be had here.
func prepare(cfg config, m module) (dir, reason string) {
	out, err := goCmd(cfg, cfg.work, "mod", "download", "-json", m.Path+"@"+m.Version)
	var info struct {
		Dir, GoMod, Error string
	}
	if jerr := json.Unmarshal(out, &info); jerr != nil || info.Error != "" || err != nil {
		msg := info.Error
		if msg == "" && err != nil {
			msg = err.Error()
		}
		return "", "not served: " + firstLine(msg)
	}
	dir = filepath.Join(cfg.work, strings.ReplaceAll(m.Path, "/", "_")+"@"+m.Version)
	_ = os.RemoveAll(dir)
	if err := treecopy.Copy(info.Dir, dir); err != nil { // writable, so that go list may update go.sum
		return "", "copy: " + err.Error()
	}
	if v := goVersion(filepath.Join(dir, "go.mod")); v != "" && newerGo(v) {
		return "", "needs go " + v
	}
	if err := dropLocalReplaces(cfg, dir); err != nil {
		return "", "go mod edit: " + err.Error()
	}
	return dir, ""
}

// dropLocalReplaces removes the replace directives that point into the
// module's own repository (the aws-sdk-go-v2 service modules replace the
// core module with ../../, OpenTelemetry its nested modules with ./log):
// the copy has no such directory, and a user who requires the module
// never sees its replaces either.
func dropLocalReplaces(cfg config, dir string) error {
	out, err := goCmd(cfg, dir, "mod", "edit", "-json")
	if err != nil {
		return err
	}
	var mod struct {
		Replace []struct {
			Old struct{ Path, Version string }
			New struct{ Path, Version string }
		}
	}
	if err := json.Unmarshal(out, &mod); err != nil {
		return err
	}
	var args []string
	for _, r := range mod.Replace {
		if r.New.Version != "" { // a module, not a directory
			continue
		}
		// A directory inside the module that holds a module stays; one
		// outside it, or a nested module (which module zips leave out), is
		// a part of the repository that the copy does not have.
		if rel, err := filepath.Rel(dir, filepath.Join(dir, r.New.Path)); err == nil && !filepath.IsAbs(r.New.Path) &&
			rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			if _, err := os.Stat(filepath.Join(dir, rel, "go.mod")); err == nil {
				continue
			}
		}
		old := r.Old.Path
		if r.Old.Version != "" {
			old += "@" + r.Old.Version
		}
		args = append(args, "-dropreplace="+old)
	}
	if len(args) == 0 {
		return nil
	}
	_, err = goCmd(cfg, dir, append([]string{"mod", "edit"}, args...)...)
	return err
}

var goLine = regexp.MustCompile(`(?m)^go\s+([0-9][0-9.]*)`)

func goVersion(gomod string) string {
	data, err := os.ReadFile(gomod)
	if err != nil {
		return ""
	}
	if m := goLine.FindSubmatch(data); m != nil {
		return string(m[1])
	}
	return ""
}

// newerGo reports whether a go.mod's go version is newer than the
// toolchain running us (GOTOOLCHAIN=local: no other is fetched).
func newerGo(v string) bool {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return false
	}
	have := strings.TrimPrefix(strings.TrimSpace(string(out)), "go")
	return compareVersions(v, have) > 0
}

// compareVersions compares dotted Go versions numerically.
func compareVersions(a, b string) int {
	as, bs := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < max(len(as), len(bs)); i++ {
		var x, y int
		if i < len(as) {
			_, _ = fmt.Sscan(as[i], &x)
		}
		if i < len(bs) {
			_, _ = fmt.Sscan(bs[i], &y)
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

// listPackages counts the module's packages, and those go list cannot
// load. It also downloads the dependencies and completes go.sum.
func listPackages(cfg config, dir string) (pkgs, broken int, err error) {
	out, err := goCmd(cfg, dir, "list", "-e", "-f", "{{if .Error}}!{{end}}{{.ImportPath}}", "./...")
	if err != nil && len(out) == 0 {
		return 0, 0, err
	}
	for line := range strings.SplitSeq(strings.TrimSpace(string(out)), "\n") {
		if line == "" {
			continue
		}
		pkgs++
		if strings.HasPrefix(line, "!") {
			broken++
		}
	}
	return pkgs, broken, nil
}

// env is the environment of every command: the local toolchain only, no
// workspace, and go.mod updates allowed while preparing.
func env(mod string) []string {
	e := slices.DeleteFunc(os.Environ(), func(s string) bool {
		return strings.HasPrefix(s, "GOFLAGS=") || strings.HasPrefix(s, "GOWORK=") || strings.HasPrefix(s, "GOTOOLCHAIN=")
	})
	return append(e, "GOFLAGS=-mod="+mod+" -buildvcs=false", "GOWORK=off", "GOTOOLCHAIN=local")
}

// goCmd runs the go command for preparation; its output is standard
// output, with standard error in the error.
func goCmd(cfg config, dir string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	cmd.Env = env("mod")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("%w: %s", err, firstLine(stderr.String()))
	}
	return out, nil
}

// timed runs faasvet with -C dir, read-only as a user's CI runs it
// (-mod=readonly), and measures it as /usr/bin/time -v does.
func timed(cfg config, dir string, args ...string) (run, []byte, []byte) {
	ctx, cancel := context.WithTimeout(context.Background(), cfg.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, cfg.faasvet, append([]string{"-C", dir}, args...)...)
	cmd.Env = env("readonly")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	r := run{Wall: time.Since(start), Exit: -1}
	if cmd.ProcessState != nil {
		r.Exit = cmd.ProcessState.ExitCode()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			r.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
			r.MaxRSS = ru.Maxrss // KiB on Linux
		}
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		fmt.Fprintf(&stderr, "\nrealcheck: timed out after %s\n", cfg.timeout)
	} else if err != nil && cmd.ProcessState == nil {
		fmt.Fprintf(&stderr, "\nrealcheck: %v\n", err)
	}
	for line := range strings.SplitSeq(stderr.String(), "\n") {
		if strings.TrimSpace(line) != "" {
			r.LoadError++
		}
	}
	return r, stdout.Bytes(), stderr.Bytes()
}

// crashes finds the signs of a crash in one command's exit status and
// standard error. Exit 2 with the loader's errors is faasvet doing its
// job on code that does not build; a panic or a signal is not.
func crashes(cmd string, exit int, stderr []byte) []string {
	var out []string
	if exit < 0 || exit > 2 {
		out = append(out, fmt.Sprintf("%s: exit status %d", cmd, exit))
	}
	for _, sign := range []string{"panic:", "fatal error:", "goroutine ", "realcheck: timed out"} {
		if i := bytes.Index(stderr, []byte(sign)); i >= 0 {
			out = append(out, fmt.Sprintf("%s: %s", cmd, firstLine(string(stderr[i:]))))
			break
		}
	}
	return out
}

// unexpected lists the checks with more error- and warning-level
// findings than expected.
func unexpected(fs []finding, expect map[string]int) []string {
	got := map[string]int{}
	for _, f := range fs {
		if f.Severity == "error" || f.Severity == "warning" {
			got[f.Check]++
		}
	}
	var out []string
	for _, c := range sortedKeys(got) {
		if got[c] > expect[c] {
			out = append(out, fmt.Sprintf("%s: %d, expected %d", c, got[c], expect[c]))
		}
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// A fileState is what snapshot records of a file.
type fileState struct {
	size    int64
	modTime time.Time
	mode    fs.FileMode
}

// snapshot records every file under dir, so that a run that writes one
// is caught.
func snapshot(dir string) map[string]fileState {
	out := map[string]fileState{}
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fileState{info.Size(), info.ModTime(), info.Mode()}
		return nil
	})
	return out
}

// changed lists the files created, changed or removed between two
// snapshots, sorted.
func changed(before, after map[string]fileState) []string {
	var out []string
	for p, a := range after {
		b, ok := before[p]
		switch {
		case !ok:
			out = append(out, "created "+p)
		case a != b && !a.mode.IsDir():
			out = append(out, "changed "+p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			out = append(out, "removed "+p)
		}
	}
	slices.Sort(out)
	return out
}

// failures are what fails a -check run.
func failures(results []*result) []string {
	var out []string
	for _, r := range results {
		for _, c := range r.Crashes {
			out = append(out, r.Module+": crash: "+c)
		}
		for _, w := range r.Written {
			out = append(out, r.Module+": faasvet wrote a file: "+w)
		}
		for _, u := range r.Unexpected {
			out = append(out, r.Module+": unexpected findings: "+u)
		}
	}
	return out
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
