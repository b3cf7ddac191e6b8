package svg

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

// TestFilter lays a two-node graph out and checks the SVG parses and
// names both nodes; a DOT syntax error is an error, not a panic.
func TestFilter(t *testing.T) {
	var out bytes.Buffer
	if err := Filter(strings.NewReader(`digraph { charge -> ship }`), &out); err != nil {
		t.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(out.Bytes()))
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("the SVG does not parse: %v", err)
			}
			break
		}
	}
	for _, want := range []string{"<svg", "<title>charge</title>", "<title>ship</title>"} {
		if !bytes.Contains(out.Bytes(), []byte(want)) {
			t.Errorf("the SVG lacks %s", want)
		}
	}
	if err := Filter(strings.NewReader(`digraph { -> }`), &out); err == nil {
		t.Error("bad DOT: want an error")
	}
}
