package handler_test

import (
	"fmt"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/internal/stubs"
)

func TestAnalyzer(t *testing.T) {
	analysistest.Run(t, stubs.TestData(t), handler.Analyzer,
		"lambdabad", "lambdaok", "gcf", "ce", "openfaas/hello", "openfaas/bad", "openfaas/notfaas", "directives", "dup",
		"platform", "golambda", "wrapped", "server", "started", "startedserve", "closures", "closurewrap", "closed", "instrumented", "choice", "chooser", "chosen")
}

// TestSummary checks what the analyzer hands to the graph phase: names,
// platforms, styles and payload types.
func TestSummary(t *testing.T) {
	results := analysistest.Run(t, stubs.TestData(t), handler.Analyzer, "gcf", "dup", "directives", "openfaas/hello", "lambdaok", "wrapped", "platform", "server", "started", "startedserve", "closures", "closurewrap", "closed", "instrumented", "choice", "chooser", "chosen")
	got := map[string][]string{}
	for _, r := range results {
		sum := r.Result.(*handler.Summary)
		for _, fn := range sum.Functions {
			line := fmt.Sprintf("%s %s %s %s in=%s out=%s null=%v", fn.Name, fn.NameSource, fn.Platform, fn.Style,
				typeString(fn.Input), typeString(fn.Output), fn.OutputNull)
			for _, h := range fn.Alternatives {
				line += " or " + h.Name()
			}
			got[r.Pass.Pkg.Path()] = append(got[r.Pass.Pkg.Path()], line)
		}
	}
	want := map[string][]string{
		"gcf": {
			"typed-ok registered gcp-functions json in=gcf.Msg out=gcf.Reply null=false",
			"typed-none registered gcp-functions json in=gcf.Msg out=- null=false",
			"typed-two registered gcp-functions json in=- out=- null=false",
			"typed-err-only registered gcp-functions json in=gcf.Msg out=- null=false",
			"typed-not-err registered gcp-functions json in=- out=- null=false",
			"http registered gcp-functions http in=- out=- null=false",
			"ce registered gcp-functions cloudevent in=- out=- null=false",
			"event-ok registered gcp-functions json in=gcf.Msg out=- null=false",
			"event-any registered gcp-functions json in=gcf.Msg out=- null=false",
			"event-one registered gcp-functions json in=- out=- null=false",
			"event-noerr registered gcp-functions json in=- out=- null=false",
			"event-notctx registered gcp-functions json in=- out=- null=false",
			"legacy registered gcp-functions http in=- out=- null=false",
			"legacy-bad registered gcp-functions http in=- out=- null=false",
			"typed-ok registered gcp-functions json in=gcf.Msg out=- null=false",
		},
		"wrapped": {
			"wrapped.three package aws-lambda json in=- out=- null=false",
			"wrapped.order package aws-lambda json in=msg.Order out=msg.Order null=false",
		},
		"platform": {
			"platform package aws-lambda json in=- out=- null=true",
		},
		// The starters' functions stay in their package's summary, marked
		// (Starter), for a run where no program calls them; link drops
		// them for the programs' (started).
		"server": {
			"server.Server.handle package aws-lambda json in=server.Order out=server.Receipt null=false",
			"server.three package aws-lambda json in=- out=- null=false",
			"server.three package aws-lambda json in=- out=- null=false",
		},
		"instrumented": {
			"instrumented.handle package aws-lambda json in=main.Order out=main.Receipt null=false",
			"instrumented.three package aws-lambda json in=- out=- null=false",
		},
		"started": {
			"started package aws-lambda json in=server.Order out=server.Receipt null=false",
		},
		"closures": {
			"closures package aws-lambda json in=msg.Order out=- null=true", // startLocal's literal
		},
		"closurewrap": {},
		"closed": {
			"closed.order package aws-lambda json in=msg.Order out=- null=true",
			"closed.order package aws-lambda json in=json.RawMessage out=*msg.Order null=false",
			"closed.refund package aws-lambda json in=msg.Item out=- null=true",
		},
		"startedserve": {
			"startedserve package aws-lambda json in=server.Order out=server.Receipt null=false",
		},
		"dup": {
			"dup.b package aws-lambda json in=- out=- null=true",
			"dup.a package aws-lambda json in=- out=- null=true",
			"dup.a package aws-lambda json in=- out=- null=true",
		},
		// Handlers chosen at run time: one function each, its handler
		// any of the candidates, with their payload types when they
		// agree.
		"choice": {
			"choice.mapper.reply package cloudevents cloudevent in=- out=- null=false or send",
			"choice.mapper.reply package cloudevents cloudevent in=- out=- null=false or bad",
			"choice.live package aws-lambda json in=main.Order out=main.Receipt null=false or replay",
			"choice.live package aws-lambda json in=- out=- null=false or refund",
			"choice.live package aws-lambda json in=main.Order out=main.Receipt null=false",
			"choice.live package aws-lambda json in=- out=- null=false or three",
			"choice.live package aws-lambda json in=main.Order out=main.Receipt null=false or replay",
			"choice.func@main.go:157 package aws-lambda json in=main.Order out=main.Receipt null=false", // as before: a literal among the values
		},
		"chooser": {
			"chooser package cloudevents cloudevent in=- out=- null=false or Send",
		},
		"chosen": {
			"chosen package cloudevents cloudevent in=- out=- null=false or Send",
		},
		"directives": {
			"billing directive declared json in=struct{N int} out=struct{OK bool} null=false",
		},
		"openfaas/hello": {
			"hello package openfaas http in=- out=- null=false",
		},
	}
	for pkg, w := range want {
		if g := got[pkg]; strings.Join(g, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s: functions\n%s\nwant\n%s", pkg, strings.Join(g, "\n"), strings.Join(w, "\n"))
		}
	}
	// lambdaok: spot checks of payload extraction.
	for _, want := range []string{
		"lambdaok.ctxIn package aws-lambda json in=main.Order out=main.Receipt null=false",
		"lambdaok.rawHandler package aws-lambda raw in=- out=- null=false",
		"lambdaok.func@main.go:58 package aws-lambda json in=main.Order out=- null=true",
		"lambdaok.svc.Handle package aws-lambda json in=main.Order out=main.Receipt null=false",
		"lambdaok.typed package aws-lambda json in=main.Order out=main.Receipt null=false",
		"lambdaok.ctxOnly package aws-lambda json in=- out=- null=true",
	} {
		if !slices.Contains(got["lambdaok"], want) {
			t.Errorf("lambdaok: no function %q in\n%s", want, strings.Join(got["lambdaok"], "\n"))
		}
	}
}

func typeString(t types.Type) string {
	if t == nil {
		return "-"
	}
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

// TestRoutes checks the routes that directives declare.
func TestRoutes(t *testing.T) {
	results := analysistest.Run(t, stubs.TestData(t), handler.Analyzer, "routes")
	var got []string
	for _, r := range results {
		for _, rt := range r.Result.(*handler.Summary).Routes {
			from := rt.Handler
			if rt.Function != nil {
				from = rt.Function.Name
			}
			got = append(got, fmt.Sprintf("%s %s to=%v topic=%s via=%s payload=%s allow=%q",
				from, rt.Kind, rt.To, rt.Topic, rt.Via, typeString(rt.Payload), rt.AllowCycle))
		}
	}
	want := []string{
		`routes.handle route to=[b c] topic= via=sqs payload=msg.Order allow="b answers back by design"`,
		`routes.handle publish to=[] topic=orders via= payload=[]msg.Item allow="b answers back by design"`,
		`routes.handle subscribe to=[] topic=refunds via= payload=*main.Local allow="b answers back by design"`,
		`routes.Exported route to=[y] topic= via= payload=- allow=""`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("routes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
