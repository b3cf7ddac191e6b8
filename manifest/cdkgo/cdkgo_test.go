package cdkgo

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/faasvet/faasvet/manifest/node"
)

// write lays out files under a temporary root.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	root := t.TempDir()
	for name, body := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

const header = `package main

import (
	"fmt"
	"os"
	"path/filepath"

	"example.com/infra/lib"
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsevents"
	"github.com/aws/aws-cdk-go/awscdk/v2/awseventstargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	lambda "github.com/aws/aws-cdk-go/awscdklambdagoalpha/v2"
	"github.com/aws/jsii-runtime-go"
)

var _ = fmt.Sprintf
var _ = filepath.Join
var _ = os.Getenv
`

func readApp(t *testing.T, body string, extra map[string]string) *App {
	t.Helper()
	files := map[string]string{
		"infra/go.mod":   "module example.com/infra\n\ngo 1.26\n",
		"infra/cdk.json": `{"app": "go run ."}`,
		"infra/main.go":  header + body,
		"infra/lib/lib.go": `package lib

import (
	lambda "github.com/aws/aws-cdk-go/awscdklambdagoalpha/v2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

const Stage = "prod"

type FnProps struct {
	Entry string
	Env   map[string]*string
}

type Fn struct{ Function lambda.GoFunction }

func NewFn(scope constructs.Construct, id string, props *FnProps) Fn {
	env := map[string]*string{"STAGE": jsii.String(Stage)}
	for k, v := range props.Env {
		env[k] = v
	}
	return Fn{lambda.NewGoFunction(scope, jsii.String(id), &lambda.GoFunctionProps{
		Entry:       jsii.String(props.Entry),
		Environment: &env,
	})}
}
`,
		"svc/a/main.go": "package main\n\nfunc main() {}\n",
		"svc/b/main.go": "package main\n\nfunc main() {}\n",
	}
	for k, v := range extra {
		files[k] = v
	}
	root := write(t, files)
	a := Read(root, "infra", "infra")
	if a == nil {
		t.Fatal("no app read")
	}
	return a
}

func res(t *testing.T, a *App, id string) *node.Node {
	t.Helper()
	r := a.Template.Path("Resources", id)
	if r == nil {
		var ids []string
		for _, f := range a.Template.Get("Resources").Fields() {
			ids = append(ids, f.Key)
		}
		t.Fatalf("no resource %s; have %v", id, ids)
	}
	return r
}

func notes(a *App) string {
	var b strings.Builder
	for _, n := range a.Notes {
		b.WriteString(n.Pos.String() + ": " + n.Msg + "\n")
	}
	return b.String()
}

