package checks

import (
	"fmt"
	"go/token"
	"slices"
	"strings"
)

// Severity orders findings: a run fails on findings at or above --fail-on.
// Only this package defines severities; everything else takes them from a
// check's record (SeverityOf, Judge) or parses a user's flag
// (ParseSeverity), so that the catalogue alone decides how serious a
// finding is.
type Severity int

// The severities, in increasing order.
const (
	Info Severity = iota + 1
	Warning
	Error
)

// Severities returns the severities from the most serious down.
func Severities() []Severity { return []Severity{Error, Warning, Info} }

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

// ParseSeverity reads a severity name as the --fail-on flag and the
// report formats spell it.
func ParseSeverity(s string) (Severity, error) {
	for _, sev := range Severities() {
		if strings.EqualFold(s, sev.String()) {
			return sev, nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or info)", s)
}

// Scope says which drivers run a check.
type Scope string

// The scopes. Their values are the words the SARIF tags and faasvet
// checks print.
const (
	// PerPackage checks are reported by an analyzer: every driver runs
	// them (faasvet check, go vet -vettool, golangci-lint, nogo).
	PerPackage Scope = "analyzer"
	// WholeProgram checks need every package and manifest at once: only
	// faasvet check runs them, in package link.
	WholeProgram Scope = "graph"
)

// A Check is one record of the catalogue.
type Check struct {
	ID       string   // stable kebab-case ID, used in every output format
	Severity Severity // default severity
	// Driver is the check's scope: per-package (every driver) or
	// whole-program (faasvet check only).
	Driver  Scope
	Summary string // one line, lower case, no trailing period
	// Variants are sections of the docs page whose findings have another
	// severity than the default, keyed by the URL fragment that names them.
	Variants map[string]Severity
}

// DocsBase is where the docs pages of the checks live.
const DocsBase = "https://github.com/faasvet/faasvet/blob/main/docs/checks/"

// Page is the check's docs page, relative to the repository root.
func (c *Check) Page() string { return "docs/checks/" + c.ID + ".md" }

// URL is the docs page of the check.
func (c *Check) URL() string { return DocsBase + c.ID + ".md" }

// VariantURL is the docs section of one variant of the check. A diagnostic
// whose URL is a variant's takes the variant's severity.
func (c *Check) VariantURL(variant string) string { return c.URL() + "#" + variant }

// All returns the catalogue, sorted by ID.
func All() []*Check { return slices.Clone(catalogue) }

// Lookup returns the check with the given ID, or nil.
func Lookup(id string) *Check {
	i, ok := slices.BinarySearchFunc(catalogue, id, func(c *Check, id string) int { return strings.Compare(c.ID, id) })
	if !ok {
		return nil
	}
	return catalogue[i]
}

// Known reports whether id is the ID of a check of any driver. Every
// binary links the whole catalogue, so an ignore directive may name any
// check under every driver.
func Known(id string) bool { return Lookup(id) != nil }

// IDs returns the ID of every check, sorted.
func IDs() []string {
	out := make([]string, len(catalogue))
	for i, c := range catalogue {
		out[i] = c.ID
	}
	return out
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

// An Ignorer says whether a //faasvet:ignore covers check at pos, and
// records that it did: unused-ignore reports the directives that covered
// nothing. *directive.Ignores is the one implementation; the catalogue
// names it through this interface because package directive imports it.
type Ignorer interface {
	Ignored(pos token.Pos, check string) bool
}

// A Site is a place whose //faasvet:ignore directives may suppress a
// finding: a position in a package's files and that package's ignore
// index. A nil Ignores never suppresses.
type Site struct {
	Ignores Ignorer
	Pos     token.Pos
}

// Suppressed reports whether an ignore at one of the sites covers check.
// The sites are asked in order and the first that covers the finding
// ends the search, so only its directive is recorded as used.
func Suppressed(check string, sites ...Site) bool {
	for _, s := range sites {
		if s.Ignores != nil && s.Ignores.Ignored(s.Pos, check) {
			return true
		}
	}
	return false
}

// A Verdict is the catalogue's word on one finding: the record of its
// check, the severity it is reported at and the docs URL it links to.
type Verdict struct {
	Check    *Check
	Severity Severity
	URL      string
}

// Judge is where the catalogue applies itself to a finding of check id
// (in the docs section variant, when not ""): it returns the finding's
// severity and docs URL, and false when a //faasvet:ignore at one of
// the sites suppresses it. Every whole-program finding goes through it;
// the analyzers' findings get the same two decisions from Suppressed,
// before they are reported, and SeverityOf, after.
//
// An ID or variant that the catalogue does not have is a bug in the
// caller, not in the analysed code: Judge panics, and the link stage
// turns the panic into an internal-error finding.
func Judge(id, variant string, sites ...Site) (Verdict, bool) {
	c := Lookup(id)
	if c == nil {
		panic("checks: no check " + id + " in the catalogue")
	}
	v := Verdict{Check: c, Severity: c.Severity, URL: c.URL()}
	if variant != "" {
		s, ok := c.Variants[variant]
		if !ok {
			panic("checks: check " + id + " has no variant " + variant)
		}
		v.Severity, v.URL = s, c.VariantURL(variant)
	}
	return v, !Suppressed(id, sites...)
}

// PluginReport is a driver's reporting hook: when set, it decides for
// every diagnostic an analyzer reports whether it is kept and with what
// message, by the golangci-lint plugin's conventions (the check ID at the
// end, disabled checks dropped, related information folded away). The analyzers apply
// it where they apply //faasvet:ignore. Nil for every other driver. A
// hook rather than copies of the analyzers, because an analyzer that
// declares facts may appear once in a driver's graph.
var PluginReport func(check, msg string) (out string, keep, dropRelated bool)
