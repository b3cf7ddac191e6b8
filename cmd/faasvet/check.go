package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/internal/baseline"
	"github.com/faasvet/faasvet/internal/cache"
	"github.com/faasvet/faasvet/internal/driver"
	"github.com/faasvet/faasvet/internal/fix"
	"github.com/faasvet/faasvet/internal/gitdiff"
	"github.com/faasvet/faasvet/report"
)

// formats are check's output formats.
var formats = []string{"text", "json", "sarif", "github", "markdown"}

// An output is one --format and the --output that follows it.
type output struct {
	format string
	file   string // "" or "-": standard output
}

// outputs collects --format and --output in the order given, so that each
// --output names the file of the --format before it.
type outputs struct{ list []output }

type formatFlag struct{ o *outputs }

func (f formatFlag) String() string { return "" }
func (f formatFlag) Type() string   { return "format" }
func (f formatFlag) Set(s string) error {
	if !slices.Contains(formats, s) {
		return fmt.Errorf("unknown format %q (want %s)", s, strings.Join(formats, ", "))
	}
	f.o.list = append(f.o.list, output{format: s})
	return nil
}

type outputFlag struct{ o *outputs }

func (f outputFlag) String() string { return "" }
func (f outputFlag) Type() string   { return "file" }
func (f outputFlag) Set(s string) error {
	n := len(f.o.list)
	switch {
	case n == 0:
		return errors.New("--output must follow the --format it is for")
	case f.o.list[n-1].file != "":
		return fmt.Errorf("--format %s has two --output files", f.o.list[n-1].format)
	case s == "":
		return errors.New("empty file name")
	}
	f.o.list[n-1].file = s
	return nil
}

