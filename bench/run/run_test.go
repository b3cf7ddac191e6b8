package main

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/faasvet/faasvet/bench/internal/synth"
)

func TestMedian(t *testing.T) {
	if got := median([]time.Duration{5, 1, 3}); got != 3 {
		t.Errorf("odd: %v", got)
	}
	if got := median([]float64{4, 1, 3, 2}); got != 2.5 {
		t.Errorf("even: %v", got)
	}
	if got := median([]int64(nil)); got != 0 {
		t.Errorf("empty: %v", got)
	}
}

func TestExponent(t *testing.T) {
	xs := []float64{10, 100, 1000, 5000}
	for _, e := range []float64{1, 0.5, 2} {
		var ys []float64
		for _, x := range xs {
			ys = append(ys, 0.3*math.Pow(x, e))
		}
		if got := exponent(xs, ys); math.Abs(got-e) > 1e-9 {
			t.Errorf("exponent of x^%v: %v", e, got)
		}
	}
	if got := exponent([]float64{10}, []float64{1}); !math.IsNaN(got) {
		t.Errorf("one point: %v", got)
	}
}

func TestCompare(t *testing.T) {
	seeds := []synth.Seed{{Check: "cycle", File: "a.go", Line: 3}, {Check: "wire-type", File: "b.go", Line: 7}}
	fs, err := parseFindings([]byte(`{"diagnostics": [
		{"check": "cycle", "severity": "error", "file": "a.go", "line": 3, "column": 1, "message": "m"},
		{"check": "wire-type", "severity": "error", "file": "b.go", "line": 7, "column": 1, "message": "m"}]}`))
	if err != nil {
		t.Fatal(err)
	}
	if m := compare(seeds, fs); m != "" {
		t.Errorf("exact: %s", m)
	}
	m := compare(seeds, append(fs[:1:1], found{"orphan-channel", "c.go", 1}))
	if !strings.Contains(m, "1 missing (b.go:7: wire-type)") || !strings.Contains(m, "1 unexpected (c.go:1: orphan-channel)") {
		t.Errorf("mismatch: %s", m)
	}
	// A finding twice where one is seeded: one unexpected.
	if m := compare(seeds[:1], fs[:1]); m != "" {
		t.Errorf("%s", m)
	}
	if m := compare(seeds[:1], append(fs[:1:1], fs[0])); !strings.Contains(m, "1 unexpected") {
		t.Errorf("duplicate: %q", m)
	}
}

func TestVetSeeds(t *testing.T) {
	seeds := []synth.Seed{{Check: "handler-signature", File: "f/main.go", Line: 18}, {Check: "cycle", File: "g/main.go", Line: 2}}
	if m := vetSeeds(seeds, []byte("# example.com/f\n./f/main.go:18:15: lambda.Start handler ...\n")); m != "" {
		t.Error(m)
	}
	if m := vetSeeds(seeds, []byte("nothing\n")); !strings.Contains(m, "f/main.go:18:") {
		t.Errorf("missing: %q", m)
	}
}

func TestMarkdown(t *testing.T) {
	s := func(wall time.Duration) sample { return sample{Wall: wall, CPU: wall, MaxRSS: 1024} }
	var ts []*target
	for _, n := range []int{10, 100} {
		f := time.Duration(n) * time.Millisecond
		ts = append(ts, &target{Name: "N", N: n, Samples: map[string][]sample{
			toolCheck: {s(f)}, toolVet: {s(2 * f)}, toolVettool: {s(4 * f)}, toolFloor: {s(f / 2)},
		}})
	}
	md := markdown(ts, 1)
	for _, want := range []string{"| N | 0 | go vet | 0.02 | 0.02 | 1 | 0.50x; 0.50x |", "| faasvet check | 1.00; 1.00 | 1.00; 1.00 |"} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in\n%s", want, md)
		}
	}
}

// TestMarkdownHelpers: the trees with sends in helper packages have their
// own growth fit, and a tree without samples (an interrupted harness) has
// no row.
func TestMarkdownHelpers(t *testing.T) {
	s := func(wall time.Duration) sample { return sample{Wall: wall, CPU: wall, MaxRSS: 1024} }
	var ts []*target
	for _, helpers := range []bool{false, true} {
		for _, n := range []int{10, 100} {
			f := time.Duration(n) * time.Millisecond
			if helpers {
				f *= 2
			}
			ts = append(ts, &target{Name: "N", N: n, Helpers: helpers, Samples: map[string][]sample{
				toolCheck: {s(f)}, toolVet: {s(2 * f)}, toolVettool: {s(4 * f)}, toolFloor: {s(f / 2)},
			}})
		}
	}
	ts = append(ts, &target{Name: "unmeasured", N: 1000})
	md := markdown(ts, 1)
	if strings.Contains(md, "unmeasured") {
		t.Errorf("a tree without samples has a row:\n%s", md)
	}
	if !strings.Contains(md, "c·N^e, least squares") || !strings.Contains(md, "c·N^e, sends in helper packages, least squares") {
		t.Errorf("no growth table for each kind of tree:\n%s", md)
	}
	if strings.Count(md, "| faasvet check | 1.00; 1.00 | 1.00; 1.00 |") != 2 {
		t.Errorf("each fit should be over its own two sizes:\n%s", md)
	}
}

