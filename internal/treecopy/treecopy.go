// Package treecopy copies a directory tree's regular files, writable,
// for the tools that run faasvet on scratch copies of code they must not
// change (the module cache's read-only modules, fetched checkouts).
package treecopy

import (
	"io/fs"
	"os"
	"path/filepath"
)

// Copy copies the directories and regular files of src under dst, every
// file writable (0644); links and other special files are left out.
func Copy(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
