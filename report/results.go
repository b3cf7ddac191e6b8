package report

import (
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/faasvet/faasvet/graphext"
)

// Results is what the pull-request formats (SARIF, GitHub annotations and
// the markdown summary) write: the findings of a run after the baseline
// and the changed-lines filter, and what those filters set aside.
type Results struct {
	// Findings are the findings to report, sorted (see Sort).
	Findings []Finding
	// Graph is the function graph, drawn by the markdown summary; nil for
	// none.
	Graph *graphext.Graph
	// Version is faasvet's version, written into SARIF.
	Version string
	// Root is the analysed directory relative to the repository root,
	// slash-separated, "" at the root. Finding paths are relative to the
	// analysed directory; SARIF and GitHub want them from the repository
	// root.
	Root string
	// Baseline is set when a baseline chose the findings, and NewFromRev
	// is the revision when the lines changed since it did: the findings
	// are then the new ones.
	Baseline   bool
	NewFromRev string
	// Old counts the findings that the filters set aside.
	Old int
	// Fixed are the baseline's findings that this run no longer finds
	// (check, file and message only).
	Fixed []Finding
	// Source reads a file named as in a finding, so that SARIF can count
	// columns in UTF-16 code units as GitHub does; nil leaves byte columns,
	// which are the same on ASCII lines.
	Source func(file string) ([]byte, error)
	// LinkBase, when set, is the URL that a finding's path is appended to
	// for a link to the code, such as
	// https://github.com/OWNER/REPO/blob/SHA/.
	LinkBase string
}

// Filtered reports whether a baseline or --new-from-rev chose the
// findings.
func (r *Results) Filtered() bool { return r.Baseline || r.NewFromRev != "" }

// RepoPath is a finding's path from the repository root.
func (r *Results) RepoPath(file string) string {
	if r.Root == "" || file == "" || path.IsAbs(file) {
		return file
	}
	return path.Join(r.Root, file)
}

// CodeLink is a link to a line of the code, or "" without a LinkBase.
func (r *Results) CodeLink(file string, line int) string {
	if r.LinkBase == "" || file == "" || path.IsAbs(file) {
		return ""
	}
	link := strings.TrimSuffix(r.LinkBase, "/") + "/" + (&url.URL{Path: r.RepoPath(file)}).EscapedPath()
	if line > 0 {
		link += "#L" + strconv.Itoa(line)
	}
	return link
}
