package checks

import (
	"fmt"
	"slices"
	"strings"
)

// Severity orders findings: a run fails on findings at or above --fail-on.
type Severity int

// The severities, in increasing order.
const (
	Info Severity = iota + 1
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads a severity name as the --fail-on flag spells it.
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(s) {
	case "info":
		return Info, nil
	case "warning":
		return Warning, nil
	case "error":
		return Error, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// A Check is one entry of the catalogue.
type Check struct {
	ID       string   // stable kebab-case ID, used in every output format
	Severity Severity // default severity
	Summary  string   // one line
	Driver   string   // "analyzer" (every driver) or "graph" (faasvet check only)
	// Variants are sections of the docs page whose findings have another
	// severity than the default, keyed by the URL fragment that names them.
	Variants map[string]Severity
}

// DocsBase is where the docs pages of the checks live.
const DocsBase = "https://github.com/faasvet/faasvet/blob/main/docs/checks/"

// URL is the docs page of the check.
func (c *Check) URL() string { return DocsBase + c.ID + ".md" }

// VariantURL is the docs section of one variant of the check. A diagnostic
// whose URL is a variant's takes the variant's severity.
func (c *Check) VariantURL(variant string) string { return c.URL() + "#" + variant }

var catalogue = []*Check{
	{ID: "directive", Severity: Warning, Driver: "analyzer",
		Summary: "a //faas: or //faasvet: directive that does not parse"},
	{ID: "internal-error", Severity: Error, Driver: "analyzer",
		Summary: "faasvet itself failed on this package; please report it"},
}

// All returns the catalogue sorted by ID.
func All() []*Check {
	out := slices.Clone(catalogue)
	slices.SortFunc(out, func(a, b *Check) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// Lookup returns the check with the given ID, or nil.
func Lookup(id string) *Check {
	for _, c := range catalogue {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// Register adds checks to the catalogue. Packages that define checks call it
// from init; an ID registered twice is a programming error.
func Register(cs ...*Check) {
	for _, c := range cs {
		if Lookup(c.ID) != nil {
			panic("checks: duplicate check ID " + c.ID)
		}
		catalogue = append(catalogue, c)
	}
}

// SeverityOf returns the severity of a finding of check id whose
// diagnostic URL is url: the variant's when the URL names one, else the
// check's default. Unknown IDs are errors, so that nothing is lost.
func SeverityOf(id, url string) Severity {
	c := Lookup(id)
	if c == nil {
		return Error
	}
	if _, frag, ok := strings.Cut(url, "#"); ok {
		if s, ok := c.Variants[frag]; ok {
			return s
		}
	}
	return c.Severity
}
