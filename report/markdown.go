package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/checks"
)

// maxMermaidEdges bounds the diagram: GitHub's Mermaid renderer gives up
// on large graphs, and a summary is no place for them.
const maxMermaidEdges = 200

// markdownText escapes text for a GitHub-flavoured markdown table cell:
// the characters that would start markup, the cell separator, and line
// breaks.
var markdownText = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "|", `\|`, "\r\n", "<br>", "\n", "<br>",
)

// MarkdownEscape escapes s for a markdown table cell.
func MarkdownEscape(s string) string { return markdownText.Replace(s) }

var severityIcon = map[string]string{checks.Error.String(): "🔴", checks.Warning.String(): "🟠", checks.Info.String(): "🔵"}

// WriteMarkdown writes a pull-request summary: a headline, the findings
// counted per check, a table of the findings with links to the code and to
// the checks' docs, the findings that the baseline lists and this run no
// longer finds, and a Mermaid diagram of the function graph with the edges
// that have findings in red.
func WriteMarkdown(w io.Writer, r *Results) error {
	var b strings.Builder
	b.WriteString("## faasvet\n\n")
	b.WriteString(markdownHeadline(r) + "\n")

	if len(r.Findings) > 0 {
		b.WriteString("\n| Check | Severity | Findings |\n|---|---|--:|\n")
		type row struct {
			id, sev string
			n       int
		}
		var rows []row
		for _, f := range r.Findings {
			i := slices.IndexFunc(rows, func(x row) bool { return x.id == f.Check && x.sev == f.Severity })
			if i < 0 {
				rows = append(rows, row{f.Check, f.Severity, 0})
				i = len(rows) - 1
			}
			rows[i].n++
		}
		slices.SortFunc(rows, func(a, b row) int {
			return cmp.Or(-cmp.Compare(severityRank(a.sev), severityRank(b.sev)), strings.Compare(a.id, b.id))
		})
		for _, x := range rows {
			fmt.Fprintf(&b, "| %s | %s %s | %d |\n", checkLink(x.id), severityIcon[x.sev], x.sev, x.n)
		}

		title := "Findings"
		if r.Filtered() {
			title = "New findings"
		}
		fmt.Fprintf(&b, "\n### %s\n\n| | Location | Check | Message |\n|---|---|---|---|\n", title)
		for _, f := range r.Findings {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", severityIcon[f.Severity], r.markdownLocation(f.File, f.Line), checkLink(f.Check), markdownMessage(r, f))
		}
	}

	if len(r.Fixed) > 0 {
		b.WriteString("\n### Fixed since the baseline\n\n| File | Check | Message |\n|---|---|---|\n")
		for _, f := range r.Fixed {
			fmt.Fprintf(&b, "| %s | %s | %s |\n", r.markdownLocation(f.File, 0), checkLink(f.Check), MarkdownEscape(f.Message))
		}
	}

	if r.Graph != nil {
		nodes, edges := r.Graph.Len()
		switch {
		case nodes == 0:
		case edges > maxMermaidEdges:
			fmt.Fprintf(&b, "\n### Function graph\n\n%d functions and channels, %d routes: too many to draw here; `faasvet graph --format mermaid` draws them.\n", nodes, edges)
		default:
			b.WriteString("\n### Function graph\n\nRoutes with findings are red; dashed routes are asynchronous.\n\n```mermaid\n")
			// A finding marks the edge it is on and the edges it relates,
			// such as the other hops of a cycle.
			var marks []Finding
			for _, f := range r.Findings {
				marks = append(marks, f)
				for _, rel := range f.Related {
					marks = append(marks, Finding{File: rel.File, Line: rel.Line, Column: rel.Column})
				}
			}
			if err := WriteMermaid(&b, r.Graph, marks); err != nil {
				return err
			}
			b.WriteString("```\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownHeadline says what was found, in one line.
func markdownHeadline(r *Results) string {
	count := map[string]int{}
	for _, f := range r.Findings {
		count[f.Severity]++
	}
	var parts []string
	for _, sev := range checks.Severities() {
		if n := count[sev.String()]; n > 0 {
			parts = append(parts, plural(n, sev.String()))
		}
	}
	what := "findings"
	if r.Filtered() {
		what = "new findings"
	}
	var s string
	if len(r.Findings) == 0 {
		s = "✅ No " + what + "."
	} else {
		s = fmt.Sprintf("**%s**: %s.", plural(len(r.Findings), strings.TrimSuffix(what, "s")), strings.Join(parts, ", "))
	}
	if r.Old > 0 {
		var where []string
		if r.Baseline {
			where = append(where, "in the baseline")
		}
		if r.NewFromRev != "" {
			where = append(where, "on lines unchanged since "+MarkdownEscape(r.NewFromRev))
		}
		s += fmt.Sprintf(" %s %s %s not shown.", plural(r.Old, "finding"), strings.Join(where, " or "), isAre(r.Old))
	}
	if len(r.Fixed) > 0 {
		s += fmt.Sprintf(" %s of the baseline %s fixed.", plural(len(r.Fixed), "finding"), isAre(len(r.Fixed)))
	}
	return s
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func severityRank(sev string) int {
	s, _ := checks.ParseSeverity(sev)
	return int(s)
}

func checkLink(id string) string {
	if c := checks.Lookup(id); c != nil {
		return fmt.Sprintf("[%s](%s)", MarkdownEscape(id), c.URL())
	}
	return MarkdownEscape(id)
}

// markdownLocation writes file:line, linked to the code when the results
// have a LinkBase.
func (r *Results) markdownLocation(file string, line int) string {
	if file == "" {
		return ""
	}
	text := r.RepoPath(file)
	if line > 0 {
		text += fmt.Sprintf(":%d", line)
	}
	text = "`" + strings.NewReplacer("`", "'", "|", `\|`).Replace(text) + "`"
	if link := r.CodeLink(file, line); link != "" {
		return "[" + text + "](" + link + ")"
	}
	return text
}

// markdownMessage is the message, with the related locations under it.
func markdownMessage(r *Results, f Finding) string {
	s := MarkdownEscape(f.Message)
	for _, rel := range f.Related {
		s += "<br>↳ " + r.markdownLocation(rel.File, rel.Line) + " " + MarkdownEscape(rel.Message)
	}
	return s
}
