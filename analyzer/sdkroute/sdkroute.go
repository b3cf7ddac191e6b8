package sdkroute

import (
	_ "embed"
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/analyzer/internal/analysisutil"
	"github.com/faasvet/faasvet/checks"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

//go:embed doc.go
var doc string

// Analyzer finds a package's outgoing SDK calls. Its result is a *Result.
var Analyzer = &analysis.Analyzer{
	Name:       "faassdk",
	Doc:        analysisutil.MustExtractDoc(doc, "faassdk"),
	URL:        checks.Lookup("unresolved-route").URL(),
	Requires:   []*analysis.Analyzer{handler.Analyzer, flow.Analyzer},
	ResultType: reflect.TypeOf((*Result)(nil)),
	FactTypes:  []analysis.Fact{new(SendsFact), new(FieldsFact), new(VarFact), new(HasSends), new(PassFact), new(DefaultFact)},
	Run:        analysisutil.Safe(run, func() *Result { return &Result{} }),
}

// Result is the faassdk analyzer's result: the outgoing calls of one
// package, in a deterministic order: per handler in the summary's order,
// then per entry point in source order, and by position within each.
type Result struct {
	Calls []*Call
	// Summarised is set when the package exported facts: a driver that
	// analyses in batches keeps its syntax for the importers to come.
	Summarised bool
}

// A Call is one SDK call that sends to another function or channel, as
// seen from one function that reaches it. A call site that several
// handlers reach appears once per handler; an SDK batch call appears once
// per distinct message.
type Call struct {
	// Function is the handler of this package whose code reaches the call
	// through same-package static calls; nil when no handler reaches it.
	Function *handler.Function
	// Entry, when Function is nil, is the full name (types.Func.FullName)
	// of the func from which the call was reached: an exported func or
	// method, or one that nothing in the package calls. The whole-program
	// phase binds it to the function that registers that func elsewhere.
	Entry string
	// Enclosing is the full name of the func whose body holds the call.
	Enclosing string

	SDK     string // "aws-sdk-go-v2", "aws-sdk-go", "pubsub", "pubsub/v2", "cloudevents", "net/http"
	Service string // "lambda", "sqs", "sns", "eventbridge", "cloudwatchevents", "sfn", "pubsub", "cloudevents", "openfaas"
	Op      string // the operation: "Invoke", "SendMessage", "Publish", "PutEvents", "StartExecution", "Send", "POST"...

	Target Target
	// Async is set when the caller does not wait for the callee's result:
	// Lambda InvocationType Event and InvokeAsync, queues, topics, buses,
	// StartExecution, /async-function/. A Lambda invocation type that is
	// not a constant counts as RequestResponse, the SDK's default.
	Async bool
	// Payload is the Go type JSON-encoded into the message body
	// (json.Marshal(v), json.NewEncoder(w).Encode(v), CloudEvents
	// SetData(ct, v)); nil when there is no body, when the body is a
	// constant (RawPayload), or when it was not resolved (see Unresolved).
	Payload types.Type
	// RawPayload is the body when it is a constant string.
	RawPayload string
	// Structured is set for SNS MessageStructure "json": the message is an
	// object of per-protocol strings, and Payload is the type encoded into
	// its "default" member.
	Structured bool
	// Response is the type a synchronous caller JSON-decodes the callee's
	// answer into (json.Unmarshal(out.Payload, &v) after Invoke, the
	// Output of StartSyncExecution, the response body of an HTTP call, the
	// data of a CloudEvents Request); nil when it does not decode one here.
	Response types.Type

	// EventBridge entries: the Source and DetailType that rules match.
	Source, DetailType string
	// EventType is the CloudEvent's type; EventSource its source.
	EventType, EventSource string
	// Sink is where a CloudEvents client sends the event (Target holds
	// its type): a URL (KindURL: ContextWithTarget, WithTarget, often
	// ${K_SINK}), a Kafka topic, a NATS subject, a Pub/Sub topic, or
	// KindReply for the event a receiver returns, which goes where the
	// platform delivers replies. Kind is empty when the code does not
	// say, or says it in a way faasvet does not follow.
	Sink Target

	// Assumed are the assumptions the target rests on: a config key's
	// in-code default taken as its value (defaults.go).
	Assumed []string

	// Unresolved names what could not be resolved statically, from
	// "target", "payload", "source", "detail-type"; empty when the call is
	// fully known. Why says why, for the first of them.
	Unresolved []string
	Why        string
	whys       []string // why, for each of Unresolved

	Pos token.Pos // the SDK call, or the call of another package's func that makes it
	// Through is set when the SDK call is in another package: the func
	// called at Pos whose fact summarises it; ThroughAt is where that
	// func's SDK call is (file:line).
	Through   string
	ThroughAt string
	// ThroughPkg is the path of the package whose SDK call ThroughAt is.
	ThroughPkg string

	// What the summary of a func holding the call is made of (fact.go).
	targetSV    strv
	sinkSV      strv // a Sink the summary's caller decides (a receiver's field, a parameter)
	targetSet   bool
	targetField string
	pay         pay
	// Chain is the same-package calls from the Function or Entry to the
	// func holding the SDK call, outermost first; empty when it holds the
	// call itself.
	Chain []token.Pos
}

// A TargetKind says what a Target names.
type TargetKind string

// The target kinds, and what the whole-program phase resolves them to.
const (
	KindFunction       TargetKind = "function"        // a Lambda function name, partial or full ARN
	KindQueueURL       TargetKind = "queue-url"       // an SQS queue URL
	KindQueueARN       TargetKind = "queue-arn"       // an SQS queue ARN
	KindTopicARN       TargetKind = "topic-arn"       // an SNS topic ARN
	KindBus            TargetKind = "bus"             // an EventBridge bus name or ARN ("default" when none is named)
	KindStateMachine   TargetKind = "state-machine"   // a Step Functions state machine ARN
	KindPubSubTopic    TargetKind = "pubsub-topic"    // a Pub/Sub topic ID or projects/P/topics/T
	KindCloudEventType TargetKind = "cloudevent-type" // a CloudEvent type that triggers filter on
	KindOpenFaaS       TargetKind = "openfaas"        // an OpenFaaS function behind the gateway
	// CloudEvents sinks (Call.Sink).
	KindURL         TargetKind = "url"          // an HTTP target URL: a Knative Service, a Broker's ingress, K_SINK
	KindKafkaTopic  TargetKind = "kafka-topic"  // a Kafka topic
	KindNATSSubject TargetKind = "nats-subject" // a NATS subject
	KindReply       TargetKind = "reply"        // a receiver's reply
)

// A Target is where a call sends.
type Target struct {
	Kind TargetKind
	// Value is the target as the code builds it. A part read from an
	// environment variable is written ${NAME}; a part that is not known
	// statically is written *.
	Value string
	// Name is the resource's name taken from Value: the function name of
	// an ARN, the last path element of a queue URL, the topic of an ARN or
	// of projects/P/topics/T, the state machine's name, the bus name, the
	// event type, the OpenFaaS function. It may hold ${NAME} parts; it is
	// empty when the whole value comes from one environment variable.
	Name string
	// Env is the environment variable that the whole value is read from
	// (os.Getenv, os.LookupEnv): a manifest resolves it.
	Env string
}

// Via is the transport of the call as //faas:route via= names it.
func (c *Call) Via() string {
	switch c.Service {
	case "lambda":
		return "direct"
	case "sqs", "sns", "pubsub", "cloudevents":
		return c.Service
	case "eventbridge", "cloudwatchevents":
		return "eventbridge"
	case "sfn":
		return "stepfunctions"
	case "openfaas":
		return "http"
	}
	return ""
}

// importsSDK reports whether pkg imports a package through which it could
// send: a call to an SDK operation names the SDK's input type, client or
// event, so a package that imports none of them makes no such call that
// faasvet could resolve.
func importsSDK(pkg *types.Package) bool {
	for _, imp := range pkg.Imports() {
		switch p := imp.Path(); {
		case p == httpPath, p == pubsubV1, p == pubsubV2, p == ceClientPath, p == ceEventPath, p == ceAliasPath,
			strings.HasPrefix(p, awsV2Service), strings.HasPrefix(p, awsV1Service):
			return true
		}
	}
	return false
}

// SendsThrough reports whether path is a package through whose API a
// package can send in a way this analyzer recognises without reading
// net/http: an AWS service client of awsOps (or a package under it, such
// as v1's sqsiface), Pub/Sub or the CloudEvents client. A dependency
// that imports one (a company's SDK wrapper) is worth summarising; the
// driver reads such dependencies from source (internal/driver/deps.go).
// net/http is left out: nearly every package imports it.
func SendsThrough(path string) bool {
	switch path {
	case pubsubV1, pubsubV2, ceClientPath, ceAliasPath:
		return true
	}
	for _, prefix := range []string{awsV2Service, awsV1Service} {
		if rest, ok := strings.CutPrefix(path, prefix); ok {
			svc, _, _ := strings.Cut(rest, "/")
			_, ok := awsOps[svc]
			return ok
		}
	}
	return false
}

// fanOut reports whether the call publishes to a channel that any number
// of subscribers read, which //faas:publish describes.
func (c *Call) fanOut() bool {
	switch c.Service {
	case "sns", "eventbridge", "cloudwatchevents", "pubsub", "cloudevents":
		return true
	}
	return false
}

func run(pass *analysis.Pass) (*Result, error) {
	sum := pass.ResultOf[handler.Analyzer].(*handler.Summary)
	ig := analysisutil.Ignores(pass, sum.Ignores)
	analysisutil.Filter(pass, ig)
	exportPasses(pass)
	exportDefaults(pass)

	sends := importsSDK(pass.Pkg) || importsSends(pass)
	if !sends && !callsOwnInterface(pass) {
		return &Result{}, nil // most packages: nothing to index
	}
	x := newIndex(pass, pass.ResultOf[flow.Analyzer].(*flow.Result).Index())
	x.dispatchOnly = !sends
	x.build()
	var calls []*Call
	// The common case under go vet: no SDK call at all, and no function
	// whose handler may be built from another package's senders.
	if x.anyOp || len(sum.Functions) > 0 && importsSends(pass) {
		w := &walker{x: x, sum: sum, budget: maxFrames}
		var bySite map[*site][]*Call
		calls, bySite = w.run()
		report(pass, x, sum, bySite)
	}
	if importsSDK(pass.Pkg) {
		calls = append(calls, x.replies(sum)...)
		calls = append(calls, x.receives(sum)...)
	}
	// Even with no SDK call, the package may hold the targets or build the
	// clients that other packages send through.
	summarised := x.summarise()
	if summarised {
		pass.ExportPackageFact(&HasSends{})
	}
	return &Result{Calls: calls, Summarised: summarised}, nil
}

// callsOwnInterface reports whether the package, of a module of the
// user's (not a versioned dependency's, nor the standard library's),
// calls a method of an interface of its own module: a package that
// imports no SDK may still send through one, its implementation living
// in a package that imports this one (opendispatch.go), and its summary
// keeps the call for the importer.
func callsOwnInterface(pass *analysis.Pass) bool {
	if m := pass.Module; m != nil && m.Path != "" {
		if m.Version != "" || m.Path == "std" {
			return false
		}
	} else if len(pass.Files) == 0 || strings.HasPrefix(filepath.ToSlash(pass.Fset.File(pass.Files[0].Pos()).Name()), filepath.ToSlash(build.Default.GOROOT)+"/") {
		return false
	}
	x := &index{pass: pass}
	for _, sel := range pass.TypesInfo.Selections {
		if sel.Kind() != types.MethodVal || !types.IsInterface(sel.Recv()) || flow.NamedOf(sel.Recv()) == nil {
			continue
		}
		if fn := sel.Obj(); fn.Pkg() != nil && x.sameProject(fn.Pkg().Path()) {
			return true
		}
	}
	return false
}

// importsSends reports whether a package pkg imports exports a summary
// of its sends (fact.go).
func importsSends(pass *analysis.Pass) bool {
	for _, imp := range pass.Pkg.Imports() {
		if pass.ImportPackageFact(imp, new(HasSends)) {
			return true
		}
	}
	return false
}
