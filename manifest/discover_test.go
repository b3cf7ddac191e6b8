package manifest

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/faasvet/faasvet/manifest/node"
)

const tinySAM = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: fn
      Environment:
        Variables:
          Q: !Ref Queue
`

func TestWalk(t *testing.T) {
	root := write(t, map[string]string{
		"a/template.yaml":                     tinySAM,
		"a/fn/main.go":                        "package main\n", // the code CodeUri names
		"b/infra.yml":                         tinySAM,          // any name: picked by content
		"b/fn/main.go":                        "package main\n",
		"vendor/x/template.yaml":              tinySAM,
		"node_modules/x/template.yaml":        tinySAM,
		"testdata/template.yaml":              tinySAM,
		".aws-sam/build/template.yaml":        tinySAM,
		"cdk.out/x.template.json":             `{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}`,
		"{{cookiecutter.name}}/template.yaml": tinySAM,
		"chart/Chart.yaml":                    "apiVersion: v2\nname: x\n",
		"chart/templates/ksvc.yaml":           "apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: {{ .Values.name }}\n",
		"ci/pipeline.yml":                     "jobs: [unclosed\n",
		"package.json":                        `{"name": "x", "dependencies": {}}`,
		"data/big.json":                       `{"a": ` + strings.Repeat(" ", 100) + `1}`,
	})
	m, errs := Discover(root, Options{})
	var files []string
	for _, f := range m.Files {
		files = append(files, f.Path)
	}
	if got := strings.Join(files, ","); got != "a/template.yaml,b/infra.yml" {
		t.Errorf("files %s", got)
	}
	if len(errs) != 0 {
		t.Errorf("errors:\n%s", errorTexts(errs))
	}
	// One logical ID in two templates: both qualified, and each
	// template's references point at its own resource.
	var ids []string
	for _, f := range m.Functions {
		ids = append(ids, f.ID)
		e, _ := f.Getenv("Q")
		if want := f.Pos.File + "#Queue"; e.Value.Ref.Target.ID != want {
			t.Errorf("%s: Q points at %s, want %s", f.ID, e.Value.Ref.Target.ID, want)
		}
	}
	if got := strings.Join(ids, ","); got != "a/template.yaml#Fn,b/infra.yml#Fn" {
		t.Errorf("function IDs %s", got)
	}
}

func TestOptions(t *testing.T) {
	root := write(t, map[string]string{
		"template.yaml":                tinySAM,
		"fn/main.go":                   "package main\n", // the code CodeUri names
		"testdata/extra/template.yaml": tinySAM,
		"testdata/extra/fn/main.go":    "package main\n",
		"deploy/sm.asl.yaml":           "StartAt: A\nStates:\n  A: {Type: Succeed}\n",
		"notes.yaml":                   "just: notes\n",
		"big.yaml":                     "AWSTemplateFormatVersion: x\n" + strings.Repeat("# padding\n", 200),
	})
	for _, tc := range []struct {
		name  string
		opts  Options
		files string
		errs  string
	}{
		{"walk", Options{}, "big.yaml,deploy/sm.asl.yaml,template.yaml", ""},
		{"no walk, a named file", Options{NoWalk: true, Files: []string{"testdata/extra/template.yaml"}}, "testdata/extra/template.yaml", ""},
		{"absolute name", Options{NoWalk: true, Files: []string{filepath.Join(root, "template.yaml")}}, "template.yaml", ""},
		{"pattern into a skipped directory", Options{NoWalk: true, Patterns: []string{"testdata/**/*.yaml", "nomatch/*.yml"}}, "testdata/extra/template.yaml", "nomatch/*.yml: the pattern matches no file"},
		{"named non-manifest", Options{NoWalk: true, Files: []string{"notes.yaml", "missing.yaml", "../outside.yaml"}}, "",
			"../outside.yaml: cannot read: no such file or directory\nmissing.yaml: cannot read: no such file or directory\nnotes.yaml: not a manifest faasvet reads"},
		{"size limit", Options{MaxFileSize: 1000}, "deploy/sm.asl.yaml,template.yaml", "big.yaml: skipped: the file is over 1000 bytes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, errs := Discover(root, tc.opts)
			var files []string
			for _, f := range m.Files {
				files = append(files, f.Path)
			}
			if got := strings.Join(files, ","); got != tc.files {
				t.Errorf("files %s, want %s", got, tc.files)
			}
			got := errorTexts(errs)
			for _, want := range strings.Split(tc.errs, "\n") {
				if !strings.Contains(got, want) {
					t.Errorf("errors\n%s\nwant one with %q", got, want)
				}
			}
			if tc.errs == "" && got != "" {
				t.Errorf("errors\n%s", got)
			}
		})
	}
}

// goformationSchema is the start of goformation v7.14.9's
// generate/templates/schema.template: a Go text/template of the JSON
// Schema of CloudFormation templates, which names AWSTemplateFormatVersion
// as a property. It is no manifest, rendered or not (the real-code run
// warned on it, docs/real-world.md).
const goformationSchema = `{
    "$id": "http://json-schema.org/draft-04/schema#",
    "type": "object",
    "properties": {

        "AWSTemplateFormatVersion": {
            "type": "string"
        },

        "Transform": {
        {{if .ResourceSpecificationTransform}}
            "type": "string"
        {{else}}
            "oneOf": [{"type": ["string"]}]
        {{end}}
        }
    }
}
`

const knativeTemplate = `apiVersion: eventing.knative.dev/v1
kind: Trigger
metadata:
  name: {{ .name }}
  namespace: {{ .namespace }}
