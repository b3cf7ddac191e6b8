// Package checks is the catalogue of faasvet's checks: every check's stable
// kebab-case ID, its default severity, a one-line summary and the page that
// documents it. Every driver and every output format names checks by these
// IDs, and analyzers put the ID in analysis.Diagnostic.Category, so the
// catalogue and the code cannot drift apart.
package checks
