package link

import (
	"fmt"
	"go/ast"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/jsonshape"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/report"
)

const eventsPath = "github.com/aws/aws-lambda-go/events"

// A contract is what a trigger sends a Lambda function and what it
// makes of the function's result.
type contract struct {
	what string // the trigger, for messages: "an HTTP API (payload format 2.0)"
	// sends are the aws-lambda-go event types that model what the trigger
	// sends, the one to suggest first. Types that are wire-identical for
	// the trigger (a function URL's request and an HTTP API's) are all
	// listed.
	sends []string
	// response is the response type to suggest when the trigger reads a
	// statusCode from the result and rejects anything else (REST APIs,
	// payload format 1.0, ALB); "" when it takes any result.
	response string
	// batch is the batch response type when the trigger is an event
	// source mapping that reads batchItemFailures from the result; "" for
	// other triggers.
	batch string
	// body: the trigger's event carries the request body as a string
	// (API Gateway, ALB, function URLs).
	body bool
	// envelope: the trigger wraps messages in an envelope, and
	// envelope-mismatch judges handlers that decode the payload itself or
	// take another envelope.
	envelope bool
}

// contractOf is the contract of a manifest link into a function, or nil
// when the manifest does not fix one.
func contractOf(l *manifest.Link) *contract {
	c := &contract{envelope: envelopeOf(l) != ""}
	switch l.Event {
	case "api", "http-api":
		switch l.PayloadFormat {
		case "1.0":
			c.what, c.sends, c.response = "an API Gateway REST API", []string{"APIGatewayProxyRequest"}, "APIGatewayProxyResponse"
			if l.Event == "http-api" {
				c.what = "an HTTP API with payload format 1.0"
			}
		case "2.0":
			c.what, c.sends = "an HTTP API (payload format 2.0)", []string{"APIGatewayV2HTTPRequest"}
		default:
			return nil // a permission for API Gateway: REST or HTTP, the manifest does not say
		}
	case "alb":
		c.what, c.sends, c.response = "an Application Load Balancer target group", []string{"ALBTargetGroupRequest"}, "ALBTargetGroupResponse"
	case "function-url":
		c.what, c.sends = "a function URL", []string{"LambdaFunctionURLRequest", "APIGatewayV2HTTPRequest"}
	case "cognito":
		c.what = "a Cognito user pool trigger (" + strings.Join(l.UserPoolTriggers, ", ") + ")"
		for _, t := range l.UserPoolTriggers {
			ts, ok := cognitoEvents[t]
			if !ok {
				return nil // CustomSMSSender and the like: no event type to hold it to
			}
			c.sends = append(c.sends, ts...)
		}
		if len(c.sends) == 0 {
			return nil
		}
	case "sqs":
		c.what, c.sends, c.batch = "an SQS queue", []string{"SQSEvent"}, "SQSEventResponse"
	case "sns":
		c.what, c.sends = "an SNS topic", []string{"SNSEvent"}
		if l.ViaQueue {
			c.what, c.sends = "an SNS topic through an SQS queue", []string{"SQSEvent"}
		}
	case "kinesis":
		c.what, c.sends, c.batch = "a Kinesis stream", []string{"KinesisEvent", "KinesisTimeWindowEvent"}, "KinesisEventResponse"
	case "dynamodb":
		c.what, c.sends, c.batch = "a DynamoDB stream", []string{"DynamoDBEvent", "DynamoDBTimeWindowEvent"}, "DynamoDBEventResponse"
	case "s3":
		c.what, c.sends = "an S3 bucket notification", []string{"S3Event"}
	case "eventbridge", "schedule", "cloudwatchevent":
		if l.Input != nil {
			return nil // an input transformation decides what arrives
		}
		c.what, c.sends = "an EventBridge rule", []string{"CloudWatchEvent"}
		if l.Event == "schedule" {
			c.what = "a schedule"
		}
	default:
		return nil
	}
	switch l.Event {
	case "api", "http-api", "alb", "function-url":
		c.body = true
	}
	if l.ResponseTypesUnknown {
		c.batch = "" // function response types the reader could not evaluate
	}
	return c
}

