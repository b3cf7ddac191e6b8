package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/faasvet/faasvet/analyzer/suite"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/internal/driver"
	"github.com/faasvet/faasvet/report"
)

func main() {
	if isVetTool(os.Args[1:]) {
		unitchecker.Main(suite.Analyzers()...) // does not return
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// isVetTool reports whether go vet is running us: it asks for -flags and
// -V=full, then passes the config file of each package.
func isVetTool(args []string) bool {
	for _, a := range args {
		if a == "-flags" || strings.HasPrefix(a, "-V=") {
			return true
		}
	}
	return len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg")
}

// exitError carries an exit code through cobra.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// run executes the CLI and returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.Execute()
	var ee exitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintln(stderr, "faasvet:", err)
		return 2
	}
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	var dir string
	root := &cobra.Command{
		Use:   "faasvet",
		Short: "Check the function graph of a FaaS application",
		Long: `faasvet finds the serverless functions of a Go code base (AWS Lambda, Google
Cloud Functions, CloudEvents, OpenFaaS) and checks what the platforms would
reject at run time.

It is also a go vet tool: go vet -vettool=$(which faasvet) ./...`,
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if dir != "" {
				if err := os.Chdir(dir); err != nil {
					return fmt.Errorf("-C: %w", err)
				}
			}
			return nil
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.PersistentFlags().StringVarP(&dir, "chdir", "C", "", "change to `dir` before doing anything, like go -C")
	root.AddCommand(newCheck(stdout, stderr), newGraph(stdout, stderr), newChecks(stdout), newVersion(stdout))
	return root
}

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

func newGraph(stdout, stderr io.Writer) *cobra.Command {
	var format string
	var tests bool
	cmd := &cobra.Command{
		Use:   "graph [packages]",
		Short: "Print the function graph (default ./...)",
		Long: `graph loads the packages, builds the function graph and prints it:

  json     functions, channels and routes, a stable documented object
  mermaid  a Mermaid flowchart: functions as boxes, channels as cylinders,
           dashed edges for asynchronous hops, edges with findings in red
  dot      the same in Graphviz DOT

Findings are not printed (run faasvet check); the graph is printed even
when there are some, and the exit status is 0 unless the graph could not
be built.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			write := map[string]func(io.Writer, *graphext.Graph, []report.Finding) error{
				"json": report.WriteGraphJSON, "mermaid": report.WriteMermaid, "dot": report.WriteDOT,
			}[format]
			if write == nil {
				return fmt.Errorf("--format: unknown format %q (want json, mermaid or dot)", format)
			}
			res, err := driver.Run(driver.Options{Patterns: args, Tests: tests})
			if err != nil {
				return err
			}
			for _, e := range res.LoadErrors {
				fmt.Fprintln(stderr, e)
			}
			if err := write(stdout, res.Graph, res.Findings); err != nil {
				return err
			}
			if len(res.LoadErrors) > 0 {
				return exitError{2}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json, mermaid or dot")
	cmd.Flags().BoolVar(&tests, "tests", false, "also analyse test files")
	return cmd
}

func newChecks(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "checks",
		Short: "List the checks: ID, default severity, summary, docs",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, c := range checks.All() {
				fmt.Fprintf(stdout, "%-22s %-8s %-8s %s\n%-22s %s\n", c.ID, c.Severity, c.Driver, c.Summary, "", c.URL())
			}
			return nil
		},
	}
}

func newVersion(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print faasvet's version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintln(stdout, "faasvet", version())
		},
	}
}

func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
