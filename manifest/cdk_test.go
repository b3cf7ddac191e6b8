package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// cdkManifest and cdkTemplate are a minimal cloud assembly as cdk synth
// writes it: the seeds of FuzzCDK and the fixture of TestCDK.
const cdkManifest = `{
  "version": "36.0.0",
  "artifacts": {
    "Shop.assets": {"type": "cdk:asset-manifest", "properties": {"file": "Shop.assets.json"}},
    "Shop": {"type": "aws:cloudformation:stack", "environment": "aws://unknown-account/unknown-region",
      "properties": {"templateFile": "Shop.template.json"}, "dependencies": ["Shop.assets"]},
    "Missing": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "Missing.template.json"}},
    "assembly-Prod": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "assembly-Prod"}},
    "Tree": {"type": "cdk:tree", "properties": {"file": "tree.json"}}
  }
}`

const cdkTemplate = `{
 "Resources": {
  "Jobs1A2B3C4D": {"Type": "AWS::SQS::Queue", "Metadata": {"aws:cdk:path": "Shop/Jobs/Resource"}},
  "orders5E6F7A8B": {
   "Type": "AWS::Lambda::Function",
   "Properties": {"Code": {"S3Bucket": {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"}, "S3Key": "abc123.zip"},
    "Handler": "bootstrap", "Runtime": "provided.al2023"},
   "Metadata": {"aws:cdk:path": "Shop/orders/Resource", "aws:asset:path": "asset.abc123", "aws:asset:is-bundled": true, "aws:asset:property": "Code"}
  },
  "ordersSqsEventSourceShopJobs9C8D7E6F": {
   "Type": "AWS::Lambda::EventSourceMapping",
   "Properties": {"EventSourceArn": {"Fn::GetAtt": ["Jobs1A2B3C4D", "Arn"]}, "FunctionName": {"Ref": "orders5E6F7A8B"}}
  },
  "NestedStackNestedStackResource1A2B3C4D": {
   "Type": "AWS::CloudFormation::Stack",
   "Properties": {"TemplateURL": {"Fn::Join": ["", ["https://s3.", {"Ref": "AWS::Region"}, ".", {"Ref": "AWS::URLSuffix"}, "/", {"Fn::Sub": "cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}"}, "/nested1.json"]]}},
   "Metadata": {"aws:cdk:path": "Shop/Nested.NestedStack/Nested.NestedStackResource", "aws:asset:path": "ShopNested1A2B3C4D.nested.template.json", "aws:asset:property": "TemplateURL"}
  }
 }
}`

const cdkNested = `{"Resources": {"Audit": {"Type": "AWS::SNS::Topic", "Metadata": {"aws:cdk:path": "Shop/Nested/Audit/Resource"}}}}`