// cognitoEvents are the events of the Cognito user pool triggers, by the
// names CloudFormation, SAM and serverless.yml give the triggers.
var cognitoEvents = map[string][]string{
	"PreSignUp":                   {"CognitoEventUserPoolsPreSignup"},
	"PreAuthentication":           {"CognitoEventUserPoolsPreAuthentication"},
	"PostConfirmation":            {"CognitoEventUserPoolsPostConfirmation"},
	"PostAuthentication":          {"CognitoEventUserPoolsPostAuthentication"},
	"PreTokenGeneration":          {"CognitoEventUserPoolsPreTokenGen", "CognitoEventUserPoolsPreTokenGenV2", "CognitoEventUserPoolsPreTokenGenV2_0"},
	"PreTokenGenerationConfig":    {"CognitoEventUserPoolsPreTokenGen", "CognitoEventUserPoolsPreTokenGenV2", "CognitoEventUserPoolsPreTokenGenV2_0"},
	"CustomMessage":               {"CognitoEventUserPoolsCustomMessage"},
	"DefineAuthChallenge":         {"CognitoEventUserPoolsDefineAuthChallenge"},
	"CreateAuthChallenge":         {"CognitoEventUserPoolsCreateAuthChallenge"},
	"VerifyAuthChallengeResponse": {"CognitoEventUserPoolsVerifyAuthChallenge"},
	"UserMigration":               {"CognitoEventUserPoolsMigrateUser"},
}

// triggerState is what checkTriggers keeps from one link to the next.
type triggerState struct {
	model *jsonshape.Model
	// events is the events package that some function of the program
	// sees, once looked for.
	events   *types.Package
	searched bool
}

// programEvents is the events package as the first function (in the
// program's order) that sees it sees it, or nil.
func (st *triggerState) programEvents(p *program) *types.Package {
	if !st.searched {
		st.searched = true
		for _, rec := range p.funcs {
			if ev := eventsPackage(rec, &graphext.Node{}); ev != nil {
				st.events = ev
				break
			}
		}
	}
	return st.events
}

// checkTriggers holds every Lambda handler to the contract of each
// trigger the manifests give it: the event type it takes against the
// one the trigger sends, and its result against what the trigger reads
// from it (a statusCode, a batch response).
func (p *program) checkTriggers() {
	if p.model == nil {
		return
	}
	st := &triggerState{model: jsonshape.NewModel()}
	for _, l := range p.model.Links {
		if l.To.Kind != manifest.EndFunction {
			continue
		}
		rec := p.bound[l.To.ID]
		if rec == nil || rec.fn.Platform != handler.Lambda || rec.fn.Style != handler.JSON {
			continue
		}
		c := contractOf(l)
		if c == nil {
			continue
		}
		node := p.graph.Node(graphext.FunctionID(rec.fn.Name))
		if node == nil {
			continue
		}
		events := eventsPackage(rec, node)
		if events == nil {
			// A handler whose package does not import the events package
			// (one that takes its own struct): the program's copy.
			events = st.programEvents(p)
		}
		if events == nil {
			continue // nothing imports aws-lambda-go/events: no type to hold the handler to
		}
		p.checkTriggerInput(st, l, c, rec, node, events)
		p.checkTriggerOutput(st, l, c, rec, node)
	}
}

// eventsPackage is the aws-lambda-go events package as the function's
// package sees it: its input's package, or one it imports.
func eventsPackage(rec *fnRec, node *graphext.Node) *types.Package {
	for _, t := range []types.Type{node.Input, node.Output} {
		if n := namedOf(t); n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == eventsPath {
			return n.Obj().Pkg()
		}
	}
	if rec.pkg == nil || rec.pkg.Types == nil {
		return nil
	}
	seen := map[*types.Package]bool{rec.pkg.Types: true}
	queue := []*types.Package{rec.pkg.Types}
	for i := 0; i < len(queue); i++ {
		if queue[i].Path() == eventsPath {
			return queue[i]
		}
		for _, imp := range queue[i].Imports() {
			if !seen[imp] {
				seen[imp] = true
				queue = append(queue, imp)
			}
		}
	}
	return nil
}

func namedOf(t types.Type) *types.Named {
	if t == nil {
		return nil
	}
	n, _ := types.Unalias(derefType(types.Unalias(t))).(*types.Named)
	return n
}

