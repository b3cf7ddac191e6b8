package link

import (
	"go/ast"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/analyzer/errtype"
	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/report"
)

// A Package is one analysed package and the summary faashandler made of
// it: its functions, routes and ignore index. The link stage owns this
// type, so the loader depends on link and never the reverse.
type Package struct {
	Pkg     *packages.Package
	Summary *handler.Summary
}

// A Call is one SDK call that faassdk found, with the package it was
// found in.
type Call struct {
	SDK *sdkroute.Call
	Pkg *packages.Package
}

// Input is what the link stage reads: every package's summary, the
// payloads consumers decode out of envelopes, the SDK calls and the
// infrastructure model.
type Input struct {
	// Dir is the analysed directory; positions are reported relative to it.
	Dir      string
	Packages []Package
	Payloads map[*handler.Function]*consumer.Payload
	// Errors are the error types each handler can return, as
	// aws-lambda-go names them (see package errtype).
	Errors map[*handler.Function]*errtype.Set
	Calls  []Call
	// Model is the manifests' graph; nil when no manifest was read.
	Model *manifest.Model
	// WholeProgram says that the run saw the whole program (./... with
	// the manifests), so that an ignore of a whole-program check that
	// suppressed nothing can be reported as unused.
	WholeProgram bool
}

// Output is what the link stage hands on: the typed function graph and
// the whole-program findings, rated and filtered by the catalogue.
type Output struct {
	Graph    *graphext.Graph
	Findings []report.Finding
}

// Link builds the function graph of the whole program and runs the
// whole-program checks on it. It never panics: a bug in a check becomes
// an internal-error finding, and the graph built so far is returned.
// Unused ignores are judged last, once every other check has had its say.
func Link(in Input) *Output {
	p := newProgram(in.Dir, in.Packages, in.Payloads, in.Errors, in.Model, in.Calls)
	out := &Output{Graph: p.graph, Findings: p.findings}
	out.Findings = append(out.Findings, unusedIgnores(in.Dir, in.Packages, in.WholeProgram)...)
	return out
}

// relPath makes a file name relative to dir, slash-separated, when it is
// inside dir.
func relPath(dir, file string) string {
	if rel, err := filepath.Rel(dir, file); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(file)
}

// DeclKeys names what a finding at pos is about, for fingerprints: the
// package and the top-level declaration that encloses it.
func DeclKeys(pkg *packages.Package, pos token.Pos) []string {
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
