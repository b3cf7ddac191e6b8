package driver

import (
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
