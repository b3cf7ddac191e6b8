package consumer

import (
	"go/ast"
	"go/types"

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
}

// index is the package's flow index with what the tracer adds: the
// decode sites and the fields of the known envelopes.
type index struct {
	*flow.Index
	pass    *analysis.Pass
	known   map[*types.Var]Envelope
	decodes []*decodeSite
}

func newIndex(pass *analysis.Pass, fx *flow.Index) *index {
	ix := &index{Index: fx, pass: pass, known: knownFields(pass.Pkg)}
	for _, c := range fx.Calls {
		if c.In != nil {
			if d := ix.decodeSite(c.In, c.Call); d != nil {
				ix.decodes = append(ix.decodes, d)
			}
		}
	}
	return ix
}

// jsonPackages are encoding/json and the drop-in replacements with its
// API and semantics.
var jsonPackages = map[string]bool{
	jsonPath:                             true,
	"github.com/goccy/go-json":           true,
	"github.com/segmentio/encoding/json": true,
	"github.com/json-iterator/go":        true,
}

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
	case jsonPackages[path] && name == "Unmarshal" && len(call.Args) == 2:
		d.data, d.target = call.Args[0], call.Args[1]
	case jsonPackages[path] && name == "Decode" && recv != nil && isNamed(recv.Type(), path, "Decoder") && len(call.Args) == 1 && sel != nil:
		d.target = call.Args[0]
		d.data = ix.decoderSource(sel.X, 0)
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
// json.NewDecoder call that made it, through local variables.
func (ix *index) decoderSource(e ast.Expr, depth int) ast.Expr {
	if depth > 4 {
		return nil
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.CallExpr:
		if f, ok := typeutil.Callee(ix.Info, x).(*types.Func); ok && f.Pkg() != nil && jsonPackages[f.Pkg().Path()] &&
			f.Name() == "NewDecoder" && len(x.Args) == 1 {
			return x.Args[0]
		}
	case *ast.Ident:
		if rhs := ix.OnlyValue(x); rhs != nil {
			return ix.decoderSource(rhs, depth+1)
		}
	}
	return nil
}
