package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/bench/internal/synth"
)

// A found is the part of a finding the seeds pin down.
type found struct {
	Check string `json:"check"`
	File  string `json:"file"`
	Line  int    `json:"line"`
}

func (f found) String() string { return fmt.Sprintf("%s:%d: %s", f.File, f.Line, f.Check) }

// parseFindings reads faasvet check --format json.
func parseFindings(data []byte) ([]found, error) {
	var r struct {
		Diagnostics []found `json:"diagnostics"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	return r.Diagnostics, nil
}

// compare returns "" when the findings are exactly the seeds (as a
// multiset), else what is missing and what is unexpected.
func compare(seeds []synth.Seed, fs []found) string {
	want := map[found]int{}
	for _, s := range seeds {
		want[found(s)]++
	}
	var unexpected, missing []string
	for _, f := range fs {
		if want[f] > 0 {
			want[f]--
			continue
		}
		unexpected = append(unexpected, f.String())
	}
	for f, n := range want {
		for range n {
			missing = append(missing, f.String())
		}
	}
	slices.Sort(missing)
	slices.Sort(unexpected)
	var parts []string
	if len(missing) > 0 {
		parts = append(parts, fmt.Sprintf("%d missing (%s)", len(missing), clip(missing)))
	}
	if len(unexpected) > 0 {
		parts = append(parts, fmt.Sprintf("%d unexpected (%s)", len(unexpected), clip(unexpected)))
	}
	return strings.Join(parts, "; ")
}

func clip(xs []string) string {
	if len(xs) > 5 {
		return strings.Join(xs[:5], ", ") + fmt.Sprintf(", and %d more", len(xs)-5)
	}
	return strings.Join(xs, ", ")
}

// vetSeeds checks that go vet -vettool printed every seeded
// handler-signature finding (the only seeded check that runs per
// package): vet prints "file:line:col: message" with paths relative to
// the tree ("./" first, as the go command writes them).
func vetSeeds(seeds []synth.Seed, stderr []byte) string {
	var missing []string
	for _, s := range seeds {
		if s.Check != "handler-signature" {
			continue
		}
		at := fmt.Sprintf("%s:%d:", s.File, s.Line)
		if !strings.Contains(string(stderr), at) {
			missing = append(missing, at)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return fmt.Sprintf("%d handler-signature seeds missing (%s)", len(missing), clip(missing))
}
