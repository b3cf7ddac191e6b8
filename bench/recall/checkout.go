package main

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// errNoMirror says that the machine has no copy of an app's repository:
// the corpus run is skipped, never failed, where GitHub is out of reach.
var errNoMirror = errors.New("no local copy")

// mirrorDir is where the search tool's fetch leaves a repository's git
// directory: <mirror>/<owner>+<name>/repo, bare or holding a .git.
func mirrorDir(mirror, repo string) string {
	dir := filepath.Join(mirror, strings.Replace(repo, "/", "+", 1), "repo")
	if fi, err := os.Stat(filepath.Join(dir, ".git")); err == nil && fi.IsDir() {
		return filepath.Join(dir, ".git")
	}
	return dir
}

// checkout extracts the app's pinned commit from the local mirror into a
// fresh directory under work and returns it. An existing extraction of
// the same commit is reused: it is only ever read, and mutations run on
// copies of it.
func checkout(mirror, work string, a *app) (string, error) {
	dir := filepath.Join(work, a.Name+"-"+a.Commit[:12])
	done := filepath.Join(dir, doneMarker)
	if _, err := os.Stat(done); err == nil {
		return dir, nil
	}
	git := mirrorDir(mirror, a.Repo)
	if _, err := os.Stat(git); err != nil {
		return "", fmt.Errorf("%w of %s (fetch github:%s with the search tool)", errNoMirror, a.Repo, a.Repo)
	}
	if err := os.RemoveAll(dir); err != nil {
		return "", err
	}
	cmd := exec.Command("git", "--git-dir="+git, "archive", "--format=tar", a.Commit)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("%w: git archive %s in %s: %v: %s", errNoMirror, a.Commit, git, err, strings.TrimSpace(stderr.String()))
	}
	if err := untar(bytes.NewReader(out), dir); err != nil {
		return "", err
	}
	return dir, os.WriteFile(done, nil, 0o644)
}

// doneMarker marks a complete extraction, so that an interrupted one is
// redone rather than measured.
const doneMarker = ".faasvet-recall-complete"

// untar writes a git archive's regular files and directories under dir;
// links and anything that would land outside dir are skipped.
func untar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.FromSlash(h.Name)
		if !filepath.IsLocal(name) {
			continue
		}
		p := filepath.Join(dir, name)
		switch h.Typeflag {
		case tar.TypeDir:
			if err := os.MkdirAll(p, 0o755); err != nil {
				return err
			}
		case tar.TypeReg:
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				return err
			}
			f, err := os.OpenFile(p, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
			if err != nil {
				return err
			}
			_, err = io.Copy(f, tr)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
		}
	}
}

// copyTree copies the regular files of src to dst, for a scratch copy
// that a mutation may change.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
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
