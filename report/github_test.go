package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestGitHubGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGitHub(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	golden(t, "github.txt", buf.Bytes())
}

// TestGitHubEscaping follows the Actions toolkit's escapeData and
// escapeProperty (packages/core/src/command.ts).
func TestGitHubEscaping(t *testing.T) {
	for _, c := range []struct{ in, data, prop string }{
		{"plain text", "plain text", "plain text"},
		{"100%", "100%25", "100%25"},
		{"%0A", "%250A", "%250A"},
		{"a\r\nb", "a%0D%0Ab", "a%0D%0Ab"},
		{"file:line,col", "file:line,col", "file%3Aline%2Ccol"},
		{"::error::", "::error::", "%3A%3Aerror%3A%3A"},
	} {
		if got := GitHubEscapeData(c.in); got != c.data {
			t.Errorf("data %q: got %q, want %q", c.in, got, c.data)
		}
		if got := GitHubEscapeProperty(c.in); got != c.prop {
			t.Errorf("property %q: got %q, want %q", c.in, got, c.prop)
		}
	}
	// Every finding is one line, whatever its message holds.
	var buf bytes.Buffer
	if err := WriteGitHub(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(fixture().Findings) {
		t.Errorf("%d lines for %d findings", len(lines), len(fixture().Findings))
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, "::") || strings.ContainsRune(l, '\r') {
			t.Errorf("not one workflow command: %q", l)
		}
	}
}
