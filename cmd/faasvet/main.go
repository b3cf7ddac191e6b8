package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/spf13/cobra"
	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/faasvet/faasvet/analyzer/suite"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/internal/driver"
)

func main() {
	if isVetTool(os.Args[1:]) {
		analyzers := suite.Analyzers()
		for _, a := range analyzers {
			quietInfo(a)
		}
		analyzers = append(analyzers, summaryAnalyzer(os.Args[1:]))
		unitchecker.Main(analyzers...) // does not return
	}
	if _, set := os.LookupEnv("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(softMemoryLimit)
	}
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// softMemoryLimit is the heap size above which the garbage collector
// works harder rather than let the heap grow to twice the live data
// (GOGC's default). The live data stays below it on every tree measured
// (on the synthetic tree of 10,000 functions, the largest, the limit
// brings the peak RSS from 1.02 GB to 0.83 GB); a tree whose live data
// exceeds it runs with more collections, and never fails for it.
// GOMEMLIMIT, when set, decides instead (docs/performance.md).
const softMemoryLimit = 800 << 20

// gcPercent lets the heap grow to 2.5 times the live data between
// collections (GOGC's default is 2 times): a run is short and its heap
// mostly export data and types that live to its end, so the collector's
// work is worth less than its memory; the soft limit above caps the
// growth on the largest trees. It saves 12% of the CPU for 12-23 MB
// of peak RSS on x/tools and grpc (docs/performance.md). GOGC, when set,
// decides instead.
const gcPercent = 150

// summaryAnalyzer is the analyzer that writes each package's summary for
// faasvet link (driver.SummaryAnalyzer), with the configuration go vet
// hands us for the package, when it does.
func summaryAnalyzer(args []string) *analysis.Analyzer {
	var cfg *unitchecker.Config
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		if data, err := os.ReadFile(args[len(args)-1]); err == nil {
			cfg = new(unitchecker.Config)
			if json.Unmarshal(data, cfg) != nil {
				cfg = nil // unitchecker says why
			}
		}
	}
	return driver.SummaryAnalyzer(cfg)
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
	root.AddCommand(newCheck(stdout, stderr), newGraph(stdout, stderr), newChecks(stdout), newVersion(stdout), newDiff(stdout, stderr))
	root.AddCommand(newEmit(stdout, stderr), newClean(stdout), newLink(stdout, stderr))
	return root
}

// quietInfo drops a vet run's info-level diagnostics (unresolved-route,
// interface-field on any): go vet has no severities and fails the build on
// every diagnostic it prints. It changes the analyzer in place, which is
// safe here: this process is the vet tool and runs nothing else, and
// analyzers find their prerequisites' results by pointer.
func quietInfo(a *analysis.Analyzer) {
	run := a.Run
	a.Run = func(pass *analysis.Pass) (any, error) {
		report := pass.Report
		pass.Report = func(d analysis.Diagnostic) {
			if checks.SeverityOf(d.Category, d.URL) > checks.Info {
				report(d)
			}
		}
		return run(pass)
	}
}