// eventName is the name of an aws-lambda-go event type, or "".
func eventName(t types.Type) string {
	if n := namedOf(t); n != nil && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == eventsPath {
		return n.Obj().Name()
	}
	return ""
}

// anyJSON reports whether a type takes or writes any JSON: an interface,
// a map, json.RawMessage, bytes.
func anyJSON(t types.Type) bool {
	t = types.Unalias(derefType(types.Unalias(t)))
	if n, ok := t.(*types.Named); ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "encoding/json" && n.Obj().Name() == "RawMessage" {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Interface, *types.Map:
		return true
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

// lookupEvent is the events package's type name, or nil.
func lookupEvent(events *types.Package, name string) types.Type {
	if obj, ok := events.Scope().Lookup(name).(*types.TypeName); ok {
		return obj.Type()
	}
	return nil
}

// keyDiff compares the top-level keys of what a trigger sends with
// those of the type the handler decodes it into: the handler's keys that
// never arrive, and the trigger's keys that the handler has no field for.
// Matching is encoding/json's, case-insensitive.
func keyDiff(sent, in *jsonshape.Shape) (missing, dropped []string) {
	if sent.Kind != jsonshape.Object || in.Kind != jsonshape.Object {
		return nil, nil
	}
	for _, f := range in.Fields {
		if g, _ := sent.Lookup(f.Name); g == nil {
			missing = append(missing, f.Name)
		}
	}
	for _, f := range sent.Fields {
		if g, _ := in.Lookup(f.Name); g == nil {
			dropped = append(dropped, f.Name)
		}
	}
	return missing, dropped
}

// failing are the problems of decoding what a trigger sends into the
// handler's type that fail every invocation.
func failing(res jsonshape.Result) []jsonshape.Problem {
	var out []jsonshape.Problem
	for _, prob := range res.Problems {
		if prob.Effect == jsonshape.Failing {
			out = append(out, prob)
		}
	}
	return out
}

// checkTriggerInput holds the handler's input type to the event the
// trigger sends. Handlers that take any JSON are compatible with every
// trigger; a function whose input is unknown is not judged.
func (p *program) checkTriggerInput(st *triggerState, l *manifest.Link, c *contract, rec *fnRec, node *graphext.Node, events *types.Package) {
	in := node.Input
	if in == nil || anyJSON(in) {
		return
	}
	name := eventName(in)
	if slices.Contains(c.sends, name) {
		return
	}
	if c.envelope {
		// envelope-mismatch's cases: a plain payload struct decoded
		// straight from an envelope, and one envelope taken for another.
		pl := p.payloads[rec.fn]
		if pl != nil && knownEnvelope(pl.Envelope) || pl == nil && plainStruct(in) {
			return
		}
	}
	// The trigger's event type that the handler's is closest to.
	type cand struct {
		name             string
		fail             []jsonshape.Problem
		missing, dropped []string
	}
	var best *cand
	dec := st.model.Decode(in)
	for _, s := range c.sends {
		t := lookupEvent(events, s)
		if t == nil {
			continue
		}
		enc := st.model.Encode(t)
		cd := &cand{name: s, fail: failing(jsonshape.Compatible(enc, dec))}
		cd.missing, cd.dropped = keyDiff(enc, dec)
		lost := len(cd.missing) > 0 && len(cd.dropped) > 0
		if lost {
			// Only what the handler reads is lost: a handler that takes
			// the REST event behind an HTTP API and reads only its Body
			// works.
			cd.missing = readKeys(p.reads[rec.fn], dec, cd.missing)
			lost = len(cd.missing) > 0
		}
		if best == nil || len(cd.fail) < len(best.fail) ||
			len(cd.fail) == len(best.fail) && !lost && len(best.missing) > 0 && len(best.dropped) > 0 {
			best = cd
		}
	}
	if best == nil {
		return
	}
	at := mpos(l.Pos)
	keys := []string{rec.fn.Name, l.Event, typeString(in)}
	rel := []report.Related{related(p, rec.fn.Pos, rec.fn.Name+"'s handler")}
	suggest := "events." + c.sends[0]
	if name == "" && c.body {
		suggest += " and decode its Body into " + typeString(in)
	}
	switch {
	case len(best.fail) > 0:
		prob := best.fail[0]
		p.emit(finding{check: "trigger-type", at: at, keys: keys, related: rel,
			msg: fmt.Sprintf("%s is triggered by %s here, which sends %s, but its handler takes %s: at %s, %s, so the runtime fails every invocation before the handler runs; take %s",
				rec.fn.Name, c.what, "events."+best.name, typeString(in), prob.Path, prob.Message, suggest)})
	case len(best.missing) > 0 && len(best.dropped) > 0:
		p.emit(finding{check: "trigger-type", variant: "lossy", at: at, keys: keys, related: rel,
			msg: fmt.Sprintf("%s is triggered by %s here, which sends %s, but its handler takes %s and reads its %s, which that event never carries: the handler sees zero values on every invocation, while the event's %s go unread; take %s",
				rec.fn.Name, c.what, "events."+best.name, typeString(in), keyList(best.missing), keyList(best.dropped), suggest)})
	}
}

// readKeys are the keys among keys whose fields the handler reads from
// its input parameter (p.Path, p.HTTPMethod). When the handler hands the
// whole value on (to a router, a helper, another package) what it reads
// is not known here, and every key counts.
func readKeys(r reads, dec *jsonshape.Shape, keys []string) []string {
	fields := map[*types.Var]string{}
	for _, k := range keys {
		if f, _ := dec.Lookup(k); f != nil {
			if v := fieldVar(dec, f); v != nil {
				fields[v] = k
			}
		}
	}
	read, ok := r.read, r.ok
	if !ok {
		return keys
	}
	var out []string
	for _, k := range keys {
		for v, key := range fields {
			if key == k && read[v] {
				out = append(out, k)
				break
			}
		}
	}
	return out
}

// paramReads are the fields the handler fn of pkg selects on its input
// parameter; ok is false when the handler's syntax is not found or the
// parameter is used whole. Summarise reads them while pkg's syntax is
// there.
func paramReads(pkg *packages.Package, fn *handler.Function) (read map[*types.Var]bool, ok bool) {
	if pkg.TypesInfo == nil || !fn.HandlerAt.IsValid() {
		return nil, false
	}
	var ftype *ast.FuncType
	var body *ast.BlockStmt
	for _, file := range pkg.Syntax {
		if fn.HandlerAt < file.FileStart || fn.HandlerAt >= file.FileEnd {
			continue
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if ftype != nil {
				return false
			}
			switch n := n.(type) {
			case *ast.FuncDecl:
				if n.Body != nil && (n.Pos() == fn.HandlerAt || n.Name.Pos() == fn.HandlerAt) {
					ftype, body = n.Type, n.Body
				}
			case *ast.FuncLit:
				if n.Pos() == fn.HandlerAt {
					ftype, body = n.Type, n.Body
				}
			}
			return true
		})
	}
	if ftype == nil || ftype.Params == nil || len(ftype.Params.List) == 0 {
		return nil, false
	}
	last := ftype.Params.List[len(ftype.Params.List)-1]
	if len(last.Names) == 0 {
		return map[*types.Var]bool{}, true // unnamed: nothing reads it
	}
	param := pkg.TypesInfo.Defs[last.Names[len(last.Names)-1]]
	if param == nil {
		return map[*types.Var]bool{}, true // _
	}
	read = map[*types.Var]bool{}
	ok = true
	var stack []ast.Node
	ast.Inspect(body, func(n ast.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return true
		}
		if id, isID := n.(*ast.Ident); isID && pkg.TypesInfo.Uses[id] == param {
			parent := stack[len(stack)-1]
			sel, isSel := parent.(*ast.SelectorExpr)
			if !isSel || sel.X != id {
				ok = false // handed on whole
			} else if s := pkg.TypesInfo.Selections[sel]; s != nil && s.Kind() == types.FieldVal {
				if v, isVar := s.Obj().(*types.Var); isVar {
					read[v] = true
				}
			} else {
				ok = false // a method: it may read anything
			}
		}
		stack = append(stack, n)
		return true
	})
	return read, ok
}

