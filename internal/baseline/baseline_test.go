package baseline

import (
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/faasvet/faasvet/report"
)

var (
	sig = report.Finding{Check: "handler-signature", Severity: "error", File: "charge/main.go", Line: 22, Column: 15,
		Message: "lambda.Start handler func(a, b, c string) error: handlers may not take more than two arguments"}
	dup = report.Finding{Check: "duplicate-function", Severity: "warning", File: "legacy/main.go", Line: 16, Column: 2,
		Message: `function name "notify" is also the name of the function in package p (functions/notify/notify.go:13)`}
	cyc = report.Finding{Check: "cycle", Severity: "error", File: "charge/main.go", Line: 17, Column: 1,
		Message: "routes loop: charge → refund → charge", Keys: []string{"fn:charge", "fn:refund"}}
)

// moved is f after an edit above it and above what its message cites.
func moved(f report.Finding, by int) report.Finding {
	f.Line += by
	f.Message = strings.ReplaceAll(f.Message, "notify.go:13", "notify.go:"+itoa(13+by))
	return f
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestRoundTrip(t *testing.T) {
	file := filepath.Join(t.TempDir(), "baseline.json")
	if err := Write(file, []report.Finding{sig, dup, cyc, sig}); err != nil {
		t.Fatal(err)
	}
	b, err := Read(file)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != 3 {
		t.Fatalf("%d entries, want 3 (sig twice is one entry with count 2)", len(b.Entries))
	}
	data1, _ := b.Marshal()
	data2, _ := New([]report.Finding{cyc, sig, dup, sig}).Marshal()
	if string(data1) != string(data2) {
		t.Errorf("the file depends on the order of the findings:\n%s\n%s", data1, data2)
	}
	if strings.Contains(string(data1), "notify.go:13") || strings.Contains(string(data1), `"line"`) {
		t.Errorf("line numbers in the baseline:\n%s", data1)
	}
}

// TestLineShift: an unrelated edit above the findings moves their lines
// and the lines their messages cite; they stay old.
func TestLineShift(t *testing.T) {
	b := New([]report.Finding{sig, dup, cyc})
	c := b.Compare([]report.Finding{moved(sig, 7), moved(dup, 7), moved(cyc, 3)})
	if len(c.New) != 0 || len(c.Old) != 3 || len(c.Fixed) != 0 {
		t.Errorf("new %v, old %d, fixed %v", c.New, len(c.Old), c.Fixed)
	}
}

func TestNewAndFixed(t *testing.T) {
	b := New([]report.Finding{sig, dup})
	other := sig
	other.Message = "lambda.Start handler func(a string) (int, int): the second result must be an error"
	c := b.Compare([]report.Finding{sig, sig, other, cyc})
	if want := []report.Finding{sig, other, cyc}; !reflect.DeepEqual(c.New, want) {
		t.Errorf("new:\n%v\nwant\n%v", c.New, want)
	}
	if len(c.Old) != 1 {
		t.Errorf("old: %v", c.Old)
	}
	if len(c.Fixed) != 1 || c.Fixed[0].Check != "duplicate-function" || c.Fixed[0].File != dup.File {
		t.Errorf("fixed: %v", c.Fixed)
	}
}

func TestCounts(t *testing.T) {
	b := New([]report.Finding{sig, sig, sig})
	if c := b.Compare([]report.Finding{sig}); len(c.New) != 0 || len(c.Fixed) != 2 {
		t.Errorf("one of three left: new %d, fixed %d", len(c.New), len(c.Fixed))
	}
	if c := b.Compare([]report.Finding{sig, sig, sig, sig}); len(c.New) != 1 {
		t.Errorf("a fourth: new %d", len(c.New))
	}
}

func TestParseErrors(t *testing.T) {
	for _, data := range []string{
		`{"version": 1, "fingerprint": "faasvet/v1", "findings": [], "extra": 1}`,
		`{"version": 2, "fingerprint": "faasvet/v1", "findings": []}`,
		`{"version": 1, "fingerprint": "faasvet/v0", "findings": []}`,
		`{"version": 1, "fingerprint": "faasvet/v1", "findings": [{"check": "cycle"}]}`,
		`[]`,
	} {
		if _, err := Parse([]byte(data)); err == nil {
			t.Errorf("%s: no error", data)
		}
	}
	if _, err := Parse([]byte(`{"version": 1, "fingerprint": "faasvet/v1", "findings": []}`)); err != nil {
		t.Error(err)
	}
}

// TestKeysAdded: a baseline written when a check's findings had no keys
// still matches them once they have.
func TestKeysAdded(t *testing.T) {
	plain := cyc
	plain.Keys = nil
	b := New([]report.Finding{plain})
	if c := b.Compare([]report.Finding{moved(cyc, 2)}); len(c.New) != 0 || len(c.Fixed) != 0 {
		t.Errorf("new %v, fixed %v", c.New, c.Fixed)
	}
}