// TestMarkdownCache: the cache modes have their own table, with each
// mode's ratios to the cold cache, to the run without the cache and to
// the floor taken per run; without cache samples there is no such table.
func TestMarkdownCache(t *testing.T) {
	s := func(wall, cpu time.Duration) sample { return sample{Wall: wall, CPU: cpu, MaxRSS: 2048} }
	ms := time.Millisecond
	tr := &target{Name: "N = 10", N: 10, EditFile: "functions/pipe0000/fn00000/main.go", Samples: map[string][]sample{
		toolCheck:   {s(1000*ms, 1000*ms), s(2000*ms, 2000*ms)},
		toolVet:     {s(1000*ms, 1000*ms), s(1000*ms, 1000*ms)},
		toolVettool: {s(1000*ms, 1000*ms), s(1000*ms, 1000*ms)},
		toolFloor:   {s(800*ms, 800*ms), s(1000*ms, 1000*ms)},
		// Run 1: cold 1.0 s, warm 0.2 s, edited 0.4 s (CPU half the
		// wall); run 2 twice as slow. Per-run ratios make the machine's
		// load cancel out.
		modeCold:   {s(1000*ms, 500*ms), s(2000*ms, 1000*ms)},
		modeWarm:   {s(200*ms, 100*ms), s(400*ms, 200*ms)},
		modeEdited: {s(400*ms, 200*ms), s(800*ms, 400*ms)},
	}}
	uncached := map[string][]sample{}
	for _, tool := range tools {
		uncached[tool] = tr.Samples[tool]
	}
	plain := markdown([]*target{{Name: "N = 10", N: 10, Samples: uncached}}, 2)
	if strings.Contains(plain, "Cache") || strings.Contains(plain, "cache cold") {
		t.Errorf("a cache table without cache samples:\n%s", plain)
	}
	md := markdown([]*target{tr}, 2)
	for _, want := range []string{
		"| tree | mode | wall (s) | CPU (s) | peak RSS (MB) | this / cache cold (wall; CPU) | this / faasvet check (wall; CPU) | this / load floor (CPU) |",
		// cold / floor CPU: 0.5/0.8 and 1.0/1.0, median 0.81
		"| N = 10 | cache cold | 1.50 | 0.75 | 2 | — | 1.00x; 0.50x | 0.81x |",
		"| N = 10 | cache warm | 0.30 | 0.15 | 2 | 0.20x; 0.20x | 0.20x; 0.10x | 0.16x |",
		"| N = 10 | one file edited | 0.60 | 0.30 | 2 | 0.40x; 0.40x | 0.40x; 0.20x | 0.33x |",
		"Medians of the runs (N = 10: 2)",
		"The edited file: N = 10: functions/pipe0000/fn00000/main.go.",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("no %q in\n%s", want, md)
		}
	}
	// The first table is the one without -cache.
	if first, _, _ := strings.Cut(md, "\nCache:"); first != plain {
		t.Errorf("the first table changed with cache samples:\n%s\nwant\n%s", first, plain)
	}
}

func TestPickPackage(t *testing.T) {
	pkgs := []listedPackage{
		{ImportPath: "m/cmd/x", Name: "main", GoFiles: []string{"main.go"}, Imports: []string{"m/a", "m/b", "fmt"}},
		{ImportPath: "m/b", Name: "b", GoFiles: []string{"b.go"}, Imports: []string{"m/a", "m/c"}},
		{ImportPath: "m/c", Name: "c", GoFiles: []string{"c.go"}, Imports: []string{"fmt"}},
		{ImportPath: "m/a", Name: "a", GoFiles: []string{"z.go", "a.go"}, Imports: []string{"m/c"}},
		{ImportPath: "m/broken", Name: "broken", Error: &struct{ Err string }{"x"}},
		{ImportPath: "m/tests", Name: "tests"}, // test files only
		{ImportPath: "m/d", Name: "d", GoFiles: []string{"d.go"}, Imports: []string{"m/broken", "m/tests", "m/d"}},
	}
	// m/a and m/c have two importers each: the import path decides.
	if p := pickPackage(pkgs); p == nil || p.ImportPath != "m/a" {
		t.Errorf("picked %+v, want m/a", p)
	}
	if p := pickPackage(pkgs[:1]); p == nil || p.ImportPath != "m/cmd/x" {
		t.Errorf("only main: picked %+v", p)
	}
	if p := pickPackage(pkgs[4:6]); p != nil {
		t.Errorf("nothing to edit: picked %+v", p)
	}
}