spec:
  broker: {{ .brokerName }}
`

func TestEmbedArgs(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"*.yaml", "*.yaml"},
		{" a.yaml  b/*.json\t", "a.yaml,b/*.json"},
		{`"a b.yaml" ` + "`c d`" + ` all:res`, "a b.yaml,c d,res"},
		{`"q\"x" y`, `q"x,y`},
		{`"unterminated`, ""},
	} {
		if got := strings.Join(embedArgs(tc.in), ","); got != tc.want {
			t.Errorf("embedArgs(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		pattern, sub string
		ok           bool
	}{
		{"*.yaml", "broker.yaml", true},
		{"*.yaml", "sub/broker.yaml", false},
		{"res", "res/sub/x.yaml", true},
		{"res/*", "res/sub/x.yaml", true},
		{"other", "res/x.yaml", false},
	} {
		if got := embedMatch(tc.pattern, tc.sub); got != tc.ok {
			t.Errorf("embedMatch(%q, %q) = %v", tc.pattern, tc.sub, got)
		}
	}
}

// A text template is reported as a manifest to render first only when it
// looks like one (a manifest's name, or a marker among its outermost keys)
// and no Go code embeds it.
func TestTextTemplates(t *testing.T) {
	jinja := "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n{% for fn in fns %}\n  {{ fn }}:\n    Type: AWS::Lambda::Function\n{% endfor %}\n"
	jinjaJSON := "{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n  \"Resources\": {{ resources }}\n}\n"
	root := write(t, map[string]string{
		"generate/templates/schema.template": goformationSchema,
		"docs/example.yaml":                  "# How to write a template:\nexample:\n  AWSTemplateFormatVersion: '2010-09-09'\n  Name: {{ .Name }}\n",
		"infra/app.yaml":                     jinja,
		"infra/stack.json.template":          jinjaJSON,
		"named/template.yaml":                "Resources:\n  {{ name }}: {Type: x}\n",
		// Knative's reconciler-test resources (knative.dev/eventing
		// v0.47.0 test/rekt/resources): Go templates that the Go code
		// beside them embeds and renders.
		"rekt/broker/broker.yaml":  knativeTemplate,
		"rekt/broker/broker.go":    "package broker\n\nimport \"embed\"\n\n//go:embed *.yaml\nvar yaml embed.FS\n",
		"gen/res/sub/trigger.yaml": knativeTemplate,
		"gen/gen.go":               "package gen\n\n//go:embed \"other.txt\" `res`\nvar fs embed.FS\n",
		"deploy/trigger.yaml":      knativeTemplate,
	})
	_, errs := Discover(root, Options{})
	got := errorTexts(errs)
	for _, want := range []string{
		"infra/app.yaml:3: the file is a text template ({% for fn in fns %})",
		"infra/stack.json.template:3: the file is a text template ({{ resources }})",
		"named/template.yaml:2: the file is a text template ({{ name }})",
		"deploy/trigger.yaml:4: the file is a text template ({{ .name }})",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors\n%s\nwant one with %q", got, want)
		}
	}
	if strings.Contains(got, "schema.template") || strings.Contains(got, "example.yaml") || strings.Contains(got, "rekt/") || strings.Contains(got, "gen/") {
		t.Errorf("errors\n%s\nwant none for a template that only mentions a marker", got)
	}
}

