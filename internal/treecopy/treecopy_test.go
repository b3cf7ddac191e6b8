package treecopy

import (
	"os"
	"path/filepath"
	"testing"
)

func TestCopy(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	if err := os.MkdirAll(filepath.Join(src, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "a", "b", "f.go"), []byte("package b\n"), 0o444); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("f.go", filepath.Join(src, "a", "b", "link.go")); err != nil {
		t.Fatal(err)
	}
	if err := Copy(src, dst); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dst, "a", "b", "f.go"))
	if err != nil || st.Mode().Perm() != 0o644 {
		t.Fatalf("copied file: %v, mode %v; want 0644", err, st.Mode())
	}
	if _, err := os.Lstat(filepath.Join(dst, "a", "b", "link.go")); !os.IsNotExist(err) {
		t.Errorf("the link was copied: %v", err)
	}
}
