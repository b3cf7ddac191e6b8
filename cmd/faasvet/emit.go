package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/faasvet/faasvet/emit"
	"github.com/faasvet/faasvet/internal/driver"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/report"
)

// maxBlockers is how many blocking findings emit lists.
const maxBlockers = 20

func newEmit(stdout, stderr io.Writer) *cobra.Command {
	var target, out string
	var force, tests, noManifests, belowOnly bool
	var manifests []string
	cmd := &cobra.Command{
		Use:   "emit --target TARGET [--out DIR] [--force] [packages]",
		Short: "Write the function graph as deployable artifacts or a diagram",
		Long: `emit loads the packages (default ./...), builds and checks the function graph,
and writes it for a platform or as a picture:

  asl         Amazon States Language: a state machine per chain of direct
              routes (Task to Task, Parallel at a fan-out), Lambda ARNs as
              ${<Name>FunctionArn} substitutions, Retry on Lambda errors
  sam         an AWS SAM template (template.yaml): a function per function,
              the queues, topics and rules of the channels with their
              triggers, send policies and environment variables, and a
              state machine per chain (with the asl files it names)
  serverless  serverless.yml: the same, with serverless-go-plugin and
              serverless-step-functions
  openfaas    an OpenFaaS stack file (stack.yml), topic annotations for
              channels
  knative     Knative YAML: Services, a Broker and Triggers per channel,
              SinkBindings, a Sequence per chain
  mermaid, dot, svg
              the graph drawn, as faasvet graph draws it; svg is laid out
              by Graphviz's dot layout inside faasvet (nothing to install)

Without --out, a target's one file is printed; a target that makes
several (sam with state machines, asl with several chains) needs --out.
Paths to the code inside the files are relative to --out (or to the
current directory when printing). Existing files are overwritten only with
--force, and nothing is written outside --out or through a symbolic link.

A graph with error-level findings is not emitted: it would deploy
functions that the platforms fail on. The findings are listed; fix them,
or emit anyway with --force. What a target cannot express is said on
standard error.

The output depends only on the code: the same tree gives the same bytes.

Exit status: 0 when emitted, 1 when error-level findings stopped it, 2
when faasvet could not do its job (bad flags, packages that do not load,
files that exist without --force).`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			t, err := emit.ParseTarget(target)
			if err != nil {
				return fmt.Errorf("--target: %w", err)
			}
			wd, err := os.Getwd()
			if err != nil {
				return err
			}
			res, err := driver.Run(driver.Options{Patterns: args, Tests: tests, Manifests: manifests, NoManifests: noManifests, RepoManifests: !belowOnly,
				Cache: openCache(stderr), Graph: true})
			if err != nil {
				return err
			}
			if len(res.LoadErrors) > 0 {
				for _, e := range res.LoadErrors {
					fmt.Fprintln(stderr, e)
				}
				return errors.New("not emitted: packages did not load, so the graph is incomplete")
			}
			if b := emit.Blockers(res.Findings); len(b) > 0 {
				if !force {
					fmt.Fprintf(stderr, "faasvet emit: not emitted: the graph has %s, which the platforms would fail on; fix them, or give --force to emit anyway:\n", count(len(b), "error-level finding"))
					listFindings(stderr, b)
					return exitError{1}
				}
				fmt.Fprintf(stderr, "faasvet emit: emitting despite %s (--force)\n", count(len(b), "error-level finding"))
			}
			var model *manifest.Model
			if !noManifests {
				model, _ = manifest.Discover(wd, manifest.Options{Files: manifests, Repo: !belowOnly})
			}
			opts := emit.Options{Target: t, Command: emitCommand(t, out, args), RenderSVG: runSVG}
			if out != "" {
				if opts.Out, err = filepath.Abs(out); err != nil {
					return err
				}
			}
			r, err := emit.Emit(emit.Input{Graph: res.Graph, Findings: res.Findings, Manifests: model, Root: wd}, opts)
			if err != nil {
				return err
			}
			for _, n := range r.Notes {
				fmt.Fprintln(stderr, "faasvet emit: note:", n)
			}
			if out == "" {
				switch len(r.Files) {
				case 0:
					return nil
				case 1:
					_, err := stdout.Write(r.Files[0].Data)
					return err
				}
				var names []string
				for _, f := range r.Files {
					names = append(names, f.Path)
				}
				return fmt.Errorf("--target %s writes %d files (%s): give --out DIR", t, len(r.Files), strings.Join(names, ", "))
			}
			if err := emit.Write(out, r.Files, force); err != nil {
				return err
			}
			for _, f := range r.Files {
				fmt.Fprintln(stderr, "faasvet emit: wrote", filepath.Join(out, filepath.FromSlash(f.Path)))
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&target, "target", "", "what to write: asl, sam, serverless, openfaas, knative, mermaid, dot or svg (required)")
	cmd.Flags().StringVar(&out, "out", "", "write the files under `dir` (created if needed) instead of printing the target's one file")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite existing files, and emit even when the graph has error-level findings")
	cmd.Flags().BoolVar(&tests, "tests", false, "also analyse test files")
	cmd.Flags().StringArrayVar(&manifests, "manifest", nil, "also read infrastructure `file` (SAM, CloudFormation, ASL, serverless.yml, OpenFaaS, Knative), anywhere: its paths resolve against its own directory; repeatable. Manifests in the directory's git repository are found without it")
	cmd.Flags().BoolVar(&noManifests, "no-manifests", false, "read no infrastructure files: the graph comes from the code alone")
	cmd.Flags().BoolVar(&belowOnly, "no-repo-manifests", false, "read only the manifests below the directory, not those of the whole git repository it is in")
	_ = cmd.MarkFlagRequired("target")
	return cmd
}

// emitCommand is the command line that the generated files name: the
// flags that decide their content, without -C or --force.
func emitCommand(t emit.Target, out string, args []string) string {
	s := "faasvet emit --target " + string(t)
	if out != "" {
		s += " --out " + filepath.ToSlash(out)
	}
	for _, a := range args {
		s += " " + a
	}
	return s
}

// listFindings prints findings as check does, up to maxBlockers.
func listFindings(w io.Writer, fs []report.Finding) {
	for i, f := range fs {
		if i == maxBlockers {
			fmt.Fprintf(w, "  ... and %d more (faasvet check lists them all)\n", len(fs)-maxBlockers)
			return
		}
		fmt.Fprintf(w, "  %s:%d:%d: %s (%s)\n", f.File, f.Line, f.Column, f.Message, f.Check)
	}
}

// runSVG lays DOT out with faasvet-svg, found beside the faasvet
// executable or on PATH. The renderer is a program of its own so that
// faasvet, which go vet starts once per package, does not pay its
// start-up cost (package emit/svg says how much).
func runSVG(dot []byte) ([]byte, error) {
	bin := ""
	if exe, err := os.Executable(); err == nil {
		if p := filepath.Join(filepath.Dir(exe), "faasvet-svg"+filepath.Ext(exe)); fileExists(p) {
			bin = p
		}
	}
	if bin == "" {
		p, err := exec.LookPath("faasvet-svg")
		if err != nil {
			return nil, errors.New("--target svg runs faasvet-svg, which is neither beside faasvet nor on PATH: go install github.com/faasvet/faasvet/cmd/faasvet-svg@latest")
		}
		bin = p
	}
	cmd := exec.Command(bin)
	cmd.Stdin = bytes.NewReader(dot)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("%s: %w: %s", bin, err, strings.TrimSpace(stderr.String()))
	}
	return stdout.Bytes(), nil
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
