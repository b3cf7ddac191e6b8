package driver

import (
	"errors"
	"go/token"
	"go/types"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/tools/go/packages"
)

// A root package whose imports failed (a module graph the go command
// cannot resolve, a dependency the proxy refuses) is type-checked again
// here, before the driver decides what it can analyse. go/packages'
// own check may have seen a failed import through a package it made up:
// when go list reports the failure at a position in another package's
// file, go/packages adds that file to the failed package
// (golang/go#39986's work-around), and the importers then see that
// package's objects under the failed import's path and name ("handler
// already declared through import of package handler"). The second check
// sees every import that go list could not list as failed: go/types gives
// it a package of its own, empty, named as the import path suggests (the
// errors "could not import P" say which), and the rest is checked as
// usual. Roots come in import order (stream.go), so that a root that
// imports another sees the other's new types.

// recheck type-checks p, a root, again in place (see above). The
// packages that import p, checked as go/packages would check them
// before they are checked again themselves, see it as it was.
func (s *stream) recheck(p *packages.Package, changed map[*packages.Package]bool) {
	s.orig[p] = p.Types
	recheckOne(p, changed)
	changed[p] = true
}

// recheckable: p has what a type check needs, and its errors are only
// the type checker's and go list's.
func recheckable(p *packages.Package) bool {
	if len(p.Syntax) == 0 || p.Types == nil || p.TypesInfo == nil || len(p.Syntax) != len(p.CompiledGoFiles) {
		return false
	}
	for _, e := range p.Errors {
		if e.Kind != packages.TypeError && e.Kind != packages.ListError {
			return false
		}
	}
	for _, f := range p.Syntax {
		for _, s := range f.Imports {
			if path, _ := strconv.Unquote(s.Path.Value); path == "C" {
				return false // cgo: left as go/packages checked it
			}
		}
	}
	return true
}

// recheckOne type-checks p again with its imports as they are, except
// that an import with errors, not type-checked again itself, fails.
func recheckOne(p *packages.Package, changed map[*packages.Package]bool) {
	var errs []packages.Error
	tc := &types.Config{
		Importer: importerFunc(func(path string) (*types.Package, error) {
			if path == "unsafe" {
				return types.Unsafe, nil
			}
			imp := p.Imports[path]
			switch {
			case imp == nil:
				return nil, errors.New("no metadata")
			case changed[imp] || !listFailed(imp) && imp.Types != nil && imp.Types.Complete() && imp.Types.Name() != "":
				// As go/packages gives it: a package that does not
				// type-check has its own objects, with the broken parts
				// invalid.
				return imp.Types, nil
			}
			why := "it does not build"
			if len(imp.Errors) > 0 {
				why = oneLine(imp.Errors[0].Msg)
			}
			// go/types uses the package, marked fake, and reports the
			// error as "could not import P (why)".
			return types.NewPackage(path, guessName(path)), errors.New(why)
		}),
		Sizes:       p.TypesSizes,
		FakeImportC: true,
		Error: func(err error) {
			var te types.Error
			if errors.As(err, &te) {
				errs = append(errs, packages.Error{Pos: p.Fset.Position(te.Pos).String(), Msg: te.Msg, Kind: packages.TypeError})
			}
		},
	}
	if p.Module != nil && p.Module.GoVersion != "" {
		tc.GoVersion = "go" + p.Module.GoVersion
	}
	pkg := types.NewPackage(p.PkgPath, p.Name)
	info := newInfo()
	_ = types.NewChecker(tc, p.Fset, pkg, info).Files(p.Syntax)
	var kept []packages.Error
	for _, e := range p.Errors {
		if e.Kind != packages.TypeError {
			kept = append(kept, e)
		}
	}
	kept = append(kept, errs...)
	p.Types, p.TypesInfo, p.Errors = pkg, info, kept
	p.TypeErrors = nil
}

// listFailed: the go command could not list pkg (a module it cannot
// fetch, a package it cannot find), so it has no name: whatever
// go/packages made of it is not the package.
func listFailed(pkg *packages.Package) bool {
	return pkg.Name == "" && len(pkg.Errors) > 0
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

var majorVersion = regexp.MustCompile(`^v[0-9]+$`)

// guessName is the name a package at path most likely declares: its last
// element, without a major version element (validator/v10), a gopkg.in
// version (yaml.v3) or a go- prefix or -go suffix, with other dashes
// dropped. Code that names it otherwise leaves its uses unresolved, which
// the driver reports (ownPartial).
func guessName(path string) string {
	elems := strings.Split(strings.Trim(path, "/"), "/")
	name := elems[len(elems)-1]
	if majorVersion.MatchString(name) && len(elems) > 1 {
		name = elems[len(elems)-2]
	}
	name, _, _ = strings.Cut(name, ".")
	name = strings.TrimPrefix(strings.TrimSuffix(name, "-go"), "go-")
	name = strings.ReplaceAll(name, "-", "")
	if !token.IsIdentifier(name) {
		return "_"
	}
	return name
}
