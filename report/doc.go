// Package report writes faasvet's findings in its output formats. A
// Finding is the driver-independent form of a diagnostic: the check ID,
// the severity, a position relative to the analysed directory, and the
// message. Every format orders findings the same way, so that the same
// input gives byte-identical output.
package report
