package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/internal/driver"
	"github.com/faasvet/faasvet/report"
)

func newCheck(stdout, stderr io.Writer) *cobra.Command {
	var format, failOn string
	var tests bool
	cmd := &cobra.Command{
		Use:   "check [packages]",
		Short: "Run every check on the packages (default ./...)",
		Long: `check loads the packages, runs the per-package analyzers and the whole-program
checks, and prints the findings sorted by file and position:

  file:line:col: message (check-id)

Exit status: 0 when nothing at or above --fail-on was found, 1 when
something was, 2 when faasvet could not do its job (bad flags, patterns that
match nothing, packages that do not load).`,
		RunE: func(cmd *cobra.Command, args []string) error {
			var threshold checks.Severity
			if failOn != "never" {
				s, err := checks.ParseSeverity(failOn)
				if err != nil {
					return fmt.Errorf("--fail-on: %w (or never)", err)
				}
				threshold = s
			}
			if format != "text" && format != "json" {
				return fmt.Errorf("--format: unknown format %q (want text or json)", format)
			}
			res, err := driver.Run(driver.Options{Patterns: args, Tests: tests})
			if err != nil {
				return err
			}
			for _, e := range res.LoadErrors {
				fmt.Fprintln(stderr, e)
			}
			switch format {
			case "json":
				err = report.WriteJSON(stdout, res.Findings)
			default:
				err = report.WriteText(stdout, res.Findings)
			}
			if err != nil {
				return err
			}
			if len(res.LoadErrors) > 0 {
				return exitError{2}
			}
			if threshold != 0 {
				for _, f := range res.Findings {
					if s, _ := checks.ParseSeverity(f.Severity); s >= threshold {
						return exitError{1}
					}
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	cmd.Flags().StringVar(&failOn, "fail-on", "warning", "exit 1 on findings at or above this severity: error, warning, info or never")
	cmd.Flags().BoolVar(&tests, "tests", false, "also analyse test files")
	return cmd
}
