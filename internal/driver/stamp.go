package driver

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/internal/cache"
)

// Replaying an unchanged run without asking the go command.
//
// A run's key (cached.go) is made of the go command's listing, which
// costs most of a run that is then replayed: on the synthetic tree of
// 1,000 functions the listing alone is half a cold run. Yet the listing
// is a function of files the run can see for itself: the files of the
// modules whose packages it lists (the main modules and the directories
// they replace requirements with, the module cache being read-only),
// the go.mod and go.work files that govern them, the go command that
// lists them and its environment. A stamp hashes those files' names,
// sizes, modes and modification times, as the go command itself trusts
// a file's time and size to tell whether to hash it again, with the
// rest: after a run whose key is stored, the stamp is stored with the
// key and the module directories it walked; a later run that walks the
// same directories to the same stamp replays the key's outcome with no
// listing at all.
//
// The stamp is taken after the run and not stored when it cannot be
// trusted: a file changed in the last two seconds (its time could be
// the time of a later edit too, as the go command's own hash cache
// reasons), a listed file outside the walked directories, a run with
// load errors or stand-in modules (whose outcome depends on the
// network, not on files).

// stampRecent is how recent a file's time may be for a stamp to be
// stored or trusted: the go command's modTimeCutoff. (A test changes it.)
var stampRecent = 2 * time.Second

// stampEntry is what the cache holds under a run's index key.
type stampEntry struct {
	Roots  []string // the directories walked, in order
	Stamp  string
	RunKey string
	// Listing is the key of the run's listing and the table of the
	// files walked (relist.go); "" when there is none.
	Listing string `json:",omitempty"`
}

// stampIndex is the key under which a run's stamp is stored: what the
// run is asked (directory, patterns, options) and who answers it (the go
// command, its environment, faasvet), but no file.
func stampIndex(dir string, opts Options, patterns []string) (cache.Key, bool) {
	base, ok := baseKey(dir, opts)
	if !ok {
		return cache.Key{}, false
	}
	h := cache.NewHash("stamp index")
	h.String(base)
	h.String(strings.Join(patterns, " "))
	h.String(strings.Join(opts.Manifests, " ") + " " + strconv.FormatBool(opts.NoManifests) + " " + strconv.FormatBool(opts.RepoManifests))
	gocmd, err := exec.LookPath("go")
	if err != nil {
		return cache.Key{}, false
	}
	st, err := os.Stat(gocmd)
	if err != nil {
		return cache.Key{}, false
	}
	h.String("go " + gocmd + " " + strconv.FormatInt(st.Size(), 10) + " " + st.ModTime().UTC().String())
	// The go command's environment: its variables, and the file of its
	// go env -w settings.
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "GO") || strings.HasPrefix(kv, "CGO_") || strings.HasPrefix(kv, "CC=") || strings.HasPrefix(kv, "CXX=") || strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	slices.Sort(env)
	h.String(strings.Join(env, "\x00"))
	goenv := os.Getenv("GOENV")
	if goenv == "" {
		if cfg, err := os.UserConfigDir(); err == nil {
			goenv = filepath.Join(cfg, "go", "env")
		}
	}
	if st, err := os.Stat(goenv); err == nil {
		h.String("goenv " + goenv + " " + strconv.FormatInt(st.Size(), 10) + " " + st.ModTime().UTC().String())
	}
	return h.Key(), true
}

