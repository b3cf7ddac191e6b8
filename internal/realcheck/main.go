package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

func main() {
	os.Exit(realMain(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	faasvet string        // the binary under test
	out     string        // where results go
	work    string        // where the modules are copied
	timeout time.Duration // per command
	check   bool          // fail on crashes and unexpected findings
	keep    bool          // keep the copies
}

func realMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("realcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var cfg config
	short := fs.Bool("short", false, "run the CI subset only (implies -check)")
	runRE := fs.String("run", "", "run only the modules whose path matches `regexp`")
	fs.StringVar(&cfg.faasvet, "faasvet", "", "faasvet `binary` to test (default: built from this repository)")
	fs.StringVar(&cfg.out, "out", "", "write results.json, table.md, findings.md and the raw outputs to `dir` (default: a temporary directory)")
	fs.DurationVar(&cfg.timeout, "timeout", 20*time.Minute, "give up on a command after `duration`")
	fs.BoolVar(&cfg.check, "check", false, "exit 1 on a crash, a written file or an unexpected finding")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the copies of the modules (under -out)")
	merge := fs.String("merge", "", "print the table of earlier runs' comma-separated results.json `files` (a later run of a module wins) and run nothing")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *merge != "" {
		results, total, err := readResults(strings.Split(*merge, ","))
		if err == nil && cfg.out != "" {
			err = writeResults(cfg.out, results, total)
		}
		if err == nil {
			err = writeTable(stdout, results, total)
		}
		if err != nil {
			fmt.Fprintln(stderr, "realcheck: -merge:", err)
			return 2
		}
		return 0
	}
	if *short {
		cfg.check = true
	}
	var re *regexp.Regexp
	if *runRE != "" {
		var err error
		if re, err = regexp.Compile(*runRE); err != nil {
			fmt.Fprintln(stderr, "realcheck: -run:", err)
			return 2
		}
	}
	var list []module
	for _, m := range modules {
		if (*short && !m.Short) || (re != nil && !re.MatchString(m.Path)) {
			continue
		}
		list = append(list, m)
	}
	if len(list) == 0 {
		fmt.Fprintln(stderr, "realcheck: no module selected")
		return 2
	}

	if cfg.out == "" {
		dir, err := os.MkdirTemp("", "realcheck-")
		if err != nil {
			fmt.Fprintln(stderr, "realcheck:", err)
			return 2
		}
		cfg.out = dir
	}
	if err := os.MkdirAll(cfg.out, 0o755); err != nil {
		fmt.Fprintln(stderr, "realcheck:", err)
		return 2
	}
	work, err := os.MkdirTemp("", "realcheck-work-")
	if err != nil {
		fmt.Fprintln(stderr, "realcheck:", err)
		return 2
	}
	cfg.work = work
	if cfg.keep {
		cfg.work = filepath.Join(cfg.out, "src")
	}
	defer func() {
		if !cfg.keep {
			_ = os.RemoveAll(work)
		}
	}()
	if cfg.faasvet == "" {
		bin := filepath.Join(work, "faasvet")
		build := exec.Command("go", "build", "-o", bin, "./cmd/faasvet")
		build.Dir = repoRoot()
		build.Stdout, build.Stderr = stderr, stderr
		if err := build.Run(); err != nil {
			fmt.Fprintln(stderr, "realcheck: building faasvet:", err)
			return 2
		}
		cfg.faasvet = bin
	}

	start := time.Now()
	var results []*result
	for _, m := range list {
		fmt.Fprintf(stderr, "realcheck: %s@%s ...", m.Path, m.Version)
		r := runModule(cfg, m)
		fmt.Fprintf(stderr, " %s\n", r.oneLine())
		results = append(results, r)
	}
	total := time.Since(start)

	if err := writeResults(cfg.out, results, total); err != nil {
		fmt.Fprintln(stderr, "realcheck:", err)
		return 2
	}
	if err := writeTable(stdout, results, total); err != nil {
		return 2
	}
	fmt.Fprintf(stderr, "realcheck: results in %s\n", cfg.out)
	if cfg.check {
		if bad := failures(results); len(bad) > 0 {
			for _, b := range bad {
				fmt.Fprintln(stderr, "realcheck: FAIL:", b)
			}
			return 1
		}
	}
	return 0
}

// repoRoot is the root of this repository: go run runs in the caller's
// directory, so find the module root by go env GOMOD.
func repoRoot() string {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil || len(out) < 2 {
		return "."
	}
	return filepath.Dir(string(out[:len(out)-1]))
}

// writeResults writes the machine-readable results and the Markdown
// files under dir.
func writeResults(dir string, results []*result, total time.Duration) error {
	data, err := json.MarshalIndent(struct {
		Total   time.Duration `json:"total_ns"`
		Modules []*result     `json:"modules"`
	}{total, results}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), append(data, '\n'), 0o644); err != nil {
		return err
	}
	tf, err := os.Create(filepath.Join(dir, "table.md"))
	if err != nil {
		return err
	}
	if err := writeTable(tf, results, total); err != nil {
		_ = tf.Close()
		return err
	}
	if err := tf.Close(); err != nil {
		return err
	}
	ff, err := os.Create(filepath.Join(dir, "findings.md"))
	if err != nil {
		return err
	}
	if err := writeFindings(ff, results); err != nil {
		_ = ff.Close()
		return err
	}
	return ff.Close()
}

// readResults reads the results.json files of earlier runs, in the order
// of the module list; a module in several files takes its last result.
func readResults(files []string) ([]*result, time.Duration, error) {
	byModule := map[string]*result{}
	var total time.Duration
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, 0, err
		}
		var run struct {
			Total   time.Duration `json:"total_ns"`
			Modules []*result     `json:"modules"`
		}
		if err := json.Unmarshal(data, &run); err != nil {
			return nil, 0, fmt.Errorf("%s: %w", f, err)
		}
		total += run.Total
		for _, r := range run.Modules {
			byModule[r.Module] = r
		}
	}
	var out []*result
	for _, m := range modules {
		if r := byModule[m.Path]; r != nil {
			out = append(out, r)
			delete(byModule, m.Path)
		}
	}
	rest := sortedKeys(byModule)
	for _, k := range rest {
		out = append(out, byModule[k])
	}
	return out, total, nil
}
