package emit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
)

// ErrExists is returned by Write when a file exists and force is off.
var ErrExists = errors.New("exists")

// Write writes files under dir, creating dir and the directories inside
// it. It checks every file before it writes any, so that a refused write
// leaves the directory as it was:
//
//   - a path must be relative, clean and inside dir: no "..", no
//     absolute path;
//   - nothing is written through a symbolic link, and the writes go
//     through an os.Root, which cannot leave dir whatever links are
//     added meanwhile;
//   - an existing file is overwritten only with force.
func Write(dir string, files []File, force bool) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	defer func() { _ = root.Close() }()
	var exist []string
	for _, f := range files {
		if err := checkPath(f.Path); err != nil {
			return err
		}
		// Every existing element of the path must be a real directory,
		// and the file a regular one.
		parts := strings.Split(f.Path, "/")
		for i := range parts {
			p := strings.Join(parts[:i+1], "/")
			st, err := root.Lstat(p)
			if errors.Is(err, fs.ErrNotExist) {
				break
			}
			if err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			last := i == len(parts)-1
			switch {
			case st.Mode()&fs.ModeSymlink != 0:
				return fmt.Errorf("%s is a symbolic link: faasvet emit does not write through links", path.Join(dir, p))
			case !last && !st.IsDir():
				return fmt.Errorf("%s is not a directory", path.Join(dir, p))
			case last && !st.Mode().IsRegular():
				return fmt.Errorf("%s exists and is not a regular file", path.Join(dir, p))
			case last:
				exist = append(exist, f.Path)
			}
		}
	}
	if len(exist) > 0 && !force {
		return fmt.Errorf("%w: %s in %s; give --force to overwrite", ErrExists, strings.Join(exist, ", "), dir)
	}
	for _, f := range files {
		if d := path.Dir(f.Path); d != "." {
			if err := root.MkdirAll(d, 0o755); err != nil {
				return err
			}
		}
		if err := root.WriteFile(f.Path, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// checkPath accepts a clean, relative, slash-separated path inside the
// output directory.
func checkPath(p string) error {
	switch {
	case p == "" || p == ".":
		return fmt.Errorf("empty file name")
	case strings.Contains(p, `\`) || strings.ContainsRune(p, 0):
		return fmt.Errorf("%q: bad file name", p)
	case path.IsAbs(p) || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../"):
		return fmt.Errorf("%q: the file would be outside the output directory", p)
	}
	return nil
}
