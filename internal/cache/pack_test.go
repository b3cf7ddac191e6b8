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

// value is key i's payload, of a length that varies with i.
func value(i int) []byte {
	return bytes.Repeat([]byte(fmt.Sprintf("value %d;", i)), 1+i%7)
}

// fill stores entries 0..n-1 in one batch.
func fill(t *testing.T, c *Cache, n int) {
	t.Helper()
	b := c.Batch()
	for i := range n {
		b.Put(key(fmt.Sprint(i)), value(i))
	}
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
}

func files(t *testing.T, pattern string) []string {
	t.Helper()
	m, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestBatch: PackMin entries or more make one pack, which another
// Cache on the directory reads; fewer make files of their own.
func TestBatch(t *testing.T) {
	for _, n := range []int{PackMin - 1, PackMin, 3 * PackMin} {
		dir := t.TempDir()
		c, err := OpenDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := c.Get(key("0")); ok { // the packs read: none yet
			t.Fatal("hit in an empty cache")
		}
		fill(t, c, n)
		if got, ok := c.Get(key("0")); !ok || !bytes.Equal(got, value(0)) { // this Cache sees its batch
			t.Errorf("%d entries: Get(0) after the batch = %q, %v", n, got, ok)
		}
		packs, own := files(t, filepath.Join(dir, "packs", "*-p")), files(t, filepath.Join(dir, "*", "*-e"))
		if wantPack := n >= PackMin; (len(packs) == 1) != wantPack || len(packs) > 1 || (len(own) == n) == wantPack {
			t.Errorf("%d entries: %d packs and %d entry files", n, len(packs), len(own))
		}
		c2, err := OpenDir(dir) // as the next run
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			if got, ok := c2.Get(key(fmt.Sprint(i))); !ok || !bytes.Equal(got, value(i)) {
				t.Fatalf("%d entries: Get(%d) = %q, %v", n, i, got, ok)
			}
		}
		if got, ok := c2.Get(key("absent")); ok {
			t.Errorf("%d entries: hit for an absent key: %q", n, got)
		}
		if tmps := files(t, filepath.Join(dir, "*", ".tmp-*")); len(tmps) > 0 {
			t.Errorf("temporary files left: %v", tmps)
		}
	}
}

