package driver

import (
	"go/ast"
	"go/types"
	"testing"

	"golang.org/x/tools/go/packages"
)

// TestBrokenImport: a package that type-checks is left out when an
// import, direct or not, does not, and the line names the shortest
// chain to the broken package, the same one every run.
func TestBrokenImport(t *testing.T) {
	broken := &packages.Package{PkgPath: "ex/broken", IllTyped: true, Errors: []packages.Error{{Msg: "undefined: nope"}}}
	mid := &packages.Package{PkgPath: "ex/mid", IllTyped: true, Imports: map[string]*packages.Package{"ex/broken": broken}}
	fine := &packages.Package{PkgPath: "ex/fine"}
	for _, c := range []struct {
		pkg  *packages.Package
		want string
	}{
		{&packages.Package{PkgPath: "ex/ok", Imports: map[string]*packages.Package{"ex/fine": fine}}, ""},
		{&packages.Package{PkgPath: "ex/direct", IllTyped: true, Imports: map[string]*packages.Package{"ex/broken": broken, "ex/fine": fine}},
			"it imports ex/broken, which does not type-check; what comes from it is unknown"},
		{&packages.Package{PkgPath: "ex/indirect", IllTyped: true, Imports: map[string]*packages.Package{"ex/mid": mid, "ex/fine": fine}},
			"it imports ex/mid, which imports ex/broken, which does not type-check; what comes from it is unknown"},
		{&packages.Package{PkgPath: "ex/both", IllTyped: true, Imports: map[string]*packages.Package{"ex/mid": mid, "ex/zbroken": broken}},
			"it imports ex/broken, which does not type-check; what comes from it is unknown"},
	} {
		if got := brokenImport(c.pkg, nil); got != c.want {
			t.Errorf("%s: %q, want %q", c.pkg.PkgPath, got, c.want)
		}
	}
}

// TestGuessName: the name a failed import's fake package gets.
func TestGuessName(t *testing.T) {
	for path, want := range map[string]string{
		"github.com/aws/aws-lambda-go/lambda":    "lambda",
		"github.com/go-playground/validator/v10": "validator",
		"gopkg.in/yaml.v3":                       "yaml",
		"github.com/go-kit/go-kit":               "kit",
		"github.com/DataDog/datadog-lambda-go":   "datadoglambda",
		"example.com/x/1bad":                     "_",
	} {
		if got := guessName(path); got != want {
			t.Errorf("guessName(%q) = %q, want %q", path, got, want)
		}
	}
}

// TestOwnPartial: a package whose errors are failed imports or go list's
// is analysed in part, one line naming them; any other error leaves it
// out.
func TestOwnPartial(t *testing.T) {
	syntax := []*ast.File{{}}
	gone := &packages.Package{PkgPath: "example.com/gone/x", Errors: []packages.Error{{Msg: "module lookup disabled by GOPROXY=off", Kind: packages.ListError}}}
	pkg := func(errs ...packages.Error) *packages.Package {
		return &packages.Package{PkgPath: "ex/p", Syntax: syntax, Types: types.NewPackage("ex/p", "p"), TypesInfo: &types.Info{},
			Imports: map[string]*packages.Package{"example.com/gone/x": gone}, Errors: errs}
	}
	failed := packages.Error{Pos: "/app/p/p.go:3:2", Msg: `could not import example.com/gone/x (invalid package name: "")`, Kind: packages.TypeError}
	for _, c := range []struct {
		name string
		pkg  *packages.Package
		want string
	}{
		{"failed import", pkg(failed), "it cannot import example.com/gone/x (p/p.go:3:2): module lookup disabled by GOPROXY=off; what comes from it is unknown"},
		{"embed", pkg(packages.Error{Pos: "/app/p/p.go:9:12", Msg: "pattern t/*.html: no matching files found", Kind: packages.ListError}),
			"go list reports p/p.go:9:12: pattern t/*.html: no matching files found"},
		{"undefined with a failed import", pkg(failed, packages.Error{Pos: "/app/p/p.go:7:9", Msg: "undefined: gone", Kind: packages.TypeError}),
			"it cannot import example.com/gone/x (p/p.go:3:2): module lookup disabled by GOPROXY=off; what comes from it is unknown; names that are no import it has, taken for those it cannot import: gone at p/p.go:7:9"},
		{"undefined alone", pkg(packages.Error{Pos: "/app/p/p.go:7:9", Msg: "undefined: nope", Kind: packages.TypeError}), ""},
		{"a type error", pkg(failed, packages.Error{Pos: "/app/p/p.go:7:9", Msg: "cannot use x (variable of type int) as string value", Kind: packages.TypeError}), ""},
		{"a syntax error", pkg(packages.Error{Pos: "/app/p/p.go:7:9", Msg: "expected ';'", Kind: packages.ParseError}), ""},
		{"no errors", pkg(), ""},
	} {
		if got := ownPartial("/app", c.pkg); got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
