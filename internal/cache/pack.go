package cache

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Packs.
//
// A run that fills an empty cache stores an entry for every package of
// the tree, and creating a file costs a file system far more than
// writing its bytes: on N = 1,000 (1,103 entries) creating them took
// 0.6 s of system time, where the whole run took 3.9 s. A Batch
// therefore writes its entries, once there are PackMin of them, into
// one pack file under packs/: the entries one after another, each its
// key then encoded as an entry file is (magic, checksum, payload), then
// an index of their keys and places with its own checksum. A pack is
// written as an entry is (a temporary file renamed into place) and
// never changed, so concurrent runs see all of it or none. Get looks
// for an entry's own file first, then in the packs, whose indexes it
// reads once per Cache. A pack with an entry or an index that fails its
// checks is removed, as a corrupt entry's file is, and its entries are
// misses, recomputed and stored again. Trim counts a pack as one entry,
// used when any of its entries was.

// PackMin is the number of entries from which a Batch writes a pack;
// fewer are written as files of their own. A variable for tests.
var PackMin = 64

// packMagic starts a pack and packEnd ends it; a change of the format
// changes them.
const (
	packMagic = "faasvet-pack-v2\n"
	packEnd   = "faasvet-pack-v2-end\n"
)

// packSlot is where a pack holds an entry: offset and length of its
// record (key, magic, checksum, payload).
type packSlot struct {
	pack     string
	off, len int64
}

// An index record is the key, the offset and the length, and the
// trailer is the index's offset, its checksum and packEnd.
const (
	indexRecord = sha256.Size + 8 + 8
	packTrailer = int64(8 + sha256.Size + len(packEnd))
)

func (c *Cache) packDir() string { return filepath.Join(c.dir, "packs") }

// packed looks k up in the packs.
func (c *Cache) packed(k Key) ([]byte, bool) {
	c.packsMu.Lock()
	if c.packs == nil {
		c.readPacks()
	}
	slot, ok := c.packs[k]
	c.packsMu.Unlock()
	if !ok {
		return nil, false
	}
	f, err := os.Open(slot.pack)
	if err != nil {
		return nil, false // removed by Trim
	}
	data := make([]byte, slot.len)
	_, err = f.ReadAt(data, slot.off)
	var st fs.FileInfo
	if err == nil {
		st, err = f.Stat()
	}
	_ = f.Close()
	var payload []byte
	if err == nil && len(data) >= len(k) && Key(data[:len(k)]) == k {
		payload, ok = decode(data[len(k):])
	} else {
		ok = false
	}
	if !ok {
		// Corrupt (or cut short): the pack is removed, as a corrupt
		// entry's file is, and its entries are recomputed; the packs are
		// read again, without it, so that another pack's copy of an
		// entry is found.
		_ = os.Remove(slot.pack)
		c.packsMu.Lock()
		c.bad[slot.pack] = true // should it not go (another user's)
		c.packs = nil
		c.packsMu.Unlock()
		return nil, false
	}
	if now := time.Now(); now.Sub(st.ModTime()) > usedInterval {
		_ = os.Chtimes(slot.pack, now, now)
	}
	return payload, true
}

// readPacks reads the packs' indexes, in the order of their names; a
// pack whose index fails its checks is removed.
func (c *Cache) readPacks() {
	c.packs = map[Key]packSlot{}
	if c.bad == nil {
		c.bad = map[string]bool{}
	}
	ents, err := os.ReadDir(c.packDir())
	if err != nil {
		return
	}
	for _, e := range ents {
		name := filepath.Join(c.packDir(), e.Name())
		if !strings.HasSuffix(e.Name(), "-p") || c.bad[name] {
			continue
		}
		if !c.readIndex(name) {
			_ = os.Remove(name)
			c.bad[name] = true
		}
	}
}

// readIndex adds the index of the pack name to c.packs, and reports
// whether it passed its checks (or the pack is gone).
func (c *Cache) readIndex(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return errors.Is(err, fs.ErrNotExist)
	}
	defer func() { _ = f.Close() }() // read only
	st, err := f.Stat()
	if err != nil || st.Size() < int64(len(packMagic))+packTrailer {
		return false
	}
	size := st.Size()
	head := make([]byte, len(packMagic))
	if _, err := f.ReadAt(head, 0); err != nil || string(head) != packMagic {
		return false
	}
	trailer := make([]byte, packTrailer)
	if _, err := f.ReadAt(trailer, size-packTrailer); err != nil || string(trailer[8+sha256.Size:]) != packEnd {
		return false
	}
	at := int64(binary.LittleEndian.Uint64(trailer))
	if at < int64(len(packMagic)) || at > size-packTrailer || (size-packTrailer-at)%indexRecord != 0 {
		return false
	}
	index := make([]byte, size-packTrailer-at)
	if _, err := f.ReadAt(index, at); err != nil {
		return false
	}
	if sum := sha256.Sum256(index); !bytes.Equal(sum[:], trailer[8:8+sha256.Size]) {
		return false
	}
	rs := records(index)
	for _, r := range rs {
		if r.off < int64(len(packMagic)) || r.len < 0 || r.off > at-r.len {
			return false
		}
	}
	c.addRecords(name, rs)
	return true
}

