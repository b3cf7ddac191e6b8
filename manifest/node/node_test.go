package node

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
)

func mustYAML(t *testing.T, src string) *Node {
	t.Helper()
	docs, err := ParseYAML("f.yaml", []byte(src))
	if err != nil {
		t.Fatalf("ParseYAML: %v", err)
	}
	if len(docs) != 1 {
		t.Fatalf("got %d documents, want 1", len(docs))
	}
	return docs[0]
}

func TestYAMLTree(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string // want: the JSON of the tree
	}{
		{"scalars", "a: 1\nb: true\nc: ~\nd: text\ne: '1'\nf: 2024-01-02", `{"a":1,"b":true,"c":null,"d":"text","e":"1","f":"2024-01-02"}`},
		{"ref", "a: !Ref Queue", `{"a":{"Ref":"Queue"}}`},
		{"getatt dotted", "a: !GetAtt Queue.Arn", `{"a":{"Fn::GetAtt":["Queue","Arn"]}}`},
		{"getatt nested attribute", "a: !GetAtt Db.Endpoint.Address", `{"a":{"Fn::GetAtt":["Db","Endpoint.Address"]}}`},
		{"getatt list", "a: !GetAtt [Queue, Arn]", `{"a":{"Fn::GetAtt":["Queue","Arn"]}}`},
		{"sub", "a: !Sub 'arn:${AWS::Region}'", `{"a":{"Fn::Sub":"arn:${AWS::Region}"}}`},
		{"sub list", "a: !Sub\n  - '${X}'\n  - X: !Ref Y", `{"a":{"Fn::Sub":["${X}",{"X":{"Ref":"Y"}}]}}`},
		{"nested short forms", "a: !Join ['', [!Ref A, !If [C, !Ref B, x]]]", `{"a":{"Fn::Join":["",[{"Ref":"A"},{"Fn::If":["C",{"Ref":"B"},"x"]}]]}}`},
		{"select findinmap importvalue", "a: [!Select [0, [x]], !FindInMap [M, K, V], !ImportValue exp]", `{"a":[{"Fn::Select":[0,["x"]]},{"Fn::FindInMap":["M","K","V"]},{"Fn::ImportValue":"exp"}]}`},
		{"unknown tag kept as text", "a: !Custom thing", `{"a":"thing"}`},
		{"anchors", "base: &b {x: 1}\nuse: *b", `{"base":{"x":1},"use":{"x":1}}`},
		{"merge key", "base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  y: 3", `{"base":{"x":1,"y":2},"use":{"y":3,"x":1}}`},
		{"merge list", "a: &a {x: 1}\nb: &b {x: 2, y: 2}\nc:\n  <<: [*a, *b]", `{"a":{"x":1},"b":{"x":2,"y":2},"c":{"x":1,"y":2}}`},
		{"json in yaml", `{"a": [1, 2], "b": {"c": "d"}}`, `{"a":[1,2],"b":{"c":"d"}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := mustYAML(t, tc.src)
			got, _ := n.MarshalJSON()
			if string(got) != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

func TestYAMLPositions(t *testing.T) {
	n := mustYAML(t, "Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      Name: !Ref X\n")
	q := n.Path("Resources", "Queue")
	if q.Pos.Line != 3 || q.Pos.Col != 5 || q.Pos.File != "f.yaml" {
		t.Errorf("Queue at %+v, want f.yaml:3:5", q.Pos)
	}
	if f := n.Get("Resources").Field[0]; f.KeyPos.Line != 2 || f.KeyPos.Col != 3 {
		t.Errorf("key Queue at %+v, want line 2 col 3", f.KeyPos)
	}
	ref := q.Path("Properties", "Name")
	if ref.Pos.Line != 5 {
		t.Errorf("!Ref at line %d, want 5", ref.Pos.Line)
	}
	if got := ref.String(); got != "!Ref X" {
		t.Errorf("String() = %q, want !Ref X", got)
	}
}

func TestMultiDocument(t *testing.T) {
	docs, err := ParseYAML("k.yaml", []byte("a: 1\n---\nb: 2\n---\n# only a comment\n---\nc: 3\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 || docs[2].Get("c").Pos.Line != 7 {
		t.Fatalf("got %d docs (last %+v), want 3 with c at line 7", len(docs), docs[len(docs)-1])
	}
}

func TestJSON(t *testing.T) {
	src := "{\n  \"StartAt\": \"A\",\n  \"States\": {\n    \"A\": {\"Type\": \"Pass\", \"End\": true, \"N\": 1.5e3}\n  }\n}\n"
	n, err := ParseJSON("a.json", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	a := n.Path("States", "A")
	if a.Pos.Line != 4 || a.Pos.Col != 10 {
		t.Errorf("A at %d:%d, want 4:10", a.Pos.Line, a.Pos.Col)
	}
	if k := n.Get("States").Field[0].KeyPos; k.Line != 4 || k.Col != 5 {
		t.Errorf("key A at %d:%d, want 4:5", k.Line, k.Col)
	}
	if v := a.Get("N"); v.Kind != Number || v.Text != "1.5e3" {
		t.Errorf("N = %v %q", v.Kind, v.Text)
	}
	// A byte order mark is not an error and does not move columns.
	bom, err := ParseJSON("b.json", append([]byte("\ufeff"), src...))
	if err != nil || bom.Path("States", "A").Pos.Line != 4 {
		t.Errorf("with BOM: %v", err)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, file, src string
		line            int
		msg             string
	}{
		{"bad indentation", "t.yaml", "a:\n  b: 1\n   c: 2\n", 3, "invalid YAML"},
		{"jinja", "t.yaml", "Resources:\n{% if x %}\n  A: 1\n{% endif %}\n", 2, "text template ({% if x %})"},
		{"cookiecutter", "t.yaml", "a: b\nc: {{ cookiecutter.name }}\n  d: [\n", 2, "text template ({{ cookiecutter.name }})"},
		{"yaml duplicate key", "t.yaml", "a: 1\nb: 2\na: 3\n", 3, `duplicate key "a" (first at line 1)`},
		{"json duplicate key", "t.json", "{\"a\": 1,\n \"a\": 2}", 2, `duplicate key "a" (first at line 1)`},
		{"json syntax", "t.json", "{\n\"a\": [1, 2,]\n}", 2, "invalid JSON"},
		{"json truncated", "t.json", "{\"a\": [1,", 1, "unexpected end of file"},
		{"json trailing", "t.json", "{} {}", 1, "text after the end"},
		{"unknown anchor", "t.yaml", "a: *nope\n", 1, "unknown anchor"},
		{"complex key", "t.yaml", "? [a, b]\n: c\n", 1, "key must be a scalar"},
		{"merge of a scalar", "t.yaml", "a: &a 1\nb:\n  <<: *a\n", 3, "merge key"},
		// {{ name }} as a key parses (a map keyed by a map): the template
		// is named all the same. A JSONata {% %} value in a file that fails
		// for another reason is no template.
		{"template as a key", "t.yaml", "metadata:\n  {{ .name }}: x\n", 2, "text template ({{ .name }})"},
		{"JSONata beside a duplicate key", "t.yaml", "a: '{% $states.input %}'\nb: 1\nb: 2\n", 3, `duplicate key "b"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.file, []byte(tc.src))
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *Error", err)
			}
			if e.Pos.File != tc.file || e.Pos.Line != tc.line || !strings.Contains(e.Msg, tc.msg) {
				t.Errorf("got %v, want %s:%d: ...%s...", e, tc.file, tc.line, tc.msg)
			}
		})
	}
}

