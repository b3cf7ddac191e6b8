// Package cache is faasvet's on-disk cache of results, in the manner of
// the go command's build cache and staticcheck's and golangci-lint's
// caches: entries addressed by a SHA-256 key that hashes every input of
// the result, written atomically (a temporary file renamed into place, so
// that concurrent runs see a whole entry or none), checked on every read
// (a header and a checksum of the payload: an entry that was truncated or
// garbled is a miss, removed and recomputed, never trusted), and bounded
// in size (Trim removes the least recently used entries). A Batch of many
// entries, as a run that fills the cache stores, is one pack file
// (pack.go), not a file for each.
//
// The cache is faasvet under os.UserCacheDir(), or the directory that
// FAASVET_CACHE names; FAASVET_CACHE=off turns it off. It holds whole
// runs and the analyses of single packages (internal/driver's cached.go
// and reuse.go); docs/performance.md says what it costs and saves.
package cache

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"
)

// A Key addresses one entry: the hash of everything the entry depends on.
type Key [sha256.Size]byte

func (k Key) String() string { return hex.EncodeToString(k[:]) }

// Cache is a directory of entries.
type Cache struct {
	dir string
	packsState
}

// Env is the environment variable that overrides the cache directory.
const Env = "FAASVET_CACHE"

// DefaultLimit bounds the cache's size: Trim keeps it below.
const DefaultLimit = 512 << 20

// magic starts every entry; a change of the format changes it.
const magic = "faasvet-cache-v2\n"

// Dir is the cache directory: the one $FAASVET_CACHE names, faasvet under
// the user cache directory when it is unset or "default", or "off" when it
// is "off".
func Dir() (string, error) {
	switch d := os.Getenv(Env); d {
	case "off":
		return "off", nil
	case "", "default":
		base, err := os.UserCacheDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(base, "faasvet"), nil
	default:
		return filepath.Abs(d)
	}
}

// Open opens the cache in Dir, creating it; nil, nil when it is off.
func Open() (*Cache, error) {
	dir, err := Dir()
	if err != nil || dir == "off" {
		return nil, err
	}
	return OpenDir(dir)
}

// OpenDir opens the cache in dir, creating it.
func OpenDir(dir string) (*Cache, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return &Cache{dir: dir}, nil
}

// Dir is the cache's directory.
func (c *Cache) Dir() string { return c.dir }

// Path is where the entry of k lives.
func (c *Cache) path(k Key) string {
	s := k.String()
	return filepath.Join(c.dir, s[:2], s+"-e")
}

// Get returns the entry of k, from its own file or else from a pack. A
// missing entry, and one that fails its checks (its file removed then),
// is a miss.
func (c *Cache) Get(k Key) ([]byte, bool) {
	p := c.path(k)
	f, err := os.Open(p)
	if err != nil {
		return c.packed(k)
	}
	st, err := f.Stat()
	var data []byte
	if err == nil {
		data = make([]byte, st.Size())
		_, err = io.ReadFull(f, data)
	}
	_ = f.Close()
	if err != nil {
		return nil, false
	}
	payload, ok := decode(data)
	if !ok {
		_ = os.Remove(p) // corrupt: recomputed and written again
		return nil, false
	}
	// Mark it used, for Trim, as the go command marks its build cache's
	// entries: when it was last marked over an hour ago, so that most
	// hits write nothing. A failure only makes it older.
	if now := time.Now(); now.Sub(st.ModTime()) > usedInterval {
		_ = os.Chtimes(p, now, now)
	}
	return payload, true
}

// usedInterval is how stale an entry's time may be before a hit
// refreshes it; Trim's least recently used order is that coarse.
const usedInterval = time.Hour

func decode(data []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(data, []byte(magic))
	if !ok || len(rest) < sha256.Size {
		return nil, false
	}
	sum, payload := rest[:sha256.Size], rest[sha256.Size:]
	got := sha256.Sum256(payload)
	if !bytes.Equal(sum, got[:]) {
		return nil, false
	}
	return payload, true
}

// Put stores data as the entry of k: written to a temporary file in the
// entry's directory and renamed into place, so that a concurrent reader
// sees the old entry, the new one or none, never a part.
func (c *Cache) Put(k Key, data []byte) error {
	sum := sha256.Sum256(data)
	return WriteFile(c.path(k), slices.Concat([]byte(magic), sum[:], data))
}

