package conformance_test

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/consumer"
)

// TestConsumers runs the faasconsumer analyzer on package consumers,
// written against the real SDK modules, and checks the payloads it infers.
// The analyzer's own tests use stubs of the SDKs; this test is what keeps
// the analyzer right on the real ones.
func TestConsumers(t *testing.T) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo,
	}
	pkgs, err := packages.Load(cfg, "./consumers")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 || len(pkgs) != 1 {
		t.Fatal("cannot load package consumers")
	}
	g, err := checker.Analyze([]*analysis.Analyzer{consumer.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for act := range g.All() {
		if !act.IsRoot {
			continue
		}
		if act.Err != nil {
			t.Fatalf("%s: %v", act.Analyzer.Name, act.Err)
		}
		for _, d := range act.Diagnostics {
			t.Errorf("%s: unexpected diagnostic: %s: %s", act.Analyzer.Name, act.Package.Fset.Position(d.Pos), d.Message)
		}
		if act.Analyzer != consumer.Analyzer {
			continue
		}
		for _, p := range act.Result.(*consumer.Result).Payloads {
			got = append(got, consumerLine(p))
		}
	}
	want := []string{
		"consumers.sqsConsumer sqs type=consumers.Order",
		"consumers.snsThroughSQS sqs inner=sns type=consumers.Refund",
		"consumers.snsConsumer sns type=consumers.Order",
		"consumers.eventBridgeConsumer eventbridge type=consumers.Order",
		"consumers.kinesisConsumer kinesis type=consumers.Refund",
		"consumers.dynamoConsumer dynamodb (a DynamoDB stream record carries attribute values, not a JSON body)",
		"consumers.s3Consumer s3 (an S3 notification carries object keys, not a payload)",
		"consumers.restConsumer apigateway type=consumers.Order",
		"consumers.httpAPIConsumer apigateway type=consumers.Refund",
		"consumers.functionURLConsumer function-url type=consumers.Order",
		"consumers.rawConsumer bytes type=consumers.Order",
		"consumers.bytesHandler bytes type=consumers.Refund",
		// faashandler names the handler through the conversion
		// http.HandlerFunc(serveURL).
		"consumers.serveURL http type=consumers.Order",
		"pubsub cloudevent inner=pubsub type=consumers.Order",
		"consumers.receiver cloudevent type=consumers.Refund",
	}
	slices.Sort(got)
	slices.Sort(want)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("payloads\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func consumerLine(p *consumer.Payload) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", p.Function.Name, p.Envelope)
	if p.Inner != "" {
		fmt.Fprintf(&b, " inner=%s", p.Inner)
	}
	if p.Type != nil {
		fmt.Fprintf(&b, " type=%s", types.TypeString(p.Type, func(p *types.Package) string { return p.Name() }))
	}
	if p.Ambiguous {
		b.WriteString(" ambiguous")
	}
	if p.Why != "" {
		fmt.Fprintf(&b, " (%s)", p.Why)
	}
	return b.String()
}

// TestConsumerStubs holds the test stubs to the real modules:
// the aws-lambda-go events files are copies, byte for byte, and the
// cloudevents Event stub has the real fields and data methods.
func TestConsumerStubs(t *testing.T) {
	stubs := filepath.Join("..", "..", "testdata", "src") // the one stub tree (testdata/README.md)
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedTypes}
	pkgs, err := packages.Load(cfg, "github.com/aws/aws-lambda-go/events", "github.com/cloudevents/sdk-go/v2/event")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 {
		t.Fatal("cannot load the SDK packages")
	}
	for _, pkg := range pkgs {
		switch pkg.PkgPath {
		case "github.com/aws/aws-lambda-go/events":
			real := map[string]string{}
			for _, f := range pkg.GoFiles {
				real[filepath.Base(f)] = f
			}
			dir := filepath.Join(stubs, filepath.FromSlash(pkg.PkgPath))
			entries, err := os.ReadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			copies := 0
			for _, e := range entries {
				if e.Name() == "doc.go" {
					continue // the stub's own package comment
				}
				src, ok := real[e.Name()]
				if !ok {
					t.Errorf("stub %s has no counterpart in the real events package", e.Name())
					continue
				}
				a, err1 := os.ReadFile(filepath.Join(dir, e.Name()))
				b, err2 := os.ReadFile(src)
				if err1 != nil || err2 != nil {
					t.Fatal(err1, err2)
				}
				if !bytes.Equal(a, b) {
					t.Errorf("stub %s differs from %s: copy it again", e.Name(), src)
				}
				copies++
			}
			if copies < 10 {
				t.Errorf("only %d events files in the stubs", copies)
			}
		case "github.com/cloudevents/sdk-go/v2/event":
			real := pkg.Types.Scope().Lookup("Event").Type()
			stub := stubStruct(t, filepath.Join(stubs, filepath.FromSlash(pkg.PkgPath), "event.go"), "Event")
			st := real.Underlying().(*types.Struct)
			var fields []string
			for f := range st.Fields() {
				fields = append(fields, f.Name())
			}
			if strings.Join(fields, " ") != strings.Join(stub, " ") {
				t.Errorf("stub event.Event has fields %v, the real one %v", stub, fields)
			}
			for _, m := range []string{"Data", "DataAs", "SetData"} {
				if obj, _, _ := types.LookupFieldOrMethod(real, true, pkg.Types, m); obj == nil {
					t.Errorf("the real event.Event has no method %s", m)
				}
			}
		}
	}
}

// stubStruct returns the field names of a struct type declared in a file.
func stubStruct(t *testing.T, file, name string) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), file, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var fields []string
	ast.Inspect(f, func(n ast.Node) bool {
		ts, ok := n.(*ast.TypeSpec)
		if !ok || ts.Name.Name != name {
			return true
		}
		if st, ok := ts.Type.(*ast.StructType); ok {
			for _, fl := range st.Fields.List {
				for _, id := range fl.Names {
					fields = append(fields, id.Name)
				}
			}
		}
		return false
	})
	return fields
}