func TestQueueFunctionsAndEventSource(t *testing.T) {
	a := readApp(t, `
func main() {
	app := awscdk.NewApp(nil)
	stack := awscdk.NewStack(app, jsii.String("S"), nil)
	q := awssqs.NewQueue(stack, jsii.String("Orders"), &awssqs.QueueProps{QueueName: jsii.Sprintf("orders-%s", lib.Stage)})
	lib.NewFn(stack, "producer", &lib.FnProps{Entry: "../svc/a", Env: map[string]*string{"QUEUE_URL": q.QueueUrl()}})
	c := lib.NewFn(stack, "consumer", &lib.FnProps{Entry: "../svc/b/main.go"})
	c.Function.AddEventSource(awslambdaeventsources.NewSqsEventSource(q, &awslambdaeventsources.SqsEventSourceProps{ReportBatchItemFailures: jsii.Bool(true)}))
	c.Function.AddEnvironment(jsii.String("ARN"), q.QueueArn())
	app.Synth(nil)
}
`, nil)
	if got := res(t, a, "Orders").Path("Properties", "QueueName").Str(); got != "orders-prod" {
		t.Errorf("QueueName = %q, want orders-prod", got)
	}
	p := res(t, a, "producer")
	if got := p.Path("Metadata", "faasvet:code").Str(); got != "svc/a" {
		t.Errorf("producer code = %q, want svc/a", got)
	}
	env := p.Path("Properties", "Environment", "Variables")
	if got := env.Get("QUEUE_URL").Get("Ref").Str(); got != "Orders" {
		t.Errorf("QUEUE_URL = %s, want Ref Orders", env.Get("QUEUE_URL"))
	}
	if got := env.Get("STAGE").Str(); got != "prod" {
		t.Errorf("STAGE = %s, want prod", env.Get("STAGE"))
	}
	c := res(t, a, "consumer")
	if got := c.Path("Metadata", "faasvet:code").Str(); got != "svc/b/main.go" {
		t.Errorf("consumer code = %q", got)
	}
	if name, _, _ := c.Path("Properties", "Environment", "Variables", "ARN").Intrinsic(); name != "Fn::GetAtt" {
		t.Errorf("ARN = %s, want GetAtt", c.Path("Properties", "Environment", "Variables", "ARN"))
	}
	m := res(t, a, "consumerEventSourceOrders")
	if m.Get("Type").Str() != "AWS::Lambda::EventSourceMapping" || m.Path("Properties", "FunctionName", "Ref").Str() != "consumer" ||
		m.Path("Properties", "FunctionResponseTypes").List()[0].Str() != "ReportBatchItemFailures" {
		t.Errorf("event source mapping = %s", m)
	}
	if m.Pos.File != "infra/main.go" || m.Pos.Line == 0 {
		t.Errorf("mapping position = %v", m.Pos)
	}
	if len(a.Notes) != 0 {
		t.Errorf("notes:\n%s", notes(a))
	}
}

// A nested map of configurations ranged over, paths built from
// os.Getwd (the app's directory at synth), one call site declaring
// several functions.
func TestNestedConfigMap(t *testing.T) {
	a := readApp(t, `
func main() {
	app := awscdk.NewApp(nil)
	dir, err := os.Getwd()
	if err != nil {
		panic(err)
	}
	topic := awssns.NewTopic(app, jsii.String("Events"), nil)
	cfg := map[string]map[string]map[string]any{
		"api": {
			"a": {"path": filepath.Join(dir, "..", "svc", "a"), "env": &map[string]*string{"TOPIC": topic.TopicArn()}},
			"b": {"path": filepath.Join(dir, "..", "svc", "b"), "env": &map[string]*string{}},
		},
	}
	fns := make(map[string]lambda.GoFunction)
	for group, c := range cfg {
		for key, data := range c {
			fns[group+"-"+key] = lambda.NewGoFunction(app, jsii.String(fmt.Sprintf("%s-%s", group, key)), &lambda.GoFunctionProps{
				Entry:       jsii.String(data["path"].(string)),
				Environment: data["env"].(*map[string]*string),
			})
		}
	}
	topic.AddSubscription(awssnssubscriptions.NewLambdaSubscription(fns["api-b"], nil))
}
`, nil)
	if got := res(t, a, "api-a").Path("Metadata", "faasvet:code").Str(); got != "svc/a" {
		t.Errorf("api-a code = %q", got)
	}
	if got := res(t, a, "api-a").Path("Properties", "Environment", "Variables", "TOPIC", "Ref").Str(); got != "Events" {
		t.Errorf("api-a TOPIC = %q", got)
	}
	if got := res(t, a, "api-b").Path("Metadata", "faasvet:code").Str(); got != "svc/b" {
		t.Errorf("api-b code = %q", got)
	}
	s := res(t, a, "EventsSubscriptionapi-b")
	if s.Path("Properties", "Protocol").Str() != "lambda" || s.Path("Properties", "TopicArn", "Ref").Str() != "Events" {
		t.Errorf("subscription = %s", s)
	}
}

