package report

import (
	"bytes"
	"testing"
)

// TestWriteText prints positions as go vet does: a finding about a whole
// file (a manifest too large to read) has no line, and printing it as
// file:0:0 would send editors and CI log parsers to a line that does not
// exist.
func TestWriteText(t *testing.T) {
	var buf bytes.Buffer
	err := WriteText(&buf, []Finding{
		{Check: "wire-type", File: "a/a.go", Line: 12, Column: 3, Message: "full position"},
		{Check: "manifest", File: "template.yaml", Line: 5, Message: "no column"},
		{Check: "manifest", File: "big/template.yaml", Message: "whole file"},
		{Check: "internal-error", Message: "no position"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "a/a.go:12:3: full position (wire-type)\n" +
		"template.yaml:5: no column (manifest)\n" +
		"big/template.yaml: whole file (manifest)\n" +
		"-: no position (internal-error)\n"
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
