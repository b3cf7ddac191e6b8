package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/faasvet/faasvet/checks"
)

// GitHub workflow commands, escaped as the Actions toolkit's
// @actions/core escapes them (command.ts): in the data, % CR and LF; in
// property values also : and , which separate properties.
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// GitHubEscapeData escapes the message of a workflow command.
func GitHubEscapeData(s string) string { return githubData.Replace(s) }

// GitHubEscapeProperty escapes a property value of a workflow command.
func GitHubEscapeProperty(s string) string { return githubProperty.Replace(s) }

// githubCommand maps a severity to the annotation command.
func githubCommand(sev string) string {
	switch s, _ := checks.ParseSeverity(sev); s {
	case checks.Error:
		return "error"
	case checks.Warning:
		return "warning"
	}
	return "notice"
}

// WriteGitHub writes one workflow-command annotation per finding, which
// GitHub Actions shows on the line of the pull request's diff:
//
//	::error file=F,line=L,col=C,endColumn=C,title=faasvet (check)::message
//
// The message is followed by the related locations and the docs link, one
// per line. Paths are from the repository root, as Actions wants them.
func WriteGitHub(w io.Writer, r *Results) error {
	var b strings.Builder
	for _, f := range r.Findings {
		var props []string
		if f.File != "" {
			props = append(props, "file="+GitHubEscapeProperty(r.RepoPath(f.File)))
			if f.Line > 0 {
				props = append(props, fmt.Sprintf("line=%d", f.Line))
			}
			switch {
			case f.Line > 0 && f.EndLine > f.Line:
				// Actions takes columns only on one-line spans.
				props = append(props, fmt.Sprintf("endLine=%d", f.EndLine))
			case f.Line > 0 && f.Column > 0:
				props = append(props, fmt.Sprintf("col=%d", f.Column))
				if f.EndLine == f.Line && f.EndColumn > f.Column {
					props = append(props, fmt.Sprintf("endColumn=%d", f.EndColumn))
				}
			}
		}
		props = append(props, "title="+GitHubEscapeProperty("faasvet ("+f.Check+")"))
		msg := f.Message
		for _, rel := range f.Related {
			msg += fmt.Sprintf("\n%s: %s", Position(r.RepoPath(rel.File), rel.Line, rel.Column), rel.Message)
		}
		if f.URL != "" {
			msg += "\n" + f.URL
		}
		fmt.Fprintf(&b, "::%s %s::%s\n", githubCommand(f.Severity), strings.Join(props, ","), GitHubEscapeData(msg))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
