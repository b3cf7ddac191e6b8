package driver

import (
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/analyzer/suite"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/report"
)

// Options say what to analyse.
type Options struct {
	Dir      string   // working directory; "" is the current one
	Patterns []string // package patterns, as for go build
	Tests    bool     // also analyse test packages
	// Manifests are infrastructure files to read besides those found
	// under Dir; NoManifests reads none.
	Manifests   []string
	NoManifests bool
}

// Result is what a run found.
type Result struct {
	Findings []report.Finding
	Packages int // packages analysed
	// LoadErrors are the loader's and type checker's errors, in order;
	// the packages that have them are not analysed.
	LoadErrors []string
	// Functions are the functions found, by package path.
	Functions map[string][]*handler.Function
	// Graph is the function graph of the whole program.
	Graph *graphext.Graph
}

// ErrNoPackages is returned when the patterns match no package.
var ErrNoPackages = errors.New("no packages to analyse")

// Run loads the packages and runs every check.
func Run(opts Options) (*Result, error) {
	dir := opts.Dir
	if dir == "" {
		var err error
		if dir, err = os.Getwd(); err != nil {
			return nil, err
		}
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo | packages.NeedModule,
		Dir:   dir,
		Tests: opts.Tests,
	}
	patterns := opts.Patterns
	if len(patterns) == 0 {
		patterns = []string{"./..."}
	}
	// One file set for every load: the graph phase resolves the positions
	// of all packages with it.
	cfg.Fset = token.NewFileSet()
	var pkgs []*packages.Package
	for _, l := range planLoads(dir, cfg.Env, patterns) {
		c := *cfg
		c.Dir = l.dir
		ps, err := packages.Load(&c, l.patterns...)
		if err != nil {
			return nil, err
		}
		pkgs = append(pkgs, ps...)
	}
	res := &Result{Functions: map[string][]*handler.Function{}}
	var good []*packages.Package
	for _, p := range pkgs {
		if len(p.Errors) > 0 {
			for _, e := range p.Errors {
				res.LoadErrors = append(res.LoadErrors, relError(dir, e))
			}
			continue
		}
		if len(p.Syntax) == 0 {
			continue
		}
		good = append(good, p)
	}
	res.LoadErrors = uniqueLines(dir, res.LoadErrors)
	if len(pkgs) == 0 || len(good) == 0 && len(res.LoadErrors) == 0 {
		return nil, fmt.Errorf("%w: %s matched no packages", ErrNoPackages, strings.Join(patterns, " "))
	}
	res.Packages = len(good)
	if len(good) == 0 {
		return res, nil
	}
	g, err := checker.Analyze(suite.Analyzers(), good, nil)
	if err != nil {
		return nil, err
	}
	var summaries []pkgSummary
	payloads := map[*handler.Function]*consumer.Payload{}
	var calls []sdkCall
	for act := range g.All() {
		if !act.IsRoot {
			continue
		}
		fset := act.Package.Fset
		for _, d := range act.Diagnostics {
			f := finding(dir, fset, d)
			f.Keys = declKeys(act.Package, d.Pos)
			res.Findings = append(res.Findings, f)
		}
		if act.Err != nil {
			res.LoadErrors = append(res.LoadErrors, fmt.Sprintf("%s: %s: %v", act.Package.PkgPath, act.Analyzer.Name, act.Err))
		}
		if r, ok := act.Result.(*sdkroute.Result); ok && act.Analyzer == sdkroute.Analyzer {
			for _, c := range r.Calls {
				calls = append(calls, sdkCall{call: c, pkg: act.Package})
			}
		}
		if r, ok := act.Result.(*consumer.Result); ok && act.Analyzer == consumer.Analyzer {
			for _, pl := range r.Payloads {
				payloads[pl.Function] = pl
			}
		}
		if sum, ok := act.Result.(*handler.Summary); ok && act.Analyzer == handler.Analyzer {
			summaries = append(summaries, pkgSummary{act.Package, sum})
			if len(sum.Functions) > 0 {
				res.Functions[act.Package.PkgPath] = sum.Functions
			}
		}
	}
	var model *manifest.Model
	if !opts.NoManifests {
		model, _ = manifest.Discover(dir, manifest.Options{Files: opts.Manifests})
	}
	prog := newProgram(dir, summaries, payloads, model, calls)
	res.Graph = prog.graph
	res.Findings = append(res.Findings, prog.findings...)
	wholeProgram := slices.Contains(patterns, "./...") && !opts.NoManifests
	res.Findings = append(res.Findings, unusedIgnores(dir, summaries, wholeProgram)...)
	res.Findings = report.Sort(res.Findings)
	return res, nil
}

