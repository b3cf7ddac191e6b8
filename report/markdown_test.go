package report

import (
	"bytes"
	"strings"
	"testing"
)

func TestMarkdownGolden(t *testing.T) {
	var buf bytes.Buffer
	r := fixture()
	r.LinkBase = "https://github.com/example/app/blob/0123abc/"
	if err := WriteMarkdown(&buf, r); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary.md", buf.Bytes())
}

// TestMarkdownBaseline: with a baseline the table shows the new findings,
// the headline counts the old ones, and the fixed ones are listed.
func TestMarkdownBaseline(t *testing.T) {
	var buf bytes.Buffer
	r := fixture()
	r.Baseline, r.Old = true, 3
	r.Findings = r.Findings[:1]
	r.Fixed = []Finding{{Check: "unknown-target", File: "refund/main.go", Message: `refund routes to "notfy"`}}
	if err := WriteMarkdown(&buf, r); err != nil {
		t.Fatal(err)
	}
	golden(t, "summary-baseline.md", buf.Bytes())
}

func TestMarkdownEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, &Results{}); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "## faasvet\n\n✅ No findings.\n" {
		t.Errorf("got %q", got)
	}
}

func TestMarkdownEscape(t *testing.T) {
	got := MarkdownEscape("a|b *c* _d_ [e](f) <g> `h` \\ i\nj")
	want := `a\|b \*c\* \_d\_ \[e\](f) &lt;g&gt; \` + "`h\\`" + ` \\ i<br>j`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if strings.Contains(got, "\n") {
		t.Error("a newline breaks the table row")
	}
}
