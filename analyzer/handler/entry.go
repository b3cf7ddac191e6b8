package handler

import (
	"go/types"
	"slices"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// Cloud Functions (gen1, and gen2 through the Go buildpack) also run
// funcs that nothing registers: the deploy configuration names an
// exported func of a non-main package as the entry point (gcloud
// functions deploy --entry-point, Terraform entry_point), and the
// platform calls it as an HTTP function, a background function
// func(ctx, event) error or a CloudEvent function. The analyzer cannot
// see deploy files, so it lists the exported funcs with such signatures
// of a package that registers nothing as candidates; the link stage
// keeps those a manifest deploys and drops the rest.

// candidates adds the package's entry-point candidates.
func (f *finder) candidates() {
	if f.pass.Pkg.Name() == "main" || len(f.sum.Functions) > 0 {
		return
	}
	event := flow.LookupType(f.pass.Pkg, ceEventPath, "Event")
	var fns []*types.Func
	for fn, d := range f.decls {
		if fn.Exported() && d.Recv == nil && d.Body != nil && !f.inTestFile(d) {
			fns = append(fns, fn)
		}
	}
	slices.SortFunc(fns, func(a, b *types.Func) int { return int(a.Pos() - b.Pos()) })
	for _, fn := range fns {
		sig := fn.Signature()
		out := &Function{Name: fn.Name(), NameSource: NameEntry, Platform: CloudFunctions, Candidate: true,
			Pos: fn.Pos(), Handler: fn, HandlerName: fn.Name(), HandlerAt: fn.Pos(), Signature: sig}
		switch {
		case isHTTPHandlerFunc(sig):
			out.Style = HTTP
		case event != nil && sig.Params().Len() == 2 && types.Identical(sig.Params().At(1).Type(), event):
			in, rej := checkEvent(sig, f.env)
			if rej != nil || in == nil {
				continue
			}
			out.Style = CloudEvent
		default:
			in, rej := checkEvent(sig, f.env)
			if rej != nil || in == nil || types.IsInterface(in) {
				continue
			}
			out.Style, out.Input = JSON, in
		}
		f.sum.Functions = append(f.sum.Functions, out)
	}
}
