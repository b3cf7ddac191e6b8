package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faasvet/faasvet/checks"
)

// TestDocs: every check in the catalogue has a docs page with a failing
// and a fixed example, and a section for each of its variants.
func TestDocs(t *testing.T) {
	for _, c := range checks.All() {
		b, err := os.ReadFile(filepath.Join("..", "..", "docs", "checks", c.ID+".md"))
		if err != nil {
			t.Errorf("check %s has no docs page: %v", c.ID, err)
			continue
		}
		page := string(b)
		for _, section := range []string{"# " + c.ID + "\n", "## Failing example", "## Fixed"} {
			if !strings.Contains(page, section) {
				t.Errorf("docs/checks/%s.md has no %q", c.ID, strings.TrimSpace(section))
			}
		}
		for v := range c.Variants {
			if !strings.Contains(page, "\n## "+v+"\n") {
				t.Errorf("docs/checks/%s.md has no section for variant %s", c.ID, v)
			}
		}
	}
}
