package flow_test

import (
	"go/ast"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// probe reports, at each call sink(e), the origins of e, and at each
// call of a same-package func, what its live returns are.
var probe = &analysis.Analyzer{
	Name:     "probe",
	Doc:      "reports what the flow index says",
	Requires: []*analysis.Analyzer{flow.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		x := &flow.Tracer{Index: pass.ResultOf[flow.Analyzer].(*flow.Result).Index()}
		for _, c := range x.Calls {
			if id, ok := c.Call.Fun.(*ast.Ident); ok && (id.Name == "sink" || id.Name == "sinkIn") {
				x.Steps = 0
				var fr *flow.Frame
				if id.Name == "sinkIn" { // in the frame of the func that holds it
					fr = &flow.Frame{Fn: c.In}
				}
				bs, why := x.Origins(flow.At(c.Call.Args[0], fr))
				var vals []string
				for _, b := range bs {
					vals = append(vals, types.ExprString(b.E))
				}
				pass.Reportf(c.Call.Pos(), "origins [%s] %s", strings.Join(vals, " "), why)
				continue
			}
			if c.Callee != nil && strings.Contains(types.ExprString(c.Call.Fun), "bind") {
				var binds []string
				for v, b := range x.Bind(c.Callee, c.Call, nil).Params {
					binds = append(binds, v.Name()+"="+types.ExprString(b.E))
				}
				slices.Sort(binds)
				pass.Reportf(c.Call.Pos(), "binds [%s]", strings.Join(binds, " "))
				continue
			}
			if c.Callee != nil && c.Callee.FullName() != "a.sink" && c.Callee.FullName() != "a.sinkIn" {
				var live []string
				for _, r := range x.LiveReturns(c.Callee) {
					live = append(live, types.ExprString(r.Results[0]))
				}
				pass.Reportf(c.Call.Pos(), "calls %s static=%t live [%s]", c.Callee.FullName(), c.Static, strings.Join(live, " "))
			}
		}
		return nil, nil
	},
}

func TestIndex(t *testing.T) {
	analysistest.Run(t, analysistest.TestData(), probe, "a")
}
