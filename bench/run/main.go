package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/faasvet/faasvet/internal/cache"
	"github.com/faasvet/faasvet/internal/treecopy"

	"github.com/faasvet/faasvet/bench/internal/synth"
)

// The tools, in the order each run times them.
const (
	toolCheck   = "faasvet check"
	toolVet     = "go vet"
	toolVettool = "go vet -vettool=faasvet"
	toolFloor   = "load floor"
)

var tools = []string{toolCheck, toolVet, toolVettool, toolFloor}

// A target is one tree to measure.
type target struct {
	Name     string // n1000, golang.org/x/tools@v0.52.0
	Dir      string
	N        int         // functions; 0 for a real module
	Helpers  bool        `json:"helpers,omitempty"` // a synthetic tree with its sends in helper packages
	plan     *synth.Plan // nil for a real module
	Packages int         `json:"packages"`
	Findings int         `json:"findings"` // faasvet check's, in the warm-up run
	// Samples holds each tool's runs.
	Samples map[string][]sample `json:"samples"`
	// Mismatch says how faasvet's findings differ from the seeds; "" when
	// they are exactly the seeds.
	Mismatch string `json:"mismatch,omitempty"`
	// Load is the 1-minute load average before and after the timed runs:
	// the machine is shared, and wall times follow it.
	Load [2]string `json:"load"`
	// EditFile is the file, slash-separated and relative to Dir, that
	// -cache appends a comment line to before timing modeEdited.
	EditFile string `json:"edit_file,omitempty"`
}

type options struct {
	sizes []int
	real  []string
	runs  int
	k     int
	out   string
	md    string
	check bool
	// helpers generates the synthetic trees with their sends in helper
	// packages (synth.Config.Helpers).
	helpers bool
	// cache also times faasvet check with its cache: cold, warm and
	// after one file is edited (cacheModes).
	cache bool
	from  []string
	bin   string // a faasvet binary to measure instead of building one
}