func TestResolveIsNotATemplate(t *testing.T) {
	// CloudFormation's dynamic references look like templates but are
	// values; a file with one parses, and if it fails for another reason
	// the error is the YAML one.
	_, err := Parse("t.yaml", []byte("a: '{{resolve:ssm:x}}'\nb: [\n"))
	if err == nil || strings.Contains(err.Error(), "template") {
		t.Errorf("err = %v, want a YAML error", err)
	}
}

func TestBounds(t *testing.T) {
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	prev := "a"
	for _, n := range []string{"b", "c", "d", "e", "f", "g", "h"} {
		laughs += n + ": &" + n + " [" + strings.Repeat("*"+prev+", ", 9) + "*" + prev + "]\n"
		prev = n
	}
	_, err := ParseYAML("l.yaml", []byte(laughs))
	if err == nil || !strings.Contains(err.Error(), "aliases expand to more than") {
		t.Errorf("billion laughs: err = %v", err)
	}
	// A document just under MaxNodes once expanded, found by fuzzing
	// FuzzServerless: 300 bytes that took seconds to build before aliases
	// had their own, lower bound. The error names the alias use that
	// crossed it: the eighth *d of e (b, c and d expand to 12,330 nodes,
	// each *d to 11,111 more).
	bomb := "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
	prev = "a"
	for _, n := range []string{"b", "c", "d", "e"} {
		bomb += n + ": &" + n + " [" + strings.Repeat("*"+prev+",", 9) + "*" + prev + "]\n"
		prev = n
	}
	bomb += "f: [*e,*e,*e,*e,*e,*e,*e]\n"
	_, err = ParseYAML("b.yaml", []byte(bomb))
	var e *Error
	if !errors.As(err, &e) || e.Pos.Line != 5 || e.Pos.Col != 29 || !strings.Contains(e.Msg, "aliases expand to more than 100000 nodes") {
		t.Errorf("alias bomb: err = %v (column %d), want b.yaml:5:29: YAML aliases expand to more than 100000 nodes", err, e.Pos.Col)
	}
	// Anchors used as real manifests use them, within the bound: a block
	// of settings shared by a thousand functions.
	shared := "common: &common {memorySize: 128, timeout: 10, environment: {A: a, B: b, C: c}}\nfunctions:\n"
	for i := range 1000 {
		shared += fmt.Sprintf("  f%d: {<<: *common, handler: bin/f%d}\n", i, i)
	}
	docs, err := ParseYAML("s.yaml", []byte(shared))
	if err != nil || docs[0].Path("functions", "f999", "environment", "C").Str() != "c" {
		t.Errorf("shared anchors: err = %v", err)
	}
	deep := strings.Repeat("[", MaxDepth+5) + strings.Repeat("]", MaxDepth+5)
	if _, err := ParseJSON("d.json", []byte(deep)); err == nil || !strings.Contains(err.Error(), "levels deep") {
		t.Errorf("deep JSON: err = %v", err)
	}
	if _, err := ParseYAML("d.yaml", []byte("a: "+deep)); err == nil || !strings.Contains(err.Error(), "levels deep") {
		t.Errorf("deep YAML: err = %v", err)
	}
	if _, err := ParseYAML("r.yaml", []byte("a: &a [1, *a]\n")); err == nil {
		t.Errorf("recursive alias: no error")
	}
}

