package link

import (
	"go/token"
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
// type, so the loader depends on link and never the reverse. Summarise
// makes one while the package's syntax is there; the link stage reads
// its package's names, files, imports and types, never its syntax or
// type information (summary.go).
type Package struct {
	Pkg     *packages.Package
	Summary *handler.Summary
	// Decls are its top-level declarations (NewDecls); reads what its
	// handlers' bodies read of their input, by function.
	Decls *Decls
	reads map[*handler.Function]reads
	// Main is where a program's func main is, for a package whose types
	// do not have it (read from export data, which holds no unexported
	// func).
	Main token.Pos
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
	// Uses are the funcs that the Packages' code names.
	Uses *Uses
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
	p := newProgram(in.Dir, in.Packages, in.Payloads, in.Errors, in.Model, in.Calls, in.Uses)
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
