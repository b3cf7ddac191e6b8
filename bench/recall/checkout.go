package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
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
	missing, err := extract(git, a.Commit, dir)
	if err != nil {
		return "", fmt.Errorf("%w: %s in %s: %w", errNoMirror, a.Commit, git, err)
	}
	if missing > 0 {
		// A fetched mirror may lack its largest blobs; they are never Go
		// code or infrastructure a reader used, but say so.
		if err := os.WriteFile(filepath.Join(dir, ".faasvet-recall-missing"), []byte(fmt.Sprintf("%d\n", missing)), 0o644); err != nil {
			return "", err
		}
	}
	return dir, os.WriteFile(done, nil, 0o644)
}

// doneMarker marks a complete extraction, so that an interrupted one is
// redone rather than measured.
const doneMarker = ".faasvet-recall-complete"

// extract writes the files of commit's tree under dir, reading the
// objects with git cat-file, and returns how many blobs the mirror does
// not have (the search tool's fetch may leave out the largest). Links,
// submodules and paths that would land outside dir are skipped.
func extract(git, commit, dir string) (missing int, err error) {
	ls := exec.Command("git", "--git-dir="+git, "ls-tree", "-r", "-z", commit)
	var stderr bytes.Buffer
	ls.Stderr = &stderr
	out, err := ls.Output()
	if err != nil {
		return 0, fmt.Errorf("git ls-tree: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	type entry struct{ sha, path string }
	var files []entry
	for _, rec := range strings.Split(string(out), "\x00") {
		meta, path, ok := strings.Cut(rec, "\t")
		if !ok {
			continue
		}
		f := strings.Fields(meta) // mode type sha
		if len(f) != 3 || f[1] != "blob" || f[0] == "120000" {
			continue
		}
		if !filepath.IsLocal(filepath.FromSlash(path)) {
			continue
		}
		files = append(files, entry{f[2], path})
	}
	cat := exec.Command("git", "--git-dir="+git, "cat-file", "--batch")
	var in bytes.Buffer
	for _, f := range files {
		in.WriteString(f.sha + "\n")
	}
	cat.Stdin = &in
	stdout, err := cat.StdoutPipe()
	if err != nil {
		return 0, err
	}
	if err := cat.Start(); err != nil {
		return 0, err
	}
	r := bufio.NewReader(stdout)
	for _, f := range files {
		header, err := r.ReadString('\n')
		if err != nil {
			return missing, fmt.Errorf("git cat-file: %w", err)
		}
		h := strings.Fields(header)
		if len(h) == 2 && h[1] == "missing" {
			missing++
			continue
		}
		if len(h) != 3 {
			return missing, fmt.Errorf("git cat-file: unexpected %q", header)
		}
		size, err := strconv.Atoi(h[2])
		if err != nil {
			return missing, err
		}
		data := make([]byte, size+1) // the content and its newline
		if _, err := io.ReadFull(r, data); err != nil {
			return missing, err
		}
		p := filepath.Join(dir, filepath.FromSlash(f.path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return missing, err
		}
		if err := os.WriteFile(p, data[:size], 0o644); err != nil {
			return missing, err
		}
	}
	return missing, cat.Wait()
}
