package consumer_test

import (
	"fmt"
	"go/types"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/consumer"
	"github.com/faasvet/faasvet/internal/stubs"
)

// summary writes a payload on one line, with the fields that matter.
func summary(p *consumer.Payload) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", p.Function.Name, p.Envelope)
	if p.Inner != "" {
		fmt.Fprintf(&b, " inner=%s", p.Inner)
	}
	if p.UnwrapsSNS != (p.Inner == consumer.SNS) {
		b.WriteString(" UnwrapsSNS-disagrees-with-Inner")
	}
	if p.AlsoRaw {
		b.WriteString(" also-raw")
	}
	if p.Type != nil {
		fmt.Fprintf(&b, " type=%s", typeString(p.Type))
	}
	if p.Ambiguous {
		b.WriteString(" ambiguous")
	}
	if p.Why != "" {
		fmt.Fprintf(&b, " (%s)", p.Why)
	}
	return b.String()
}

func typeString(t types.Type) string {
	if t == nil {
		return "-"
	}
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

// want are the payloads of each test package, in the order of the
// functions that faashandler finds.
var want = map[string][]string{
	// Every aws-lambda-go envelope, raw bytes and a plain payload (none).
	"lambdaenv": {
		"lambdaenv.sqsHandler sqs type=main.Order",
		"lambdaenv.sqsFirst sqs type=main.Order",
		"lambdaenv.snsHandler sns type=main.Shipment",
		"lambdaenv.ebHandler eventbridge type=main.Order",
		"lambdaenv.cwHandler eventbridge type=main.Order",
		"lambdaenv.kinesisHandler kinesis type=main.Click",
		"lambdaenv.dynamoHandler dynamodb (a DynamoDB stream record carries attribute values, not a JSON body)",
		"lambdaenv.s3Handler s3 (an S3 notification carries object keys, not a payload)",
		"lambdaenv.restHandler apigateway type=main.Order",
		"lambdaenv.httpAPIHandler apigateway type=main.Shipment",
		"lambdaenv.urlHandler function-url type=main.Order",
		"lambdaenv.rawMsgHandler bytes type=main.Row",
		"lambdaenv.rawHandler bytes type=main.Order",
		"lambdaenv.func@main.go:161 sqs type=main.Shipment",
	},
	// Helpers: records and bodies passed as arguments, targets passed in,
	// generic helpers, results of the package's functions, methods and literals.
	"helpers": {
		"helpers.byRecord sqs type=main.Order",
		"helpers.byBody sqs type=main.Invoice",
		"helpers.intoTarget sqs type=main.Refund",
		"helpers.intoTarget2 sns type=main.Audit",
		"helpers.generic sqs type=main.Order",
		"helpers.genericNested sns type=main.Wrapped[main.Invoice]",
		"helpers.inferred kinesis type=main.Refund",
		"helpers.viaResult sqs type=main.Order",
		"helpers.Service.Handle sqs type=main.Invoice",
		"helpers.twice sqs type=main.Invoice",
		"helpers.readAll sqs type=main.Audit",
		"helpers.Consumer.Handle sqs type=main.Refund",
		"helpers.viaMethodExpr sqs type=main.Order",
		"helpers.viaSpread sqs type=main.Invoice",
	},
	// Envelopes inside an SQS body: SNS without raw delivery, EventBridge, S3.
	"snsunwrap": {
		"snsunwrap.viaEntity sqs inner=sns type=main.Order",
		"snsunwrap.viaStruct sqs inner=sns type=main.Order",
		"snsunwrap.entityOnly sqs inner=sns (the code decodes the sns envelope out of the body but not the payload inside it)",
		"snsunwrap.notice sqs type=main.Notice",
		"snsunwrap.nested sqs type=main.job",
		"snsunwrap.tolerant sqs inner=sns also-raw type=main.Order",
		"snsunwrap.viaEventBridge sqs inner=eventbridge type=main.Order",
		"snsunwrap.typedEventBridge sqs inner=eventbridge type=main.Order",
		"snsunwrap.viaS3 sqs inner=s3 (the body is an S3 notification, which carries object keys, not a payload)",
		"snsunwrap.typedInput eventbridge type=main.Order",
	},
	// Cloud Functions: Pub/Sub through CloudEvents, push and background; HTTP.
	"gcp": {
		"pubsub-ce cloudevent inner=pubsub type=gcp.Order",
		"pubsub-ce-raw cloudevent inner=pubsub (the code decodes the pubsub envelope out of the body but not the payload inside it)",
		"storage-ce cloudevent type=gcp.StorageObject",
		"http http type=gcp.Order",
		"push http inner=pubsub type=gcp.Order",
		"background pubsub type=gcp.Order",
		"pubsub-proto cloudevent inner=pubsub type=gcp.Order",
		"proto-payload cloudevent (the code decodes the body into pubsubdata.PubsubMessage with protojson, whose JSON names and encodings are not encoding/json's)",
		"methods http (the handler decodes the body only for some HTTP methods (it branches on r.Method), and which method a route's request has is not matched to the branches)",
	},
	// CloudEvents receivers: DataAs and Data().
	"ce": {
		"ce.receive cloudevent type=main.Order",
		"ce.receiveBytes cloudevent type=main.Refund",
	},
	// A Function URL served through net/http.
	"lambdaurl": {
		"lambdaurl http type=main.Order",
	},
	// OpenFaaS templates.
	"openfaas/golanghttp": {
		"golanghttp openfaas type=function.Order",
	},
	"openfaas/classic": {
		"classic bytes type=function.Order",
	},
	"openfaas/middleware": {
		"middleware http type=function.Order",
	},
	// Unknown and quiet cases: no guess.
	// Handlers chosen at run time: one payload type only when every
	// candidate decodes it.
	"choice": {
		"choice.orders sqs type=main.Order",
		"choice.refunds sqs (the handler is chosen at run time among refunds and orders, which do not decode one payload type)",
	},
	"unknown": {
		"unknown.intoMap sqs (the code decodes the body into a map, which takes any object)",
		"unknown.intoAny sqs (the code decodes the body into an interface, which takes any JSON)",
		"unknown.intoRaw sns (the code decodes the body into json.RawMessage, which keeps the JSON undecoded)",
		"unknown.asText sqs (no json.Unmarshal, Decoder.Decode or DataAs of the body in the handler or in the functions of this package that it calls)",
		"unknown.discriminated sqs ambiguous (the code decodes the body into several types: head (line 61), Order (line 67), Refund (line 70))",
		"unknown.otherJSON sqs (no json.Unmarshal, Decoder.Decode or DataAs of the body in the handler or in the functions of this package that it calls)",
		"unknown.service.Handle sqs (the code decodes the body into a value whose type the code does not fix here)",
		"unknown.asValue sqs type=main.Refund",
		"unknown.passedOn sqs type=main.Order",
		"unknown.recursive sqs type=main.Order",
		"unknown.nonPointer sqs (no json.Unmarshal, Decoder.Decode or DataAs of the body in the handler or in the functions of this package that it calls)",
		"unknown.concatenated sqs (no json.Unmarshal, Decoder.Decode or DataAs of the body in the handler or in the functions of this package that it calls)",
		"unknown.selfReferent sqs type=main.selfRef",
		"unknown.deep sqs (the handler's code is too large to follow within faasvet's bounds)",
		"unknown.Handle sqs (the handler's code is not in this package)",
	},
}

func run(t *testing.T) []*analysistest.Result {
	t.Helper()
	var pkgs []string
	for p := range want {
		pkgs = append(pkgs, p)
	}
	slices.Sort(pkgs)
	return analysistest.Run(t, stubs.TestData(t), consumer.Analyzer, pkgs...)
}

// TestPayloads runs the analyzer on every test package at once (one load)
// and checks the payloads; analysistest also fails on any diagnostic,
// since the analyzer reports none.
func TestPayloads(t *testing.T) {
	results := run(t)
	got := map[string][]string{}
	byPkg := map[string]*consumer.Result{}
	for _, r := range results {
		res, ok := r.Result.(*consumer.Result)
		if !ok {
			t.Fatalf("%s: result %T, err %v", r.Pass.Pkg.Path(), r.Result, r.Err)
		}
		byPkg[r.Pass.Pkg.Path()] = res
		for _, p := range res.Payloads {
			got[r.Pass.Pkg.Path()] = append(got[r.Pass.Pkg.Path()], summary(p))
		}
	}
	for pkg, w := range want {
		t.Run(pkg, func(t *testing.T) {
			if g := got[pkg]; strings.Join(g, "\n") != strings.Join(w, "\n") {
				t.Errorf("payloads\n\t%s\nwant\n\t%s", strings.Join(g, "\n\t"), strings.Join(w, "\n\t"))
			}
		})
	}
	t.Run("decodes", func(t *testing.T) { testDecodes(t, results) })
}

// testDecodes checks the positions and the decode lists of a few payloads.
func testDecodes(t *testing.T, results []*analysistest.Result) {
	find := func(name string) (*consumer.Payload, *analysis.Pass) {
		for _, r := range results {
			for _, p := range r.Result.(*consumer.Result).Payloads {
				if p.Function.Name == name {
					return p, r.Pass
				}
			}
		}
		t.Fatalf("no payload for %s", name)
		return nil, nil
	}
	decodes := func(p *consumer.Payload, pass *analysis.Pass) string {
		var parts []string
		for _, d := range p.Decodes {
			s := fmt.Sprintf("%d:%s", pass.Fset.Position(d.Pos).Line, typeString(d.Type))
			if d.Wrapper {
				s += ":wrapper"
			}
			if d.Inner {
				s += ":inner"
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, " ")
	}
	for _, c := range []struct{ name, line, decodes string }{
		{"lambdaenv.sqsHandler", "30", "30:main.Order"},
		{"helpers.byBody", "65", "65:main.Invoice"},
		{"snsunwrap.viaEntity", "25", "21:events.SNSEntity:wrapper 25:main.Order:inner"},
		{"snsunwrap.tolerant", "106", "102:main.notification:wrapper 106:main.Order 106:main.Order:inner"},
		{"unknown.discriminated", "61", "61:main.head 67:main.Order 70:main.Refund"},
		{"unknown.asText", "0", ""},
		{"pubsub-ce", "73", "69:gcp.MessagePublishedData:wrapper 73:gcp.Order:inner"},
		{"pubsub-proto", "57", "53:pubsubdata.MessagePublishedData:wrapper 57:gcp.Order:inner"},
	} {
		p, pass := find(c.name)
		line := "0"
		if p.Pos.IsValid() {
			line = fmt.Sprint(pass.Fset.Position(p.Pos).Line)
		}
		if line != c.line {
			t.Errorf("%s: Pos at line %s, want %s", c.name, line, c.line)
		}
		if d := decodes(p, pass); d != c.decodes {
			t.Errorf("%s: decodes %q, want %q", c.name, d, c.decodes)
		}
	}
}
