// Package gitdiff finds the lines that changed since a git revision, for
// faasvet check --new-from-rev: a finding is new when it touches one.
package gitdiff

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// Changes are the lines of the working tree that differ from a revision,
// by path relative to the directory that Changed ran in.
type Changes struct {
	// Files are the changed files and their changed lines. A file that the
	// revision does not have (new, renamed without a match, untracked) is
	// wholly changed.
	Files map[string]*File
}

// File is one changed file.
type File struct {
	All   bool         // every line is new
	Lines map[int]bool // the lines that are new or next to a deletion
}

// Changed reports whether a line of a file changed. Line 0 (no line)
// counts when the file changed at all.
func (c *Changes) Changed(file string, line int) bool {
	f := c.Files[file]
	switch {
	case f == nil:
		return false
	case f.All || line == 0:
		return true
	}
	return f.Lines[line]
}

// ChangedSpan reports whether any line from line to end changed.
func (c *Changes) ChangedSpan(file string, line, end int) bool {
	for l := line; l <= max(line, end); l++ {
		if c.Changed(file, l) {
			return true
		}
	}
	return false
}

// Changed runs git in dir and returns what changed in the working tree
// (staged or not, and untracked files) since rev, for the files under dir.
func Changed(dir, rev string) (*Changes, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("revision %q looks like a flag", rev)
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("%s is not a commit in the repository at %s", rev, dir)
	}
	// The flags pin down what the user's git configuration could change:
	// prefixes, colour, external diff tools, rename detection.
	diff, err := git(dir, "diff", "--no-color", "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/",
		"-M", "--unified=0", "--relative", rev, "--")
	if err != nil {
		return nil, err
	}
	c, err := Parse(diff)
	if err != nil {
		return nil, err
	}
	untracked, err := git(dir, "ls-files", "-z", "--others", "--exclude-standard")
	if err != nil {
		return nil, err
	}
	for name := range bytes.SplitSeq(untracked, []byte{0}) {
		if len(name) > 0 {
			c.Files[string(name)] = &File{All: true}
		}
	}
	return c, nil
}

func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && stderr.Len() > 0 {
			return nil, fmt.Errorf("git %s: %s", args[0], strings.TrimSpace(stderr.String()))
		}
		return nil, fmt.Errorf("git %s: %w", args[0], err)
	}
	return out, nil
}

var hunk = regexp.MustCompile(`^@@ -[0-9]+(?:,[0-9]+)? \+([0-9]+)(?:,([0-9]+))? @@`)

// Parse reads a unified diff made with --unified=0 and the a/ and b/
// prefixes. Added lines are changed; a deletion marks the lines on either
// side of it, so that a finding next to removed code counts as new.
func Parse(diff []byte) (*Changes, error) {
	c := &Changes{Files: map[string]*File{}}
	var cur *File
	var oldPath string
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			cur, oldPath = nil, ""
		case strings.HasPrefix(line, "--- "):
			oldPath = line[4:]
		case strings.HasPrefix(line, "+++ "):
			name := line[4:]
			if name == "/dev/null" { // deleted
				cur = nil
				continue
			}
			name = unquote(name)
			name = strings.TrimPrefix(name, "b/")
			cur = &File{Lines: map[int]bool{}}
			if oldPath == "/dev/null" {
				cur.All = true
			}
			c.Files[name] = cur
		case strings.HasPrefix(line, "@@"):
			if cur == nil {
				continue
			}
			m := hunk.FindStringSubmatch(line)
			if m == nil {
				return nil, fmt.Errorf("gitdiff: bad hunk header %q", line)
			}
			start, _ := strconv.Atoi(m[1])
			n := 1
			if m[2] != "" {
				n, _ = strconv.Atoi(m[2])
			}
			if n == 0 { // a pure deletion after line start
				cur.Lines[start] = true
				cur.Lines[start+1] = true
				continue
			}
			for l := start; l < start+n; l++ {
				cur.Lines[l] = true
			}
		}
	}
	return c, sc.Err()
}

// unquote undoes git's C-style quoting of unusual path names.
func unquote(name string) string {
	if strings.HasPrefix(name, `"`) {
		if s, err := strconv.Unquote(name); err == nil {
			return s
		}
	}
	return name
}
