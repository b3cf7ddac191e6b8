package manifest

import (
	"go/ast"
	goparser "go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/faasvet/faasvet/jsonshape"
)

func discover(t *testing.T, app string) *Model {
	t.Helper()
	m, _ := Discover(filepath.Join("testdata/apps", app), Options{})
	return m
}

// env describes a function's environment variable as valueText does.
func env(t *testing.T, m *Model, fn, name string) string {
	t.Helper()
	f := m.Function(fn)
	if f == nil {
		t.Fatalf("no function %s", fn)
	}
	e, ok := f.Getenv(name)
	if !ok {
		return "(unset)"
	}
	return valueText(e.Value)
}

func TestEnvironment(t *testing.T) {
	sam, sls, ofs, kn, cfn := discover(t, "sam"), discover(t, "serverless"), discover(t, "openfaas"), discover(t, "knative"), discover(t, "cfn")
	for _, tc := range []struct {
		m        *Model
		fn, name string
		want     string
	}{
		{sam, "ValidateFunction", "ORDERS_QUEUE_URL", "!Ref OrdersQueue (queue-url of channel OrdersQueue)"},
		{sam, "ValidateFunction", "ORDERS_QUEUE_ARN", "!GetAtt OrdersQueue.Arn (queue-arn of channel OrdersQueue)"},
		{sam, "ValidateFunction", "CHARGE_FUNCTION", "!Ref ChargeFunction (function-name of function ChargeFunction)"},
		{sam, "ChargeFunction", "RECEIPTS_TOPIC_ARN", "!Ref ReceiptsTopic (topic-arn of channel ReceiptsTopic)"},
		{sam, "ChargeFunction", "BUS_NAME", "!Ref OrdersBus (bus-name of channel OrdersBus)"},
		{sam, "ChargeFunction", "LOG_LEVEL", `"debug"`}, // the function's own value wins over Globals
		{sam, "NotifyFunction", "LOG_LEVEL", `"info"`},  // from Globals
		{sam, "ValidateFunction", "STAGE", `!Ref Stage (parameter, default "dev")`},
		{sam, "ValidateFunction", "TABLE_NAME", "unresolved !ImportValue shared-orders-table"},
		{sam, "ValidateFunction", "REGION_URL", "unresolved !Sub https://sqs.${AWS::Region}.amazonaws.com"},
		{cfn, "IngestFunction", "REPORT_MACHINE", "!Ref ReportMachine (state-machine-arn of state-machine ReportMachine)"},
		{cfn, "IngestFunction", "PEER", `"arn:aws:lambda:eu-west-1:123456789012:function:report"`},
		{cfn, "IngestFunction", "FLAG", `"b"`},
		{sls, "receive", "ORDERS_QUEUE_URL", "!Ref OrdersQueue (queue-url of channel OrdersQueue)"},
		{sls, "receive", "ORDERS_QUEUE_NAME", `"shop-orders"`},
		{sls, "ship", "SHIPMENTS_BUS", `"shop-shipments"`},                                  // provider environment
		{sls, "ship", "STAGE", `"dev"`},                                                     // ${sls:stage}: no provider.stage, so the default
		{ofs, "orders", "PAYMENTS_URL", `"http://gateway.openfaas:8080/function/payments"`}, // environment wins over environment_file
		{ofs, "orders", "LOG_LEVEL", `"debug"`},
		{ofs, "orders", "SECRET", "unresolved ${SECRET_VALUE:-none}"},
		{kn, "greeter", "TARGET", `"world"`},
	} {
		if got := env(t, tc.m, tc.fn, tc.name); got != tc.want {
			t.Errorf("%s %s = %s, want %s", tc.fn, tc.name, got, tc.want)
		}
	}
}

