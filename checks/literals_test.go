package checks

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// literalExempt are files that read severities from faasvet's JSON
// output in tools outside the checker (the real-world and recall
// runners); they compare, they never decide, and are to move to
// ParseSeverity when their owners next touch them.
var literalExempt = []string{
	"bench/recall/score.go",
	"internal/realcheck/run.go",
	"internal/realcheck/table.go",
}

// TestNoSeverityLiterals: no non-test Go file of the repository outside
// this package spells a severity as a string where a finding's severity
// is set or compared (Severity: "error", x.Severity == "warning", case
// "info" in a switch on a Severity): the catalogue decides severities,
// and code that needs one takes it from a record, Judge or SeverityOf.
func TestNoSeverityLiterals(t *testing.T) {
	root, err := filepath.Abs("..")
	if err != nil {
		t.Fatal(err)
	}
	words := map[string]bool{}
	for _, s := range Severities() {
		words[strconv.Quote(s.String())] = true
	}
	isWord := func(e ast.Expr) bool {
		lit, ok := e.(*ast.BasicLit)
		return ok && lit.Kind == token.STRING && words[lit.Value]
	}
	isSeverity := func(e ast.Expr) bool {
		switch e := e.(type) {
		case *ast.SelectorExpr:
			return e.Sel.Name == "Severity"
		case *ast.Ident:
			return e.Name == "Severity"
		}
		return false
	}
	var files int
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(path, root+string(filepath.Separator)))
		if d.IsDir() {
			switch d.Name() {
			case "testdata", ".git", "node_modules", "vendor":
				return filepath.SkipDir
			}
			if rel == "checks" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || slices.Contains(literalExempt, rel) {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, src, parser.SkipObjectResolution)
		if err != nil {
			return nil // not ours to judge: the build says so
		}
		files++
		report := func(n ast.Node) {
			t.Errorf("%s: a severity spelled as a string literal; take it from package checks", fset.Position(n.Pos()))
		}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if isSeverity(n.Key) && isWord(n.Value) {
					report(n)
				}
			case *ast.BinaryExpr:
				if (n.Op == token.EQL || n.Op == token.NEQ) && (isSeverity(n.X) && isWord(n.Y) || isSeverity(n.Y) && isWord(n.X)) {
					report(n)
				}
			case *ast.AssignStmt:
				for i, lhs := range n.Lhs {
					if i < len(n.Rhs) && isSeverity(lhs) && isWord(n.Rhs[i]) {
						report(n)
					}
				}
			case *ast.SwitchStmt:
				if n.Tag == nil || !isSeverity(n.Tag) {
					return true
				}
				for _, s := range n.Body.List {
					for _, e := range s.(*ast.CaseClause).List {
						if isWord(e) {
							report(e)
						}
					}
				}
			}
			return true
		})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("scanned %d files under %s: is this the repository?", files, root)
	}
}
