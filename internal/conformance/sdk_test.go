package conformance_test

import (
	"fmt"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/sdkroute"
)

// TestSDKCalls runs the faassdk analyzer on package sdkcalls, written
// against the real SDK modules, and checks every call it extracts: the
// analyzer recognises the real clients, not only the stubs of its tests.
func TestSDKCalls(t *testing.T) {
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedCompiledGoFiles | packages.NeedImports |
			packages.NeedTypes | packages.NeedTypesSizes | packages.NeedSyntax | packages.NeedTypesInfo,
	}
	pkgs, err := packages.Load(cfg, "./sdkcalls")
	if err != nil {
		t.Fatal(err)
	}
	if packages.PrintErrors(pkgs) > 0 || len(pkgs) != 1 {
		t.Fatal("cannot load package sdkcalls")
	}
	g, err := checker.Analyze([]*analysis.Analyzer{sdkroute.Analyzer}, pkgs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got, diags []string
	for act := range g.All() {
		if !act.IsRoot || act.Analyzer != sdkroute.Analyzer {
			continue
		}
		if act.Err != nil {
			t.Fatalf("faassdk: %v", act.Err)
		}
		fset := act.Package.Fset
		for _, c := range act.Result.(*sdkroute.Result).Calls {
			got = append(got, fmt.Sprintf("%d %s", fset.Position(c.Pos).Line, sdkDescribe(c)))
		}
		for _, d := range act.Diagnostics {
			diags = append(diags, fmt.Sprintf("%d %s: %s", fset.Position(d.Pos).Line, d.Category, d.Message))
		}
	}
	want := []string{
		"69 V2: aws-sdk-go-v2 lambda Invoke function name=charge payload=sdkcalls.Order response=sdkcalls.Receipt",
		"77 V2: aws-sdk-go-v2 lambda Invoke function name=audit async payload=sdkcalls.Order",
		"78 V2: aws-sdk-go-v2 sqs SendMessage queue-url env=QUEUE_URL async payload=sdkcalls.Order",
		"79 V2: aws-sdk-go-v2 sqs SendMessageBatch queue-url name=orders async payload=sdkcalls.Order",
		"83 V2: aws-sdk-go-v2 sns Publish topic-arn name=receipts async payload=sdkcalls.Order",
		"84 V2: aws-sdk-go-v2 sns PublishBatch topic-arn env=TOPIC_ARN async payload=sdkcalls.Order",
		"88 V2: aws-sdk-go-v2 eventbridge PutEvents bus name=default async payload=sdkcalls.Order source=shop detail-type=OrderPlaced",
		"91 V2: aws-sdk-go-v2 sfn StartExecution state-machine name=fulfil async payload=sdkcalls.Order",
		"98 V1: aws-sdk-go lambda Invoke function name=charge payload=sdkcalls.Order",
		"99 V1: aws-sdk-go sqs SendMessage queue-url env=QUEUE_URL async payload=sdkcalls.Order",
		"101 V1: aws-sdk-go sns Publish topic-arn env=TOPIC_ARN async payload=sdkcalls.Order",
		"102 V1: aws-sdk-go eventbridge PutEvents bus name=default async payload=sdkcalls.Order source=shop detail-type=OrderPlaced",
		"105 V1: aws-sdk-go cloudwatchevents PutEvents bus name=default async payload=sdkcalls.Order source=shop detail-type=OrderShipped",
		"108 V1: aws-sdk-go sfn StartExecution state-machine env=MACHINE_ARN async payload=sdkcalls.Order",
		"115 Google: pubsub pubsub Publish pubsub-topic name=orders async payload=sdkcalls.Order",
		"116 Google: pubsub/v2 pubsub Publish pubsub-topic name=receipts async payload=sdkcalls.Order",
		"121 Google: cloudevents cloudevents Send cloudevent-type name=com.example.order async payload=sdkcalls.Order event-source=/shop",
		"122 Google: net/http openfaas POST openfaas name=charge payload=sdkcalls.Order response=sdkcalls.Receipt",
		`132 Unresolved: aws-sdk-go-v2 sqs SendMessage queue-url name=* async raw="{}" unresolved=target`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("calls on the real SDKs:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantDiag := regexp.MustCompile(`^132 unresolved-route: sqs SendMessage: cannot resolve the queue URL \(it comes from parameter queue of Unresolved, known only at run time\), ` +
		`so faasvet cannot draw this route of function \S+; describe it on the handler with //faas:route to=NAME via=sqs$`)
	if len(diags) != 1 || !wantDiag.MatchString(diags[0]) {
		t.Errorf("diagnostics:\n%s\nwant one matching %s", strings.Join(diags, "\n"), wantDiag)
	}
}

func sdkDescribe(c *sdkroute.Call) string {
	who := c.Entry
	if c.Function != nil {
		who = c.Function.Name
		if c.Function.Handler != nil {
			who = c.Function.Handler.Name() // the Go name: the function's name is faashandler's business
		}
	}
	ts := func(t types.Type) string {
		return types.TypeString(t, func(p *types.Package) string { return p.Name() })
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s %s %s", who, c.SDK, c.Service, c.Op, c.Target.Kind)
	if c.Target.Name != "" {
		fmt.Fprintf(&b, " name=%s", c.Target.Name)
	}
	if c.Target.Env != "" {
		fmt.Fprintf(&b, " env=%s", c.Target.Env)
	}
	if c.Async {
		b.WriteString(" async")
	}
	if c.Payload != nil {
		fmt.Fprintf(&b, " payload=%s", ts(c.Payload))
	}
	if c.RawPayload != "" {
		fmt.Fprintf(&b, " raw=%q", c.RawPayload)
	}
	if c.Response != nil {
		fmt.Fprintf(&b, " response=%s", ts(c.Response))
	}
	if c.Source != "" || c.DetailType != "" {
		fmt.Fprintf(&b, " source=%s detail-type=%s", c.Source, c.DetailType)
	}
	if c.EventSource != "" {
		fmt.Fprintf(&b, " event-source=%s", c.EventSource)
	}
	if len(c.Unresolved) > 0 {
		fmt.Fprintf(&b, " unresolved=%s", strings.Join(c.Unresolved, ","))
	}
	return b.String()
}

// sdkStubs is the GOPATH of the SDK stubs that every test shares
// (testdata/README.md).
var sdkStubs = filepath.Join("..", "..", "testdata")

// sdkStubsNotServed are stubbed packages whose module the Go module proxy
// does not serve here. cloudwatchevents v2 copies a served sibling
// (eventbridge's PutEvents shapes); the stubs of the OpenFaaS template
// SDK and of google-cloudevents-go are not checked here.
var sdkStubsNotServed = []string{
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchevents",
	"github.com/aws/aws-sdk-go-v2/service/cloudwatchevents/types",
	"github.com/googleapis/google-cloudevents-go/cloud/pubsubdata/v1",
	"github.com/openfaas/templates-sdk/go-http",
}

// TestSDKStubs holds the SDK stubs to the real modules:
// every exported name a stub declares must exist in the real package with
// the same type (for structs and interfaces: each stub field and method).
func TestSDKStubs(t *testing.T) {
	src, err := filepath.Abs(filepath.Join(sdkStubs, "src"))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	err = filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		rel, _ := filepath.Rel(src, filepath.Dir(p))
		path := filepath.ToSlash(rel)
		if first, _, _ := strings.Cut(path, "/"); strings.Contains(first, ".") && !slices.Contains(paths, path) &&
			!slices.Contains(sdkStubsNotServed, path) {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	stubCfg := &packages.Config{Mode: packages.NeedName | packages.NeedTypes, Dir: src,
		Env: append(os.Environ(), "GO111MODULE=off", "GOPATH="+filepath.Dir(src), "GOFLAGS=")}
	stubs, err := packages.Load(stubCfg, paths...)
	if err != nil {
		t.Fatal(err)
	}
	real, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	realBy := map[string]*packages.Package{}
	for _, p := range real {
		realBy[p.PkgPath] = p
	}
	if len(stubs) < 25 {
		t.Fatalf("only %d stub packages under %s", len(stubs), src)
	}
	for _, stub := range stubs {
		if len(stub.Errors) > 0 {
			t.Errorf("stub %s: %v", stub.PkgPath, stub.Errors)
			continue
		}
		r := realBy[stub.PkgPath]
		if r == nil || len(r.Errors) > 0 || r.Types == nil {
			t.Errorf("real package %s does not load: %v (add its module to internal/conformance/go.mod)", stub.PkgPath, r)
			continue
		}
		for _, problem := range sdkCompare(stub.Types, r.Types) {
			t.Errorf("stub %s drifted from the real package: %s", stub.PkgPath, problem)
		}
	}
}

func sdkCompare(stub, real *types.Package) []string {
	var out []string
	qual := func(p *types.Package) string { return p.Path() }
	for _, name := range stub.Scope().Names() {
		s := stub.Scope().Lookup(name)
		if !s.Exported() {
			continue
		}
		r := real.Scope().Lookup(name)
		if r == nil {
			out = append(out, name+" does not exist")
			continue
		}
		switch s := s.(type) {
		case *types.Const:
			rc, ok := r.(*types.Const)
			if !ok || s.Val().ExactString() != rc.Val().ExactString() || s.Val().Kind() != rc.Val().Kind() {
				out = append(out, fmt.Sprintf("const %s = %s, real %s", name, s.Val(), r))
			}
		case *types.Func:
			if sdkSig(s.Signature(), qual) != sdkSig(sdkSigOf(r), qual) {
				out = append(out, fmt.Sprintf("func %s%s, real %s", name, sdkSig(s.Signature(), qual), types.ObjectString(r, qual)))
			}
		case *types.Var:
			same := types.TypeString(s.Type(), qual) == types.TypeString(r.Type(), qual) ||
				sdkSigOf(s) != nil && sdkSig(sdkSigOf(s), qual) == sdkSig(sdkSigOf(r), qual)
			if !same {
				out = append(out, fmt.Sprintf("var %s %s, real %s", name, types.TypeString(s.Type(), qual), types.TypeString(r.Type(), qual)))
			}
		case *types.TypeName:
			rt, ok := r.(*types.TypeName)
			if !ok {
				out = append(out, name+" is not a type")
				continue
			}
			if s.IsAlias() {
				if types.TypeString(s.Type(), qual) != types.TypeString(rt.Type(), qual) {
					out = append(out, fmt.Sprintf("alias %s = %s, real %s", name, types.TypeString(s.Type(), qual), types.TypeString(rt.Type(), qual)))
				}
				continue
			}
			out = append(out, sdkCompareType(name, s.Type(), rt.Type(), qual)...)
		}
	}
	return out
}

func sdkCompareType(name string, s, r types.Type, qual types.Qualifier) []string {
	var out []string
	switch su := s.Underlying().(type) {
	case *types.Struct:
		ru, ok := r.Underlying().(*types.Struct)
		if !ok {
			return []string{name + " is not a struct"}
		}
		for sf := range su.Fields() {
			if !sf.Exported() {
				continue
			}
			var found *types.Var
			for rf := range ru.Fields() {
				if rf.Name() == sf.Name() {
					found = rf
				}
			}
			if found == nil || types.TypeString(found.Type(), qual) != types.TypeString(sf.Type(), qual) {
				out = append(out, fmt.Sprintf("field %s.%s %s, real %v", name, sf.Name(), types.TypeString(sf.Type(), qual), found))
			}
		}
	case *types.Interface:
		ru, ok := r.Underlying().(*types.Interface)
		if !ok {
			return []string{name + " is not an interface"}
		}
		for m := range su.Methods() {
			rm, _, _ := types.LookupFieldOrMethod(ru, false, nil, m.Name())
			if rm == nil || sdkSig(m.Signature(), qual) != sdkSig(sdkSigOf(rm), qual) {
				out = append(out, fmt.Sprintf("method %s.%s%s, real %v", name, m.Name(), sdkSig(m.Signature(), qual), rm))
			}
		}
		return out
	default:
		if types.TypeString(su, qual) != types.TypeString(r.Underlying(), qual) {
			out = append(out, fmt.Sprintf("type %s %s, real %s", name, types.TypeString(su, qual), types.TypeString(r.Underlying(), qual)))
		}
	}
	if n, ok := s.(*types.Named); ok {
		for m := range n.Methods() {
			if !m.Exported() {
				continue
			}
			rm, _, _ := types.LookupFieldOrMethod(types.NewPointer(r), false, nil, m.Name())
			if rm == nil || sdkSig(m.Signature(), qual) != sdkSig(sdkSigOf(rm), qual) {
				out = append(out, fmt.Sprintf("method (%s).%s%s, real %v", name, m.Name(), sdkSig(m.Signature(), qual), rm))
			}
		}
	}
	return out
}

func sdkSigOf(obj types.Object) *types.Signature {
	if obj == nil {
		return nil
	}
	sig, _ := obj.Type().Underlying().(*types.Signature)
	return sig
}

// sdkSig writes a signature's parameter and result types, without names.
func sdkSig(sig *types.Signature, qual types.Qualifier) string {
	if sig == nil {
		return "<nil>"
	}
	tuple := func(t *types.Tuple, variadic bool) string {
		var parts []string
		for i := range t.Len() {
			s := types.TypeString(t.At(i).Type(), qual)
			if variadic && i == t.Len()-1 {
				s = "..." + strings.TrimPrefix(s, "[]")
			}
			parts = append(parts, s)
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	return tuple(sig.Params(), sig.Variadic()) + " " + tuple(sig.Results(), false)
}
