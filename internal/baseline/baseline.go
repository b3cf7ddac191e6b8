// Package baseline records the findings that a project has accepted, so
// that a pull-request gate fails only on new ones.
//
// A baseline identifies findings by fingerprint (report.Fingerprint: the
// check and the finding's stable keys, or its file and message without
// positions), never by line: an edit above a finding moves it without
// making it new. Fingerprints are counted, so that a second finding with
// the fingerprint of a baselined one is new.
package baseline

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/report"
)

// Version is the format version of baseline files.
const Version = 1

// File is a baseline file.
type File struct {
	Version     int     `json:"version"`
	Fingerprint string  `json:"fingerprint"` // the scheme, report.FingerprintVersion
	Entries     []Entry `json:"findings"`
}

// An Entry is one accepted finding, or several with one fingerprint. The
// file, check and message are there for people reading the file and for
// listing fixed findings; matching uses the fingerprint alone.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Check       string `json:"check"`
	File        string `json:"file"`
	Message     string `json:"message"`
	Count       int    `json:"count,omitempty"` // when more than one
}

func (e Entry) count() int { return max(e.Count, 1) }

// New makes the baseline of a run's findings.
func New(fs []report.Finding) *File {
	b := &File{Version: Version, Fingerprint: report.FingerprintVersion, Entries: []Entry{}}
	at := map[string]int{}
	for _, f := range fs {
		fp := report.Fingerprint(f)
		if i, ok := at[fp]; ok {
			b.Entries[i].Count = b.Entries[i].count() + 1
			continue
		}
		at[fp] = len(b.Entries)
		b.Entries = append(b.Entries, Entry{Fingerprint: fp, Check: f.Check, File: f.File, Message: report.StripPositions(f.Message)})
	}
	slices.SortFunc(b.Entries, func(x, y Entry) int {
		return cmp.Or(strings.Compare(x.File, y.File), strings.Compare(x.Check, y.Check),
			strings.Compare(x.Message, y.Message), strings.Compare(x.Fingerprint, y.Fingerprint))
	})
	return b
}

// Marshal writes the baseline as indented JSON, one entry per finding,
// sorted by file, check and message so that its diffs read well.
func (b *File) Marshal() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Write writes the baseline of fs to a file.
func Write(file string, fs []report.Finding) error {
	data, err := New(fs).Marshal()
	if err != nil {
		return err
	}
	return os.WriteFile(file, data, 0o644)
}

// Read reads a baseline file.
func Read(file string) (*File, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return Parse(data)
}

// Parse reads a baseline. Unknown fields are errors: a baseline is
// written by faasvet, and a typo in a hand edit should not pass silently.
func Parse(data []byte) (*File, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b File
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	if b.Version != Version {
		return nil, fmt.Errorf("baseline: version %d, want %d (rewrite it with --write-baseline)", b.Version, Version)
	}
	if b.Fingerprint != report.FingerprintVersion {
		return nil, fmt.Errorf("baseline: fingerprints %q, this faasvet makes %q (rewrite it with --write-baseline)", b.Fingerprint, report.FingerprintVersion)
	}
	for _, e := range b.Entries {
		if e.Fingerprint == "" || e.Count < 0 {
			return nil, fmt.Errorf("baseline: entry %s %q has no fingerprint or a negative count", e.File, e.Check)
		}
	}
	return &b, nil
}

// Comparison is a run held against a baseline.
type Comparison struct {
	New   []report.Finding // not in the baseline, or more of them than it counts
	Old   []report.Finding // in the baseline
	Fixed []report.Finding // in the baseline, not found (check, file and message)
}

// Compare splits findings into new and old, and lists the baseline's
// entries that the run no longer finds. Of several findings with one
// fingerprint, the first ones in order are old, up to the baseline's
// count. A finding with keys that the baseline does not know by them
// matches by its message fingerprint, as a baseline written before its
// check had keys lists it.
func (b *File) Compare(fs []report.Finding) Comparison {
	left := map[string]int{}
	for _, e := range b.Entries {
		left[e.Fingerprint] += e.count()
	}
	var c Comparison
	for _, f := range fs {
		fp := report.Fingerprint(f)
		if left[fp] == 0 && len(f.Keys) > 0 {
			// A baseline written before the finding had keys.
			fp = report.MessageFingerprint(f)
		}
		if left[fp] > 0 {
			left[fp]--
			c.Old = append(c.Old, f)
		} else {
			c.New = append(c.New, f)
		}
	}
	for _, e := range b.Entries {
		n := min(left[e.Fingerprint], e.count())
		left[e.Fingerprint] -= n
		for range n {
			c.Fixed = append(c.Fixed, report.Finding{Check: e.Check, File: e.File, Message: e.Message})
		}
	}
	return c
}