func main() {
	var o options
	sizes := flag.String("sizes", "10,100,1000,5000", "comma-separated numbers of functions of the synthetic trees")
	real := flag.String("real", "golang.org/x/tools@v0.52.0,google.golang.org/grpc@v1.85.0", "comma-separated MODULE@VERSION to measure too ('' for none)")
	flag.IntVar(&o.runs, "runs", 5, "timed runs of each tool on each tree")
	flag.IntVar(&o.k, "k", 0, "seeded findings of each kind (0: the generator's default)")
	flag.StringVar(&o.out, "out", "bench/out", "work `directory` for the trees, binaries and results")
	flag.StringVar(&o.md, "md", "", "also write the markdown table to `file`")
	flag.BoolVar(&o.helpers, "helpers", false, "generate the synthetic trees with every send in shared helper packages (an interface, a constructor, a generic func), which faasvet follows through its facts")
	flag.BoolVar(&o.check, "check", false, "smoke test: run faasvet check, go vet -vettool and the floor once, untimed, and fail unless they report exactly the seeded findings")
	flag.BoolVar(&o.cache, "cache", false, "also time faasvet check with its cache in each run: cold (a fresh directory), warm (the same, nothing changed) and after a comment line is appended to one file; each must print what the run without the cache printed (with -check: once, untimed)")
	flag.StringVar(&o.bin, "faasvet", "", "measure this faasvet `binary` instead of building ./cmd/faasvet (to compare runs of one version)")
	from := flag.String("from", "", "measure nothing: print the table of these comma-separated results.json `files` together")
	flag.Parse()
	if *from != "" {
		o.from = strings.Split(*from, ",")
	}
	for f := range strings.SplitSeq(*sizes, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 1 {
			fatalf("-sizes: bad size %q", f)
		}
		o.sizes = append(o.sizes, n)
	}
	for m := range strings.SplitSeq(*real, ",") {
		if m = strings.TrimSpace(m); m != "" {
			o.real = append(o.real, m)
		}
	}
	if o.runs < 1 {
		fatalf("-runs must be at least 1")
	}
	if err := run(o, os.Stdout); err != nil {
		fatalf("%v", err)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench/run: "+format+"\n", args...)
	os.Exit(1)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

func run(o options, stdout io.Writer) error {
	if len(o.from) > 0 {
		return merge(o, stdout)
	}
	out, err := filepath.Abs(o.out)
	if err != nil {
		return err
	}
	bin := filepath.Join(out, "bin")
	if err := os.MkdirAll(bin, 0o755); err != nil {
		return err
	}
	faasvet, floor := filepath.Join(bin, "faasvet"), filepath.Join(bin, "floor")
	logf("building faasvet and the load floor")
	if o.bin != "" {
		data, err := os.ReadFile(o.bin)
		if err != nil {
			return err
		}
		if err := os.WriteFile(faasvet, data, 0o755); err != nil {
			return err
		}
	} else if err := goCmd("", "build", "-o", faasvet, "./cmd/faasvet"); err != nil {
		return err
	}
	if err := goCmd("", "build", "-o", floor, "./bench/floor"); err != nil {
		return err
	}
	var targets []*target
	for _, n := range o.sizes {
		t, err := synthetic(out, n, o.k, o.helpers)
		if err != nil {
			return err
		}
		targets = append(targets, t)
	}
	for _, m := range o.real {
		t, err := realModule(out, m)
		if err != nil {
			return err
		}
		targets = append(targets, t)
	}
	// results.json is rewritten after every run, so that an interrupted
	// harness leaves what it measured (merge it with -from).
	save := func() error {
		if o.check {
			return nil
		}
		data, err := json.MarshalIndent(targets, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(out, "results.json"), data, 0o644)
	}
	h := &harness{faasvet: faasvet, floor: floor, out: out, bin: bin, nonce: time.Now().UnixNano(), save: save}
	var failed []string
	for _, t := range targets {
		if err := h.measure(t, o); err != nil {
			return fmt.Errorf("%s: %w", t.Name, err)
		}
		if t.Mismatch != "" {
			failed = append(failed, t.Name+": "+t.Mismatch)
		}
	}
	if !o.check {
		if err := writeTable(o, stdout, targets); err != nil {
			return err
		}
	}
	if len(failed) > 0 {
		return errors.New("faasvet check did not report exactly the seeded findings:\n" + strings.Join(failed, "\n"))
	}
	for _, t := range targets {
		if t.plan != nil {
			fmt.Fprintf(stdout, "%s: faasvet check reported exactly the %d seeded findings\n", t.Name, len(t.plan.Seeds))
		}
	}
	return nil
}

func writeTable(o options, stdout io.Writer, targets []*target) error {
	table := markdown(targets, o.runs)
	fmt.Fprint(stdout, table)
	if o.md != "" {
		return os.WriteFile(o.md, []byte(table), 0o644)
	}
	return nil
}

// merge prints one table for the targets of several runs' results.json.
func merge(o options, stdout io.Writer) error {
	var targets []*target
	for _, f := range o.from {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		var ts []*target
		if err := json.Unmarshal(data, &ts); err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		targets = append(targets, ts...)
	}
	// The synthetic trees first, by size, as a single run lists them;
	// then the real modules in the order given.
	slices.SortStableFunc(targets, func(a, b *target) int {
		switch {
		case a.N > 0 && b.N > 0:
			return a.N - b.N
		case a.N > 0:
			return -1
		case b.N > 0:
			return 1
		}
		return 0
	})
	return writeTable(o, stdout, targets)
}

// goCmd runs the go command in dir, its output on standard error.
func goCmd(dir string, args ...string) error {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
	}
	return nil
}

// synthetic writes the tree of n functions afresh: the generator may
// have changed. Unchanged files keep their build cache entries.
func synthetic(out string, n, k int, helpers bool) (*target, error) {
	dir, name := filepath.Join(out, fmt.Sprintf("n%d", n)), fmt.Sprintf("N = %d", n)
	if helpers {
		dir, name = dir+"-helpers", name+", helpers"
	}
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	logf("generating %d functions in %s", n, dir)
	plan, err := synth.Generate(dir, synth.Config{N: n, K: k, Helpers: helpers})
	if err != nil {
		return nil, err
	}
	if err := synth.Tidy(dir); err != nil {
		return nil, err
	}
	return &target{Name: name, Dir: dir, N: n, Helpers: helpers, plan: plan, Packages: plan.Packages}, nil
}

// realModule copies a module from the module cache (downloading it
// first) to a writable directory and downloads its dependencies.
func realModule(out, mod string) (*target, error) {
	dir := filepath.Join(out, "real", strings.NewReplacer("/", "_", "@", "_").Replace(mod))
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		logf("downloading %s", mod)
		cmd := exec.Command("go", "mod", "download", "-json", mod)
		cmd.Stderr = os.Stderr
		data, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf("go mod download %s: %w", mod, err)
		}
		var info struct{ Dir, Error string }
		if err := json.Unmarshal(data, &info); err != nil {
			return nil, fmt.Errorf("go mod download %s: %w", mod, err)
		}
		if info.Dir == "" {
			return nil, fmt.Errorf("go mod download %s: %s", mod, info.Error)
		}
		if err := os.RemoveAll(dir); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
			return nil, err
		}
		if err := treecopy.Copy(info.Dir, dir); err != nil { // writable: the module cache is read-only
			return nil, err
		}
	}
	if err := goCmd(dir, "mod", "download"); err != nil {
		return nil, err
	}
	return &target{Name: mod, Dir: dir}, nil
}

// harness times the tools.
type harness struct {
	faasvet, floor string
	out, bin       string
	nonce          int64 // distinct per harness run, so runs never share vet cache keys
	save           func() error
}

