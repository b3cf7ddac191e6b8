package directive

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"
)

const ignoreSrc = `package p

//faasvet:ignore handler-signature,directive legacy code
func legacy() {
	start() //faasvet:ignore wire-type the consumer tolerates it
	start()
}

//faasvet:ignore cycle,wire-tpye typo in the second ID
func other() {}
`

func parseIgnores(t *testing.T) (*token.FileSet, *ast.File, *Set, *Ignores) {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", ignoreSrc, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	set := Collect([]*ast.File{f})
	return fset, f, set, NewIgnores(fset, []*ast.File{f}, set.Directives)
}

// lineStart is the position of the first character of a line.
func lineStart(fset *token.FileSet, f *ast.File, line int) token.Pos {
	return fset.File(f.Pos()).LineStart(line)
}

// TestUnknownCheck: an ignore that names an unknown check is an error with
// a suggestion, and still suppresses the checks it names correctly.
func TestUnknownCheck(t *testing.T) {
	fset, f, set, ig := parseIgnores(t)
	if len(set.Errors) != 1 {
		t.Fatalf("errors = %v, want one", set.Errors)
	}
	e := set.Errors[0]
	if got := fset.Position(e.Pos).Line; got != 9 {
		t.Errorf("error on line %d, want 9", got)
	}
	if want := `unknown check "wire-tpye"; did you mean "wire-type"?`; !strings.Contains(e.Msg, want) {
		t.Errorf("message %q does not contain %q", e.Msg, want)
	}
	if !ig.Ignored(lineStart(fset, f, 10), "cycle") {
		t.Error("cycle is not ignored in other, whose doc comment names it")
	}
}

// TestUses: each check of each directive is one use, recorded when it
// suppresses a finding.
func TestUses(t *testing.T) {
	fset, f, _, ig := parseIgnores(t)
	uses, used := ig.Uses()
	var names []string
	for _, u := range uses {
		names = append(names, u.Check)
	}
	if want := []string{"handler-signature", "directive", "wire-type", "cycle", "wire-tpye"}; !slices.Equal(names, want) {
		t.Fatalf("uses = %v, want %v", names, want)
	}
	if slices.Contains(used, true) {
		t.Fatalf("used = %v before any finding", used)
	}

	// The trailing ignore covers its own line only; the doc comment the
	// whole declaration.
	if ig.Ignored(lineStart(fset, f, 6), "wire-type") {
		t.Error("wire-type is ignored on line 6, past the trailing ignore's line")
	}
	if !ig.Ignored(lineStart(fset, f, 5), "wire-type") {
		t.Error("wire-type is not ignored on line 5")
	}
	if !ig.Ignored(lineStart(fset, f, 6), "handler-signature") {
		t.Error("handler-signature is not ignored inside legacy")
	}
	if ig.Ignored(lineStart(fset, f, 6), "unknown-target") {
		t.Error("unknown-target is ignored though no directive names it")
	}
	_, used = ig.Uses()
	if want := []bool{true, false, true, false, false}; !slices.Equal(used, want) {
		t.Errorf("used = %v, want %v", used, want)
	}

	var nilIgnores *Ignores
	if nilIgnores.Ignored(lineStart(fset, f, 5), "wire-type") {
		t.Error("a nil index ignores something")
	}
	if u, _ := nilIgnores.Uses(); u != nil {
		t.Errorf("a nil index has uses %v", u)
	}
}
