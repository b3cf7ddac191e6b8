package checks

import "slices"

// ids lists the ID of every check of every driver. The catalogue (All)
// holds only the checks whose packages are linked into the binary, and
// the golangci-lint plugin links no whole-program check, but an ignore
// directive may name any of them in every driver. A test of cmd/faasvet,
// which links every check, keeps this list equal to the catalogue.
var ids = []string{
	"ambiguous-field",
	"cycle",
	"directive",
	"duplicate-function",
	"embedded-pointer",
	"envelope-mismatch",
	"handler-signature",
	"interface-field",
	"internal-error",
	"manifest",
	"marshaler-receiver",
	"orphan-channel",
	"path-missing",
	"route-without-output",
	"tag-option",
	"unexported-field",
	"unknown-target",
	"unreachable",
	"unresolved-route",
	"unsupported-type",
	"unused-ignore",
	"wire-case",
	"wire-dropped",
	"wire-missing",
	"wire-narrowing",
	"wire-quoted",
	"wire-type",
	"wire-unsupported",
}

// Known reports whether id is the ID of a check of any driver.
func Known(id string) bool {
	_, ok := slices.BinarySearch(ids, id)
	return ok
}

// IDs returns the ID of every check of every driver, sorted.
func IDs() []string { return slices.Clone(ids) }
