package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
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

// packed is a cache with one pack, of entries 0..PackMin-1, and the
// pack's file.
func packed(t *testing.T) (dir string, c *Cache, pack string) {
	t.Helper()
	dir = t.TempDir()
	c, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fill(t, c, PackMin)
	packs := files(t, filepath.Join(dir, "packs", "*-p"))
	if len(packs) != 1 {
		t.Fatalf("%d entries made %d packs, want 1", PackMin, len(packs))
	}
	return dir, c, packs[0]
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
	dir, c, pack := packed(t)
	data, err := os.ReadFile(pack)
	if err != nil {
		t.Fatal(err)
	}
	// The payload of entry 0 is the first bytes after the pack's magic,
	// the entry's key, magic and checksum.
	at := len(packMagic) + 32 + len(magic) + 32
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
	_, c, pack := packed(t)
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

// craft writes a pack whose index, with a valid checksum, gives key k
// the places recs (offset, length) in a body of 100 bytes.
func craft(t *testing.T, dir string, k Key, recs [][2]uint64) {
	t.Helper()
	data := append([]byte(packMagic), bytes.Repeat([]byte("x"), 100)...)
	at := uint64(len(data))
	var index []byte
	for _, r := range recs {
		index = append(index, k[:]...)
		index = binary.LittleEndian.AppendUint64(index, r[0])
		index = binary.LittleEndian.AppendUint64(index, r[1])
	}
	sum := sha256.Sum256(index)
	data = append(data, index...)
	data = binary.LittleEndian.AppendUint64(data, at)
	data = append(append(data, sum[:]...), packEnd...)
	if err := os.MkdirAll(filepath.Join(dir, "packs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "packs", fmt.Sprintf("%x-p", sum)), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestPackCrafted: an index that passes its checksum but places an
// entry outside the pack, at a length that overflows, or at bytes that
// are not that key's entry, is a miss, never a panic or a huge
// allocation, and the pack is removed.
func TestPackCrafted(t *testing.T) {
	m := uint64(len(packMagic))
	for _, r := range [][2]uint64{
		{m, math.MaxInt64}, {math.MaxUint64, 10}, {m, math.MaxUint64}, {math.MaxInt64, math.MaxInt64},
		{math.MaxInt64, 1}, {m, 101}, {m + 100, 1}, {m, 0}, {0, 10}, {1 << 63, 1 << 63},
		{m + 50, math.MaxInt64 - 10}, {m, 100}, {m + 10, 60},
	} {
		dir := t.TempDir()
		c, err := OpenDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		k := key(fmt.Sprint(r))
		craft(t, dir, k, [][2]uint64{r})
		if got, ok := c.Get(k); ok {
			t.Errorf("%v: hit, %q", r, got)
		}
		if left := files(t, filepath.Join(dir, "packs", "*-p")); len(left) != 0 {
			t.Errorf("%v: the pack is still there", r)
		}
	}
}

// TestPackWrongKey: an index that gives one key another entry's record
// (a writer's bug) is a miss, not that entry's payload.
func TestPackWrongKey(t *testing.T) {
	dir, _, pack := packed(t)
	data, err := os.ReadFile(pack)
	if err != nil {
		t.Fatal(err)
	}
	// Swap the keys of the index's first two records and mend the
	// index's checksum: each key now points at the other's record.
	at := int(binary.LittleEndian.Uint64(data[len(data)-int(packTrailer):]))
	index := data[at : len(data)-int(packTrailer)]
	k0, k1 := bytes.Clone(index[:32]), bytes.Clone(index[indexRecord:indexRecord+32])
	copy(index[:32], k1)
	copy(index[indexRecord:], k0)
	sum := sha256.Sum256(index)
	copy(data[len(data)-int(packTrailer)+8:], sum[:])
	if err := os.WriteFile(pack, data, 0o644); err != nil {
		t.Fatal(err)
	}
	c, _ := OpenDir(dir)
	for _, k := range []Key{Key(k0), Key(k1)} {
		if got, ok := c.Get(k); ok {
			t.Errorf("a key given another entry's record: hit, %q", got)
		}
	}
}

// TestBatchNoPack: when the pack cannot be made, every entry is stored
// as a file of its own; when it cannot be put in place, Close says so,
// and says so again when called again.
func TestBatchNoPack(t *testing.T) {
	dir := t.TempDir()
	c, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "packs"), nil, 0o644); err != nil { // in the way of packs/
		t.Fatal(err)
	}
	n := PackMin + 10
	fill(t, c, n)
	c, _ = OpenDir(dir)
	for i := range n {
		if got, ok := c.Get(key(fmt.Sprint(i))); !ok || !bytes.Equal(got, value(i)) {
			t.Fatalf("Get(%d) = %q, %v", i, got, ok)
		}
	}

	// A pack that cannot be renamed into place: Close fails, twice.
	if err := os.Remove(filepath.Join(dir, "packs")); err != nil {
		t.Fatal(err)
	}
	b := c.Batch()
	for i := range PackMin {
		b.Put(key(fmt.Sprint("r", i)), value(i))
	}
	if err := os.RemoveAll(filepath.Join(dir, "packs")); err != nil {
		t.Fatal(err)
	}
	if err1, err2 := b.Close(), b.Close(); err1 == nil || err2 == nil {
		t.Errorf("Close with its pack's directory gone: %v, then %v", err1, err2)
	}
}
