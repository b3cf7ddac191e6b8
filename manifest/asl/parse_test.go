package asl

import (
	"strings"
	"testing"

	"github.com/faasvet/faasvet/manifest/node"
)

// bindTest binds function ARNs by their name and ${X} substitutions to X.
func bindTest(ref *node.Node) string {
	s, ok := ref.Scalar()
	if !ok {
		return ""
	}
	if i := strings.Index(s, ":function:"); i >= 0 {
		return s[i+len(":function:"):]
	}
	if strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}") {
		return s[2 : len(s)-1]
	}
	return ""
}

func parse(t testing.TB, def string) *Machine {
	t.Helper()
	n, err := node.ParseJSON("sm.json", []byte(def))
	if err != nil {
		t.Fatalf("ParseJSON: %v", err)
	}
	m, errs := Parse(n, Options{Bind: bindTest})
	for _, e := range errs {
		t.Fatalf("Parse: %v", e)
	}
	return m
}

func TestParse(t *testing.T) {
	m := parse(t, `{
  "StartAt": "A",
  "States": {
    "A": {"Type": "Task", "Resource": "arn:aws:lambda:eu-west-1:1:function:validate", "Next": "B",
          "Retry": [{"ErrorEquals": ["States.ALL"]}],
          "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "F", "ResultPath": "$.err"}]},
    "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
          "Parameters": {"FunctionName": "${Charge}", "Payload": {"token.$": "$$.Task.Token"}}, "Next": "C"},
    "C": {"Type": "Choice", "Choices": [
            {"And": [{"Variable": "$.a", "IsPresent": true}, {"Not": {"Variable": "$.b", "StringEquals": "x"}}], "Next": "D"}],
          "Default": "E"},
    "D": {"Type": "Parallel", "Branches": [{"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}], "Next": "E"},
    "E": {"Type": "Map", "ItemsPath": "$.items", "ItemProcessor": {"StartAt": "Q", "States": {"Q": {"Type": "Succeed"}}}, "Next": "G"},
    "F": {"Type": "Fail", "ErrorPath": "$.err.Error"},
    "G": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "Parameters": {"QueueUrl": "q", "MessageBody.$": "$"}, "Next": "H"},
    "H": {"Type": "Wait", "Seconds": 1, "Next": "I"},
    "I": {"Type": "Succeed"}
  }
}`)
	a := m.State("A")
	if a.Function != "validate" || a.Service != "lambda" || a.Invoke || a.Retry != 1 || len(a.Catch) != 1 || a.Catch[0].ResultPath.Text != "$.err" {
		t.Errorf("A = %+v", a)
	}
	if got := a.Transitions(); strings.Join(got, ",") != "B,F" {
		t.Errorf("A transitions %v", got)
	}
	b := m.State("B")
	if b.Function != "Charge" || !b.Invoke || b.Pattern != "waitForTaskToken" || b.FunctionRef != "${Charge}" {
		t.Errorf("B = %+v", b)
	}
	c := m.State("C")
	if len(c.Choices) != 1 || len(c.Choices[0].And) != 2 || c.Choices[0].And[0].Op != "IsPresent" || c.Choices[0].And[1].Not.Variable != "$.b" || c.Default != "E" {
		t.Errorf("C = %+v", c)
	}
	if d := m.State("D"); len(d.Branches) != 1 || d.Branches[0].State("P") == nil {
		t.Errorf("D = %+v", d)
	}
	if e := m.State("E"); e.Iterator == nil || e.ItemsPath.Text != "$.items" {
		t.Errorf("E = %+v", e)
	}
	if g := m.State("G"); g.Service != "sqs" || g.Action != "sendMessage" || g.Function != "" {
		t.Errorf("G = %+v", g)
	}
	var names []string
	m.Walk(func(s *State) { names = append(names, s.Name) })
	if got := strings.Join(names, ","); got != "A,B,C,D,P,E,Q,F,G,H,I" {
		t.Errorf("Walk order %s", got)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, def, want string }{
		{"no StartAt", `{"States": {}}`, "no StartAt"},
		{"StartAt unknown", `{"StartAt": "X", "States": {"A": {"Type": "Succeed"}}}`, `StartAt names state "X"`},
		{"Next unknown", `{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}`, `Next names state "B"`},
		{"bad type", `{"StartAt": "A", "States": {"A": {"Type": "Jump"}}}`, `unknown Type "Jump"`},
		{"catch unknown", `{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "x", "End": true, "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Z"}]}}}`, `Catch's Next names state "Z"`},
		{"not an object", `{"StartAt": "A", "States": {"A": 3}}`, "must be an object"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n, err := node.ParseJSON("sm.json", []byte(tc.def))
			if err != nil {
				t.Fatal(err)
			}
			_, errs := Parse(n, Options{})
			var msgs []string
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			if !strings.Contains(strings.Join(msgs, "\n"), tc.want) {
				t.Errorf("errors %q, want one with %q", msgs, tc.want)
			}
		})
	}
}

func TestParsePath(t *testing.T) {
	for _, tc := range []struct {
		in   string
		ok   bool
		segs string
	}{
		{"$", true, ""},
		{"$.a.b", true, ".a|.b"},
		{"$['a b'][0].c", true, "['a b']|[0]|.c"},
		{"$.items[*].sku", true, ".items|[*]|.sku"},
		{"$.items[1:3]", true, ".items|[1:3]"},
		{"$$.Execution.Input", true, ".Execution|.Input"},
		{"$..a", false, ""},
		{"$.a[?(@.b)]", false, ""},
		{"$var.x", false, ""},
		{"a.b", false, ""},
		{"$.a[-1]", false, ""},
	} {
		p, ok := parsePath(tc.in)
		var segs []string
		for _, s := range p.segs {
			segs = append(segs, s.text)
		}
		if ok != tc.ok || ok && strings.Join(segs, "|") != tc.segs {
			t.Errorf("parsePath(%q) = %q, %v; want %q, %v", tc.in, strings.Join(segs, "|"), ok, tc.segs, tc.ok)
		}
	}
	in, ok := parseIntrinsic("States.Format('{}, it\\'s {}', $.a, States.Array($.b, 'x,y'))")
	if !ok || in.name != "States.Format" || len(in.args) != 3 || in.args[1] != "$.a" {
		t.Errorf("parseIntrinsic = %+v, %v", in, ok)
	}
}
