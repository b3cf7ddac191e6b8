package checks

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestContributing: every code block of docs/contributing.md that is
// marked <!-- quote: FILE --> is a verbatim part of FILE, so that the
// worked examples are the code as it is.
func TestContributing(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "contributing.md"))
	if err != nil {
		t.Fatal(err)
	}
	quote := regexp.MustCompile("(?s)<!-- quote: (\\S+) -->\n```go\n(.*?)```\n")
	blocks := quote.FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 5 {
		t.Fatalf("docs/contributing.md has %d quoted blocks, want the 5 of its two worked examples", len(blocks))
	}
	for _, b := range blocks {
		file, text := b[1], b[2]
		src, err := os.ReadFile(filepath.Join("..", filepath.FromSlash(file)))
		if err != nil {
			t.Errorf("docs/contributing.md quotes %s: %v", file, err)
			continue
		}
		if !strings.Contains(string(src), text) {
			t.Errorf("docs/contributing.md quotes %s, but the file no longer has:\n%s", file, text)
		}
	}
	// Each worked example's check is in the catalogue with the scope the
	// page says.
	for id, scope := range map[string]Scope{"marshaler-receiver": PerPackage, "route-without-output": WholeProgram} {
		if c := Lookup(id); c == nil || c.Driver != scope {
			t.Errorf("docs/contributing.md shows %s as a %s check; the catalogue has %+v", id, scope, c)
		}
	}
}