// keyList writes keys for a message: the first few, quoted.
func keyList(keys []string) string {
	const most = 4
	var b strings.Builder
	for i, k := range keys {
		if i == most {
			fmt.Fprintf(&b, " and %d more", len(keys)-most)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", k)
	}
	if len(keys) == 1 {
		return "key " + b.String()
	}
	return "keys " + b.String()
}

// checkTriggerOutput holds the handler's result to what the trigger
// reads from it.
func (p *program) checkTriggerOutput(st *triggerState, l *manifest.Link, c *contract, rec *fnRec, node *graphext.Node) {
	out := node.Output
	at := mpos(l.Pos)
	rel := []report.Related{related(p, rec.fn.Pos, rec.fn.Name+"'s handler")}
	if c.response != "" {
		switch {
		case rec.fn.OutputNull:
			p.emit(finding{check: "trigger-type", at: at, keys: []string{rec.fn.Name, l.Event, "no-response"}, related: rel,
				msg: fmt.Sprintf("%s is triggered by %s here, which needs a response with a statusCode, but its handler returns no value: the function sends null and every request fails with 502 (malformed Lambda proxy response); return events.%s",
					rec.fn.Name, c.what, c.response)})
		case out != nil && !anyJSON(out):
			if sh := st.model.Encode(out); sh.Kind != jsonshape.Any && sh.Kind != jsonshape.Opaque && !hasKey(sh, "statusCode") {
				p.emit(finding{check: "trigger-type", at: at, keys: []string{rec.fn.Name, l.Event, typeString(out)}, related: rel,
					msg: fmt.Sprintf("%s is triggered by %s here, which needs a response with a statusCode, but its handler returns %s, which has none: every request fails with 502 (malformed Lambda proxy response); return events.%s",
						rec.fn.Name, c.what, typeString(out), c.response)})
			}
		}
	}
	if c.batch == "" {
		return
	}
	var sh *jsonshape.Shape
	if out != nil && !anyJSON(out) {
		sh = st.model.Encode(out)
		if sh.Kind == jsonshape.Any || sh.Kind == jsonshape.Opaque {
			return
		}
	} else if out != nil {
		return
	}
	reports := sh != nil && hasKey(sh, "batchItemFailures")
	switch {
	case l.BatchItemFailures && sh != nil && sh.Kind != jsonshape.Object && sh.Kind != jsonshape.Map:
		p.emit(finding{check: "trigger-type", at: at, keys: []string{rec.fn.Name, l.Event, "batch-response"}, related: rel,
			msg: fmt.Sprintf("%s is triggered by %s here with ReportBatchItemFailures, so Lambda reads its result as a batch response, but its handler returns %s, which is not a JSON object: Lambda counts every batch as failed and retries it; return events.%s",
				rec.fn.Name, c.what, typeString(out), c.batch)})
	case l.BatchItemFailures && !reports:
		what := "returns no value"
		if out != nil {
			what = "returns " + typeString(out) + ", which has no batchItemFailures"
		}
		p.emit(finding{check: "trigger-type", variant: "batch-response", at: at, keys: []string{rec.fn.Name, l.Event, "batch-response"}, related: rel,
			msg: fmt.Sprintf("%s is triggered by %s here with ReportBatchItemFailures, but its handler %s: it cannot report which records failed, so one failure retries the whole batch, records that succeeded included; return events.%s with the failed records' IDs",
				rec.fn.Name, c.what, what, c.batch)})
	case !l.BatchItemFailures && reports:
		p.emit(finding{check: "trigger-type", variant: "unread-batch-response", at: at, keys: []string{rec.fn.Name, l.Event, "unread-batch-response"}, related: rel,
			msg: fmt.Sprintf("%s returns %s, a batch response, but %s triggers it here without ReportBatchItemFailures in its function response types: Lambda ignores the result, counts the batch as a success and deletes the failed records; add FunctionResponseTypes: [ReportBatchItemFailures] (function_response_types in Terraform, functionResponseType in serverless.yml), or return an error to retry the batch",
				rec.fn.Name, typeString(out), c.what)})
	}
}

// hasKey reports whether an object shape writes key (exactly: the
// platforms parse the result case-sensitively).
func hasKey(sh *jsonshape.Shape, key string) bool {
	if sh.Kind != jsonshape.Object {
		return false
	}
	f, exact := sh.Lookup(key)
	return f != nil && exact
}
