package main

import (
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// An app is one ground-truth file: facts about a public app, read by a
// person from its code and infrastructure (SCHEMA.md says how).
type app struct {
	Name     string    `yaml:"name"`
	Repo     string    `yaml:"repo"`
	Commit   string    `yaml:"commit"`
	Root     string    `yaml:"root"`
	Patterns []string  `yaml:"patterns"`
	Covers   []string  `yaml:"covers"`
	About    string    `yaml:"about"`
	Funcs    []fn      `yaml:"functions"`
	Routes   []route   `yaml:"routes"`
	Programs []program `yaml:"programs"`
	Problems []problem `yaml:"problems"`
	Verdicts []verdict `yaml:"verdicts"`
	Notes    string    `yaml:"notes"`

	file string // where it was read from
}

type fn struct {
	Dir      string `yaml:"dir"`
	Entry    string `yaml:"entry"` // the entry point or Go func, where a directory holds several functions
	Platform string `yaml:"platform"`
	Input    string `yaml:"input"`
	Output   string `yaml:"output"`
	Note     string `yaml:"note"`
}

type route struct {
	From         string `yaml:"from"`
	Via          string `yaml:"via"`
	To           string `yaml:"to"`
	ProducerType string `yaml:"producer_type"`
	ConsumerType string `yaml:"consumer_type"`
	Evidence     string `yaml:"evidence"`
	Recoverable  *bool  `yaml:"recoverable"`
	Reason       string `yaml:"reason"`
	Note         string `yaml:"note"`
}

// recoverable reports whether the repository reveals the route; a route
// says so unless it is marked otherwise.
func (r route) recoverable() bool { return r.Recoverable == nil || *r.Recoverable }

type program struct {
	Dir  string `yaml:"dir"`
	Note string `yaml:"note"`
}

type problem struct {
	Summary string `yaml:"summary"`
	Check   string `yaml:"check"`
	At      string `yaml:"at"`
	Proof   string `yaml:"proof"`
}

// A verdict is a person's judgement of one error- or warning-level
// finding faasvet reports on the app: true when it is a real problem,
// false when it is a false alarm, with the reason. Findings are matched
// by check, file and a message substring, never by line alone, so that
// a verdict survives faasvet moving a finding's column.
type verdict struct {
	Check   string `yaml:"check"`
	File    string `yaml:"file"` // relative to the repository root
	Message string `yaml:"message"`
	Real    bool   `yaml:"real"`
	Why     string `yaml:"why"`
}

var (
	nameRE   = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	commitRE = regexp.MustCompile(`^[0-9a-f]{40}$`)
	repoRE   = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$`)
)

// loadApps reads every *.yaml in dir whose name (without .yaml) keep
// accepts, sorted by name, and fails on the first file that does not
// follow the schema: a ground truth that does not parse must not
// silently score zero.
func loadApps(dir string, keep func(name string) bool) ([]*app, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var apps []*app
	for _, f := range files {
		if keep != nil && !keep(strings.TrimSuffix(filepath.Base(f), ".yaml")) {
			continue
		}
		a, err := loadApp(f)
		if err != nil {
			return nil, err
		}
		apps = append(apps, a)
	}
	return apps, nil
}

func loadApp(file string) (*app, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var a app
	dec := yaml.NewDecoder(strings.NewReader(string(data)))
	dec.KnownFields(true)
	if err := dec.Decode(&a); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	a.file = file
	if err := a.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return &a, nil
}

func (a *app) validate() error {
	want := strings.TrimSuffix(filepath.Base(a.file), ".yaml")
	switch {
	case !nameRE.MatchString(a.Name):
		return fmt.Errorf("name %q: want lower-case letters, digits and dashes", a.Name)
	case a.Name != want:
		return fmt.Errorf("name %q does not match the file name %q", a.Name, want)
	case !repoRE.MatchString(a.Repo):
		return fmt.Errorf("repo %q: want owner/name", a.Repo)
	case !commitRE.MatchString(a.Commit):
		return fmt.Errorf("commit %q: want 40 lower-case hex digits", a.Commit)
	case len(a.Funcs) == 0:
		return fmt.Errorf("no functions")
	}
	if a.Root == "" {
		a.Root = "."
	}
	a.Root = cleanDir(a.Root)
	if len(a.Patterns) == 0 {
		a.Patterns = []string{"./..."}
	}
	dirs := map[string]bool{}
	entries := map[string]bool{}
	for i := range a.Funcs {
		f := &a.Funcs[i]
		if f.Dir == "" {
			return fmt.Errorf("function %d has no dir", i+1)
		}
		f.Dir = cleanDir(f.Dir)
		// Several functions may share a package (GCF entry points, SAM
		// functions over one CodeUri); they are told apart by entry.
		k := f.Dir + "\x00" + f.Entry
		if entries[k] {
			return fmt.Errorf("function dir %s listed twice without distinct entry: values", f.Dir)
		}
		entries[k] = true
		dirs[f.Dir] = true
	}
	progs := map[string]bool{}
	for i := range a.Programs {
		a.Programs[i].Dir = cleanDir(a.Programs[i].Dir)
		progs[a.Programs[i].Dir] = true
	}
	for i := range a.Routes {
		r := &a.Routes[i]
		r.From, r.To = cleanDir(r.From), cleanDir(r.To)
		if !dirs[r.From] && !progs[r.From] {
			return fmt.Errorf("route %d: from %s is neither a function nor a program dir", i+1, r.From)
		}
		if !dirs[r.To] {
			return fmt.Errorf("route %d: to %s is not a function dir", i+1, r.To)
		}
		if !r.recoverable() && strings.TrimSpace(r.Reason) == "" {
			return fmt.Errorf("route %d (%s -> %s) is not recoverable but gives no reason", i+1, r.From, r.To)
		}
	}
	for i, v := range a.Verdicts {
		if v.Check == "" || v.File == "" || strings.TrimSpace(v.Why) == "" {
			return fmt.Errorf("verdict %d needs check, file and why", i+1)
		}
	}
	return nil
}

// cleanDir makes a ground-truth directory comparable with the ones
// faasvet reports: slash-separated, relative, no trailing slash.
func cleanDir(d string) string {
	d = path.Clean(filepath.ToSlash(strings.TrimSpace(d)))
	d = strings.TrimPrefix(d, "./")
	if d == "" {
		return "."
	}
	return d
}
