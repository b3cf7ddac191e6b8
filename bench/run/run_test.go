package main

import (
	"math"
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