func newCheck(stdout, stderr io.Writer) *cobra.Command {
	var failOn, baselineFile, writeBaseline, newFromRev, linkBase string
	var tests, noManifests, belowOnly, applyFixes, showDiff bool
	var manifests []string
	outs := &outputs{}
	cmd := &cobra.Command{
		Use:   "check [packages]",
		Short: "Run every check on the packages (default ./...)",
		Long: `check loads the packages, runs the per-package analyzers and the whole-program
checks, and prints the findings sorted by file and position:

  file:line:col: message (check-id)

--format may be given more than once, each followed by its own --output
file (standard output without one):

  text      one line per finding (the default)
  json      {"diagnostics": [...]}, a stable documented object (fixes included)
  sarif     SARIF 2.1.0 for GitHub code scanning and other viewers
  github    GitHub Actions workflow commands: annotations on the diff
  markdown  a pull-request summary with counts, a table and the graph

  faasvet check --format text --format sarif --output faasvet.sarif

The pull-request gate:

  --write-baseline FILE  record every finding of this run as accepted
  --baseline FILE        report and fail on the findings not in FILE only,
                         and list those of FILE that are gone as fixed
  --new-from-rev REV     report and fail on the findings that touch a line
                         changed since git revision REV (a graph finding,
                         when any of its ends changed)

Baselines match findings by fingerprint (check and stable names, never
line numbers), so edits elsewhere do not make old findings new.

Fixes: a finding whose fix is certain (a misspelt tag option, omitempty
on a struct field where omitzero exists, a marshal method on the wrong
receiver, a field that cannot travel and that no code uses) carries it.

  --fix   apply the fixes of the reported findings, and report the rest
  --diff  print the fixes as a unified diff instead of the findings, and
          write nothing; exit 1 when there is something to fix

Cache: faasvet under the user cache directory, or FAASVET_CACHE=DIR
(FAASVET_CACHE=off: none). A run stores its findings there, and a run with
the same inputs (files, dependencies, manifests, flags, faasvet and Go
versions) replays them; a run after an edit reuses the analyses of the
packages the edit does not reach. The output is the same with or without
it. faasvet clean removes it.

Exit status: 0 when nothing reported is at or above --fail-on, 1 when
something is, 2 when faasvet could not do its job (bad flags, patterns that
match nothing, packages that do not load, an unreadable baseline). With
--write-baseline the run accepts what it found and exits 0.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			threshold, err := parseFailOn(failOn)
			if err != nil {
				return err
			}
			list := outs.list
			if len(list) == 0 {
				list = []output{{format: "text"}}
			}
			seen := map[string]bool{}
			for _, o := range list {
				if o.file != "" && o.file != "-" {
					abs, _ := filepath.Abs(o.file)
					if seen[abs] {
						return fmt.Errorf("--output: %s is named twice", o.file)
					}
					seen[abs] = true
				}
			}
			if (applyFixes || showDiff) && writeBaseline != "" {
				return errors.New("--fix and --diff do not go with --write-baseline")
			}
			var base *baseline.File
			if baselineFile != "" {
				b, err := baseline.Read(baselineFile)
				if err != nil {
					return fmt.Errorf("--baseline: %w", err)
				}
				base = b
			}
			var changes *gitdiff.Changes
			if newFromRev != "" {
				c, err := gitdiff.Changed(".", newFromRev)
				if err != nil {
					return fmt.Errorf("--new-from-rev: %w", err)
				}
				changes = c
			}

			opts := driver.Options{Patterns: args, Tests: tests, Manifests: manifests, NoManifests: noManifests, RepoManifests: !belowOnly,
				Cache: openCache(stderr), Graph: slices.ContainsFunc(list, func(o output) bool { return o.format == "markdown" })}
			res, err := driver.Run(opts)
			if err != nil {
				return err
			}
			if opts.Cache != nil {
				if err := opts.Cache.MaybeTrim(cache.DefaultLimit); err != nil {
					fmt.Fprintf(stderr, "faasvet: cache: %v\n", err)
				}
			}
			for _, e := range res.LoadErrors {
				fmt.Fprintln(stderr, e)
			}

			results := &report.Results{
				Findings: res.Findings,
				Graph:    res.Graph,
				Version:  version(),
				Root:     repoRoot(),
				Source:   os.ReadFile,
				LinkBase: linkBase,
			}
			if base != nil {
				c := base.Compare(results.Findings)
				results.Findings, results.Old, results.Fixed = c.New, len(c.Old), c.Fixed
				results.Baseline = true
			}
			if changes != nil {
				var kept []report.Finding
				for _, f := range results.Findings {
					if touches(changes, f) {
						kept = append(kept, f)
					} else {
						results.Old++
					}
				}
				results.Findings, results.NewFromRev = kept, newFromRev
			}

			if showDiff {
				d, err := fixDiff(results.Findings)
				if err != nil {
					return err
				}
				if _, err := stdout.Write(d); err != nil {
					return err
				}
				if len(res.LoadErrors) > 0 {
					return exitError{2}
				}
				if len(d) > 0 {
					return exitError{1}
				}
				return nil
			}
			if applyFixes {
				rest, err := applyFix(stderr, results.Findings)
				if err != nil {
					return err
				}
				results.Findings = rest
			}
			for _, o := range list {
				if err := writeOutput(stdout, o, results); err != nil {
					return err
				}
			}
			if results.Filtered() {
				gateSummary(stderr, results)
			}
			if len(res.LoadErrors) > 0 {
				return exitError{2}
			}
			if writeBaseline != "" {
				if err := baseline.Write(writeBaseline, res.Findings); err != nil {
					return fmt.Errorf("--write-baseline: %w", err)
				}
				fmt.Fprintf(stderr, "faasvet: wrote %s with %s\n", writeBaseline, count(len(res.Findings), "finding"))
				return nil
			}
			if reaches(results.Findings, threshold) {
				return exitError{1}
			}
			return nil
		},
	}
	reportFlags(cmd, outs, &failOn)
	cmd.Flags().StringVar(&baselineFile, "baseline", "", "report only the findings that baseline `file` does not list")
	cmd.Flags().StringVar(&writeBaseline, "write-baseline", "", "write every finding to baseline `file` and exit 0")
	cmd.Flags().StringVar(&newFromRev, "new-from-rev", "", "report only the findings on lines changed since git `revision`")
	cmd.Flags().StringVar(&linkBase, "link-base", githubLinkBase(), "`URL` prefix of the links to the code in the markdown report (under GitHub Actions: the commit on GitHub)")
	cmd.Flags().BoolVar(&tests, "tests", false, "also analyse test files")
	cmd.Flags().BoolVar(&applyFixes, "fix", false, "apply the fixes of the reported findings that have one, and report the rest")
	cmd.Flags().BoolVar(&showDiff, "diff", false, "print the fixes as a unified diff instead of the findings, and change nothing")
	cmd.Flags().StringArrayVar(&manifests, "manifest", nil, "also read infrastructure `file` (SAM, CloudFormation, ASL, serverless.yml, OpenFaaS, Knative), anywhere: its paths resolve against its own directory; repeatable. Manifests in the directory's git repository are found without it")
	cmd.Flags().BoolVar(&noManifests, "no-manifests", false, "read no infrastructure files: the graph comes from the code alone")
	cmd.Flags().BoolVar(&belowOnly, "no-repo-manifests", false, "read only the manifests below the directory, not those of the whole git repository it is in")
	return cmd
}

// reportFlags adds the flags of check and link that say how findings
// are reported: --format, --output, --fail-on.
func reportFlags(cmd *cobra.Command, outs *outputs, failOn *string) {
	cmd.Flags().Var(formatFlag{outs}, "format", "output `format`: text, json, sarif, github or markdown; repeatable (default text)")
	cmd.Flags().VarP(outputFlag{outs}, "output", "o", "write the --format before this flag to `file` instead of standard output")
	cmd.Flags().StringVar(failOn, "fail-on", "warning", "exit 1 on reported findings at or above this severity: error, warning, info or never")
}

// parseFailOn is the severity --fail-on names; 0 for never.
func parseFailOn(failOn string) (checks.Severity, error) {
	if failOn == "never" {
		return 0, nil
	}
	s, err := checks.ParseSeverity(failOn)
	if err != nil {
		return 0, fmt.Errorf("--fail-on: %w (or never)", err)
	}
	return s, nil
}

// reaches reports whether a finding is at or above threshold (never
// when it is 0): the exit status 1 of check and link.
func reaches(fs []report.Finding, threshold checks.Severity) bool {
	if threshold == 0 {
		return false
	}
	for _, f := range fs {
		if s, _ := checks.ParseSeverity(f.Severity); s >= threshold {
			return true
		}
	}
	return false
}

// writeOutput writes one format to its file or to standard output. A file
// is written whole or not at all.
func writeOutput(stdout io.Writer, o output, r *report.Results) error {
	var buf bytes.Buffer
	var err error
	switch o.format {
	case "text":
		err = report.WriteText(&buf, r.Findings)
	case "json":
		err = report.WriteJSON(&buf, r.Findings)
	case "sarif":
		err = report.WriteSARIF(&buf, r)
	case "github":
		err = report.WriteGitHub(&buf, r)
	case "markdown":
		err = report.WriteMarkdown(&buf, r)
	}
	if err != nil {
		return err
	}
	if o.file == "" || o.file == "-" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(o.file, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	return nil
}

// touches reports whether a finding is on a changed line: its own span,
// or any related location (the other ends of a graph finding).
func touches(c *gitdiff.Changes, f report.Finding) bool {
	if c.ChangedSpan(f.File, f.Line, f.EndLine) {
		return true
	}
	for _, r := range f.Related {
		if c.Changed(r.File, r.Line) {
			return true
		}
	}
	return false
}

// gateSummary tells, on standard error, what the baseline and the
// changed-lines filter set aside.
func gateSummary(w io.Writer, r *report.Results) {
	var why []string
	if r.Baseline {
		why = append(why, "in the baseline")
	}
	if r.NewFromRev != "" {
		why = append(why, "on lines unchanged since "+r.NewFromRev)
	}
	fmt.Fprintf(w, "faasvet: %s, %s %s not reported\n", count(len(r.Findings), "new finding"), count(r.Old, "finding"), strings.Join(why, " or "))
	if len(r.Fixed) > 0 {
		fmt.Fprintf(w, "faasvet: %s of the baseline fixed:\n", count(len(r.Fixed), "finding"))
		for _, f := range r.Fixed {
			fmt.Fprintf(w, "  %s: %s (%s)\n", f.File, f.Message, f.Check)
		}
	}
}

func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// repoRoot is the current directory relative to the root of the git
// checkout that holds it, slash-separated: what SARIF and GitHub
// annotations put before a finding's path. "" outside a checkout.
func repoRoot() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	for dir := wd; ; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			rel, err := filepath.Rel(dir, wd)
			if err != nil || rel == "." {
				return ""
			}
			return filepath.ToSlash(rel)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// githubLinkBase is where the code of this run is on GitHub, when run by
// GitHub Actions.
func githubLinkBase() string {
	server, repo, sha := os.Getenv("GITHUB_SERVER_URL"), os.Getenv("GITHUB_REPOSITORY"), os.Getenv("GITHUB_SHA")
	if os.Getenv("GITHUB_ACTIONS") != "true" || server == "" || repo == "" || sha == "" {
		return ""
	}
	return server + "/" + repo + "/blob/" + sha + "/"
}

// fixesOf are the fixes of the findings, in the findings' order.
func fixesOf(fs []report.Finding) []*report.Fix {
	var out []*report.Fix
	for _, f := range fs {
		if f.Fix != nil {
			out = append(out, f.Fix)
		}
	}
	return out
}

// fixDiff is the unified diff of the findings' fixes, the files named
// relative to the working directory.
func fixDiff(fs []report.Finding) ([]byte, error) {
	r, err := fix.Apply(fixesOf(fs), os.ReadFile)
	if err != nil {
		return nil, err
	}
	return r.Diff(relName), nil
}

// applyFix writes the findings' fixes and returns the findings that are
// left: those without a fix, or whose fix was skipped.
func applyFix(stderr io.Writer, fs []report.Finding) ([]report.Finding, error) {
	r, err := fix.Apply(fixesOf(fs), os.ReadFile)
	if err != nil {
		return nil, err
	}
	for _, file := range slices.Sorted(maps.Keys(r.Files)) {
		if err := os.WriteFile(file, r.Files[file].New, 0o644); err != nil {
			return nil, fmt.Errorf("--fix: %w", err)
		}
	}
	for _, why := range r.Skipped {
		fmt.Fprintln(stderr, "faasvet: fix not applied:", why)
	}
	fixes := fmt.Sprintf("%d fixes", len(r.Applied))
	if len(r.Applied) == 1 {
		fixes = "1 fix"
	}
	fmt.Fprintf(stderr, "faasvet: applied %s in %s\n", fixes, count(len(r.Files), "file"))
	var rest []report.Finding
	for _, f := range fs {
		if f.Fix == nil || !slices.Contains(r.Applied, f.Fix) {
			rest = append(rest, f)
		}
	}
	return rest, nil
}

// relName is a file's name relative to the working directory, slash-separated.
func relName(file string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, file); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(file)
}
