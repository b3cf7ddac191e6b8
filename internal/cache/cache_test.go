package cache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

func key(s string) Key {
	h := NewHash("test")
	h.String(s)
	return h.Key()
}

func TestPutGet(t *testing.T) {
	c, err := OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(key("a")); ok {
		t.Fatal("hit in an empty cache")
	}
	if err := c.Put(key("a"), []byte("value a")); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get(key("a")); !ok || string(got) != "value a" {
		t.Fatalf("Get = %q, %v", got, ok)
	}
	if _, ok := c.Get(key("b")); ok {
		t.Fatal("hit for another key")
	}
}

// TestKeyParts: the parts are length-prefixed, so moving a boundary
// changes the key.
func TestKeyParts(t *testing.T) {
	a, b := NewHash("x"), NewHash("x")
	a.String("ab")
	a.String("c")
	b.String("a")
	b.String("bc")
	if a.Key() == b.Key() {
		t.Fatal("ab|c and a|bc hash alike")
	}
}

// TestCorrupt: a truncated, garbled or foreign entry is a miss, and is
// removed.
func TestCorrupt(t *testing.T) {
	c, err := OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	payload := bytes.Repeat([]byte("payload "), 100)
	for name, spoil := range map[string]func([]byte) []byte{
		"truncated":   func(b []byte) []byte { return b[:len(b)-10] },
		"garbled":     func(b []byte) []byte { b[len(b)-5] ^= 1; return b },
		"empty":       func([]byte) []byte { return nil },
		"header only": func(b []byte) []byte { return b[:len(magic)+3] },
		"foreign":     func([]byte) []byte { return []byte("not an entry of faasvet's") },
	} {
		k := key(name)
		if err := c.Put(k, payload); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(c.path(k))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(c.path(k), spoil(data), 0o644); err != nil {
			t.Fatal(err)
		}
		if got, ok := c.Get(k); ok {
			t.Errorf("%s: hit, %q", name, got)
		}
		if _, err := os.Stat(c.path(k)); !os.IsNotExist(err) {
			t.Errorf("%s: the entry is still there", name)
		}
	}
}

// TestTrim: the least recently used entries go first.
func TestTrim(t *testing.T) {
	c, err := OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := make([]byte, 1000)
	base := time.Now().Add(-2 * time.Hour)
	for i := range 10 {
		k := key(fmt.Sprint(i))
		if err := c.Put(k, data); err != nil {
			t.Fatal(err)
		}
		at := base.Add(time.Duration(i) * time.Minute)
		if err := os.Chtimes(c.path(k), at, at); err != nil {
			t.Fatal(err)
		}
	}
	c.Get(key("0")) // used now: the newest
	// A hit on an entry marked less than usedInterval ago writes nothing.
	recent := time.Now().Add(-time.Minute).Truncate(time.Second)
	if err := os.Chtimes(c.path(key("9")), recent, recent); err != nil {
		t.Fatal(err)
	}
	c.Get(key("9"))
	if st, err := os.Stat(c.path(key("9"))); err != nil || !st.ModTime().Equal(recent) {
		t.Errorf("a hit within the interval changed the entry's time: %v, %v", st.ModTime(), err)
	}
	size := int64(len(data) + len(magic) + 32)
	if err := c.Trim(4 * size); err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		_, err := os.Stat(c.path(key(fmt.Sprint(i))))
		if kept, want := err == nil, i == 0 || i >= 7; kept != want {
			t.Errorf("entry %d kept %v, want %v", i, kept, want)
		}
	}
	if err := c.MaybeTrim(0); err != nil {
		t.Fatal(err)
	}
	if err := c.MaybeTrim(0); err != nil { // within the interval: nothing
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(c.Dir(), "*", "*-e"))
	if len(left) != 0 {
		t.Errorf("after MaybeTrim(0): %d entries", len(left))
	}
}

// TestConcurrent: writers and readers of one key at once; every read is
// a miss or the whole value, and no temporary file is left.
func TestConcurrent(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for w := range 8 {
		wg.Go(func() {
			c, err := OpenDir(dir) // each as its own process would
			if err != nil {
				t.Error(err)
				return
			}
			val := bytes.Repeat([]byte{'v'}, 64<<10)
			for range 50 {
				if err := c.Put(key("k"), val); err != nil {
					t.Error(w, err)
				}
				if got, ok := c.Get(key("k")); ok && !bytes.Equal(got, val) {
					t.Errorf("writer %d read a partial value (%d bytes)", w, len(got))
				}
			}
		})
	}
	wg.Wait()
	tmps, _ := filepath.Glob(filepath.Join(dir, "*", ".tmp-*"))
	if len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
}

func TestDirEnv(t *testing.T) {
	t.Setenv(Env, "off")
	if c, err := Open(); c != nil || err != nil {
		t.Errorf("FAASVET_CACHE=off: %v, %v; want the cache off", c, err)
	}
	for _, v := range []string{"", "default"} {
		t.Setenv(Env, v)
		if d, err := Dir(); err != nil || filepath.Base(d) != "faasvet" {
			t.Errorf("FAASVET_CACHE=%q: %q, %v; want faasvet under the user cache directory", v, d, err)
		}
	}
	d := t.TempDir()
	t.Setenv(Env, d)
	c, err := Open()
	if err != nil || c.Dir() != d {
		t.Fatalf("FAASVET_CACHE=%s: %v, %v", d, c, err)
	}
	if err := Clean(d); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(d); !os.IsNotExist(err) {
		t.Error("Clean left the directory")
	}
}
