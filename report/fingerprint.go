package report

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"strconv"
)

// FingerprintVersion names the fingerprint scheme. Baselines and SARIF
// carry it, so that a change of scheme is seen rather than making every
// old finding new.
const FingerprintVersion = "faasvet/v1"

// Fingerprint identifies a finding without line numbers, so that it
// survives edits elsewhere in its file: the check and the finding's stable
// keys (functions, channels, packages, field paths). A finding without
// keys falls back on its file and its message with source positions taken
// out.
//
// Two findings may share a fingerprint (one check twice in a function);
// baselines count them, and Occurrences numbers them.
func Fingerprint(f Finding) string {
	if len(f.Keys) == 0 {
		return MessageFingerprint(f)
	}
	h := sha256.New()
	h.Write([]byte(FingerprintVersion + "\x00" + f.Check + "\x00"))
	for _, k := range f.Keys {
		h.Write([]byte("k\x00" + k + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// MessageFingerprint is the fingerprint of a finding without keys: its
// check, file and message without source positions. Baselines also try it
// for findings with keys, so that a baseline written before a check gave
// its findings keys still matches them.
func MessageFingerprint(f Finding) string {
	h := sha256.New()
	h.Write([]byte(FingerprintVersion + "\x00" + f.Check + "\x00"))
	h.Write([]byte("f\x00" + f.File + "\x00" + StripPositions(f.Message)))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// positions matches file:line[:col] references in messages, such as
// "(functions/notify/notify.go:13)".
var positions = regexp.MustCompile(`(\.go|\.mod|\.ya?ml|\.json):[0-9]+(:[0-9]+)?`)

// StripPositions drops the line and column of the file positions that a
// message cites, which move with unrelated edits.
func StripPositions(msg string) string {
	return positions.ReplaceAllString(msg, "$1")
}

// Occurrences returns, for each finding in order, its fingerprint and how
// many findings before it had the same one, plus one: "hash:1", "hash:2".
func Occurrences(fs []Finding) []string {
	seen := map[string]int{}
	out := make([]string, len(fs))
	for i, f := range fs {
		fp := Fingerprint(f)
		seen[fp]++
		out[i] = fp + ":" + strconv.Itoa(seen[fp])
	}
	return out
}