// stampOf walks roots and hashes what they hold, with model (the
// manifests as read) and the go.mod and go.work files above each root;
// recent says that a file changed less than stampRecent before since.
// When table is not nil, each file walked or hashed is entered in it.
func stampOf(roots []string, modelJSON []byte, since time.Time, table map[string]fileStat) (stamp string, recent, ok bool) {
	h := cache.NewHash("stamp")
	h.String(string(modelJSON))
	for _, root := range roots {
		h.String("root " + root)
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && path != root && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			if info.ModTime().After(since.Add(-stampRecent)) {
				recent = true
			}
			h.String(path + " " + info.Mode().String() + " " + strconv.FormatInt(info.Size(), 10) + " " + strconv.FormatInt(info.ModTime().UnixNano(), 10))
			if table != nil {
				table[path] = fileStat{info.Size(), info.Mode(), info.ModTime().UnixNano()}
			}
			return nil
		})
		if err != nil {
			return "", false, false
		}
		for d := filepath.Dir(root); ; d = filepath.Dir(d) {
			for _, name := range []string{"go.mod", "go.work", "go.work.sum"} {
				if info, err := os.Stat(filepath.Join(d, name)); err == nil {
					h.String(filepath.Join(d, name) + " " + strconv.FormatInt(info.Size(), 10) + " " + strconv.FormatInt(info.ModTime().UnixNano(), 10))
					if table != nil {
						table[filepath.Join(d, name)] = fileStat{info.Size(), info.Mode(), info.ModTime().UnixNano()}
					}
				}
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return h.Key().String(), recent, true
}

// skipDir says which directories a stamp does not walk: version control's
// and JavaScript's packages, which no listing reads (stampRoots checks).
func skipDir(name string) bool {
	return name == ".git" || name == "node_modules"
}

// stampRoots are the directories whose files the listing of loads read:
// the directories of the modules of the packages listed that are not in
// the module cache (which never changes) or GOROOT; false when a file
// the listing names is in none of them, or in a directory a stamp skips.
func stampRoots(loads []listing) ([]string, bool) {
	modcache := goEnvValue("GOMODCACHE")
	goroot := goEnvValue("GOROOT")
	gocache := goEnvValue("GOCACHE")
	if modcache == "" || goroot == "" || gocache == "" {
		return nil, false
	}
	under := func(path, dir string) bool {
		_, ok := within(dir, path)
		return ok
	}
	fixed := func(path string) bool { return under(path, modcache) || under(path, goroot) }
	var roots []string
	var files []string
	var listed []*packages.Package
	for _, l := range loads {
		listed = append(listed, l.pkgs...)
	}
	for _, p := range order(listed) {
		if m := p.Module; m != nil {
			for _, d := range []string{m.Dir, replaceDir(m)} {
				if d != "" && !fixed(d) && !slices.Contains(roots, d) {
					roots = append(roots, d)
				}
			}
		}
		// Every file outside the module cache and GOROOT must be walked,
		// but for those the go command generates in its build cache
		// from the others: a test main's (with Tests), cgo's.
		for _, f := range slices.Concat(p.GoFiles, p.OtherFiles, p.EmbedFiles, p.IgnoredFiles) {
			if !fixed(f) && !under(f, gocache) {
				files = append(files, f)
			}
		}
	}
	slices.Sort(roots)
	// A module nested in another is walked with it.
	roots = slices.CompactFunc(roots, func(a, b string) bool { return under(b, a) })
	for _, f := range files {
		in := false
		for _, r := range roots {
			if under(f, r) {
				in = true
				rel, _ := filepath.Rel(r, f)
				for _, part := range strings.Split(filepath.Dir(rel), string(filepath.Separator)) {
					if skipDir(part) {
						return nil, false
					}
				}
			}
		}
		if !in {
			return nil, false
		}
	}
	return roots, len(roots) > 0
}

func replaceDir(m *packages.Module) string {
	if m.Replace != nil {
		return m.Replace.Dir
	}
	return ""
}

// goEnvValue is one of the go command's settings, asked once per
// process.
func goEnvValue(name string) string {
	goEnvOnce.Do(func() { goEnvValues, _ = goEnvVars("", nil, goEnvNames...) })
	return goEnvValues[name]
}

// goEnvNames are the settings goEnvValue knows.
var goEnvNames = []string{"GOMODCACHE", "GOROOT", "GOCACHE"}

var (
	goEnvOnce   sync.Once
	goEnvValues map[string]string
)

// replayStamped replays the outcome of the run stored under the stamp of
// dir's files, when they are as they were; nil when they are not, or the
// cache holds no such run. It also gives the stored entry and the table
// of the files walked now, for an incremental listing (relist.go); nil
// when there is none.
func replayStamped(c *cache.Cache, index cache.Key, modelJSON []byte) (*Result, *stampEntry, map[string]fileStat) {
	data, ok := c.Get(index)
	if !ok {
		return nil, nil, nil
	}
	var e stampEntry
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if dec.Decode(&e) != nil || len(e.Roots) == 0 {
		return nil, nil, nil
	}
	var table map[string]fileStat
	if e.Listing != "" {
		table = map[string]fileStat{}
	}
	stamp, recent, ok := stampOf(e.Roots, modelJSON, time.Now(), table)
	if !ok {
		return nil, nil, nil
	}
	if recent || stamp != e.Stamp {
		return nil, &e, table
	}
	var key cache.Key
	if n, err := hex.Decode(key[:], []byte(e.RunKey)); err != nil || n != len(key) {
		return nil, nil, nil
	}
	out, ok := c.Get(key)
	if !ok {
		return nil, &e, table
	}
	res, ok := decodeResult(out)
	if !ok {
		return nil, &e, table
	}
	return res, nil, nil
}

// storeStamp stores the stamp of the run just done, whose key is key,
// when it can be trusted: no file changed since stampRecent before the
// run started (start), which could have changed after the listing read
// it. With the stamp go the run's listing as it was listed (snap) and
// the table of the files walked (relist.go); prev is the listing entry
// the run replayed, whose files' headers need not be read again.
func storeStamp(c *cache.Cache, index, key cache.Key, loads []listing, snap []storedLoad, modelJSON []byte, res *Result, start time.Time, prev *listEntry) {
	if len(res.LoadErrors) > 0 {
		return
	}
	roots, ok := stampRoots(loads)
	if !ok {
		return
	}
	var table map[string]fileStat
	if snap != nil {
		table = map[string]fileStat{}
	}
	stamp, recent, ok := stampOf(roots, modelJSON, start, table)
	if !ok || recent {
		return
	}
	e := stampEntry{Roots: roots, Stamp: stamp, RunKey: key.String()}
	e.Listing = storeListing(c, index, stamp, snap, table, modelJSON, prev)
	data, err := json.Marshal(e)
	if err == nil {
		_ = c.Put(index, data)
	}
}
