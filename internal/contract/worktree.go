package contract

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/faasvet/faasvet/internal/driver"
)

// AtRevision runs the driver on the program as it was at git revision rev:
// it checks rev out into a temporary worktree of the repository that holds
// dir, analyses the directory there that corresponds to dir, and removes
// the worktree. The working tree is not touched.
func AtRevision(dir, rev string, opts driver.Options) (*driver.Result, error) {
	if strings.HasPrefix(rev, "-") {
		return nil, fmt.Errorf("revision %q looks like a flag", rev)
	}
	if _, err := git(dir, "rev-parse", "--verify", "--quiet", rev+"^{commit}"); err != nil {
		return nil, fmt.Errorf("%s is not a commit in the repository at %s", rev, dir)
	}
	prefix, err := git(dir, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "faasvet-diff-")
	if err != nil {
		return nil, err
	}
	defer func() { _ = os.RemoveAll(tmp) }()
	wt := filepath.Join(tmp, "base")
	if _, err := git(dir, "worktree", "add", "--detach", "--quiet", wt, rev); err != nil {
		return nil, err
	}
	defer func() {
		// --force: the analysis may have left build files behind.
		_, _ = git(dir, "worktree", "remove", "--force", wt)
	}()
	opts.Dir = filepath.Join(wt, filepath.FromSlash(strings.TrimSpace(prefix)))
	if _, err := os.Stat(opts.Dir); err != nil {
		return nil, fmt.Errorf("%s has no %s", rev, strings.TrimSpace(prefix))
	}
	return driver.Run(opts)
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && stderr.Len() > 0 {
			return "", fmt.Errorf("git %s: %s", args[0], strings.TrimSpace(stderr.String()))
		}
		return "", fmt.Errorf("git %s: %w", args[0], err)
	}
	return string(out), nil
}
