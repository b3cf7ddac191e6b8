package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/faasvet/faasvet/internal/driver"
	"github.com/faasvet/faasvet/report"
)

func newLink(stdout, stderr io.Writer) *cobra.Command {
	var failOn string
	var tests bool
	outs := &outputs{}
	cmd := &cobra.Command{
		Use:   "link [--format text|json|sarif|github|markdown] summaries-dir",
		Short: "Run the whole-program checks over the package summaries a build wrote",
		Long: `link runs the whole-program checks (those faasvet checks lists as graph: cycles,
unknown targets, payloads between functions, orphan channels...) over the
package summaries that go vet -vettool=faasvet writes with
-faassummary.dir, with the app's manifests (those of the current directory
and its git repository, as check ./... reads them):

  summaries=$(mktemp -d)   # a new directory for each build: go vet caches its actions by their flags
  go vet -vettool=$(which faasvet) -faassummary.dir=$summaries ./...
  faasvet link $summaries

In an app of several modules, run go vet in each, into the same directory.
go vet reports the per-package checks; link reports the rest. No package
is analysed again: link checks each summarised package's declarations,
without function bodies, against the export data the build wrote for its
imports, and links the summaries. The summaries must come from this
faasvet. What go vet refuses (a module the proxy cannot serve, a package
whose tests do not compile) writes no summary; a package whose summary
could not be written or used is named on standard error, and link exits 2.

Exit status as check's: 0, 1 on findings at or above --fail-on, 2 when it
could not do its job.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			threshold, err := parseFailOn(failOn)
			if err != nil {
				return err
			}
			list := outs.list
			if len(list) == 0 {
				list = []output{{format: "text"}}
			}
			res, err := driver.LinkSummaries(driver.LinkOptions{Dir: ".", Summaries: args[0], Tests: tests})
			if err != nil {
				return err
			}
			for _, e := range res.LoadErrors {
				fmt.Fprintln(stderr, e)
			}
			results := &report.Results{Findings: res.Findings, Graph: res.Graph, Version: version(), Root: repoRoot(), Source: os.ReadFile, LinkBase: githubLinkBase()}
			for _, o := range list {
				if err := writeOutput(stdout, o, results); err != nil {
					return err
				}
			}
			if len(res.LoadErrors) > 0 {
				return exitError{2}
			}
			if reaches(results.Findings, threshold) {
				return exitError{1}
			}
			return nil
		},
	}
	reportFlags(cmd, outs, &failOn)
	cmd.Flags().BoolVar(&tests, "tests", false, "also link the test packages' summaries")
	return cmd
}