type pkgSummary struct {
	pkg *packages.Package
	sum *handler.Summary
}

func finding(dir string, fset *token.FileSet, d analysis.Diagnostic) report.Finding {
	p := fset.Position(d.Pos)
	f := report.Finding{
		Check:    d.Category,
		Severity: checks.SeverityOf(d.Category, d.URL).String(),
		File:     relPath(dir, p.Filename),
		Line:     p.Line,
		Column:   p.Column,
		Message:  d.Message,
		URL:      d.URL,
	}
	if d.End.IsValid() {
		e := fset.Position(d.End)
		f.EndLine, f.EndColumn = e.Line, e.Column
	}
	for _, r := range d.Related {
		rp := fset.Position(r.Pos)
		f.Related = append(f.Related, report.Related{File: relPath(dir, rp.Filename), Line: rp.Line, Column: rp.Column, Message: r.Message})
	}
	return f
}

// relPath makes a file name relative to dir, slash-separated, when it is
// inside dir.
func relPath(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

func relError(dir string, e packages.Error) string {
	if e.Pos == "" || e.Pos == "-" {
		return e.Msg
	}
	pos := e.Pos
	if abs, rest, ok := strings.Cut(pos, ":"); ok && filepath.IsAbs(abs) {
		pos = relPath(dir, abs) + ":" + rest
	}
	return pos + ": " + e.Msg
}

// uniqueLines flattens error messages to lines and drops repeats: go list
// and the type checker often report one error twice, and go list adds a
// "# package" header line.
func uniqueLines(dir string, msgs []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range msgs {
		for line := range strings.SplitSeq(m, "\n") {
			line = strings.TrimPrefix(line, "./")
			if file, rest, ok := strings.Cut(line, ":"); ok && filepath.IsAbs(file) {
				line = relPath(dir, file) + ":" + rest
			}
			if line == "" || strings.HasPrefix(line, "# ") || seen[line] {
				continue
			}
			seen[line] = true
			out = append(out, line)
		}
	}
	return out
}

// declKeys names what an analyzer finding is about, for fingerprints: the
// package and the top-level declaration that encloses it.
func declKeys(pkg *packages.Package, pos token.Pos) []string {
	for _, file := range pkg.Syntax {
		if pos < file.FileStart || pos >= file.FileEnd {
			continue
		}
		for _, decl := range file.Decls {
			if pos < decl.Pos() || pos >= decl.End() {
				continue
			}
			switch decl := decl.(type) {
			case *ast.FuncDecl:
				name := decl.Name.Name
				if decl.Recv != nil && len(decl.Recv.List) > 0 {
					name = types.ExprString(decl.Recv.List[0].Type) + "." + name
				}
				return []string{pkg.PkgPath, name}
			case *ast.GenDecl:
				for _, spec := range decl.Specs {
					if spec.Pos() <= pos && pos < spec.End() {
						switch spec := spec.(type) {
						case *ast.TypeSpec:
							return []string{pkg.PkgPath, spec.Name.Name}
						case *ast.ValueSpec:
							return []string{pkg.PkgPath, spec.Names[0].Name}
						}
					}
				}
			}
		}
	}
	return []string{pkg.PkgPath}
}
