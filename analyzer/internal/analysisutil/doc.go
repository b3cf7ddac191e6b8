// Package analysisutil holds what every faasvet analyzer shares: the
// //faasvet:ignore suppression, applied inside the analyzer so that it
// holds under every driver (go vet, golangci-lint, faasvet check), and the
// panic guard that turns a crash on someone else's code into a diagnostic.
package analysisutil
