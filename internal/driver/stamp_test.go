package driver

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"github.com/faasvet/faasvet/internal/cache"
)

// TestStamp: a run on a tree whose files are as they were replays the
// last outcome without the go command's listing; any change the listing
// would see (an edit, a new file, an edit in a module the tree replaces
// a requirement with) is seen, and a file changed in the last seconds
// makes the run ask the go command.
func TestStamp(t *testing.T) {
	if testing.Short() {
		t.Skip("loads packages with the go command")
	}
	t.Setenv("GOFLAGS", "-mod=mod")
	t.Setenv("GOPROXY", "off")
	top := t.TempDir()
	dir := filepath.Join(top, "app")
	tree := reuseTree + `
-- ../lib/go.mod --
module example.com/lib

go 1.26
-- ../lib/lib.go --
package lib

func Name() string { return "lib" }
`
	writeTree(t, dir, txtar.Parse([]byte(tree)))
	edit := func(file, old, new string) {
		t.Helper()
		replaceIn(t, filepath.Join(dir, filepath.FromSlash(file)), old, new)
	}
	// The app uses the module beside it through a replace.
	edit("go.mod", "require github.com/aws/aws-lambda-go v1.55.1", "require (\n\tgithub.com/aws/aws-lambda-go v1.55.1\n\texample.com/lib v0.0.0\n)\n\nreplace example.com/lib => ../lib")
	edit("use/use.go", `import "example.com/app/util"`, "import (\n\t\"example.com/app/util\"\n\t\"example.com/lib\"\n)\n\nvar _ = lib.Name")
	// Every file an hour old, as a tree is between edits.
	age := func() {
		t.Helper()
		old := time.Now().Add(-time.Hour)
		if err := filepath.WalkDir(top, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			return os.Chtimes(path, old, old)
		}); err != nil {
			t.Fatal(err)
		}
	}
	age()
	c, err := cache.OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	step := func(what string, wantCached, wantUnlisted bool) {
		t.Helper()
		off, err := Run(Options{Dir: dir})
		if err != nil {
			t.Fatal(err)
		}
		on, err := Run(Options{Dir: dir, Cache: c})
		if err != nil {
			t.Fatal(err)
		}
		if on.Cached != wantCached || on.Unlisted != wantUnlisted {
			t.Errorf("%s: cached %v, unlisted %v; want %v, %v", what, on.Cached, on.Unlisted, wantCached, wantUnlisted)
		}
		if got, want := outcome(t, on), outcome(t, off); !bytes.Equal(got, want) {
			t.Errorf("%s: with the cache:\n%s\nwithout:\n%s", what, got, want)
		}
	}
	step("cold", false, false)
	step("warm", true, true)

	edit("price/main.go", "func main()", "// An edit.\nfunc main()")
	age()
	step("after an edit", false, false)
	step("after an edit, warm", true, true)

	if err := os.WriteFile(filepath.Join(dir, "msg", "more.go"), []byte("package msg\n\ntype More struct{ N int }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	age()
	step("after a new file", false, false)
	step("after a new file, warm", true, true)

	edit("../lib/lib.go", `"lib"`, `"library"`)
	age()
	step("after an edit in a replacement module", false, false)
	step("after an edit in a replacement module, warm", true, true)

	// A file changed a moment ago (here: the last two hours) could yet
	// change within its time's resolution: the stamp is not trusted, the
	// run key (which hashes the files' contents) is made again, from the
	// listing stored with the stamp (relist.go: no file differs from its
	// table), and is the same.
	defer func(d time.Duration) { stampRecent = d }(stampRecent)
	stampRecent = 2 * time.Hour
	step("with files changed a moment ago", true, false)
}
