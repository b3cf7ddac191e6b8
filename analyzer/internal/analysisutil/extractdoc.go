package analysisutil

import (
	"fmt"

	"go/parser"
	"go/token"
	"strings"
)

// MustExtractDoc returns the documentation for the named analyzer from the
// package comment of a doc.go file, in the x/tools convention: the
// paragraph that starts with "# Analyzer name" and what follows it.
func MustExtractDoc(content, name string) string {
	f, err := parser.ParseFile(token.NewFileSet(), "doc.go", content, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil || f.Doc == nil {
		panic(fmt.Sprintf("analysisutil: doc.go has no package comment: %v", err))
	}
	text := f.Doc.Text()
	_, after, ok := strings.Cut(text, "# Analyzer "+name+"\n")
	if !ok {
		panic("analysisutil: doc.go has no # Analyzer " + name + " section")
	}
	if i := strings.Index(after, "\n# "); i >= 0 {
		after = after[:i]
	}
	return strings.TrimSpace(after)
}