// records decodes an index: the key of each entry and its slot.
func records(index []byte) map[Key]packSlot {
	out := make(map[Key]packSlot, len(index)/indexRecord)
	for r := index; len(r) >= indexRecord; r = r[indexRecord:] {
		var k Key
		copy(k[:], r)
		out[k] = packSlot{off: int64(binary.LittleEndian.Uint64(r[sha256.Size:])), len: int64(binary.LittleEndian.Uint64(r[sha256.Size+8:]))}
	}
	return out
}

// addRecords adds the slots of the pack name to c.packs.
func (c *Cache) addRecords(name string, rs map[Key]packSlot) {
	for k, slot := range rs {
		slot.pack = name
		c.packs[k] = slot
	}
}

// addIndex adds the index of the pack name, just written, to c.packs
// once they are read: a later Get of this Cache finds its entries.
func (c *Cache) addIndex(name string, index []byte) {
	c.packsMu.Lock()
	defer c.packsMu.Unlock()
	if c.packs != nil { // else readPacks will
		c.addRecords(name, records(index))
	}
}

// A Batch stores many entries, in a pack once there are PackMin of them
// (see Packs above). Its entries are stored when it is closed; until
// then Get does not see them. A Batch is for one goroutine.
type Batch struct {
	c *Cache
	// small holds the entries while there are fewer than PackMin.
	small []smallEntry
	// Once there are PackMin, they go to the temporary pack f through
	// w, at offset off; index is their index records.
	f     *os.File
	w     *bufio.Writer
	off   int64
	index []byte
	err   error
	// noPack: the pack could not be started; the entries stay in small,
	// to be stored as files of their own.
	noPack bool
}

type smallEntry struct {
	k    Key
	data []byte
}

// Batch starts a batch of entries.
func (c *Cache) Batch() *Batch { return &Batch{c: c} }

// Put adds the entry of k; data is kept, not copied, until Close. A
// failure to write is reported by Close.
func (b *Batch) Put(k Key, data []byte) {
	if b.err != nil {
		return
	}
	if b.f == nil {
		b.small = append(b.small, smallEntry{k, data})
		if len(b.small) < PackMin || b.noPack {
			return
		}
		if err := b.startPack(); err != nil {
			b.noPack = true
			return
		}
		small := b.small
		b.small = nil
		for _, e := range small {
			b.add(e.k, e.data)
		}
		return
	}
	b.add(k, data)
}

func (b *Batch) startPack() error {
	dir := b.c.packDir()
	f, err := createTemp(dir)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(dir, 0o755); err == nil {
			f, err = createTemp(dir)
		}
	}
	if err != nil {
		return err
	}
	b.f, b.w = f, bufio.NewWriterSize(f, 256<<10)
	_, _ = b.w.WriteString(packMagic) // an error sticks, for Close
	b.off = int64(len(packMagic))
	return nil
}

// add appends an entry to the pack.
func (b *Batch) add(k Key, data []byte) {
	sum := sha256.Sum256(data)
	n := int64(len(k) + len(magic) + len(sum) + len(data))
	b.index = append(b.index, k[:]...)
	b.index = binary.LittleEndian.AppendUint64(b.index, uint64(b.off))
	b.index = binary.LittleEndian.AppendUint64(b.index, uint64(n))
	b.off += n
	_, _ = b.w.Write(k[:])
	_, _ = b.w.WriteString(magic)
	_, _ = b.w.Write(sum[:])
	_, b.err = b.w.Write(data) // a bufio.Writer's error sticks
}

// Close stores the batch's entries: a pack, named by the hash of its
// index, or files of their own.
func (b *Batch) Close() error {
	if b.f == nil {
		for _, e := range b.small {
			if err := b.c.Put(e.k, e.data); err != nil && b.err == nil {
				b.err = err
			}
		}
		b.small = nil
		return b.err
	}
	f := b.f
	b.f = nil
	err := b.err
	if err == nil {
		sum := sha256.Sum256(b.index)
		trailer := binary.LittleEndian.AppendUint64(nil, uint64(b.off))
		trailer = append(append(trailer, sum[:]...), packEnd...)
		_, _ = b.w.Write(b.index)
		_, _ = b.w.Write(trailer)
		err = b.w.Flush()
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		name := filepath.Join(b.c.packDir(), Key(sum).String()+"-p")
		if err == nil {
			err = os.Rename(f.Name(), name)
		}
		if err == nil {
			b.c.addIndex(name, b.index)
		}
	} else {
		_ = f.Close()
	}
	if err != nil {
		_ = os.Remove(f.Name())
	}
	b.index, b.err = nil, err
	return err
}

// packsState is the part of Cache that packs add.
type packsState struct {
	packsMu sync.Mutex
	packs   map[Key]packSlot // nil until read
	// bad are the packs found corrupt, left out of later reads should
	// their removal have failed.
	bad map[string]bool
}