// WriteFile writes data to name through a temporary file in its
// directory, made if missing, renamed into place: a concurrent reader
// sees all of it or none.
func WriteFile(name string, data []byte) error {
	f, err := createTemp(filepath.Dir(name))
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(filepath.Dir(name), 0o755); err == nil {
			f, err = createTemp(filepath.Dir(name))
		}
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
	return err
}

// createTemp creates a new file .tmp-* in dir, readable by all (as
// os.CreateTemp's 0600 would not be: a shared cache serves other users
// too), in one system call where os.CreateTemp and a chmod take two.
func createTemp(dir string) (*os.File, error) {
	for range 10000 {
		var b [8]byte
		_, _ = rand.Read(b[:])
		f, err := os.OpenFile(filepath.Join(dir, ".tmp-"+hex.EncodeToString(b[:])), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("cache: cannot create a temporary file in %s", dir)
}

// Trim removes the least recently used entries and packs until the cache holds at
// most limit bytes, and temporary files older than an hour (left by a run
// that was killed).
func (c *Cache) Trim(limit int64) error {
	type ent struct {
		path string
		size int64
		used time.Time
	}
	var ents []ent
	var total int64
	old := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(c.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed by a concurrent run
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".tmp-") {
			if info.ModTime().Before(old) {
				_ = os.Remove(path)
			}
			return nil
		}
		if !strings.HasSuffix(d.Name(), "-e") && !strings.HasSuffix(d.Name(), "-p") {
			return nil // an entry or a pack (pack.go)
		}
		ents = append(ents, ent{path, info.Size(), info.ModTime()})
		total += info.Size()
		return nil
	})
	if err != nil {
		return err
	}
	slices.SortFunc(ents, func(a, b ent) int { return a.used.Compare(b.used) })
	for _, e := range ents {
		if total <= limit {
			break
		}
		if err := os.Remove(e.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= e.size
		}
	}
	return nil
}

// TrimInterval is how often MaybeTrim trims.
const TrimInterval = time.Hour

// MaybeTrim trims the cache to limit when it was last trimmed more than
// TrimInterval ago (a file in the cache records when), so that most runs
// do not walk the cache.
func (c *Cache) MaybeTrim(limit int64) error {
	mark := filepath.Join(c.dir, "trim.txt")
	if st, err := os.Stat(mark); err == nil && time.Since(st.ModTime()) < TrimInterval {
		return nil
	}
	if err := os.WriteFile(mark, []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o644); err != nil {
		return err
	}
	return c.Trim(limit)
}

// Clean removes the cache directory and everything in it.
func Clean(dir string) error {
	return os.RemoveAll(dir)
}

// NewHash starts a key; salt separates kinds of entry.
func NewHash(salt string) *Hasher {
	h := &Hasher{sha: sha256.New()}
	h.String(magic)
	h.String(salt)
	return h
}

// Hasher accumulates the parts of a key, each length-prefixed so that no
// two lists of parts hash alike.
type Hasher struct {
	sha interface {
		io.Writer
		Sum([]byte) []byte
	}
}

// String adds s.
func (h *Hasher) String(s string) {
	var n [8]byte
	for i, l := 0, uint64(len(s)); i < 8; i, l = i+1, l>>8 {
		n[i] = byte(l)
	}
	_, _ = h.sha.Write(n[:]) // a hash never fails
	_, _ = io.WriteString(h.sha, s)
}

// Key is the key of the parts added so far.
func (h *Hasher) Key() Key {
	var k Key
	copy(k[:], h.sha.Sum(nil))
	return k
}

// FileHash is the SHA-256 of a file's contents.
func FileHash(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer func() { _ = f.Close() }() // read only
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// Version names the faasvet that computes the results: its module
// version when it has one, otherwise (a development build, where the
// version says nothing) the hash of its executable. Tests replace it.
var Version = sync.OnceValue(func() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Path + "@" + bi.Main.Version
	}
	exe, err := os.Executable()
	if err == nil {
		if h, err := FileHash(exe); err == nil {
			return "exe:" + h
		}
	}
	return "" // unknown: the driver does not use the cache
})