// TestPackCorrupt: a pack with a garbled entry, index or trailer is
// removed, all its entries misses, and an entry stored again is found,
// as is another pack's copy of an entry of the removed one.
func TestPackCorrupt(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := PackMin
	fill(t, c, n)
	pack := files(t, filepath.Join(dir, "packs", "*-p"))[0]
	data, err := os.ReadFile(pack)
	if err != nil {
		t.Fatal(err)
	}
	// The payload of entry 0 is the first bytes after the pack's magic,
	// the entry's magic and its checksum.
	at := len(packMagic) + len(magic) + 32
	if !bytes.HasPrefix(data[at:], value(0)) {
		t.Fatalf("entry 0 is not where the format puts it")
	}
	data[at] ^= 1
	if err := os.WriteFile(pack, data, 0o644); err != nil {
		t.Fatal(err)
	}
	// Another pack holds entry 1 too: written before the garbled one
	// is read, it is found after the garbled one is removed.
	other := c.Batch()
	other.Put(key("1"), value(1))
	for i := range PackMin {
		other.Put(key(fmt.Sprint("other ", i)), value(i))
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	c, _ = OpenDir(dir)
	if got, ok := c.Get(key("0")); ok {
		t.Errorf("garbled entry: hit, %q", got)
	}
	if _, err := os.Stat(pack); !os.IsNotExist(err) {
		t.Error("a pack with a garbled entry is still there")
	}
	if got, ok := c.Get(key("2")); ok {
		t.Errorf("an entry of a removed pack: hit, %q", got)
	}
	if got, ok := c.Get(key("1")); !ok || !bytes.Equal(got, value(1)) {
		t.Errorf("another pack's copy of an entry of the removed one: %q, %v", got, ok)
	}
	if err := c.Put(key("0"), value(0)); err != nil {
		t.Fatal(err)
	}
	if got, ok := c.Get(key("0")); !ok || !bytes.Equal(got, value(0)) {
		t.Errorf("the garbled entry Put again: %q, %v", got, ok)
	}
	data[at] ^= 1 // mended: the spoils below are the index's
	for name, spoil := range map[string]func([]byte) []byte{
		"index garbled": func(b []byte) []byte { b[len(b)-int(packTrailer)-indexRecord] ^= 1; return b }, // a key
		"truncated":     func(b []byte) []byte { return b[:len(b)-3] },
		"trailer only":  func(b []byte) []byte { return b[len(b)-int(packTrailer):] },
		"offset beyond": func(b []byte) []byte { b[len(b)-int(packTrailer)] = 0xff; return b },
		"empty":         func([]byte) []byte { return nil },
	} {
		if err := os.WriteFile(pack, spoil(bytes.Clone(data)), 0o644); err != nil {
			t.Fatal(err)
		}
		c, _ := OpenDir(dir)
		if got, ok := c.Get(key("2")); ok {
			t.Errorf("%s: hit, %q", name, got)
		}
		if _, err := os.Stat(pack); !os.IsNotExist(err) {
			t.Errorf("%s: the pack is still there", name)
		}
	}
}

// TestPackTrim: a pack is one entry for Trim, used when one of its
// entries is read.
func TestPackTrim(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, c, PackMin)
	pack := files(t, filepath.Join(dir, "packs", "*-p"))[0]
	old := time.Now().Add(-3 * time.Hour)
	if err := os.Chtimes(pack, old, old); err != nil {
		t.Fatal(err)
	}
	if err := c.Put(key("own"), make([]byte, 10)); err != nil {
		t.Fatal(err)
	}
	if _, ok := c.Get(key("3")); !ok {
		t.Fatal("miss in the pack")
	}
	if st, err := os.Stat(pack); err != nil || time.Since(st.ModTime()) > time.Minute {
		t.Errorf("a hit in an old pack did not mark it used: %v", err)
	}
	if err := os.Chtimes(pack, old, old); err != nil {
		t.Fatal(err)
	}
	if err := c.Trim(100); err != nil { // room for the small entry alone
		t.Fatal(err)
	}
	if _, err := os.Stat(pack); !os.IsNotExist(err) {
		t.Error("Trim kept the least recently used pack")
	}
	if _, ok := c.Get(key("own")); !ok {
		t.Error("Trim removed the newer entry")
	}
	if _, ok := c.Get(key("3")); ok {
		t.Error("an entry of a removed pack is a hit")
	}
}

// TestPackConcurrent: runs that fill one cache at once, each with its
// own Cache as its own process would, each reading the others' packs.
func TestPackConcurrent(t *testing.T) {
	dir := t.TempDir()
	var wg sync.WaitGroup
	for w := range 6 {
		wg.Go(func() {
			c, err := OpenDir(dir)
			if err != nil {
				t.Error(err)
				return
			}
			b := c.Batch()
			for i := range 2 * PackMin {
				b.Put(key(fmt.Sprint(i)), value(i))
			}
			if err := b.Close(); err != nil {
				t.Error(w, err)
			}
			r, _ := OpenDir(dir)
			for i := range 2 * PackMin {
				if got, ok := r.Get(key(fmt.Sprint(i))); !ok || !bytes.Equal(got, value(i)) {
					t.Errorf("run %d: Get(%d) = %q, %v", w, i, got, ok)
					return
				}
			}
		})
	}
	wg.Wait()
	if tmps := files(t, filepath.Join(dir, "packs", ".tmp-*")); len(tmps) > 0 {
		t.Errorf("temporary files left: %v", tmps)
	}
}