// What the reader cannot follow stays unknown and is noted: a value set
// differently by the branches of an if, an Entry from the environment,
// a subscription with a filter policy, a rule whose pattern is not
// literal.
func TestUnknownsAreNoted(t *testing.T) {
	a := readApp(t, `
func main() {
	app := awscdk.NewApp(nil)
	stage := os.Getenv("STAGE")
	if stage == "" {
		stage = "dev"
	}
	q := awssqs.NewQueue(app, jsii.String("Q"), &awssqs.QueueProps{QueueName: jsii.String("q-" + stage)})
	topic := awssns.NewTopic(app, jsii.String("T"), nil)
	topic.AddSubscription(awssnssubscriptions.NewSqsSubscription(q, &awssnssubscriptions.SqsSubscriptionProps{RawMessageDelivery: jsii.Bool(true)}))
	topic.AddSubscription(awssnssubscriptions.NewSqsSubscription(q, &awssnssubscriptions.SqsSubscriptionProps{FilterPolicy: &map[string]awssns.SubscriptionFilter{}}))
	fn := lambda.NewGoFunction(app, jsii.String("F"), &lambda.GoFunctionProps{Entry: jsii.String(os.Getenv("ENTRY"))})
	rule := awsevents.NewRule(app, jsii.String("R"), &awsevents.RuleProps{
		EventPattern: &awsevents.EventPattern{Source: jsii.Strings(stage + ".orders")},
	})
	rule.AddTarget(awseventstargets.NewLambdaFunction(fn, nil))
	ok := awsevents.NewRule(app, jsii.String("OK"), &awsevents.RuleProps{
		EventPattern: &awsevents.EventPattern{Source: jsii.Strings("shop"), DetailType: jsii.Strings("OrderPlaced")},
		Targets:      &[]awsevents.IRuleTarget{awseventstargets.NewSqsQueue(q, nil)},
	})
	_ = ok
	fn2 := awslambda.NewFunction(app, jsii.String("Zip"), &awslambda.FunctionProps{
		Code:    awslambda.Code_FromAsset(jsii.String("../svc/a"), nil),
		Handler: jsii.String("bootstrap"),
		Runtime: awslambda.Runtime_PROVIDED_AL2(),
	})
	_ = fn2
}
`, nil)
	qn := res(t, a, "Q").Path("Properties", "QueueName")
	if name, arg, _ := qn.Intrinsic(); name != "Fn::Join" || arg.Items[1].Items[1].Tag != unknownTag {
		t.Errorf("QueueName = %s, want q- and an unknown part (the if may or may not set it)", qn)
	}
	sub := res(t, a, "TSubscriptionQ")
	if !sub.Path("Properties", "RawMessageDelivery").Truthy() || sub.Path("Properties", "Protocol").Str() != "sqs" {
		t.Errorf("subscription = %s", sub)
	}
	if _, dup := findRes(a, "TSubscriptionQ_2"); dup {
		t.Errorf("the filtered subscription is written")
	}
	if res(t, a, "R").Path("Properties", "Targets") != nil {
		t.Errorf("rule R with an unknown pattern keeps its targets")
	}
	okRule := res(t, a, "OK").Get("Properties")
	if okRule.Path("EventPattern", "detail-type").List()[0].Str() != "OrderPlaced" || len(okRule.Get("Targets").List()) != 1 {
		t.Errorf("rule OK = %s", okRule)
	}
	z := res(t, a, "Zip")
	if z.Path("Metadata", "faasvet:code").Str() != "infra/../svc/a" && z.Path("Metadata", "faasvet:code").Str() != "svc/a" {
		t.Errorf("Zip code = %s", z.Get("Metadata"))
	}
	if z.Path("Properties", "Runtime").Str() != "provided.al2" {
		t.Errorf("Zip runtime = %s", z.Path("Properties", "Runtime"))
	}
	got := notes(a)
	for _, want := range []string{
		"function F: its Entry is not a value this reader follows",
		"topic T: the subscription has a filter policy",
		"rule R: its event pattern's source is not a value this reader follows",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("notes lack %q:\n%s", want, got)
		}
	}
}

