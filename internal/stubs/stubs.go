// Package stubs gives tests the one tree of SDK stubs, testdata/src at
// the repository root (see testdata/README.md): a GOPATH for
// analysistest with a package's own fixtures laid over it, and a copy
// for the CLI tests' replace directives.
package stubs

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Src is the absolute path of the stub tree, laid out as a GOPATH's src:
// Src()/github.com/aws/aws-lambda-go/lambda, and so on. Each module root
// in it has its go.mod, which GOPATH mode ignores.
func Src() string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		panic("stubs: no caller information")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata", "src")
}

// TestData returns a directory to pass to analysistest.Run in place of
// analysistest.TestData(): a temporary GOPATH whose src holds the stubs
// and, over them, the fixtures of the calling package's testdata/src. A
// fixture tree that holds a file of the stub tree fails the test: the
// stubs have one copy.
func TestData(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	src := filepath.Join(dir, "src")
	if err := os.CopyFS(src, os.DirFS(Src())); err != nil {
		t.Fatal(err)
	}
	fixtures, err := filepath.Abs(filepath.Join("testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(src, os.DirFS(fixtures)); err != nil {
		t.Fatalf("laying %s over the SDK stubs: %v", fixtures, err)
	}
	return dir
}

// CopyTo copies the stub tree to dir, which must not hold it yet. A
// module that uses a stub replaces it with its directory there, at its
// import path:
//
//	replace github.com/aws/aws-lambda-go => ./_stubs/github.com/aws/aws-lambda-go
func CopyTo(dir string) error {
	return os.CopyFS(dir, os.DirFS(Src()))
}
