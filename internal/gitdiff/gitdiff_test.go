package gitdiff

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

const sample = `diff --git a/charge/main.go b/charge/main.go
index 1111111..2222222 100644
--- a/charge/main.go
+++ b/charge/main.go
@@ -3,0 +4,2 @@ import (
+	"fmt"
+	"os"
@@ -20 +22 @@ func main() {
-	lambda.Start(charge)
+	lambda.Start(p.charge)
@@ -30,2 +31,0 @@ func x() {
diff --git a/old.go b/old.go
deleted file mode 100644
--- a/old.go
+++ /dev/null
@@ -1,3 +0,0 @@
-package old
diff --git a/new.go b/new.go
new file mode 100644
--- /dev/null
+++ b/new.go
@@ -0,0 +1,2 @@
+package x
+
diff --git a/a.go "b/na\303\257ve.go"
similarity index 90%
rename from a.go
rename to "na\303\257ve.go"
--- a/a.go
+++ "b/na\303\257ve.go"
@@ -7 +7 @@
-x
+y
`

func TestParse(t *testing.T) {
	c, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		file string
		line int
		want bool
	}{
		{"charge/main.go", 3, false},
		{"charge/main.go", 4, true},
		{"charge/main.go", 5, true},
		{"charge/main.go", 6, false},
		{"charge/main.go", 22, true},
		{"charge/main.go", 30, false},
		{"charge/main.go", 31, true}, // next to the deletion
		{"charge/main.go", 32, true},
		{"charge/main.go", 0, true},
		{"old.go", 1, false},
		{"new.go", 99, true},
		{"naïve.go", 7, true},
		{"naïve.go", 8, false},
		{"other.go", 1, false},
	} {
		if got := c.Changed(tc.file, tc.line); got != tc.want {
			t.Errorf("%s:%d changed = %v, want %v", tc.file, tc.line, got, tc.want)
		}
	}
	if !c.ChangedSpan("charge/main.go", 1, 4) || c.ChangedSpan("charge/main.go", 6, 21) {
		t.Error("ChangedSpan")
	}
}

// TestChanged runs the real git on a repository made here: committed,
// modified, staged and untracked files, seen from a subdirectory.
func TestChanged(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("no git")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lines := func(n int) string { return strings.Repeat("line\n", n) }
	run("init", "-q", "-b", "main")
	write("app/a.go", lines(10))
	write("app/b.go", lines(10))
	write("top.go", lines(3))
	run("add", ".")
	run("commit", "-q", "-m", "base")
	write("app/a.go", "new\n"+lines(10))             // line 1 added
	write("app/b.go", lines(5)+"changed\n"+lines(4)) // line 6 changed
	run("add", "app/b.go")
	write("app/c.go", lines(2)) // untracked
	write("top.go", "x\n")      // outside app/

	c, err := Changed(filepath.Join(dir, "app"), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]int{"a.go": {1}, "b.go": {6}, "c.go": {1, 2}}
	if len(c.Files) != len(want) {
		t.Errorf("files %v, want a.go b.go c.go", keys(c.Files))
	}
	for file, ls := range want {
		for _, l := range ls {
			if !c.Changed(file, l) {
				t.Errorf("%s:%d not changed", file, l)
			}
		}
	}
	if c.Changed("a.go", 2) || c.Changed("b.go", 5) {
		t.Error("unchanged lines reported")
	}
	if _, err := Changed(dir, "no-such-rev"); err == nil {
		t.Error("a bad revision passed")
	}
	if _, err := Changed(dir, "--output=/tmp/x"); err == nil {
		t.Error("a flag passed as a revision")
	}
}

func keys(m map[string]*File) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
