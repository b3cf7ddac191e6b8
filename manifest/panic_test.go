package manifest

import (
	"strings"
	"testing"

	"github.com/faasvet/faasvet/manifest/node"
)

// TestReaderPanic: a reader that panics on a document (here a map node
// with a nil field, which no parser produces and every reader's first
// lookup dereferences) becomes an error that names the file and asks for
// a bug report, and the other documents are still read.
func TestReaderPanic(t *testing.T) {
	for _, f := range []Format{SAM, CloudFormation, Serverless, OpenFaaS, Knative, StatesLanguage} {
		t.Run(string(f), func(t *testing.T) {
			b := newBuilder(t.TempDir(), Options{})
			poison := &node.Node{Kind: node.Map, Field: []*node.Field{nil}}
			b.safeRead("poison.yaml", f, poison)
			docs, err := node.Parse("good.yaml", []byte(tinySAM))
			if err != nil {
				t.Fatal(err)
			}
			b.safeRead("good.yaml", SAM, docs[0])
			b.finish()
			var found bool
			for _, e := range b.m.Errors {
				if e.Pos.File == "poison.yaml" && strings.Contains(e.Msg, "internal error reading the "+string(f)+" manifest (please report it)") {
					found = true
				}
			}
			if !found {
				t.Errorf("errors %v lack the internal error for poison.yaml", b.m.Errors)
			}
			if len(b.m.Functions) == 0 {
				t.Errorf("the good template was not read after the panic")
			}
		})
	}
}