func findRes(a *App, id string) (*node.Node, bool) {
	r := a.Template.Path("Resources", id)
	return r, r != nil
}

// A main package that does not import the CDK is no app; a file that
// does not parse is a note, and the rest is read.
func TestNotAnApp(t *testing.T) {
	root := write(t, map[string]string{
		"go.mod":  "module example.com/x\n",
		"main.go": "package main\n\nfunc main() {}\n",
	})
	if a := Read(root, ".", "."); a != nil {
		t.Errorf("read %v", a)
	}
	a := readApp(t, "func main() {}\n", map[string]string{"infra/broken.go": "package main\n\nfunc {"})
	if !strings.Contains(notes(a), "infra/broken.go: the Go file does not parse") {
		t.Errorf("notes:\n%s", notes(a))
	}
}

// Recursion and runaway loops stay bounded.
func TestBounded(t *testing.T) {
	a := readApp(t, `
func f(n int) { f(n) }

func main() {
	f(1)
	awssqs.NewQueue(nil, jsii.String("After"), nil)
}
`, nil)
	res(t, a, "After")
	if !strings.Contains(notes(a), "nested deeper than") {
		t.Errorf("notes:\n%s", notes(a))
	}
}

// Function literals run with the variables they close over; methods of
// the app's own types run with their receiver.
func TestClosuresAndMethods(t *testing.T) {
	a := readApp(t, `
type stack struct {
	queue awssqs.Queue
	count int
}

func (s *stack) fn(id, entry string) lambda.GoFunction {
	return lambda.NewGoFunction(nil, jsii.String(id), &lambda.GoFunctionProps{
		Entry:       jsii.String(entry),
		Environment: &map[string]*string{"Q": s.queue.QueueUrl()},
	})
}

func main() {
	s := &stack{queue: awssqs.NewQueue(nil, jsii.String("Q"), nil)}
	s.fn("a", "../svc/a")
	var last lambda.GoFunction
	mk := func(id string) {
		last = s.fn(id, "../svc/"+id)
	}
	mk("b")
	last.AddEventSource(awslambdaeventsources.NewSqsEventSource(s.queue, nil))
}
`, nil)
	for _, id := range []string{"a", "b"} {
		if got := res(t, a, id).Path("Properties", "Environment", "Variables", "Q", "Ref").Str(); got != "Q" {
			t.Errorf("%s: Q = %q", id, got)
		}
		if got := res(t, a, id).Path("Metadata", "faasvet:code").Str(); got != "svc/"+id {
			t.Errorf("%s: code = %q", id, got)
		}
	}
	res(t, a, "bEventSourceQ")
	if len(a.Notes) != 0 {
		t.Errorf("notes:\n%s", notes(a))
	}
}

// FuzzRead: no source makes the reader fail (a panic would be an
// internal-error note).
func FuzzRead(f *testing.F) {
	f.Add(`func main() {
	q := awssqs.NewQueue(nil, jsii.String("Q"), &awssqs.QueueProps{DeadLetterQueue: &awssqs.DeadLetterQueue{Queue: nil}})
	m := map[string]any{"a": []string{"x"}}
	for k, v := range m { _ = v; lambda.NewGoFunction(nil, jsii.String(k), &lambda.GoFunctionProps{Entry: jsii.String(k), Environment: &map[string]*string{k: q.QueueUrl()}}) }
}
`)
	f.Add("func main() { var x = y; var y = x; f := func() { main() }; f(); switch { case true: x = 1 } }\n")
	f.Fuzz(func(t *testing.T, body string) {
		root := t.TempDir()
		for name, data := range map[string]string{"go.mod": "module example.com/infra\n", "main.go": header + body} {
			if err := os.WriteFile(filepath.Join(root, name), []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		a := Read(root, ".", ".")
		if a == nil {
			return
		}
		if strings.Contains(notes(a), "internal error") {
			t.Fatal(notes(a))
		}
	})
}