func writeCDK(t testing.TB, manifest, template string) string {
	root := t.TempDir()
	for name, data := range map[string]string{
		"cdk.json":                   `{"app": "go mod download && go run shop.go"}`,
		"go.mod":                     "module example.com/shop\n\ngo 1.26\n",
		"orders/main.go":             "package main\n\nfunc main() {}\n",
		"cdk.out/manifest.json":      manifest,
		"cdk.out/Shop.template.json": template,
		"cdk.out/ShopNested1A2B3C4D.nested.template.json": cdkNested,
		"cdk.out/Shop.assets.json":                        `{"version": "36.0.0", "files": {"abc123": {"source": {"path": "asset.abc123", "packaging": "zip"}}}}`,
		"cdk.out/assembly-Prod/manifest.json":             `{"version": "36.0.0", "artifacts": {"Prod-Shop": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "ProdShop.template.json"}}}}`,
		"cdk.out/assembly-Prod/ProdShop.template.json":    `{"Resources": {"ProdJobs": {"Type": "AWS::SQS::Queue"}}}`,
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// TestCDK: the stacks of the assembly, its nested stacks and stages are
// read; a function whose asset is missing is bound by its construct ID;
// a stack whose template is missing is an error naming manifest.json.
func TestCDK(t *testing.T) {
	root := writeCDK(t, cdkManifest, cdkTemplate)
	m, errs := Discover(root, Options{})
	f := m.Function("orders5E6F7A8B")
	if f == nil || f.CodeDir != "orders" || f.CodeFrom != "cdk construct" {
		t.Fatalf("function %+v, want bound to orders by its construct", f)
	}
	if len(f.Triggers) != 1 || f.Triggers[0].Event != "sqs" {
		t.Errorf("triggers %v, want the SQS event source", f.Triggers)
	}
	for _, id := range []string{"Jobs1A2B3C4D", "Audit", "ProdJobs"} {
		if m.Channel(id) == nil {
			t.Errorf("no channel %s (nested stack, stage)", id)
		}
	}
	got := errorTexts(errs)
	if !strings.Contains(got, "cdk.out/manifest.json:7:") || !strings.Contains(got, "stack Missing: template Missing.template.json: cannot read") {
		t.Errorf("errors\n%s\nwant the missing template, at the manifest", got)
	}
}

// TestCDKNotSynthesized: a cdk.json without its assembly is one note.
func TestCDKNotSynthesized(t *testing.T) {
	root := writeCDK(t, cdkManifest, cdkTemplate)
	if err := os.RemoveAll(filepath.Join(root, "cdk.out")); err != nil {
		t.Fatal(err)
	}
	_, errs := Discover(root, Options{})
	if len(errs) != 1 || errs[0].Note != NoteCDK || errs[0].Pos.File != "cdk.json" || !strings.Contains(errs[0].Msg, "cdk synth") {
		t.Errorf("errors %v, want one CDK note on cdk.json", errs)
	}
}

// FuzzCDK: a hostile manifest.json or template never panics, and every
// error names a file.
func FuzzCDK(f *testing.F) {
	f.Add([]byte(cdkManifest), []byte(cdkTemplate))
	f.Add([]byte(`{"artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "../../etc/passwd"}}}}`), []byte(`[]`))
	f.Add([]byte(`{"artifacts": {"A": {"type": "cdk:cloud-assembly", "properties": {"directoryName": "."}}}}`), []byte(`{}`))
	f.Add([]byte(`{"artifacts": []}`), []byte(`{"Resources": {"N": {"Type": "AWS::CloudFormation::Stack", "Metadata": {"aws:asset:path": "Shop.template.json", "aws:asset:property": "TemplateURL"}}}}`))
	f.Add([]byte(`{`), []byte(`{"Resources": {"F": {"Type": "AWS::Lambda::Function", "Properties": {"Runtime": "provided.al2", "Code": {"S3Key": "abc123.zip"}}, "Metadata": {"aws:asset:path": "/abs"}}}}`))
	f.Fuzz(func(t *testing.T, manifest, template []byte) {
		root := writeCDK(t, string(manifest), string(template))
		start := time.Now()
		m, errs := Discover(root, Options{})
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("reading took %v", d)
		}
		for _, e := range errs {
			if e.Pos.File == "" || strings.Contains(e.Msg, "internal error") {
				t.Fatalf("error %v", e)
			}
		}
		_ = m
	})
}

// cdkGoApp is a CDK app written in Go, beside the app it deploys, with
// no cdk.json and no cloud assembly.
const cdkGoApp = `package main

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/aws-cdk-go/awscdklambdagoalpha/v2"
	"github.com/aws/jsii-runtime-go"
)

func main() {
	app := awscdk.NewApp(nil)
	q := awssqs.NewQueue(app, jsii.String("Jobs"), nil)
	awscdklambdagoalpha.NewGoFunction(app, jsii.String("send"), &awscdklambdagoalpha.GoFunctionProps{
		Entry:       jsii.String("../svc/send"),
		Environment: &map[string]*string{"JOBS_URL": q.QueueUrl()},
	})
	work := awscdklambdagoalpha.NewGoFunction(app, jsii.String("work"), &awscdklambdagoalpha.GoFunctionProps{Entry: jsii.String("../svc/work")})
	work.AddEventSource(awslambdaeventsources.NewSqsEventSource(q, nil))
}
`

// TestCDKGo: a Go CDK app is read from source, also from above the
// analysed directory (the repository's), its code paths made relative
// to the analysed directory.
func TestCDKGo(t *testing.T) {
	root := t.TempDir()
	for name, body := range map[string]string{
		"infra/go.mod":     "module example.com/infra\n",
		"infra/main.go":    cdkGoApp,
		"svc/go.mod":       "module example.com/svc\n",
		"svc/send/main.go": "package main\n\nfunc main() {}\n",
		"svc/work/main.go": "package main\n\nfunc main() {}\n",
		".git/HEAD":        "ref: refs/heads/main\n",
	} {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct{ dir, send, work, file string }{
		{".", "svc/send", "svc/work", "infra/main.go"},
		{"svc", "send", "work", "../infra/main.go"},
	} {
		m, _ := Discover(filepath.Join(root, tc.dir), Options{Repo: true})
		send, work := m.Function("send"), m.Function("work")
		if send == nil || work == nil {
			t.Fatalf("%s: functions %v", tc.dir, m.Functions)
		}
		if send.CodeDir != tc.send || work.CodeDir != tc.work || send.Format != CDKGo || send.Pos.File != tc.file {
			t.Errorf("%s: send %s %s %s, work %s", tc.dir, send.CodeDir, send.Format, send.Pos, work.CodeDir)
		}
		if e, ok := send.Getenv("JOBS_URL"); !ok || e.Value.Ref == nil || e.Value.Ref.Is != "queue-url" || e.Value.Ref.Target.ID != "Jobs" {
			t.Errorf("%s: JOBS_URL = %+v", tc.dir, e)
		}
		if len(work.Triggers) != 1 || work.Triggers[0].Event != "sqs" || work.Triggers[0].From.ID != "Jobs" {
			t.Errorf("%s: work triggers %+v", tc.dir, work.Triggers)
		}
		if c := m.Channel("Jobs"); c == nil || c.Closed {
			t.Errorf("%s: channel Jobs %+v: want it, not closed", tc.dir, c)
		}
	}
}
