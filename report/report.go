package report

import (
	"cmp"
	"encoding/json"
	"fmt"
	"go/token"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// A Finding is one diagnostic, ready to print.
type Finding struct {
	Check    string `json:"check"`
	Severity string `json:"severity"`
	File     string `json:"file"` // slash-separated, relative to the analysed directory
	// Line and Column are 1-based. Line is 0 for a finding about a whole
	// file, Column 0 where the source does not say (the YAML parser gives
	// lines only); the text format then omits them, as go vet does.
	Line      int       `json:"line"`
	Column    int       `json:"column"`
	EndLine   int       `json:"end_line,omitempty"`
	EndColumn int       `json:"end_column,omitempty"`
	Message   string    `json:"message"`
	URL       string    `json:"url,omitempty"`
	Related   []Related `json:"related,omitempty"`
	// Keys are stable names of what the finding is about: functions,
	// channels, packages and field paths, never line numbers. Baselines
	// fingerprint findings by check and keys, so that an edit above a
	// finding does not make it new.
	Keys []string `json:"keys,omitempty"`
	// Fix is the edit that fixes the finding, when one is certain (the
	// first suggested fix of its diagnostic); faasvet check --fix applies
	// it and --diff shows it.
	Fix *Fix `json:"fix,omitempty"`
}

// A Fix is a set of edits that together fix one finding.
type Fix struct {
	Message string `json:"message"`
	Edits   []Edit `json:"edits"`
}

// An Edit replaces the bytes [Start, End) of File with New: an insertion
// when Start == End, a deletion when New is empty.
type Edit struct {
	File string `json:"-"` // absolute
	// Path is File as a finding names it: slash-separated, relative to
	// the analysed directory.
	Path      string `json:"file"`
	Start     int    `json:"start_offset"` // bytes from the start of the file
	End       int    `json:"end_offset"`
	StartLine int    `json:"start_line"` // 1-based; columns in bytes, 1-based
	StartCol  int    `json:"start_column"`
	EndLine   int    `json:"end_line"`
	EndCol    int    `json:"end_column"`
	New       string `json:"new_text"`
	// Size is the file's size when it was analysed: an edit of a file
	// that has changed since is not applied.
	Size int `json:"-"`
}

// Related is another location that a finding involves, such as the other
// end of an edge or a declaration.
type Related struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// Sort orders findings by file, position, check and message, and drops
// exact duplicates (a package and its test variant report the same thing).
func Sort(fs []Finding) []Finding {
	slices.SortFunc(fs, func(a, b Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Check, b.Check),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.CompactFunc(fs, func(a, b Finding) bool {
		return a.File == b.File && a.Line == b.Line && a.Column == b.Column && a.Check == b.Check && a.Message == b.Message
	})
}

// WriteText writes one line per finding: file:line:col: message (check),
// the position written as Position writes it.
func WriteText(w io.Writer, fs []Finding) error {
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "%s: %s (%s)\n", Position(f.File, f.Line, f.Column), f.Message, f.Check); err != nil {
			return err
		}
	}
	return nil
}

// Position writes a position as go/token and go vet do: file:line:col,
// file:line when the column is unknown, and the file alone for a finding
// about a whole file (a manifest too large to read), so that no editor
// or CI log parser jumps to a line 0 that does not exist.
func Position(file string, line, col int) string {
	s := file
	if line > 0 {
		if s != "" {
			s += ":"
		}
		s += strconv.Itoa(line)
		if col > 0 {
			s += ":" + strconv.Itoa(col)
		}
	}
	if s == "" {
		s = "-"
	}
	return s
}

// JSONReport is the documented shape of --format json.
type JSONReport struct {
	Diagnostics []Finding `json:"diagnostics"`
}

// WriteJSON writes the findings as one indented JSON object.
func WriteJSON(w io.Writer, fs []Finding) error {
	if fs == nil {
		fs = []Finding{}
	}
	fs = slices.Clone(fs)
	for i, f := range fs {
		if f.Fix != nil {
			sorted := *f.Fix
			sorted.Edits = sortedEdits(f.Fix.Edits)
			fs[i].Fix = &sorted
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(JSONReport{Diagnostics: fs})
}

// NewEdit is the edit that replaces bytes [start, end) of the file tf
// with text, its path relative to dir (the analysed directory).
func NewEdit(dir string, tf *token.File, start, end int, text string) Edit {
	s, e := tf.Position(tf.Pos(start)), tf.Position(tf.Pos(end))
	path := filepath.ToSlash(tf.Name())
	if rel, err := filepath.Rel(dir, tf.Name()); err == nil && !strings.HasPrefix(rel, "..") {
		path = filepath.ToSlash(rel)
	}
	return Edit{
		File: tf.Name(), Path: path, Start: start, End: end,
		StartLine: s.Line, StartCol: s.Column, EndLine: e.Line, EndCol: e.Column,
		New: text, Size: tf.Size(),
	}
}

// sortedEdits are the edits in file and offset order.
func sortedEdits(es []Edit) []Edit {
	return slices.SortedFunc(slices.Values(es), func(a, b Edit) int {
		return cmp.Or(cmp.Compare(a.Path, b.Path), cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	})
}