func TestNilSafe(t *testing.T) {
	var n *Node
	if n.Get("a").Path("b", "c") != nil || n.Str() != "" || n.Len() != 0 || n.Fields() != nil || n.List() != nil || n.Truthy() {
		t.Error("nil node is not empty")
	}
	if n.String() != "null" {
		t.Errorf("nil String() = %q", n.String())
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"AWSTemplateFormatVersion: x\nResources:\n  A: {Type: AWS::SQS::Queue, Properties: {Q: !GetAtt B.Arn}}\n",
		"a: &a {x: 1}\nb:\n  <<: *a\n",
		`{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}`,
		"a: 1\n---\nb: !Sub [x, {y: z}]\n",
		"{% if x %}\na: b\n",
		"a: &a [*a]\n",
		"? [a]\n: b\n",
	} {
		f.Add("f.yaml", []byte(s))
		f.Add("f.json", []byte(s))
	}
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		docs, err := Parse(name, data)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Pos.File != name {
				t.Fatalf("error %v does not name the file", err)
			}
		}
		for _, d := range docs {
			_, _ = d.MarshalJSON()
			_ = d.String()
		}
	})
}

// FuzzStripTemplate: the template-line skipper keeps the number of lines
// (positions stay the template's), names lines that exist in ascending
// order, and what it leaves parses or fails with an error naming the file.
func FuzzStripTemplate(f *testing.F) {
	for _, s := range []string{
		"Resources:\n  {{ cookiecutter.name }}:\n    Type: AWS::SQS::Queue\n",
		"a:\n{%- if x %}\n  b: 1\n{%- else %}\n  b: 2\n{%- endif %}\n",
		"a: {{ .Values.x }}\n{{- if .y }}\nb: c\n{{- end }}\n{{ end }}\n{% endfor %}\n",
		"k: \"{{resolve:ssm:/p}}\"\n- {{ x }}\n  - y\n{# c #}\n{%",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		st := StripTemplate(data)
		if got, want := bytes.Count(st.Data, []byte("\n")), bytes.Count(data, []byte("\n")); got != want {
			t.Fatalf("%d lines, want %d", got, want)
		}
		last := 0
		for _, l := range st.Skipped {
			if l <= last || l > want1(data) {
				t.Fatalf("skipped lines %v out of order or range", st.Skipped)
			}
			last = l
		}
		if _, err := Parse("f.yaml", st.Data); err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Pos.File != "f.yaml" {
				t.Fatalf("error %v does not name the file", err)
			}
		}
		_ = LineRanges(st.Skipped)
	})
}

// want1 is the number of lines of data, the last maybe unterminated.
func want1(data []byte) int { return bytes.Count(data, []byte("\n")) + 1 }