// TestEditFile runs go list on a small module: the first file by name
// of the most imported package.
func TestEditFile(t *testing.T) {
	dir := t.TempDir()
	for name, src := range map[string]string{
		"go.mod":         "module m\n\ngo 1.22\n",
		"main.go":        "package main\n\nimport (\n\t_ \"m/lib\"\n\t_ \"m/util\"\n)\n\nfunc main() {}\n",
		"lib/lib.go":     "package lib\n\nimport _ \"m/util\"\n",
		"util/z.go":      "package util\n",
		"util/b.go":      "package util\n",
		"util/a_test.go": "package util\n",
	} {
		write(t, filepath.Join(dir, name), src)
	}
	got, err := editFile(dir)
	if err != nil || got != "util/b.go" {
		t.Errorf("editFile = %q, %v; want util/b.go", got, err)
	}
}

func TestStripEdits(t *testing.T) {
	for in, want := range map[string]string{
		"package a\n":                        "package a\n",
		"package a\n// faasbench edit 1 2\n": "package a\n",
		"package a\n// faasbench edit 1 2\n// faasbench edit 2 3\n": "package a\n",
		"package a\n// faasbench edit 1 2":                          "package a\n",
		"// faasbench edit 1 2\n":                                   "",
		"package a\n// other\n":                                     "package a\n// other\n",
	} {
		if got := string(stripEdits([]byte(in))); got != want {
			t.Errorf("stripEdits(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSame(t *testing.T) {
	h := &harness{out: t.TempDir()}
	tr := &target{Name: "golang.org/x/tools@v0.52.0"}
	off := sample{stdout: []byte("{\n  \"diagnostics\": []\n}\n")}
	if err := h.same(tr, modeWarm, off, off); err != nil {
		t.Error(err)
	}
	err := h.same(tr, modeWarm, off, sample{stdout: []byte("{\n  \"diagnostics\": null\n}\n")})
	if err == nil || !strings.Contains(err.Error(), `line 2: without the cache "  \"diagnostics\": []", with it "  \"diagnostics\": null"`) {
		t.Errorf("differing output: %v", err)
	}
	if err := h.same(tr, modeWarm, off, sample{stdout: off.stdout, Exit: 1}); err == nil {
		t.Error("differing exit code: no error")
	}
	if _, err := os.Stat(filepath.Join(h.out, "cache-diff", "golang.org-x-tools-v0.52.0-faasvet-check-cache-warm.cache.json")); err != nil {
		t.Errorf("the output with the cache is not kept: %v", err)
	}
	if got := firstDiff([]byte("a\nb"), []byte("a\nb\nc")); !strings.Contains(got, "line 3") {
		t.Errorf("longer: %s", got)
	}
}

func write(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestEdited: the line is there while the run runs, and the file is
// restored after it, failed or not, byte for byte, less the lines an
// interrupted harness left.
func TestEdited(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "go.mod"), "module m\n\ngo 1.22\n")
	file := filepath.Join(dir, "a", "a.go")
	tr := &target{Dir: dir, EditFile: "a/a.go"}
	h := &harness{}
	read := func() string {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	for _, tc := range []struct {
		on, orig string
		fail     bool
	}{
		{"package a\n\nfunc F() {}", "package a\n\nfunc F() {}", false},
		{"package a\n\nfunc F() {}\n// faasbench edit 3 4\n", "package a\n\nfunc F() {}\n", true},
	} {
		write(t, file, tc.on)
		err := h.edited(tr, "// faasbench edit 1 5", func() error {
			if got, want := read(), strings.TrimSuffix(tc.orig, "\n")+"\n// faasbench edit 1 5\n"; got != want {
				t.Errorf("during the run: %q, want %q", got, want)
			}
			if tc.fail {
				return os.ErrInvalid
			}
			return nil
		})
		if tc.fail != (err != nil) {
			t.Errorf("fail=%v: %v", tc.fail, err)
		}
		if got := read(); got != tc.orig {
			t.Errorf("after the run: %q, want %q", got, tc.orig)
		}
	}
}
