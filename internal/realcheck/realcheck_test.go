package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCompareVersions(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"1.26", "1.26.8", -1},
		{"1.26.8", "1.26.8", 0},
		{"1.27", "1.26.8", 1},
		{"1.9", "1.26", -1},
		{"2", "1.99.99", 1},
	} {
		if got := compareVersions(tc.a, tc.b); got != tc.want {
			t.Errorf("compareVersions(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// A crash is a panic, a runtime fatal error, a timeout or an exit status
// other than 0, 1 and 2; the loader's errors with exit 2 are not.
func TestCrashes(t *testing.T) {
	for _, tc := range []struct {
		exit   int
		stderr string
		want   int
	}{
		{0, "", 0},
		{1, "", 0},
		{2, "a.go:1:1: undefined: x\n", 0},
		{2, "panic: runtime error: index out of range\n\ngoroutine 1 [running]:\n", 1},
		{-1, "\nrealcheck: timed out after 1s\n", 2},
		{3, "", 1},
		{2, "fatal error: concurrent map writes\n", 1},
	} {
		if got := crashes("check", tc.exit, []byte(tc.stderr)); len(got) != tc.want {
			t.Errorf("crashes(%d, %q) = %q, want %d", tc.exit, tc.stderr, got, tc.want)
		}
	}
}

func TestUnexpected(t *testing.T) {
	fs := []finding{
		{Check: "wire-type", Severity: "error"},
		{Check: "wire-type", Severity: "error"},
		{Check: "orphan-channel", Severity: "warning"},
		{Check: "unresolved-route", Severity: "info"}, // info never fails
	}
	got := unexpected(fs, map[string]int{"wire-type": 2})
	if want := []string{"orphan-channel: 1, expected 0"}; !slices.Equal(got, want) {
		t.Errorf("unexpected = %q, want %q", got, want)
	}
}

func TestSnapshotChanged(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a", "1")
	write("b", "2")
	before := snapshot(dir)
	write("a", "11")
	write("c", "3")
	if err := os.Remove(filepath.Join(dir, "b")); err != nil {
		t.Fatal(err)
	}
	got := changed(before, snapshot(dir))
	if want := []string{"changed a", "created c", "removed b"}; !slices.Equal(got, want) {
		t.Errorf("changed = %q, want %q", got, want)
	}
	if got := changed(before, before); len(got) != 0 {
		t.Errorf("no change reported as %q", got)
	}
}

func TestTable(t *testing.T) {
	rs := []*result{
		{Module: "example.com/a", Version: "v1.0.0", Packages: 3, Functions: 2, Routes: 1,
			Check:    run{Wall: 1500 * time.Millisecond, MaxRSS: 2048, Exit: 1},
			Findings: []finding{{Check: "wire-type", Severity: "error"}, {Check: "orphan-channel", Severity: "warning"}, {Check: "wire-type", Severity: "error"}}},
		{Module: "example.com/b", Version: "v2.0.0", Skipped: "not served: 403 | gone"},
	}
	var b strings.Builder
	if err := writeTable(&b, rs, time.Minute); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| example.com/a | v1.0.0 | 3 | 1.5 s (exit 1) | 2 MiB |",
		"error: wire-type 2; warning: orphan-channel 1",
		`skipped: not served: 403 \| gone`,
		"| **1 modules** (1 skipped) | | **3** |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}

// Every module of the list is pinned to one exact version, once.
func TestModules(t *testing.T) {
	seen := map[string]bool{}
	short := 0
	for _, m := range modules {
		if seen[m.Path] {
			t.Errorf("%s listed twice", m.Path)
		}
		seen[m.Path] = true
		if !strings.HasPrefix(m.Version, "v") || strings.Contains(m.Version, "latest") {
			t.Errorf("%s: version %q is not pinned", m.Path, m.Version)
		}
		if m.Short {
			short++
		}
	}
	if len(modules) < 25 || short == 0 || short > 6 {
		t.Errorf("%d modules, %d in the subset: want at least 25, and a few in the subset", len(modules), short)
	}
}
