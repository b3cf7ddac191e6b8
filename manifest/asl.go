package manifest

import (
	"github.com/faasvet/faasvet/manifest/asl"
	"github.com/faasvet/faasvet/manifest/node"
)

// readStandaloneASL reads a state machine definition file that no
// template claims. Its ID is its path; only literal function ARNs and
// names bind its Tasks.
func (b *builder) readStandaloneASL(file string, doc *node.Node) {
	sm := b.addMachine(&StateMachine{LogicalID: file, Format: StatesLanguage, Pos: Pos{File: file, Line: doc.Pos.Line}})
	bind := func(ref *node.Node) string {
		if s, ok := ref.Scalar(); ok {
			return bindName(s)
		}
		return ""
	}
	m, errs := asl.Parse(doc, asl.Options{Bind: bind})
	for _, e := range errs {
		b.errorf(e.Pos, "state machine: %s", e.Msg)
	}
	sm.Definition = m
}
