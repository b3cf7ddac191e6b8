package asl

import (
	"go/ast"
	goparser "go/parser"
	"go/token"
	"go/types"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/faasvet/faasvet/jsonshape"
	"github.com/faasvet/faasvet/manifest/node"
)

// typesSrc holds the types the simulation's shapes come from, checked
// with go/types as an analyzer sees them.
const typesSrc = "package shop\n" +
	"type Order struct {\n ID string `json:\"id\"`\n Items []Item `json:\"items\"`\n Customer Customer `json:\"customer\"`\n}\n" +
	"type Item struct {\n SKU string `json:\"sku\"`\n Qty int `json:\"qty\"`\n}\n" +
	"type Customer struct {\n Email string `json:\"email,omitempty\"`\n}\n" +
	"type Validation struct {\n OrderID string `json:\"orderId\"`\n Total float64 `json:\"total\"`\n Currency string `json:\"currency\"`\n}\n" +
	"type Receipt struct {\n ChargeID string `json:\"chargeId\"`\n Amount float64\n}\n"

func checkTypes(t testing.TB) *types.Package {
	t.Helper()
	fset := token.NewFileSet()
	f, err := goparser.ParseFile(fset, "shop.go", typesSrc, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, err := new(types.Config).Check("example.com/shop", fset, []*ast.File{f}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return pkg
}

// describe writes a shape for comparison: kinds, and object keys in
// order.
func describe(s *jsonshape.Shape, depth int) string {
	if s == nil {
		return "nil"
	}
	switch s.Kind {
	case jsonshape.Object:
		if depth > 3 {
			return "{...}"
		}
		var parts []string
		for _, f := range s.Fields {
			parts = append(parts, f.Name+":"+describe(f.Shape, depth+1))
		}
		return "{" + strings.Join(parts, ",") + "}"
	case jsonshape.Array:
		return "[" + describe(s.Elem, depth+1) + "]"
	}
	return s.Kind.String()
}

const orderShape = "{id:string,items:[{sku:string,qty:number}],customer:{email:string}}"

type simCase struct {
	name    string
	def     string
	input   string            // the execution input's type, "" for unknown
	outputs map[string]string // function -> output type
	tasks   map[string]string // Task state -> describe(inputs), "unknown" when not known
	probs   []string          // "State Field Path At Missing Has"
	sends   map[string]string // "State Field" -> describe(payloads), "unknown" when not known
	from    map[string]string // Task state -> its From, comma-separated
}

var simCases = []simCase{
	{
		name:  "result path and choice, quiet",
		input: "Order",
		def: `{"StartAt": "Validate", "States": {
			"Validate": {"Type": "Task", "Resource": "${validate}", "ResultPath": "$.validation", "Next": "Free"},
			"Free": {"Type": "Choice", "Choices": [{"Variable": "$.validation.total", "NumericEquals": 0, "Next": "Done"}], "Default": "Charge"},
			"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
				"Parameters": {"FunctionName": "${charge}", "Payload": {"orderId.$": "$.validation.orderId", "email.$": "$.customer.email", "source": "sfn", "n": 1}},
				"ResultSelector": {"receipt.$": "$.Payload"}, "ResultPath": "$.charge", "Next": "Done"},
			"Done": {"Type": "Succeed", "OutputPath": "$.charge.receipt.chargeId"}}}`,
		outputs: map[string]string{"validate": "Validation", "charge": "Receipt"},
		tasks: map[string]string{
			"Validate": orderShape,
			"Charge":   "{orderId:string,email:string,source:string,n:number}",
		},
	},
	{
		name:  "seeded: a Choice variable, a parameter, an OutputPath",
		input: "Order",
		def: `{"StartAt": "Validate", "States": {
			"Validate": {"Type": "Task", "Resource": "${validate}", "ResultPath": "$.validation", "Next": "Free"},
			"Free": {"Type": "Choice", "Choices": [{"Variable": "$.validation.amount", "NumericEquals": 0, "Next": "Done"}], "Default": "Charge"},
			"Charge": {"Type": "Task", "Resource": "${charge}", "Parameters": {"id.$": "$.validation.order_id", "sku.$": "$.items[0].sku"}, "ResultPath": "$.receipt", "Next": "Done"},
			"Done": {"Type": "Succeed", "OutputPath": "$.receipt.chargeId.value"}}}`,
		outputs: map[string]string{"validate": "Validation", "charge": "Receipt"},
		tasks: map[string]string{
			"Validate": orderShape,
			"Charge":   "{id:any,sku:string}",
		},
		probs: []string{
			"Free Choices[0].Variable $.validation.amount $.validation .amount an object with keys orderId, total, currency",
			"Charge Parameters.id.$ $.validation.order_id $.validation .order_id an object with keys orderId, total, currency",
			"Done OutputPath $.receipt.chargeId.value $ .receipt an object with keys id, items, customer, validation",
		},
	},
	{
		name: "unknown execution input: nothing to say before the first task",
		def: `{"StartAt": "A", "States": {
			"A": {"Type": "Task", "Resource": "${validate}", "InputPath": "$.order.id", "ResultPath": "$.v", "Next": "B"},
			"B": {"Type": "Task", "Resource": "${charge}", "Parameters": {"x.$": "$.anything", "t.$": "$.v.total", "bad.$": "$.v.nope"}, "End": true}}}`,
		outputs: map[string]string{"validate": "Validation"},
		tasks:   map[string]string{"A": "unknown", "B": "{x:any,t:number,bad:any}"},
		probs:   []string{"B Parameters.bad.$ $.v.nope $.v .nope an object with keys orderId, total, currency"},
	},
	{
		name:  "IsPresent guards its path, and its branch gets only values that have it",
		input: "Order",
		def: `{"StartAt": "C", "States": {
			"C": {"Type": "Choice", "Choices": [
				{"Variable": "$.coupon", "IsPresent": true, "Next": "WithCoupon"},
				{"And": [{"Variable": "$.gift", "IsPresent": true}, {"Variable": "$.gift.to", "StringEquals": "x"}], "Next": "Done"}],
				"Default": "Done"},
			"WithCoupon": {"Type": "Pass", "Parameters": {"c.$": "$.coupon.code"}, "Next": "Done"},
			"Done": {"Type": "Succeed"}}}`,
	},
	{
		name: "a state reached with two values is reported only if both miss",
		def: `{"StartAt": "A", "States": {
			"A": {"Type": "Task", "Resource": "${validate}", "Next": "Pick"},
			"Pick": {"Type": "Choice", "Choices": [{"Variable": "$.total", "NumericGreaterThan": 0, "Next": "B"}], "Default": "C"},
			"B": {"Type": "Task", "Resource": "${charge}", "Next": "Join"},
			"C": {"Type": "Pass", "Result": {"chargeId": "none"}, "Next": "Join"},
			"Join": {"Type": "Pass", "Parameters": {"a.$": "$.chargeId", "b.$": "$.neither", "c.$": "$.Amount"}, "End": true}}}`,
		outputs: map[string]string{"validate": "Validation", "charge": "Receipt"},
		tasks:   map[string]string{"A": "unknown", "B": "{orderId:string,total:number,currency:string}"},
		probs: []string{
			"Join Parameters.b.$ $.neither $ .neither an object with keys chargeId, Amount",
		},
	},
	{
		name:  "map items and parallel tuples",
		input: "Order",
		def: `{"StartAt": "Each", "States": {
			"Each": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "Pack", "States": {
				"Pack": {"Type": "Task", "Resource": "${pack}", "Parameters": {"sku.$": "$.sku", "bad.$": "$.weight"}, "End": true}}},
				"ResultPath": "$.packed", "Next": "Both"},
			"Both": {"Type": "Parallel", "Branches": [
				{"StartAt": "V", "States": {"V": {"Type": "Task", "Resource": "${validate}", "End": true}}},
				{"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": {"ok": true}, "End": true}}}],
				"ResultSelector": {"total.$": "$[0].total", "ok.$": "$[1].ok", "third.$": "$[2]"}, "End": true}}}`,
		outputs: map[string]string{"validate": "Validation"},
		tasks: map[string]string{
			"Pack": "{sku:string,bad:any}",
			"V":    "{id:string,items:[{sku:string,qty:number}],customer:{email:string},packed:[any]}",
		},
		probs: []string{
			"Pack Parameters.bad.$ $.weight $ .weight an object with keys sku, qty",
			"Both ResultSelector.third.$ $[2] $ [2] an array of 2",
		},
	},
	{
		name:  "intrinsics, context object, ItemSelector",
		input: "Order",
		def: `{"StartAt": "F", "States": {
			"F": {"Type": "Pass", "Parameters": {"msg.$": "States.Format('order {} for {}', $.id, $.customer.name)", "n.$": "States.ArrayLength($.items)", "in.$": "$$.Execution.Input.nope"}, "Next": "M"},
			"M": {"Type": "Map", "InputPath": "$$.Execution.Input", "ItemsPath": "$.items", "ItemSelector": {"sku.$": "$$.Map.Item.Value.sku", "i.$": "$$.Map.Item.Index"},
				"ItemProcessor": {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "${pack}", "End": true}}}, "End": true}}}`,
		tasks: map[string]string{"T": "{sku:string,i:number}"},
		probs: []string{"F Parameters.msg.$ $.customer.name $.customer .name an object with keys email"},
	},
	{
		name:    "catch merges the error into the raw input",
		input:   "Order",
		outputs: map[string]string{"charge": "Receipt"},
		def: `{"StartAt": "A", "States": {
			"A": {"Type": "Task", "Resource": "${charge}", "ResultPath": "$.r", "Next": "Ok",
				"Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Bad"}]},
			"Ok": {"Type": "Pass", "Parameters": {"c.$": "$.r.chargeId"}, "End": true},
			"Bad": {"Type": "Task", "Resource": "${notify}", "Parameters": {"why.$": "$.error.Cause", "id.$": "$.id", "x.$": "$.error.Code"}, "End": true}}}`,
		tasks: map[string]string{
			"A":   orderShape,
			"Bad": "{why:string,id:string,x:any}",
		},
		probs: []string{"Bad Parameters.x.$ $.error.Code $.error .Code an object with keys Error, Cause"},
	},
	{
		name:    "loops terminate",
		input:   "Order",
		outputs: map[string]string{"poll": "Validation"},
		def: `{"StartAt": "Poll", "States": {
			"Poll": {"Type": "Task", "Resource": "${poll}", "ResultPath": "$.status", "Next": "Wait"},
			"Wait": {"Type": "Wait", "Seconds": 5, "Next": "Check"},
			"Check": {"Type": "Choice", "Choices": [{"Variable": "$.status.total", "NumericEquals": 0, "Next": "Poll"}], "Default": "Done"},
			"Done": {"Type": "Succeed"}}}`,
		tasks: map[string]string{"Poll": "{id:string,items:[{sku:string,qty:number}],customer:{email:string},status:{orderId:string,total:number,currency:string}}|" + orderShape},
	},
	{
		name:    "JSONata: references, functions, and a field that is undefined",
		input:   "Order",
		outputs: map[string]string{"validate": "Validation"},
		def: `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
			"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "${validate}", "Payload": "{% $states.input.customer %}"},
				"Output": "{% $states.result.Payload %}", "Next": "B"},
			"B": {"Type": "Task", "Resource": "${charge}", "Arguments": {"t": "{% $states.input.total %}", "x": "{% $states.input.nope %}", "y": "{% $uppercase($states.input.currency) %}",
				"z": "{% $states.input.nope & 'x' %}", "w": "{% $states.input.currency = 'EUR' ? 1 : 2 %}", "c": "{% $states.context.Execution.Input.nope %}"}, "End": true}}}`,
		tasks: map[string]string{"A": "{email:string}", "B": "{t:number,x:any,y:string,z:string,w:any,c:any}"},
		from:  map[string]string{"B": "validate"},
		probs: []string{"B Arguments.x $states.input.nope $states.input .nope an object with keys orderId, total, currency"},
	},
	{
		name:    "JSONata: a saga's variables, catches and notifications",
		input:   "Order",
		outputs: map[string]string{"validate": "Validation", "charge": "Receipt"},
		def: `{"QueryLanguage": "JSONata", "StartAt": "A", "States": {
			"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "${validate}", "Payload": "{% $states.input %}"},
				"Output": "{% $states.result.Payload %}", "Assign": {"v": "{% $states.result.Payload %}"},
				"Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"err": "{% $states.errorOutput %}"}, "Next": "Undo"}], "Next": "B"},
			"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "${charge}", "Payload": "{% $merge([$v, {'extra': 1}]) %}"},
				"Assign": {"r": "{% $states.result.Payload %}"},
				"Catch": [{"ErrorEquals": ["States.ALL"], "Assign": {"err": "{% $states.errorOutput %}"}, "Next": "Undo"}], "Next": "Tell"},
			"Tell": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
				"Arguments": {"TopicArn": "${topic}", "Subject": "{% $r.nope %}", "Message": "{% $string({'id': $v.orderId, 'amount': $r.Amount}) %}"}, "Next": "Q"},
			"Q": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Arguments": {"QueueUrl": "${queue}", "MessageBody": "{% $v %}"}, "End": true},
			"Undo": {"Type": "Task", "Resource": "${notify}", "Arguments": {"order": "{% $v %}", "why": "{% $err.Cause %}", "bad": "{% $v.nope %}"}, "End": true}}}`,
		tasks: map[string]string{
			"A":    orderShape,
			"B":    "{orderId:string,total:number,currency:string,extra:number}",
			"Undo": "{order:any,why:string,bad:any}|{order:{orderId:string,total:number,currency:string},why:string,bad:any}",
		},
		from: map[string]string{"A": "", "B": "validate", "Undo": "validate"},
		sends: map[string]string{
			"Tell Message":  "{id:string,amount:number}",
			"Q MessageBody": "{orderId:string,total:number,currency:string}",
		},
		probs: []string{"Tell Arguments.Subject $r.nope $r .nope an object with keys chargeId, Amount"},
	},
	{
		name:    "service integrations in Parallel and Map",
		input:   "Order",
		outputs: map[string]string{"validate": "Validation"},
		def: `{"StartAt": "V", "States": {
			"V": {"Type": "Task", "Resource": "${validate}", "ResultPath": "$.v", "Next": "Fan"},
			"Fan": {"Type": "Parallel", "ResultPath": null, "Next": "Each", "Branches": [
				{"StartAt": "P", "States": {"P": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"TopicArn": "${topic}", "Message.$": "$.v"}, "End": true}}},
				{"StartAt": "E", "States": {"E": {"Type": "Task", "Resource": "arn:aws:states:::events:putEvents", "Parameters": {"Entries": [
					{"Detail.$": "$.customer", "DetailType": "x", "Source": "s", "EventBusName": "${bus}"},
					{"Detail": {"k": 1}, "Source": "s"},
					{"Detail": {"k": 1}, "Source": "s", "EventBusName.$": "$.id"}]}, "End": true}}},
				{"StartAt": "J", "States": {"J": {"Type": "Task", "Resource": "arn:aws:states:::aws-sdk:sns:publish", "Parameters": {"TopicArn": "${topic}", "Message.$": "States.JsonToString($.customer)"}, "End": true}}},
				{"StartAt": "D", "States": {"D": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"TopicArn.$": "$.id", "Message.$": "$.v"}, "End": true}}},
				{"StartAt": "M", "States": {"M": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Parameters": {"TopicArn": "${topic}", "MessageStructure": "json", "Message.$": "$.v"}, "End": true}}}]},
			"Each": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "S", "States": {
				"S": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": "${queue}", "MessageBody.$": "$"}, "ResultPath": null, "Next": "X"},
				"X": {"Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2", "Parameters": {"StateMachineArn": "${child}", "Input": {"sku.$": "$.sku"}}, "End": true}}}, "End": true}}}`,
		sends: map[string]string{
			"P Message":           "{orderId:string,total:number,currency:string}",
			"E Entries[0].Detail": "{email:string}",
			"E Entries[1].Detail": "{k:number}",
			"J Message":           "{email:string}",
			"M Message":           "unknown",
			"S MessageBody":       "{sku:string,qty:number}",
			"X Input":             "{sku:string}",
		},
	},
	{
		name:    "an unknown function output and other services say nothing",
		input:   "Order",
		outputs: map[string]string{},
		def: `{"StartAt": "A", "States": {
			"A": {"Type": "Task", "Resource": "${opaque}", "Next": "Q"},
			"Q": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": "u", "MessageBody.$": "$.whatever"}, "Next": "B"},
			"B": {"Type": "Pass", "Parameters": {"x.$": "$.y.z"}, "End": true}}}`,
		tasks: map[string]string{"A": orderShape},
	},
}

func TestSimulate(t *testing.T) {
	pkg := checkTypes(t)
	model := jsonshape.NewModel()
	shape := func(name string) *jsonshape.Shape {
		if name == "" {
			return nil
		}
		return model.Encode(pkg.Scope().Lookup(name).Type())
	}
	for _, tc := range simCases {
		t.Run(tc.name, func(t *testing.T) {
			m := parse(t, tc.def)
			sim := m.Simulate(shape(tc.input), func(fn string) *jsonshape.Shape { return shape(tc.outputs[fn]) })
			if !sim.Complete {
				t.Fatal("simulation gave up")
			}
			gotTasks := map[string]string{}
			for _, ti := range sim.Tasks {
				if ti.Shapes == nil {
					gotTasks[ti.State.Name] = "unknown"
					continue
				}
				var ds []string
				for _, s := range ti.Shapes {
					ds = append(ds, describe(s, 0))
				}
				sort.Strings(ds)
				gotTasks[ti.State.Name] = strings.Join(ds, "|")
			}
			for st, want := range tc.tasks {
				if gotTasks[st] != want {
					t.Errorf("task %s gets\n  %s\nwant\n  %s", st, gotTasks[st], want)
				}
			}
			gotFrom := map[string]string{}
			for _, ti := range sim.Tasks {
				gotFrom[ti.State.Name] = strings.Join(ti.From, ",")
			}
			for st, want := range tc.from {
				if gotFrom[st] != want {
					t.Errorf("task %s is fed by %q, want %q", st, gotFrom[st], want)
				}
			}
			gotSends := map[string]string{}
			for _, si := range sim.Sends {
				k := si.State.Name + " " + si.Send.Field
				if len(si.Shapes) == 0 {
					gotSends[k] = "unknown"
					continue
				}
				var ds []string
				for _, s := range si.Shapes {
					ds = append(ds, describe(s, 0))
				}
				sort.Strings(ds)
				gotSends[k] = strings.Join(ds, "|")
			}
			if tc.sends != nil && len(gotSends) != len(tc.sends) {
				t.Errorf("sends %v, want %d of them", gotSends, len(tc.sends))
			}
			for k, want := range tc.sends {
				if gotSends[k] != want {
					t.Errorf("send %s carries\n  %s\nwant\n  %s", k, gotSends[k], want)
				}
			}
			var got []string
			for _, p := range sim.Problems {
				got = append(got, strings.Join([]string{p.State, p.Field, p.Path, p.At, p.Missing, p.Has}, " "))
				if p.Pos.File != "sm.json" || p.Pos.Line == 0 {
					t.Errorf("problem %v has no position", p)
				}
			}
			sort.Strings(got)
			want := append([]string(nil), tc.probs...)
			sort.Strings(want)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("problems:\n  %s\nwant:\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
			}
		})
	}
}

// The shapes the simulation builds are ones jsonshape.Compatible can
// check against a consumer.
func TestSimulatedShapesAreCheckable(t *testing.T) {
	pkg := checkTypes(t)
	m := parse(t, simCases[0].def)
	enc := func(n string) *jsonshape.Shape { return jsonshape.Encode(pkg.Scope().Lookup(n).Type()) }
	sim := m.Simulate(enc("Order"), func(fn string) *jsonshape.Shape {
		return map[string]*jsonshape.Shape{"validate": enc("Validation"), "charge": enc("Receipt")}[fn]
	})
	for _, ti := range sim.Tasks {
		if ti.Function != "charge" {
			continue
		}
		res := jsonshape.Compatible(ti.Shapes[0], jsonshape.Decode(pkg.Scope().Lookup("Validation").Type()))
		var codes []string
		for _, p := range res.Problems {
			codes = append(codes, string(p.Kind)+" "+p.Path)
		}
		sort.Strings(codes)
		want := "dropped $.email dropped $.n dropped $.source missing $.currency missing $.total type $.amount"
		if got := strings.Join(codes, " "); !strings.Contains(got, "missing $.total") {
			t.Errorf("Compatible found %q; want among them %q", got, want)
		}
	}
}

func TestProblemMessage(t *testing.T) {
	p := Problem{State: "Free", Field: "Choices[0].Variable", Path: "$.validation.amount", At: "$.validation", Missing: ".amount", Has: "an object with keys orderId, total"}
	want := `state "Free": Choices[0].Variable $.validation.amount reads .amount, but $.validation is an object with keys orderId, total: Step Functions fails the execution with States.Runtime here; read a key the input has, or change the state that produces $.validation`
	if got := p.Message(); got != want {
		t.Errorf("Message() =\n%s\nwant\n%s", got, want)
	}
}

func TestSimulateBudget(t *testing.T) {
	// A ring of Choice and Pass states each adding a key: the simulation
	// either finishes or says it gave up, and never reports then.
	var b strings.Builder
	b.WriteString(`{"StartAt": "S0", "States": {`)
	const n = 3000
	for i := range n {
		s := strconv.Itoa
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(`"S` + s(i) + `": {"Type": "Choice", "Choices": [{"Variable": "$.k` + s(i) + `", "IsPresent": true, "Next": "S` + s((i+1)%n) + `"}], "Default": "T` + s(i) + `"},`)
		b.WriteString(`"T` + s(i) + `": {"Type": "Pass", "Result": 1, "ResultPath": "$.k` + s(i) + `", "Next": "S` + s((i+1)%n) + `"}`)
	}
	b.WriteString("}}")
	m := parse(t, b.String())
	sim := m.Simulate(nil, nil)
	if !sim.Complete && len(sim.Problems) > 0 {
		t.Errorf("gave up but reported %d problems", len(sim.Problems))
	}
}

func FuzzSimulate(f *testing.F) {
	for _, c := range simCases {
		f.Add([]byte(c.def))
	}
	f.Add([]byte(`{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": null, "ResultPath": "$.a.b.c", "OutputPath": "$.a['b'][0]", "End": true}}}`))
	pkg := checkTypes(f)
	in := jsonshape.Encode(pkg.Scope().Lookup("Order").Type())
	out := jsonshape.Encode(pkg.Scope().Lookup("Validation").Type())
	f.Fuzz(func(t *testing.T, data []byte) {
		docs, err := node.Parse("sm.json", data)
		if err != nil || len(docs) == 0 {
			return
		}
		m, _ := Parse(docs[0], Options{Bind: func(*node.Node) string { return "f" }})
		if m == nil {
			return
		}
		for _, input := range []*jsonshape.Shape{nil, in} {
			sim := m.Simulate(input, func(string) *jsonshape.Shape { return out })
			for _, p := range sim.Problems {
				if p.Pos.File != "sm.json" || p.Path == "" || p.Missing == "" {
					t.Fatalf("incomplete problem %+v", p)
				}
			}
		}
	})
}
