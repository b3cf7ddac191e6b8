package jsonshape

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"sync"
	"testing"
)

// One importer for all tests: it type-checks encoding/json and time from
// source once and keeps them.
var (
	importerOnce sync.Once
	sharedFset   *token.FileSet
	sharedImp    types.Importer
	importerMu   sync.Mutex
)

// checkSource type-checks a package main from src, with encoding/json,
// time and unsafe importable.
func checkSource(tb testing.TB, src string) *types.Package {
	tb.Helper()
	importerOnce.Do(func() {
		sharedFset = token.NewFileSet()
		sharedImp = importer.ForCompiler(sharedFset, "source", nil)
	})
	importerMu.Lock()
	defer importerMu.Unlock()
	f, err := parser.ParseFile(sharedFset, "src.go", src, parser.SkipObjectResolution)
	if err != nil {
		tb.Fatalf("parse: %v\n%s", err, src)
	}
	conf := types.Config{Importer: sharedImp}
	pkg, err := conf.Check("main", sharedFset, []*ast.File{f}, nil)
	if err != nil {
		tb.Fatalf("type-check: %v\n%s", err, src)
	}
	return pkg
}

// lookupType returns the type named name in pkg, or evaluates name as a
// type expression ("*T", "[]T").
func lookupType(tb testing.TB, pkg *types.Package, expr string) types.Type {
	tb.Helper()
	if obj := pkg.Scope().Lookup(expr); obj != nil {
		return obj.Type()
	}
	tv, err := types.Eval(sharedFset, pkg, token.NoPos, expr)
	if err != nil {
		tb.Fatalf("type %s: %v", expr, err)
	}
	return tv.Type
}