func (h *harness) measure(t *target, o options) error {
	// Fill the build cache with the export data of every package, which
	// all four tools read (go build ./... would also link every main
	// package), then run faasvet check and the floor once untimed: that
	// is where faasvet's findings are checked. A working go vet does the
	// same work every time, so it needs no warm-up; the first timed run
	// of go vet -vettool is where its findings are checked. With -check,
	// faasvet check, go vet -vettool and the floor run once, untimed (and
	// with -cache, faasvet check in the cache's modes: cacheRound).
	logf("%s: warm-up", t.Name)
	if err := fillBuildCache(t.Dir); err != nil {
		return err
	}
	warm := []string{toolCheck, toolFloor}
	if o.check {
		// go vet itself has nothing to check: leave it out of the smoke
		// test, where it would be half the time.
		warm = []string{toolCheck, toolVettool, toolFloor}
	}
	if err := h.once(t, warm, true); err != nil {
		return err
	}
	if o.cache {
		if err := pickEditFile(t); err != nil {
			return err
		}
		logf("%s: the edited file is %s", t.Name, t.EditFile)
	}
	t.Samples = map[string][]sample{}
	if o.check {
		if !o.cache {
			return nil
		}
		// The smoke test of the cache: its three modes, once, must
		// print what a run without it prints.
		if err := h.once(t, []string{toolCheck}, false); err != nil {
			return err
		}
		return h.cacheRound(t, 0)
	}
	t.Load[0] = loadavg()
	for r := range o.runs {
		logf("%s: run %d of %d", t.Name, r+1, o.runs)
		if err := h.once(t, tools, false); err != nil {
			return err
		}
		if o.cache {
			if err := h.cacheRound(t, r); err != nil {
				return err
			}
		}
		if r == o.runs-1 {
			t.Load[1] = loadavg()
		}
		if err := h.save(); err != nil {
			return err
		}
	}
	return nil
}

// once runs the tools on t, in the order of the tools list. The samples
// of a warm-up are not kept.
func (h *harness) once(t *target, which []string, warm bool) error {
	h.nonce++
	nonce := h.nonce
	vettool := filepath.Join(h.bin, fmt.Sprintf("faasvet-nonce-%d", nonce))
	if err := nonceCopy(h.faasvet, vettool, nonce); err != nil {
		return err
	}
	defer func() { _ = os.Remove(vettool) }()
	cmds := map[string][]string{
		toolCheck:   {h.faasvet, "check", "--format", "json", "./..."},
		toolVet:     {"go", "vet", fmt.Sprintf("-printf.funcs=FaasbenchNonce%d", nonce), "./..."},
		toolVettool: {"go", "vet", "-vettool=" + vettool, "./..."},
		toolFloor:   {h.floor, "./..."},
	}
	for _, tool := range tools {
		if !slices.Contains(which, tool) {
			continue
		}
		c := cmds[tool]
		env := []string{"GOFLAGS=-buildvcs=false"}
		if tool == toolCheck {
			// The "faasvet check" column is a run without faasvet's
			// cache, which is on by default: with it, every timed run
			// would replay the warm-up's. (go vet -vettool does not use
			// it.)
			env = append(env, cache.Env+"=off")
		}
		s, err := timed(t.Dir, env, c[0], c[1:]...)
		if err != nil {
			return err
		}
		// faasvet and vet exit 1 when they find something; 2 and up is
		// a failure to do the job.
		if s.Exit > 1 || tool == toolFloor && s.Exit != 0 {
			return fmt.Errorf("%s exited %d:\n%s", strings.Join(c, " "), s.Exit, tail(s.stderr, 40))
		}
		if warm || tool == toolVettool && len(t.Samples[tool]) == 0 {
			if err := h.inspect(t, tool, s); err != nil {
				return err
			}
		}
		if !warm {
			t.Samples[tool] = append(t.Samples[tool], s)
		}
	}
	return nil
}

// inspect looks at the warm-up run's output: the findings of faasvet
// check against the seeds, the handler-signature seeds in go vet
// -vettool's, the package count of the floor.
func (h *harness) inspect(t *target, tool string, s sample) error {
	switch tool {
	case toolCheck:
		fs, err := parseFindings(s.stdout)
		if err != nil {
			return fmt.Errorf("faasvet check --format json: %w\n%s", err, tail(s.stderr, 20))
		}
		t.Findings = len(fs)
		if t.plan != nil {
			t.Mismatch = compare(t.plan.Seeds, fs)
		}
	case toolVettool:
		if t.plan != nil {
			if m := vetSeeds(t.plan.Seeds, s.stderr); m != "" {
				t.Mismatch = strings.TrimPrefix(t.Mismatch+"; go vet -vettool: "+m, "; ")
			}
		}
	case toolFloor:
		var n int
		if _, err := fmt.Sscanf(string(s.stdout), "%d packages", &n); err == nil && t.plan == nil {
			t.Packages = n
		}
	}
	return nil
}

// loadavg is the 1-minute load average, "" where there is none.
func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(data))
	if len(f) == 0 {
		return ""
	}
	return f[0]
}

// nonceCopy copies the faasvet binary and appends a nonce: a new
// executable hash, so a new vet tool ID and new vet cache keys.
func nonceCopy(src, dst string, nonce int64) error {
	data, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	data = append(data, fmt.Sprintf("\x00faasbench-nonce-%d\x00", nonce)...)
	return os.WriteFile(dst, data, 0o755)
}

func tail(b []byte, lines int) string {
	ls := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(ls) > lines {
		ls = ls[len(ls)-lines:]
	}
	return strings.Join(ls, "\n")
}