func TestCodeDirs(t *testing.T) {
	for _, tc := range []struct{ app, fn, dir, from string }{
		{"sam", "ChargeFunction", "functions/charge", "CodeUri"},
		{"cfn", "IngestFunction", "src/ingest", "Code"},
		{"cfn", "ReportFunction", "", ""}, // code in S3
		{"serverless", "receive", "cmd/receive", "Makefile"},
		{"serverless", "enrich", "cmd/enrich", "Makefile"}, // bootstrap in bin/enrich.zip
		{"serverless", "ship", "ship", "handler"},
		{"serverless", "legacy", "", ""}, // bin/legacy: no package to be sure of
		{"openfaas", "payments", "payments", "handler"},
		{"openfaas", "missing-dir", "", ""},
		{"knative", "greeter", "cmd/greeter", "image"},
		{"knative", "shout", "", ""},
	} {
		f := discover(t, tc.app).Function(tc.fn)
		if f == nil {
			t.Errorf("%s: no function %s", tc.app, tc.fn)
			continue
		}
		if f.CodeDir != tc.dir || f.CodeFrom != tc.from {
			t.Errorf("%s %s: code %q from %q, want %q from %q", tc.app, tc.fn, f.CodeDir, f.CodeFrom, tc.dir, tc.from)
		}
	}
	if fs := discover(t, "sam").FunctionsIn("functions/notify"); len(fs) != 1 || fs[0].ID != "NotifyFunction" {
		t.Errorf("FunctionsIn(functions/notify) = %v", fs)
	}
}

func TestTriggers(t *testing.T) {
	m := discover(t, "sam")
	var got []string
	for _, l := range m.Function("NotifyFunction").Triggers {
		got = append(got, l.Event+" "+endText(l.From))
	}
	want := "eventbridge channel:OrdersBus|sns channel:ReceiptsTopic|eventbridge channel:OrdersBus|schedule external:schedule"
	if strings.Join(got, "|") != want {
		t.Errorf("NotifyFunction triggers %v, want %s", got, want)
	}
	if d := m.Function("ChargeFunction").Destinations; len(d) != 1 || d[0].To.ID != "ChargeFailures" || d[0].Destination != "on-failure" {
		t.Errorf("ChargeFunction destinations %+v", d)
	}
	for _, l := range m.Links {
		if l.From.ID == "ReceiptsTopic" && l.To.ID == "ReceiptsQueue" && !l.RawMessageDelivery {
			t.Errorf("ReceiptsToQueue is raw")
		}
		if l.Name == "ShippedRule" && (l.Input == nil || l.Input.Path != "$.detail") {
			t.Errorf("ShippedRule input %+v", l.Input)
		}
	}
	kn := discover(t, "knative")
	if tr := kn.Function("greeter").Triggers; len(tr) != 2 || tr[0].Filter[0] != (Attr{"source", "/shop"}) && tr[0].Filter[0] != (Attr{"type", "com.example.order.created"}) {
		t.Errorf("greeter triggers %+v", tr)
	}
}

// TestStacks reads an !ImportValue as what another template exports
// under that name, with the parameters at their defaults (a prefix both
// stacks declare), and a queue named by a parameter as its default.
func TestStacks(t *testing.T) {
	m := discover(t, "stacks")
	var got []string
	for _, l := range m.Function("OrderFunction").Triggers {
		got = append(got, l.Event+" "+endText(l.From))
	}
	want := `sqs channel:OrdersQueue|sqs channel:AuditQueue|sqs unresolved:"!ImportValue !Sub ${AWS::StackName}-OtherQueueArn"`
	if strings.Join(got, "|") != want {
		t.Errorf("OrderFunction triggers %q, want %s", got, want)
	}
	if ep, ok := m.Resolve(Value{Kind: Literal, Text: "https://sqs.eu-west-1.amazonaws.com/1/orders"}); !ok || ep.ID != "OrdersQueue" {
		t.Errorf("the queue named by the parameter's default: %+v %v", ep, ok)
	}
}

