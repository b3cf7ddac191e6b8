package consumer

import (
	"go/ast"
	"go/types"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// A decodeSite is a call that decodes JSON.
type decodeSite struct {
	fn     *flow.Func
	call   *ast.CallExpr
	codec  string
	data   ast.Expr // the JSON: []byte, string or io.Reader; nil for a Decoder we cannot trace
	target ast.Expr // what it is decoded into
	event  bool     // data is a CloudEvent (DataAs)
	reader bool     // data is the reader given to json.NewDecoder
	order  int      // in source order
}

// index is the package's flow index with what the tracer adds: the
// decode sites and the calls of each function, the functions that lead
// to a decode site, and the fields of the known envelopes.
type index struct {
	*flow.Index
	pass      *analysis.Pass
	known     map[*types.Var]Envelope
	decodesIn map[*flow.Func][]*decodeSite
	callsIn   map[*flow.Func][]*flow.Call // with a callee
	live      map[*flow.Func]bool
}

func newIndex(pass *analysis.Pass, fx *flow.Index) *index {
	ix := &index{Index: fx, pass: pass, known: knownFields(pass.Pkg),
		decodesIn: map[*flow.Func][]*decodeSite{}, callsIn: map[*flow.Func][]*flow.Call{}}
	var sites []*flow.Func
	for _, c := range fx.Calls {
		if c.In == nil {
			continue
		}
		if c.Callee != nil {
			ix.callsIn[c.In] = append(ix.callsIn[c.In], c)
		}
		if d := ix.decodeSite(c.In, c.Call); d != nil {
			d.order = len(sites)
			sites = append(sites, c.In)
			ix.decodesIn[c.In] = append(ix.decodesIn[c.In], d)
		}
	}
	ix.live = fx.Reaching(sites)
	return ix
}

func isJSON(path string) bool { return slices.Contains(flow.JSONPackages, path) }

// decodeSite recognises the calls that decode JSON: json.Unmarshal,
// (*json.Decoder).Decode, cloudevents Event.DataAs and protojson.Unmarshal.
func (ix *index) decodeSite(fn *flow.Func, call *ast.CallExpr) *decodeSite {
	callee, ok := typeutil.Callee(ix.Info, call).(*types.Func)
	if !ok || callee.Pkg() == nil || call.Ellipsis.IsValid() {
		return nil
	}
	path, name := callee.Pkg().Path(), callee.Name()
	recv := callee.Signature().Recv()
	sel, _ := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	d := &decodeSite{fn: fn, call: call, codec: codecJSON}
	switch {
	case isJSON(path) && name == "Unmarshal" && len(call.Args) == 2:
		d.data, d.target = call.Args[0], call.Args[1]
	case isJSON(path) && name == "Decode" && recv != nil && isNamed(recv.Type(), path, "Decoder") && len(call.Args) == 1 && sel != nil:
		d.target = call.Args[0]
		d.data = ix.decoderSource(sel.X)
		d.reader = true
	case path == ceEventPath && name == "DataAs" && recv != nil && len(call.Args) == 1 && sel != nil:
		d.data, d.target, d.event = sel.X, call.Args[0], true
	case path == protojsonPath && name == "Unmarshal" && len(call.Args) == 2:
		d.data, d.target, d.codec = call.Args[0], call.Args[1], codecProtoJSON
	default:
		return nil
	}
	return d
}

// decoderSource finds the reader of a json.Decoder: the argument of the
// json.NewDecoder call that made it, through variables given one value.
func (ix *index) decoderSource(e ast.Expr) ast.Expr {
	if x, ok := ast.Unparen(ix.ValueOf(e)).(*ast.CallExpr); ok && ix.IsFunc(x, "NewDecoder", flow.JSONPackages...) && len(x.Args) == 1 {
		return x.Args[0]
	}
	return nil
}
