package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// writeTable writes the Markdown table of docs/real-world.md: one row a
// module, and a total.
func writeTable(w io.Writer, results []*result, total time.Duration) error {
	var b strings.Builder
	b.WriteString("| Module | Version | Packages | check | peak RSS | graph | Functions / routes | Findings (error, warning, info by check) | Crashes |\n")
	b.WriteString("|---|---|--:|--:|--:|--:|--:|---|---|\n")
	var pkgs, fns, routes, crashed, skipped, findings int
	var wall time.Duration
	var peak int64
	for _, r := range results {
		if r.Skipped != "" {
			skipped++
			fmt.Fprintf(&b, "| %s | %s | | | | | | skipped: %s | |\n", r.Module, r.Version, escape(r.Skipped))
			continue
		}
		pkgs += r.Packages
		fns += r.Functions
		routes += r.Routes
		findings += len(r.Findings)
		wall += r.Check.Wall
		peak = max(peak, r.Check.MaxRSS, r.Graph.MaxRSS)
		if len(r.Crashes) > 0 {
			crashed++
		}
		n := fmt.Sprint(r.Packages)
		if r.Broken > 0 {
			n += fmt.Sprintf(" (%d do not load)", r.Broken)
		}
		crash := "0"
		if len(r.Crashes) > 0 {
			crash = "**" + escape(strings.Join(r.Crashes, "; ")) + "**"
		}
		if len(r.Written) > 0 {
			crash += "; **wrote " + escape(strings.Join(r.Written, ", ")) + "**"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s (exit %d) | %s | %s (exit %d) | %d / %d | %s | %s |\n",
			r.Module, r.Version, n, secs(r.Check.Wall), r.Check.Exit, mib(max(r.Check.MaxRSS, r.Graph.MaxRSS)),
			secs(r.Graph.Wall), r.Graph.Exit, r.Functions, r.Routes, byCheck(r.Findings), crash)
	}
	fmt.Fprintf(&b, "| **%d modules** (%d skipped) | | **%d** | **%s** | **%s** max | | **%d / %d** | **%d** | **%d crashed** |\n",
		len(results)-skipped, skipped, pkgs, secs(wall), mib(peak), fns, routes, findings, crashed)
	fmt.Fprintf(&b, "\nWall time of the whole run, preparation included: %s.\n", total.Round(time.Second))
	_, err := io.WriteString(w, b.String())
	return err
}

// byCheck summarises findings as "error: a 2, b 1; warning: c 3".
func byCheck(fs []finding) string {
	if len(fs) == 0 {
		return "none"
	}
	counts := map[string]map[string]int{}
	for _, f := range fs {
		if counts[f.Severity] == nil {
			counts[f.Severity] = map[string]int{}
		}
		counts[f.Severity][f.Check]++
	}
	var parts []string
	for _, sev := range []string{"error", "warning", "info"} {
		c := counts[sev]
		if len(c) == 0 {
			continue
		}
		var items []string
		for _, id := range sortedKeys(c) {
			items = append(items, fmt.Sprintf("%s %d", id, c[id]))
		}
		parts = append(parts, sev+": "+strings.Join(items, ", "))
	}
	return strings.Join(parts, "; ")
}

// writeFindings lists every error- and warning-level finding, for a
// person to read and classify.
func writeFindings(w io.Writer, results []*result) error {
	var b strings.Builder
	b.WriteString("# Error- and warning-level findings on real modules\n\n")
	for _, r := range results {
		var lines []string
		for _, f := range r.Findings {
			if f.Severity != "error" && f.Severity != "warning" {
				continue
			}
			lines = append(lines, fmt.Sprintf("- `%s:%d` %s (%s, %s)", f.File, f.Line, f.Message, f.Check, f.Severity))
		}
		if len(lines) == 0 {
			continue
		}
		fmt.Fprintf(&b, "## %s@%s\n\n%s\n\n", r.Module, r.Version, strings.Join(lines, "\n"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func secs(d time.Duration) string { return fmt.Sprintf("%.1f s", d.Seconds()) }

// escape keeps a cell's text from breaking the table.
func escape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}
