package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/internal/driver"
	"github.com/faasvet/faasvet/report"
)

func newGraph(stdout, stderr io.Writer) *cobra.Command {
	var format string
	var tests, noManifests, belowOnly bool
	var manifests []string
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
			res, err := driver.Run(driver.Options{Patterns: args, Tests: tests, Manifests: manifests, NoManifests: noManifests, RepoManifests: !belowOnly,
				Cache: openCache(stderr), Graph: true})
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
	cmd.Flags().StringArrayVar(&manifests, "manifest", nil, "also read infrastructure `file` (SAM, CloudFormation, ASL, serverless.yml, OpenFaaS, Knative), anywhere: its paths resolve against its own directory; repeatable. Manifests in the directory's git repository are found without it")
	cmd.Flags().BoolVar(&noManifests, "no-manifests", false, "read no infrastructure files: the graph comes from the code alone")
	cmd.Flags().BoolVar(&belowOnly, "no-repo-manifests", false, "read only the manifests below the directory, not those of the whole git repository it is in")
	return cmd
}
