package directive

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		text    string
		verb    string
		args    map[string]string
		words   []string
		reason  string
		wantErr string
	}{
		{text: "// an ordinary comment"},
		{text: "//faas:function", verb: Function},
		{text: "//faas:function billing", verb: Function, words: []string{"billing"}},
		{text: "//faas:function billing // the billing Lambda", verb: Function, words: []string{"billing"}},
		{text: "//faas:route to=a,b via=sqs payload=[]msg.Item", verb: Route, args: map[string]string{"to": "a,b", "via": "sqs", "payload": "[]msg.Item"}},
		{text: "//faas:publish topic=orders", verb: Publish, args: map[string]string{"topic": "orders"}},
		{text: "//faas:subscribe topic=arn:aws:sns:eu-west-1:1:orders payload=*Order", verb: Subscribe, args: map[string]string{"topic": "arn:aws:sns:eu-west-1:1:orders", "payload": "*Order"}},
		{text: "//faas:allow-cycle retries loop back until done", verb: AllowCycle, reason: "retries loop back until done"},
		{text: "//faasvet:ignore wire-type,cycle the consumer tolerates it", verb: Ignore, words: []string{"wire-type", "cycle"}, reason: "the consumer tolerates it"},
		{text: "//faas:", wantErr: "has no verb"},
		{text: "//faas:functon x", wantErr: "unknown directive //faas:functon"},
		{text: "//faas:function a b", wantErr: "takes at most one name"},
		{text: "//faas:function a;b", wantErr: `name "a;b" contains ';'`},
		{text: "//faas:route", wantErr: "needs to="},
		{text: "//faas:route to=", wantErr: "to= has no value"},
		{text: "//faas:route to=a to=b", wantErr: "given twice"},
		{text: "//faas:route to=a,", wantErr: "empty name"},
		{text: "//faas:route to=a via=pigeon", wantErr: "unknown via=pigeon"},
		{text: "//faas:route to=a color=red", wantErr: `unknown key "color"`},
		{text: "//faas:route a", wantErr: `argument "a" is not key=value`},
		{text: "//faas:publish payload=T", wantErr: "needs topic="},
		{text: "//faas:allow-cycle", wantErr: "needs a reason"},
		{text: "//faasvet:ignore", wantErr: "names no check"},
		{text: "//faasvet:ignore wire-type", wantErr: "has no reason"},
		{text: "//faasvet:ignore Wire_Type because", wantErr: "is not a check ID"},
		{text: "//faasvet:ignore a=b because", wantErr: "malformed check list"},
		{text: "//faasvet:nolint x", wantErr: "unknown directive //faasvet:nolint"},
	} {
		d, err := Parse(tc.text)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("Parse(%q) error = %v, want %q", tc.text, err, tc.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%q): %v", tc.text, err)
			continue
		}
		if tc.verb == "" {
			if d != nil {
				t.Errorf("Parse(%q) = %+v, want nil", tc.text, d)
			}
			continue
		}
		if d.Verb != tc.verb || d.Reason != tc.reason || strings.Join(d.Words, " ") != strings.Join(tc.words, " ") || len(d.Args) != len(tc.args) {
			t.Errorf("Parse(%q) = %+v", tc.text, d)
		}
		for k, v := range tc.args {
			if d.Args[k] != v {
				t.Errorf("Parse(%q).Args[%s] = %q, want %q", tc.text, k, d.Args[k], v)
			}
		}
	}
}

// FuzzParse: the parser never panics, and what it accepts it accepts
// again from its own parts (no directive parses into something that
// another reading would reject).
func FuzzParse(f *testing.F) {
	for _, s := range []string{"//faas:function a", "//faas:route to=a,b via=sqs payload=T", "//faasvet:ignore a,b why", "//faas:allow-cycle x", "//faas:publish topic=t", "//faas:", "//faasvet:"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := Parse(s)
		if err != nil || d == nil {
			return
		}
		if d.Verb == "" {
			t.Fatalf("Parse(%q) has no verb", s)
		}
		for _, n := range List(d.Args["to"]) {
			if n == "" || strings.ContainsAny(n, ", ") {
				t.Fatalf("Parse(%q): bad name %q", s, n)
			}
		}
		if d.Verb == Ignore && (len(d.Words) == 0 || d.Reason == "") {
			t.Fatalf("Parse(%q): ignore without checks or reason: %+v", s, d)
		}
	})
}