func TestResolve(t *testing.T) {
	m := discover(t, "sam")
	for _, tc := range []struct{ lit, want string }{
		{"https://sqs.eu-west-1.amazonaws.com/123456789012/orders", "channel:OrdersQueue"},
		{"arn:aws:sqs:eu-west-1:123456789012:orders", "channel:OrdersQueue"},
		{"arn:aws:sns:eu-west-1:123456789012:receipts", "channel:ReceiptsTopic"},
		{"orders-validate", "function:ValidateFunction"},
		{"arn:aws:lambda:eu-west-1:123456789012:function:orders-validate:live", "function:ValidateFunction"},
		{"arn:aws:states:eu-west-1:123456789012:stateMachine:order-flow", "state-machine:OrderFlow"},
		{"arn:aws:events:eu-west-1:123456789012:event-bus/default", "channel:default"},
		{"nothing-by-this-name", ""},
		{"https://sqs.eu-west-1.amazonaws.com/1/${x}", ""},
	} {
		ep, ok := m.Resolve(Value{Kind: Literal, Text: tc.lit})
		got := ""
		if ok {
			got = endText(ep)
		}
		if got != tc.want {
			t.Errorf("Resolve(%s) = %q, want %q", tc.lit, got, tc.want)
		}
	}
	e, _ := m.Function("ValidateFunction").Getenv("ORDERS_QUEUE_URL")
	if ep, ok := m.Resolve(e.Value); !ok || ep.ID != "OrdersQueue" {
		t.Errorf("Resolve(!Ref OrdersQueue) = %+v, %v", ep, ok)
	}
}

// shop holds the payload types, checked with go/types.
const shop = "package shop\n" +
	"type Order struct {\n ID string `json:\"orderId\"`\n}\n" +
	"type Validation struct {\n OrderID string `json:\"orderId\"`\n Total float64 `json:\"total\"`\n Currency string `json:\"currency\"`\n}\n" +
	"type Receipt struct {\n ChargeID string `json:\"chargeId\"`\n}\n"

func shopTypes(t testing.TB) func(string) types.Type {
	t.Helper()
	fset := token.NewFileSet()
	f, err := goparser.ParseFile(fset, "shop.go", shop, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := new(types.Config).Check("example.com/shop", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return func(n string) types.Type { return pkg.Scope().Lookup(n).Type() }
}

func TestSimulateFromModel(t *testing.T) {
	typ := shopTypes(t)
	enc := jsonshape.NewModel()
	outputs := map[string]string{"ValidateFunction": "Validation", "ChargeFunction": "Receipt", "Validate": "Validation", "Charge": "Receipt"}
	out := func(fn string) *jsonshape.Shape {
		if n := outputs[fn]; n != "" {
			return enc.Encode(typ(n))
		}
		return nil
	}
	for _, tc := range []struct {
		app   string
		probs []string
	}{
		{"sam", nil}, // correct: stays quiet
		{"sfn", []string{
			"template.yml:30 IsFree Choices[0].Variable $.validation.amount: .amount missing in $.validation",
			"template.yml:55 Go OutputPath $.orderId.nope: .nope missing in $.orderId",
		}},
	} {
		m := discover(t, tc.app)
		var got []string
		for _, sm := range m.StateMachines {
			sim := sm.Simulate(enc.Encode(typ("Order")), out)
			for _, p := range sim.Problems {
				got = append(got, p.Pos.String()+" "+p.State+" "+p.Field+" "+p.Path+": "+p.Missing+" missing in "+p.At)
			}
			for _, ti := range sim.Tasks {
				if ti.Function == "" || m.Function(ti.Function) == nil {
					t.Errorf("%s: task %s bound to %q", tc.app, ti.State.Name, ti.Function)
				}
			}
		}
		sort.Strings(got)
		if strings.Join(got, "\n") != strings.Join(tc.probs, "\n") {
			t.Errorf("%s: problems\n%s\nwant\n%s", tc.app, strings.Join(got, "\n"), strings.Join(tc.probs, "\n"))
		}
	}
}
