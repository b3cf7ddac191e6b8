package link

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestDeclsKeys: a position is named by the top-level declaration that
// encloses it, in any of the package's files, whatever their order; the
// package alone outside every declaration.
func TestDeclsKeys(t *testing.T) {
	fset := token.NewFileSet()
	srcs := map[string]string{
		"a.go": "package p\n\nimport \"fmt\"\n\n// T is a type.\ntype T struct{ A int }\n\nfunc (t *T) M() { fmt.Println(t.A) }\n",
		"b.go": "package p\n\nvar (\n\tx, y = 1, 2\n)\n\nfunc F() {}\n",
	}
	pkg := &packages.Package{PkgPath: "example.com/p", Fset: fset}
	var files []*ast.File
	for _, name := range []string{"a.go", "b.go"} {
		f, err := parser.ParseFile(fset, name, srcs[name], parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// The files in the other order than parsed: the index sorts.
	pkg.Syntax = []*ast.File{files[1], files[0]}
	d := NewDecls(pkg)
	at := func(file, text string) token.Pos {
		f := files[0]
		if file == "b.go" {
			f = files[1]
		}
		off := strings.Index(srcs[file], text)
		if off < 0 {
			t.Fatalf("%q not in %s", text, file)
		}
		return fset.File(f.FileStart).Pos(off)
	}
	for _, c := range []struct {
		file, text string
		want       []string
	}{
		{"a.go", "package p", []string{"example.com/p"}},
		{"a.go", "\"fmt\"", []string{"example.com/p"}},
		{"a.go", "// T is", []string{"example.com/p"}},
		{"a.go", "T struct", []string{"example.com/p", "T"}},
		{"a.go", "A int", []string{"example.com/p", "T"}},
		{"a.go", "func (t", []string{"example.com/p", "*T.M"}},
		{"a.go", "t.A)", []string{"example.com/p", "*T.M"}},
		{"b.go", "var (", []string{"example.com/p"}},
		{"b.go", "y = 1", []string{"example.com/p", "x"}},
		{"b.go", "F()", []string{"example.com/p", "F"}},
	} {
		if got := d.Keys(at(c.file, c.text)); !slices.Equal(got, c.want) {
			t.Errorf("Keys at %s %q = %q, want %q", c.file, c.text, got, c.want)
		}
	}
}
