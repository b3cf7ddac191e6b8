package wire

import (
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Result records every finding the pass reported, with the declaration it
// is about. A pass reports a type declared in another package at the use
// (go vet and golangci-lint see one package at a time); faasvet check,
// which sees them all, moves such findings to the declaration, once per
// declaration however many packages use it (internal/driver).
type Result struct {
	Reports []Report
}

// A Report is one finding of the pass.
type Report struct {
	Check, Variant string
	// Pos and Message are the diagnostic's (a //faasvet:ignore may have
	// dropped it).
	Pos     token.Pos
	Message string
	// Decl is the declaration the finding is about (a field, a type, a
	// method); NoPos when there is none. DeclKey is the same for every
	// package that reports the same problem at Decl: its check, Decl's
	// position, and what tells two findings at one declaration apart.
	Decl    token.Pos
	DeclKey string
	// Local is set when Decl is in the package, where the finding is.
	Local bool
	// Role is the use the message names first ("output of track").
	Role string
	// Fix builds the suggested fixes at Decl from the Decls of the
	// package that declares it (NewDecls); nil when there is none or the
	// finding is local (its diagnostic has them).
	Fix func(*Decls) []analysis.SuggestedFix
}

// Core is the message without the use it begins with, and the text
// that joined the two (": " or " ").
func (r Report) Core() (core, sep string) {
	rest, ok := strings.CutPrefix(r.Message, r.Role)
	if !ok || r.Role == "" {
		return r.Message, ""
	}
	if after, ok := strings.CutPrefix(rest, ": "); ok {
		return after, ": "
	}
	return strings.TrimPrefix(rest, " "), " "
}