func TestMatchGlob(t *testing.T) {
	for _, tc := range []struct {
		p, n string
		ok   bool
	}{
		{"*.yaml", "a.yaml", true},
		{"*.yaml", "d/a.yaml", false},
		{"**/*.yaml", "a.yaml", true},
		{"**/*.yaml", "d/e/a.yaml", true},
		{"d/**", "d/e/a.yaml", true},
		{"d/*/a.yaml", "d/e/a.yaml", true},
		{"x/**/a.yaml", "d/e/a.yaml", false},
	} {
		if got := matchGlob(tc.p, tc.n); got != tc.ok {
			t.Errorf("matchGlob(%q, %q) = %v", tc.p, tc.n, got)
		}
	}
}

// readOne runs one reader on data as file name, the way Discover does,
// and checks the model's invariants. The readers get any document, not
// only those classify accepts, so that fuzzing reaches their corners.
func readOne(t *testing.T, root, name string, f Format, data []byte) {
	docs, err := node.Parse(name, data)
	if err != nil {
		return
	}
	b := newBuilder(root, Options{})
	for _, d := range docs {
		b.read(name, f, d)
	}
	b.finish()
	m := b.m
	seen := map[string]bool{}
	for _, fn := range m.Functions {
		if seen["f"+fn.ID] {
			t.Fatalf("duplicate function ID %s", fn.ID)
		}
		seen["f"+fn.ID] = true
	}
	for _, c := range m.Channels {
		if seen["c"+c.ID] {
			t.Fatalf("duplicate channel ID %s", c.ID)
		}
		seen["c"+c.ID] = true
	}
	for _, l := range m.Links {
		for _, e := range []Endpoint{l.From, l.To} {
			switch e.Kind {
			case EndFunction:
				if m.Function(e.ID) == nil {
					t.Fatalf("link to unknown function %q", e.ID)
				}
			case EndChannel:
				if m.Channel(e.ID) == nil {
					t.Fatalf("link to unknown channel %q", e.ID)
				}
			case EndStateMachine:
				if m.StateMachine(e.ID) == nil {
					t.Fatalf("link to unknown state machine %q", e.ID)
				}
			}
		}
	}
	for _, sm := range m.StateMachines {
		sm.Simulate(nil, nil)
	}
	if err := m.WriteText(io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := m.WriteJSON(io.Discard); err != nil {
		t.Fatal(err)
	}
}

func seedFiles(f *testing.F, paths ...string) {
	for _, p := range paths {
		data, err := os.ReadFile(filepath.Join("testdata/apps", p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
}

func fuzzReader(f *testing.F, name string, format Format) {
	root := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		start := time.Now()
		readOne(t, root, name, format, data)
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("reading took %v", d)
		}
	})
}

func FuzzCloudFormation(f *testing.F) {
	seedFiles(f, "sam/template.yaml", "cfn/stack.template.json", "sfn/template.yml", "broken/app/template.yaml")
	f.Add([]byte(tinySAM))
	fuzzReader(f, "template.yaml", SAM)
}

func FuzzServerless(f *testing.F) {
	seedFiles(f, "serverless/serverless.yml")
	fuzzReader(f, "serverless.yml", Serverless)
}

func FuzzOpenFaaS(f *testing.F) {
	seedFiles(f, "openfaas/stack.yml", "openfaas/payments.yml")
	fuzzReader(f, "stack.yml", OpenFaaS)
}

func FuzzKnative(f *testing.F) {
	seedFiles(f, "knative/config/services.yaml", "knative/config/eventing.yaml")
	fuzzReader(f, "config.yaml", Knative)
}

func FuzzStatesLanguage(f *testing.F) {
	seedFiles(f, "sam/statemachine/order.asl.json", "serverless/statemachines/batch.json")
	fuzzReader(f, "sm.asl.json", StatesLanguage)
}

func TestReadersOnFixtures(t *testing.T) {
	// The fuzz targets' invariants, on every fixture and every format.
	root := t.TempDir()
	for _, p := range []string{"sam/template.yaml", "cfn/stack.template.json", "serverless/serverless.yml", "openfaas/stack.yml", "knative/config/eventing.yaml", "sam/statemachine/order.asl.json"} {
		data, err := os.ReadFile(filepath.Join("testdata/apps", p))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []Format{SAM, Serverless, OpenFaaS, Knative, StatesLanguage} {
			readOne(t, root, filepath.Base(p), f, bytes.Clone(data))
		}
	}
}

func TestServerlessVariants(t *testing.T) {
	root := write(t, map[string]string{
		"serverless.yml":       "service: s\nprovider: {name: aws}\nfunctions:\n  - a: {handler: bin/a}\n  - ${file(more.yml)}\n",
		"other/serverless.yml": "service: t\nprovider: {name: aws}\nfunctions: ${file(fns.yml)}\n",
	})
	m, errs := Discover(root, Options{})
	if len(errs) != 0 || len(m.Functions) != 1 || m.Functions[0].ID != "a" {
		t.Errorf("functions %v, errors %s", m.Functions, errorTexts(errs))
	}
}

// TestServerlessProviderDefaults: ${self:provider.stage} and
// ${self:provider.region} of a file that sets neither are the framework's
// defaults, as deployed; a self: path with no default stays unknown.
func TestServerlessProviderDefaults(t *testing.T) {
	root := write(t, map[string]string{
		"serverless.yml": "service: s\nprovider: {name: aws}\nfunctions:\n  a:\n    handler: bin/a\n    name: ${self:service}-${opt:stage, self:provider.stage}-a\n" +
			"    environment:\n      REGION: ${self:provider.region}\n      TABLE: ${self:custom.table}\n",
	})
	m, errs := Discover(root, Options{})
	if len(errs) != 0 || len(m.Functions) != 1 {
		t.Fatalf("functions %v, errors %s", m.Functions, errorTexts(errs))
	}
	if got := m.Functions[0].Name; got != "s-dev-a" {
		t.Errorf("name %q, want s-dev-a", got)
	}
	if got := env(t, m, "a", "REGION"); got != `"us-east-1"` {
		t.Errorf("REGION = %s", got)
	}
	if got := env(t, m, "a", "TABLE"); !strings.HasPrefix(got, "unresolved") {
		t.Errorf("TABLE = %s, want unresolved", got)
	}
	// A function without a name of its own deploys as SERVICE-STAGE-KEY:
	// code that invokes that name reaches it; the manifest's Name stays
	// what the file writes.
	root = write(t, map[string]string{
		"serverless.yml": "service: msg\nprovider: {name: aws}\nfunctions:\n  worker:\n    handler: bin/worker\n",
	})
	m, _ = Discover(root, Options{})
	for name, want := range map[string]bool{"msg-dev-worker": true, "msg-prod-worker": false, "worker": false} {
		ep, ok := m.Resolve(Value{Kind: Literal, Text: name})
		if ok != want || ok && ep.ID != "worker" {
			t.Errorf("Resolve(%q) = %+v, %v; want %v", name, ep, ok, want)
		}
	}
	if m.Functions[0].Name != "" {
		t.Errorf("Name %q, want none", m.Functions[0].Name)
	}
}

func TestMissingRoot(t *testing.T) {
	_, errs := Discover(filepath.Join(t.TempDir(), "nope"), Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "cannot read the directory") {
		t.Errorf("errors %s", errorTexts(errs))
	}
}

// TestOutsideRoot: a manifest above the analysed directory, named or
// found in the repository, is read with its paths resolved against its
// own directory and reported relative to the analysed directory.
func TestOutsideRoot(t *testing.T) {
	const sam = "AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Order:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/order/\n      Handler: bootstrap\n      Runtime: provided.al2023\n  Payment:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/payment/\n      Handler: bootstrap\n      Runtime: provided.al2023\n"
	repo := write(t, map[string]string{
		"template.yaml":                 sam,
		"functions/order/main.go":       "package main\n\nfunc main() {}\n",
		"functions/payment/main.go":     "package main\n\nfunc main() {}\n",
		"functions/order/local/env.yml": "just: notes\n",
	})
	dir := filepath.Join(repo, "functions", "order")
	code := func(m *Model) string {
		var s []string
		for _, f := range m.Functions {
			s = append(s, f.ID+"="+f.CodeDir+"@"+f.Pos.String())
		}
		return strings.Join(s, ",")
	}
	// Without a repository, the walk stays below the directory.
	if m, _ := Discover(dir, Options{Repo: true}); len(m.Functions) != 0 {
		t.Errorf("no .git: read %s", code(m))
	}
	m, errs := Discover(dir, Options{Files: []string{"../../template.yaml"}})
	if got, want := code(m), "Order=.@../../template.yaml:4,Payment=../payment@../../template.yaml:10"; got != want || len(errs) != 0 {
		t.Errorf("--manifest ../../template.yaml: %s, want %s (errors %v)", got, want, errs)
	}
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	m, _ = Discover(dir, Options{Repo: true})
	if got, want := code(m), "Order=.@../../template.yaml:4,Payment=../payment@../../template.yaml:10"; got != want {
		t.Errorf("repository walk: %s, want %s", got, want)
	}
	if got := m.Files[0].Path; got != "../../template.yaml" {
		t.Errorf("file %s", got)
	}
	if m, _ := Discover(dir, Options{}); len(m.Functions) != 0 {
		t.Errorf("without Repo: read %s", code(m))
	}
}

// TestOutsideRootIDs: the qualified IDs of a logical ID that two
// manifests use (FILE#LOGICALID) name their files as every other path of
// the model does after the repository-wide search: relative to the
// analysed directory, not to the repository's root.
func TestOutsideRootIDs(t *testing.T) {
	const sam = "AWSTemplateFormatVersion: \"2010-09-09\"\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Orders:\n    Type: AWS::SQS::Queue\n"
	repo := write(t, map[string]string{
		"template.yaml":             sam,
		"billing/template.yaml":     sam,
		"functions/order/main.go":   "package main\n\nfunc main() {}\n",
		"functions/order/.keep.txt": "",
	})
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	m, _ := Discover(filepath.Join(repo, "functions", "order"), Options{Repo: true})
	var got []string
	for _, c := range m.Channels {
		got = append(got, c.ID+"@"+c.Pos.File)
	}
	want := "../../billing/template.yaml#Orders@../../billing/template.yaml,../../template.yaml#Orders@../../template.yaml"
	if strings.Join(got, ",") != want {
		t.Errorf("channels %s, want %s", strings.Join(got, ","), want)
	}
	// Read from the directory itself, the IDs are as before.
	m, _ = Discover(repo, Options{})
	got = nil
	for _, c := range m.Channels {
		got = append(got, c.ID)
	}
	if want := "billing/template.yaml#Orders,template.yaml#Orders"; strings.Join(got, ",") != want {
		t.Errorf("at the root: %s, want %s", strings.Join(got, ","), want)
	}
}
