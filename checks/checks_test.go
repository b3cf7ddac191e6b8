package checks

import (
	"go/token"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestCatalogue: the table is sorted by ID, and every record is complete.
func TestCatalogue(t *testing.T) {
	id := regexp.MustCompile(`^[a-z]+(-[a-z]+)*$`)
	for i, c := range catalogue {
		if i > 0 && catalogue[i-1].ID >= c.ID {
			t.Errorf("catalogue: %s after %s: keep the table sorted by ID, without repeats", c.ID, catalogue[i-1].ID)
		}
		if !id.MatchString(c.ID) {
			t.Errorf("%s: not a kebab-case ID", c.ID)
		}
		if !slices.Contains(Severities(), c.Severity) {
			t.Errorf("%s: severity %v", c.ID, c.Severity)
		}
		for v, s := range c.Variants {
			if !slices.Contains(Severities(), s) || v == "" {
				t.Errorf("%s: variant %q has severity %v", c.ID, v, s)
			}
		}
		if c.Driver != PerPackage && c.Driver != WholeProgram {
			t.Errorf("%s: scope %q", c.ID, c.Driver)
		}
		if c.Summary == "" || strings.ToLower(c.Summary[:1]) != c.Summary[:1] || strings.HasSuffix(c.Summary, ".") {
			t.Errorf("%s: summary %q: want one lower-case line without a trailing period", c.ID, c.Summary)
		}
		if Lookup(c.ID) != c || !Known(c.ID) {
			t.Errorf("Lookup(%q) does not find its record", c.ID)
		}
	}
	if Lookup("no-such-check") != nil || Known("no-such-check") {
		t.Error("Lookup finds a check that is not in the table")
	}
	if ids := IDs(); len(ids) != len(catalogue) || !slices.IsSorted(ids) {
		t.Errorf("IDs() = %v", ids)
	}
}

// fakeIgnores suppresses check at the positions it holds, and records
// which it was asked about.
type fakeIgnores struct {
	at    map[token.Pos]string
	asked []token.Pos
}

func (f *fakeIgnores) Ignored(pos token.Pos, check string) bool {
	f.asked = append(f.asked, pos)
	return f.at[pos] == check
}

// TestJudge: the catalogue's severity and URL, the variant's when one is
// named, and suppression at the first site that ignores the check (the
// later ones are not asked, so that their directives are not marked used).
func TestJudge(t *testing.T) {
	v, ok := Judge("cycle", "")
	if !ok || v.Severity != Error || v.URL != DocsBase+"cycle.md" || v.Check != Lookup("cycle") {
		t.Errorf("Judge(cycle) = %+v, %v", v, ok)
	}
	v, ok = Judge("cycle", "sync")
	if !ok || v.Severity != Warning || v.URL != DocsBase+"cycle.md#sync" {
		t.Errorf("Judge(cycle, sync) = %+v, %v", v, ok)
	}
	ig := &fakeIgnores{at: map[token.Pos]string{2: "wire-type"}}
	sites := []Site{{ig, 1}, {nil, 5}, {ig, 2}, {ig, 3}}
	if _, ok := Judge("wire-type", "", sites...); ok {
		t.Error("an ignore at the second site did not suppress the finding")
	}
	if !slices.Equal(ig.asked, []token.Pos{1, 2}) {
		t.Errorf("asked the sites at %v, want 1 and 2 and no further", ig.asked)
	}
	if _, ok := Judge("wire-missing", "", sites...); !ok {
		t.Error("an ignore of another check suppressed the finding")
	}
	for _, bad := range [][2]string{{"no-such-check", ""}, {"cycle", "no-such-variant"}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Judge(%q, %q) did not panic", bad[0], bad[1])
				}
			}()
			Judge(bad[0], bad[1])
		}()
	}
}

func TestParseSeverity(t *testing.T) {
	for _, s := range Severities() {
		if got, err := ParseSeverity(strings.ToUpper(s.String())); err != nil || got != s {
			t.Errorf("ParseSeverity(%q) = %v, %v", s, got, err)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal) did not fail")
	}
}
