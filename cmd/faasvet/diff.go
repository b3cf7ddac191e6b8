package main

import (
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/faasvet/faasvet/internal/contract"
	"github.com/faasvet/faasvet/internal/driver"
)

func newDiff(stdout, stderr io.Writer) *cobra.Command {
	var base, format string
	var tests bool
	cmd := &cobra.Command{
		Use:   "diff --base REV [packages]",
		Short: "Compare the function graph's contracts with a git revision",
		Long: `diff builds the function graph at git revision REV (in a temporary git
worktree; the working tree is not touched) and in the working tree, and
reports each change of contract per function and per route: functions,
channels and routes added or removed, payload fields added, removed,
renamed on the wire or changed in JSON kind, and the compatibility
problems between the old and the new version of each end of a route.

A change is breaking when messages already in flight, or the other side's
old version during a rollout, would fail or lose data: a field a consumer
reads that the producer no longer sends, a changed JSON kind, a consumer
field renamed away from what the producer sends, a new required consumer
field, an input change that old callers fail on, a function removed while
routes entered it. Other changes are listed.

Formats: text (default), json, markdown (with a Mermaid diagram of the
changes).

Exit status: 0 when no change is breaking, 1 when one is, 2 when faasvet
could not do its job (not a git repository, a bad revision, packages that
do not load at either revision).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if base == "" {
				return fmt.Errorf("--base: a git revision is required")
			}
			write := map[string]func(*contract.Report, io.Writer) error{
				"text": (*contract.Report).WriteText, "json": (*contract.Report).WriteJSON, "markdown": (*contract.Report).WriteMarkdown,
			}[format]
			if write == nil {
				return fmt.Errorf("--format: unknown format %q (want text, json or markdown)", format)
			}
			wd, err := os.Getwd()
			if err != nil {
				return err
			}
			opts := driver.Options{Patterns: args, Tests: tests}
			old, err := contract.AtRevision(wd, base, opts)
			if err != nil {
				return fmt.Errorf("--base %s: %w", base, err)
			}
			cur, err := driver.Run(opts)
			if err != nil {
				return err
			}
			for _, e := range old.LoadErrors {
				fmt.Fprintf(stderr, "%s: %s\n", base, e)
			}
			for _, e := range cur.LoadErrors {
				fmt.Fprintln(stderr, e)
			}
			if len(old.LoadErrors) > 0 || len(cur.LoadErrors) > 0 {
				return exitError{2}
			}
			r := contract.Compare(base, old.Graph, cur.Graph)
			if err := write(r, stdout); err != nil {
				return err
			}
			if r.Breaking > 0 {
				return exitError{1}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&base, "base", "", "git `revision` to compare with, such as origin/main or the pull request's base SHA")
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json or markdown")
	cmd.Flags().BoolVar(&tests, "tests", false, "also analyse test files")
	return cmd
}
