// Package suite lists faasvet's analyzers: the set that every driver runs
// (go vet -vettool, the golangci-lint plugin and faasvet check).
package suite

import (
	"golang.org/x/tools/go/analysis"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/analyzer/errtype"
	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/analyzer/wire"
)

// Analyzers returns the analyzers in a fixed order.
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		handler.Analyzer,
		sdkroute.Analyzer,
		consumer.Analyzer,
		errtype.Analyzer,
		wire.Analyzer,
	}
}
