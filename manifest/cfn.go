package manifest

import (
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/faasvet/faasvet/manifest/asl"
	"github.com/faasvet/faasvet/manifest/node"
)

// A template is one CloudFormation template (or the resources section of
// a serverless.yml) being read: its resources by logical ID, which
// intrinsics resolve against.
type template struct {
	b        *builder
	file     string
	format   Format
	res      map[string]*resource
	order    []*resource // document order
	params   *node.Node
	mappings *node.Node
	globals  *node.Node // Globals.Function
	outputs  *node.Node
	// scalar evaluates plain strings: serverless.yml substitutes its
	// ${self:...} variables; CloudFormation takes them literally.
	scalar func(*node.Node) Value
	// cdk is the cloud assembly a template synthesized by the CDK
	// belongs to, whose assets are its functions' code.
	cdk *assembly
	// defaults, while set, makes a !Sub take the template's parameters
	// at their defaults: for export names, which must match for a stack
	// to deploy at all.
	defaults bool
}

type resource struct {
	id, typ string
	props   *node.Node
	meta    *node.Node
	pos     Pos
	fn      *Function
	ch      *Channel
	sm      *StateMachine
}

func (b *builder) newTemplate(file string, f Format, doc *node.Node) *template {
	t := &template{b: b, file: file, format: f, res: map[string]*resource{},
		params: doc.Get("Parameters"), mappings: doc.Get("Mappings"),
		globals: doc.Path("Globals", "Function")}
	res := doc.Get("Resources")
	if res != nil && !res.IsMap() && res.Kind != node.Null {
		b.errorf(res.Pos, "Resources must be a map of logical IDs to resources")
	}
	for _, fld := range res.Fields() {
		r := &resource{id: fld.Key, typ: fld.Value.Get("Type").Str(), props: fld.Value.Get("Properties"),
			meta: fld.Value.Get("Metadata"), pos: fld.KeyPos}
		t.res[r.id] = r
		t.order = append(t.order, r)
	}
	return t
}

// readTemplate reads a SAM or CloudFormation template.
func (b *builder) readTemplate(file string, f Format, doc *node.Node) {
	t := b.newTemplate(file, f, doc)
	t.outputs = doc.Get("Outputs")
	t.declare()
	t.export()
	t.wire()
	t.close()
}

// export records the template's Outputs that it exports by name.
func (t *template) export() {
	for _, out := range t.outputs.Fields() {
		name, ok := t.exportName(out.Value.Get("Export").Get("Name"))
		if !ok {
			continue
		}
		ep := t.endpoint(t.value(out.Value.Get("Value")))
		if ep.fn == nil && ep.ch == nil && ep.sm == nil {
			continue
		}
		if t.b.exports == nil {
			t.b.exports = map[string][]Endpoint{}
		}
		t.b.exports[name] = append(t.b.exports[name], ep)
	}
}

// exportName evaluates an export's name (of an Output, or that an
// !ImportValue reads) with the template's parameters at their defaults:
// an import names an export of a stack deployed beside it, usually with
// the same parameters (a ${StackPrefix} both templates declare).
func (t *template) exportName(n *node.Node) (string, bool) {
	if n == nil {
		return "", false
	}
	t.defaults = true
	v := t.value(n)
	t.defaults = false
	switch {
	case v.Kind == Literal && v.Text != "":
		return v.Text, true
	case v.Kind == Reference && v.Ref.Is == "parameter" && v.Text != "":
		return v.Text, true
	}
	return "", false
}

// declare creates the model elements the resources are.
func (t *template) declare() {
	for _, r := range t.order {
		switch r.typ {
		case "AWS::Serverless::Function", "AWS::Lambda::Function":
			t.function(r)
		case "AWS::SQS::Queue":
			r.ch = t.channel(r, Queue, "QueueName")
			r.ch.FIFO = r.props.Get("FifoQueue").Truthy()
			if n, err := strconv.Atoi(t.literal(r.props.Get("MessageRetentionPeriod"))); err == nil && n > 0 {
				r.ch.Retention = n
			}
		case "AWS::SNS::Topic":
			r.ch = t.channel(r, Topic, "TopicName")
			r.ch.FIFO = r.props.Get("FifoTopic").Truthy()
		case "AWS::Events::EventBus":
			r.ch = t.channel(r, Bus, "Name")
		case "AWS::S3::Bucket":
			r.ch = t.channel(r, Bucket, "BucketName")
		case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable", "AWS::Serverless::SimpleTable":
			r.ch = t.channel(r, Table, "TableName")
		case "AWS::Kinesis::Stream":
			r.ch = t.channel(r, Stream, "Name")
		case "AWS::Serverless::StateMachine":
			r.sm = t.b.addMachine(&StateMachine{LogicalID: r.id, Format: t.format, Name: t.literal(r.props.Get("Name")), Pos: r.pos})
		case "AWS::StepFunctions::StateMachine":
			r.sm = t.b.addMachine(&StateMachine{LogicalID: r.id, Format: t.format, Name: t.literal(r.props.Get("StateMachineName")), Pos: r.pos})
		}
	}
}

func (t *template) channel(r *resource, k ChannelKind, nameProp string) *Channel {
	return t.b.addChannel(&Channel{LogicalID: r.id, Kind: k, Format: t.format, Name: t.name(r.props.Get(nameProp)), Pos: r.pos})
}

// name returns a resource's name property: a literal, or a parameter's
// default (the name the stack gets unless deployed with another, as a
// reference to the parameter resolves at a link's end).
func (t *template) name(n *node.Node) string {
	v := t.value(n)
	switch {
	case v.Kind == Literal:
		return v.Text
	case v.Kind == Reference && v.Ref.Is == "parameter":
		return v.Text
	}
	return ""
}

// literal returns a property's value when it is a literal string.
func (t *template) literal(n *node.Node) string {
	v := t.value(n)
	if v.Kind == Literal {
		return v.Text
	}
	return ""
}

// prop returns a function property, falling back to Globals.Function for
// SAM functions.
func (t *template) prop(r *resource, key string) *node.Node {
	if v := r.props.Get(key); v != nil {
		return v
	}
	if r.typ == "AWS::Serverless::Function" {
		return t.globals.Get(key)
	}
	return nil
}

func (t *template) function(r *resource) {
	if t.cdk != nil && cdkOwn(r) {
		return
	}
	f := &Function{LogicalID: r.id, Platform: PlatformLambda, Format: t.format, Pos: r.pos}
	f.Name = t.literal(r.props.Get("FunctionName"))
	f.Handler = t.literal(t.prop(r, "Handler"))
	f.Runtime = t.literal(t.prop(r, "Runtime"))
	if r.typ == "AWS::Serverless::Function" {
		f.Image = t.literal(t.prop(r, "ImageUri"))
		if cu := t.prop(r, "CodeUri"); cu.IsString() {
			if d := t.b.dirOf(t.file, cu.Text); d != "" {
				f.CodeDir, f.CodeFrom = d, "CodeUri"
				t.b.checkCodeDir(f, r.pos, "CodeUri "+cu.Text)
			}
		} else if cu == nil && f.Image == "" && t.literal(t.prop(r, "InlineCode")) == "" && !strings.EqualFold(t.literal(t.prop(r, "PackageType")), "Image") {
			// No CodeUri: sam build uses the template's directory.
			f.CodeDir, f.CodeFrom = path.Dir(t.file), "CodeUri"
		}
		if f.CodeDir != "" && strings.EqualFold(t.literal(r.meta.Get("BuildMethod")), "makefile") {
			// sam build runs make build-<LogicalID> in the CodeUri (or
			// ContextPath) directory: its go build names the package.
			makeDir := f.CodeDir
			if cp := r.meta.Get("ContextPath"); cp.IsString() {
				if d := t.b.dirOf(t.file, cp.Text); d != "" {
					makeDir = d
				}
			}
			if d := t.b.makeTargetPackage(makeDir, "build-"+r.id); d != "" {
				f.CodeDir, f.CodeFrom = d, "Makefile"
			}
		}
		if f.CodeDir == "" && strings.EqualFold(t.literal(t.prop(r, "PackageType")), "Image") {
			if dc := r.meta.Get("DockerContext"); dc.IsString() {
				if d := t.b.dirOf(t.file, dc.Text); d != "" {
					f.CodeDir, f.CodeFrom = d, "Metadata.DockerContext"
					// The image's Dockerfile says which package it
					// builds, with the template's build arguments.
					dockerfile := "Dockerfile"
					if df := r.meta.Get("Dockerfile"); df.IsString() && df.Text != "" {
						dockerfile = df.Text
					}
					args := map[string]string{}
					for _, a := range r.meta.Get("DockerBuildArgs").Fields() {
						if a.Value.IsString() {
							args[a.Key] = a.Value.Text
						}
					}
					pkg, unset := t.b.dockerBuild(d, dockerfile, args)
					if pkg != "" {
						f.CodeDir, f.CodeFrom = pkg, "Dockerfile"
					} else if len(unset) > 0 {
						t.b.notef(NoteCode, r.pos, "%s builds its image with %s, whose go build names its package with build argument %s, which neither an ARG default of the Dockerfile nor the function's DockerBuildArgs sets: faasvet cannot tell which Go package the image runs, so its routes are drawn without payload types; give the argument a value in Metadata.DockerBuildArgs",
							r.id, path.Join(d, filepath.ToSlash(dockerfile)), strings.Join(unset, ", "))
					}
				}
			}
		}
	} else if code := r.props.Get("Code"); code.IsString() {
		// A local path that aws cloudformation package uploads.
		if d := t.b.dirOf(t.file, code.Text); d != "" {
			f.CodeDir, f.CodeFrom = d, "Code"
			t.b.checkCodeDir(f, r.pos, "Code "+code.Text)
		}
	} else if t.cdk != nil {
		t.cdk.code(t, r, f)
	} else if t.format == CDKGo {
		t.goCode(r, f)
	}
	r.fn = t.b.addFunction(f)
}

// env reads a function's environment, once every resource is declared
// so that references resolve.
func (t *template) env(r *resource) {
	env := map[string]*EnvVar{}
	addEnv := func(vars *node.Node) {
		for _, v := range vars.Fields() {
			env[v.Key] = &EnvVar{Name: v.Key, Value: t.value(v.Value), Pos: v.KeyPos}
		}
	}
	if r.typ == "AWS::Serverless::Function" {
		addEnv(t.globals.Path("Environment", "Variables"))
	}
	addEnv(r.props.Path("Environment", "Variables"))
	for _, e := range env {
		r.fn.Env = append(r.fn.Env, e)
	}
}

// wire adds the links and state machine definitions, once every resource
// is declared.
func (t *template) wire() {
	for _, r := range t.order {
		switch r.typ {
		case "AWS::Lambda::Function":
			if r.fn != nil && r.props != nil {
				t.env(r)
				t.deadLetter(fnEnd(r.fn), r.props.Get("DeadLetterConfig"))
			}
		case "AWS::Serverless::Function":
			t.env(r)
			t.events(r, fnEnd(r.fn), r.props.Get("Events"))
			if u := t.prop(r, "FunctionUrlConfig"); u != nil {
				t.link(&Link{From: external("function-url"), To: fnEnd(r.fn), Event: "function-url", Name: r.id, Pos: u.Pos})
			}
			t.deadLetter(fnEnd(r.fn), t.prop(r, "DeadLetterQueue"))
			if dc := t.prop(r, "EventInvokeConfig").Get("DestinationConfig"); dc != nil {
				t.destinations(fnEnd(r.fn), dc)
			}
		case "AWS::Lambda::EventInvokeConfig":
			from := t.endpoint(t.value(r.props.Get("FunctionName")))
			t.destinations(from, r.props.Get("DestinationConfig"))
		case "AWS::Lambda::Permission":
			t.permission(r)
		case "AWS::Lambda::EventSourceMapping":
			from := t.endpoint(t.value(r.props.Get("EventSourceArn")))
			to := t.endpoint(t.value(r.props.Get("FunctionName")))
			l := &Link{From: from, To: to, Event: sourceEvent(from), Name: r.id, Pos: r.pos}
			l.BatchItemFailures, l.ResponseTypesUnknown = t.responseTypes(r.props.Get("FunctionResponseTypes"))
			t.link(l)
		case "AWS::Lambda::Url":
			t.link(&Link{From: external("function-url"), To: t.endpoint(t.value(r.props.Get("TargetFunctionArn"))),
				Event: "function-url", Name: r.id, Pos: r.pos})
		case "AWS::ElasticLoadBalancingV2::TargetGroup":
			if strings.EqualFold(t.literal(r.props.Get("TargetType")), "lambda") {
				for _, tg := range r.props.Get("Targets").List() {
					t.link(&Link{From: external("alb"), To: t.endpoint(t.value(tg.Get("Id"))), Event: "alb", Name: r.id, Pos: tg.Pos})
				}
			}
		case "AWS::ApiGatewayV2::Integration":
			t.httpIntegration(r)
		case "AWS::Cognito::UserPool":
			for _, fld := range r.props.Get("LambdaConfig").Fields() {
				fn := fld.Value
				if _, _, intrinsic := fn.Intrinsic(); !intrinsic && fn.IsMap() {
					fn = fn.Get("LambdaArn") // CustomSMSSender, CustomEmailSender
				}
				if fld.Key == "KMSKeyID" || fn == nil {
					continue
				}
				t.link(&Link{From: external("cognito"), To: t.endpoint(t.value(fn)), Event: "cognito",
					UserPoolTriggers: []string{fld.Key}, Name: r.id, Pos: fld.KeyPos})
			}
		case "AWS::SQS::Queue":
			if rp := r.props.Get("RedrivePolicy"); rp != nil && r.ch != nil {
				if dlq := rp.Get("deadLetterTargetArn"); dlq != nil {
					t.link(&Link{From: chEnd(r.ch), To: t.endpoint(t.value(dlq)), Event: "redrive", Name: r.id, Pos: dlq.Pos})
				}
			}
		case "AWS::SNS::Subscription":
			t.subscription(r.props, t.endpoint(t.value(r.props.Get("TopicArn"))), r.pos, r.id)
		case "AWS::SNS::Topic":
			for _, s := range r.props.Get("Subscription").List() {
				t.subscription(s, chEnd(r.ch), s.Pos, r.id)
			}
		case "AWS::Events::Rule":
			t.rule(r)
		case "AWS::S3::Bucket":
			t.bucketNotifications(r)
		case "AWS::Pipes::Pipe":
			from := t.endpoint(t.value(r.props.Get("Source")))
			to := t.endpoint(t.value(r.props.Get("Target")))
			t.link(&Link{From: from, To: to, Event: "pipe", Name: r.id, Pos: r.pos})
		case "AWS::Serverless::StateMachine":
			t.events(r, smEnd(r.sm), r.props.Get("Events"))
			t.stateMachine(r)
		case "AWS::StepFunctions::StateMachine":
			t.stateMachine(r)
		}
	}
}

func (t *template) link(l *Link) {
	l.Format = t.format
	t.b.addLink(l)
}

// permission reads a Lambda permission that lets a service invoke a
// function: API Gateway and load balancers are triggers no other resource
// of the template declares (their routes are integrations), and a
// service whose source is not in the template (a rule or topic of another
// stack) triggers the function from outside.
func (t *template) permission(r *resource) {
	to := t.endpoint(t.value(r.props.Get("FunctionName")))
	principal := t.literal(r.props.Get("Principal"))
	svc, ok := strings.CutSuffix(principal, ".amazonaws.com")
	if to.Kind != EndFunction || !ok || svc == "" {
		return
	}
	event := svc
	switch svc {
	case "apigateway":
		event = "api"
	case "elasticloadbalancing":
		event = "alb"
	default:
		if src := t.value(r.props.Get("SourceArn")); src.Kind == Reference && src.Ref.Target.Kind != "" {
			return // the rule, topic or bucket of this template wires it
		}
	}
	t.link(&Link{From: external(event), To: to, Event: event, Name: r.id, Pos: r.pos})
}

// sourceEvent names the delivery of an event source mapping by its
// source.
func sourceEvent(from Endpoint) string {
	if from.ch != nil {
		switch from.ch.Kind {
		case Queue:
			return "sqs"
		case Table:
			return "dynamodb"
		case Stream:
			return "kinesis"
		}
	}
	for prefix, ev := range map[string]string{"arn:aws:sqs:": "sqs", "arn:aws:dynamodb:": "dynamodb", "arn:aws:kinesis:": "kinesis", "arn:aws:kafka:": "msk", "arn:aws:mq:": "mq"} {
		if strings.HasPrefix(from.Text, prefix) {
			return ev
		}
	}
	return "event-source-mapping"
}

// events reads the Events of a SAM function or state machine.
func (t *template) events(r *resource, to Endpoint, events *node.Node) {
	for _, fld := range events.Fields() {
		ev := fld.Value
		typ := ev.Get("Type").Str()
		p := ev.Get("Properties")
		l := &Link{To: to, Name: fld.Key, Pos: fld.KeyPos}
		switch typ {
		case "SQS":
			l.Event, l.From = "sqs", t.endpoint(t.value(p.Get("Queue")))
			l.BatchItemFailures, l.ResponseTypesUnknown = t.responseTypes(p.Get("FunctionResponseTypes"))
		case "SNS":
			l.Event, l.From = "sns", t.endpoint(t.value(p.Get("Topic")))
			l.FilterPolicy = jsonText(p.Get("FilterPolicy"))
			if sq := p.Get("SqsSubscription"); sq.Truthy() || sq.IsMap() {
				l.ViaQueue = true
			}
		case "EventBridgeRule", "CloudWatchEvent":
			l.Event, l.From = "eventbridge", t.bus(p.Get("EventBusName"), fld.KeyPos)
			l.Pattern = pattern(p.Get("Pattern"))
			l.Input = input(p)
		case "Schedule", "ScheduleV2":
			l.Event, l.From = "schedule", external("schedule")
			l.Schedule = t.literal(p.Get("Schedule"))
			if l.Schedule == "" {
				l.Schedule = t.literal(p.Get("ScheduleExpression"))
			}
			l.Input = input(p)
		case "Api", "HttpApi":
			// A REST API sends payload format 1.0; an HTTP API 2.0 unless
			// the event says otherwise.
			l.Event, l.PayloadFormat = "api", "1.0"
			apiID := p.Get("RestApiId")
			if typ == "HttpApi" {
				l.Event, l.PayloadFormat, apiID = "http-api", "2.0", p.Get("ApiId")
			}
			if t.definedAPI(apiID) {
				// An OpenAPI definition may integrate the route its own
				// way (another payload format, a non-proxy integration).
				l.PayloadFormat = ""
			}
			if pf := p.Get("PayloadFormatVersion"); pf != nil && typ == "HttpApi" {
				l.PayloadFormat = payloadFormat(t.literal(pf))
			}
			l.From = external(l.Event)
			l.Path, l.Method = t.literal(p.Get("Path")), strings.ToUpper(t.literal(p.Get("Method")))
		case "S3":
			l.Event, l.From = "s3", t.endpoint(t.value(p.Get("Bucket")))
		case "DynamoDB":
			l.Event, l.From = "dynamodb", t.endpoint(t.value(p.Get("Stream")))
			l.BatchItemFailures, l.ResponseTypesUnknown = t.responseTypes(p.Get("FunctionResponseTypes"))
		case "Kinesis":
			l.Event, l.From = "kinesis", t.endpoint(t.value(p.Get("Stream")))
			l.BatchItemFailures, l.ResponseTypesUnknown = t.responseTypes(p.Get("FunctionResponseTypes"))
		case "Cognito":
			l.Event, l.From = "cognito", external("cognito")
			l.UserPoolTriggers = t.literals(p.Get("Trigger"))
		case "":
			t.b.errorf(fld.KeyPos, "event %s of %s has no Type", fld.Key, r.id)
			continue
		default:
			l.Event = strings.ToLower(typ)
			l.From = external(l.Event)
		}
		t.link(l)
	}
}

// responseTypes reads FunctionResponseTypes: whether it holds
// ReportBatchItemFailures, or cannot be evaluated (a parameter, !If).
func (t *template) responseTypes(n *node.Node) (batch, unknown bool) {
	if n == nil {
		return false, false
	}
	lits := t.literals(n)
	if slices.Contains(lits, "ReportBatchItemFailures") {
		return true, false
	}
	if n.IsSeq() {
		return false, len(lits) < len(n.List())
	}
	return false, len(lits) == 0
}

// literals are the literal strings of a string or a list of them, sorted.
func (t *template) literals(n *node.Node) []string {
	var out []string
	if s := t.literal(n); s != "" {
		out = append(out, s)
	}
	for _, it := range n.List() {
		if s := t.literal(it); s != "" {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// definedAPI reports whether an event's API is one of the template's
// with an OpenAPI definition of its own.
func (t *template) definedAPI(n *node.Node) bool {
	v := t.value(n)
	if v.Kind != Reference {
		return false
	}
	r := t.res[v.Ref.LogicalID]
	return r != nil && (r.props.Get("DefinitionBody") != nil || r.props.Get("DefinitionUri") != nil || r.props.Get("Body") != nil || r.props.Get("BodyS3Location") != nil)
}

// payloadFormat is a literal payload format version, "" for anything
// else (an expression the reader does not evaluate).
func payloadFormat(s string) string {
	switch s {
	case "1.0", "2.0":
		return s
	}
	return ""
}

// httpIntegration reads an AWS::ApiGatewayV2::Integration of an HTTP API
// that proxies to a function: its payload format version decides the
// event the function gets. WebSocket APIs send events of their own, and
// an integration whose API the template does not declare is read only
// when its version says it is an HTTP API's.
func (t *template) httpIntegration(r *resource) {
	if !strings.EqualFold(t.literal(r.props.Get("IntegrationType")), "AWS_PROXY") {
		return
	}
	pf := payloadFormat(t.literal(r.props.Get("PayloadFormatVersion")))
	api := t.value(r.props.Get("ApiId"))
	protocol := ""
	if api.Kind == Reference {
		if ar := t.res[api.Ref.LogicalID]; ar != nil && ar.typ == "AWS::ApiGatewayV2::Api" {
			protocol = strings.ToUpper(t.literal(ar.props.Get("ProtocolType")))
		}
	}
	if protocol == "WEBSOCKET" || protocol == "" && pf != "2.0" || pf == "" {
		return
	}
	to := t.endpoint(t.value(r.props.Get("IntegrationUri")))
	if to.fn == nil {
		// An invocation URI built with Fn::Sub around the function's ARN.
		v := t.value(r.props.Get("IntegrationUri"))
		var fns []Endpoint
		for _, ref := range v.Refs {
			if ref.Target.fn != nil {
				fns = append(fns, ref.Target)
			}
		}
		if len(fns) != 1 {
			return
		}
		to = fns[0]
	}
	t.link(&Link{From: external("http-api"), To: to, Event: "http-api", PayloadFormat: pf, Name: r.id, Pos: r.pos})
}

// bus is the endpoint of an EventBusName: the default bus when absent.
func (t *template) bus(n *node.Node, pos Pos) Endpoint {
	if n == nil {
		return chEnd(t.b.implicitChannel(Bus, "default", t.format, pos))
	}
	v := t.value(n)
	if v.Kind == Literal && (v.Text == "default" || strings.HasSuffix(v.Text, ":event-bus/default")) {
		return chEnd(t.b.implicitChannel(Bus, "default", t.format, pos))
	}
	return t.endpoint(v)
}

func input(p *node.Node) *Input {
	in := &Input{Constant: jsonOrText(p.Get("Input")), Path: p.Get("InputPath").Str()}
	if it := p.Get("InputTransformer"); it != nil {
		in.Template = jsonOrText(it.Get("InputTemplate"))
		if in.Template == "" {
			in.Template = "(no InputTemplate)"
		}
	}
	if *in == (Input{}) {
		return nil
	}
	return in
}

func jsonText(n *node.Node) string {
	if n == nil {
		return ""
	}
	b, _ := n.MarshalJSON()
	return string(b)
}

// jsonOrText is a scalar's text, or other nodes as JSON.
func jsonOrText(n *node.Node) string {
	if s, ok := n.Scalar(); ok {
		return s
	}
	return jsonText(n)
}

// pattern reads an EventBridge pattern: exact source and detail-type
// values (prefix and other matchers are kept only in the JSON).
func pattern(n *node.Node) *Pattern {
	if n == nil {
		return nil
	}
	if n.IsString() {
		// A pattern given as a JSON string.
		if d, err := node.ParseJSON(n.Pos.File, []byte(n.Text)); err == nil {
			n = d
		}
	}
	p := &Pattern{JSON: jsonText(n)}
	p.Sources = exactValues(n.Get("source"))
	p.DetailTypes = exactValues(n.Get("detail-type"))
	return p
}

func exactValues(n *node.Node) []string {
	var out []string
	if s, ok := n.Scalar(); ok {
		out = append(out, s)
	}
	for _, it := range n.List() {
		if s, ok := it.Scalar(); ok && it.Kind == node.String {
			out = append(out, s)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// destinations reads a DestinationConfig: where the async invocation
// record goes on success and on failure.
func (t *template) destinations(from Endpoint, dc *node.Node) {
	for _, k := range []struct{ key, name string }{{"OnSuccess", "on-success"}, {"OnFailure", "on-failure"}} {
		d := dc.Get(k.key)
		if d == nil {
			continue
		}
		dest := d.Get("Destination")
		if dest == nil {
			continue
		}
		t.link(&Link{From: from, To: t.endpoint(t.value(dest)), Event: "destination", Destination: k.name,
			Name: strings.ToLower(d.Get("Type").Str()), Pos: d.Pos})
	}
}

// deadLetter reads a function's dead-letter queue (SAM DeadLetterQueue,
// CloudFormation DeadLetterConfig): where Lambda sends an asynchronous
// event, unchanged, once its retries fail.
func (t *template) deadLetter(from Endpoint, dl *node.Node) {
	target := dl.Get("TargetArn")
	if target == nil {
		return
	}
	t.link(&Link{From: from, To: t.endpoint(t.value(target)), Event: "dead-letter", Pos: target.Pos})
}

// subscription reads an SNS subscription (a resource or an entry of a
// topic's Subscription list) from topic.
func (t *template) subscription(p *node.Node, topic Endpoint, pos Pos, name string) {
	proto := strings.ToLower(t.literal(p.Get("Protocol")))
	switch proto {
	case "sqs", "lambda", "http", "https", "firehose":
	default:
		return // email, sms, application: no function on the other end
	}
	t.link(&Link{From: topic, To: t.endpoint(t.value(p.Get("Endpoint"))), Event: "sns", Name: name,
		RawMessageDelivery: p.Get("RawMessageDelivery").Truthy(),
		FilterPolicy:       jsonText(p.Get("FilterPolicy")), Pos: pos})
}

// rule reads an EventBridge rule and its targets.
func (t *template) rule(r *resource) {
	from := t.bus(r.props.Get("EventBusName"), r.pos)
	pat := pattern(r.props.Get("EventPattern"))
	sched := t.literal(r.props.Get("ScheduleExpression"))
	event := "eventbridge"
	if pat == nil && sched != "" {
		from, event = external("schedule"), "schedule"
	}
	for _, tg := range r.props.Get("Targets").List() {
		t.link(&Link{From: from, To: t.endpoint(t.value(tg.Get("Arn"))), Event: event, Name: r.id,
			Pattern: pat, Schedule: sched, Input: input(tg), Pos: tg.Pos})
	}
}

func (t *template) bucketNotifications(r *resource) {
	nc := r.props.Get("NotificationConfiguration")
	for _, c := range []struct{ list, key string }{
		{"LambdaConfigurations", "Function"}, {"QueueConfigurations", "Queue"}, {"TopicConfigurations", "Topic"},
	} {
		for _, it := range nc.Get(c.list).List() {
			t.link(&Link{From: chEnd(r.ch), To: t.endpoint(t.value(it.Get(c.key))), Event: "s3", Name: r.id, Pos: it.Pos})
		}
	}
	if nc.Get("EventBridgeConfiguration") != nil {
		// Bucket events go to the default bus as EventBridge events.
		t.link(&Link{From: chEnd(r.ch), To: chEnd(t.b.implicitChannel(Bus, "default", t.format, r.pos)), Event: "s3", Name: r.id, Pos: r.pos})
	}
}

// stateMachine reads a state machine's definition: inline, from a
// DefinitionString, or from a local DefinitionUri file.
func (t *template) stateMachine(r *resource) {
	subs := r.props.Get("DefinitionSubstitutions")
	var def *node.Node
	var subVars *node.Node // the variables of a DefinitionString's Fn::Sub
	switch {
	case r.props.Get("Definition").IsMap():
		def = r.props.Get("Definition")
	case r.props.Get("DefinitionString") != nil:
		def, subVars = t.definitionString(r.props.Get("DefinitionString"))
	default:
		uri := r.props.Get("DefinitionUri")
		if uri == nil {
			uri = r.props.Get("DefinitionS3Location")
		}
		if uri.IsString() {
			def = t.b.definitionFile(t.file, uri, r.sm)
		}
	}
	if def == nil {
		return
	}
	bind := func(ref *node.Node) string { return t.bind(ref, subs, subVars, 0) }
	m, errs := asl.Parse(def, asl.Options{Bind: bind})
	for _, e := range errs {
		t.b.errorf(e.Pos, "state machine %s: %s", r.id, e.Msg)
	}
	r.sm.Definition = m
}

// definitionFile loads a definition from a file named relative to the
// manifest at file, and claims it.
func (b *builder) definitionFile(file string, uri *node.Node, sm *StateMachine) *node.Node {
	rel := path.Join(path.Dir(file), uri.Text)
	if strings.Contains(uri.Text, "://") || strings.HasPrefix(rel, "../") {
		return nil
	}
	b.consumed[rel] = true
	p := b.load(rel, true)
	if p.err != nil {
		b.errs = append(b.errs, Error{Pos: uri.Pos, Msg: "definition " + uri.Text + ": " + p.err.Msg})
		return nil
	}
	if len(p.docs) == 0 {
		b.errorf(uri.Pos, "definition %s is empty", uri.Text)
		return nil
	}
	b.noteTemplate(p)
	b.addFile(rel, StatesLanguage)
	sm.DefinitionFile = rel
	return p.docs[0]
}

// definitionString parses a DefinitionString: a JSON string, maybe inside
// an Fn::Sub whose ${...} are resolved when tasks are bound. Positions
// inside the string are mapped to the template's lines where the string is
// a YAML block; a JSON template's escaped string gets the string's line.
func (t *template) definitionString(n *node.Node) (def, vars *node.Node) {
	text, ok := n.Scalar()
	if name, arg, isFn := n.Intrinsic(); isFn && name == "Fn::Sub" {
		switch {
		case arg.IsString():
			text, ok = arg.Text, true
		case arg.IsSeq() && len(arg.Items) == 2 && arg.Items[0].IsString():
			text, ok, vars = arg.Items[0].Text, true, arg.Items[1]
		}
		n = arg
	}
	if !ok {
		return nil, nil // Fn::Join and the like: not readable here
	}
	d, err := node.ParseJSON(t.file, []byte(text))
	if err != nil {
		t.b.errorf(n.Pos, "DefinitionString: %v", strings.TrimPrefix(err.Error(), t.file+":"))
		return nil, nil
	}
	base := n.Pos.Line
	block := strings.Contains(text, "\n") && !strings.HasSuffix(t.file, ".json")
	var fix func(x *node.Node, depth int)
	fix = func(x *node.Node, depth int) {
		if x == nil || depth > node.MaxDepth {
			return
		}
		if block {
			x.Pos.Line += base
		} else {
			x.Pos = n.Pos
		}
		for _, it := range x.List() {
			fix(it, depth+1)
		}
		for _, f := range x.Fields() {
			if block {
				f.KeyPos.Line += base
			} else {
				f.KeyPos = n.Pos
			}
			fix(f.Value, depth+1)
		}
	}
	fix(d, 0)
	return d, vars
}

// bind resolves a Task's function reference to a function: an intrinsic
// (!GetAtt Fn.Arn, !Ref Fn), a ${substitution} from
// DefinitionSubstitutions or the Fn::Sub around a DefinitionString, or an
// ARN or name that is looked up when the model is complete.
func (t *template) bind(ref *node.Node, subs, subVars *node.Node, depth int) string {
	if ref == nil || depth > 5 {
		return ""
	}
	if _, _, ok := ref.Intrinsic(); ok {
		v := t.value(ref)
		switch {
		case v.Kind == Reference && v.Ref.Target.fn != nil:
			return v.Ref.Target.fn.key
		case v.Kind == Literal:
			return bindName(v.Text)
		}
		return ""
	}
	s, ok := ref.Scalar()
	if !ok {
		return ""
	}
	if name, whole := wholeSub(s); whole {
		if n := subs.Get(name); n != nil {
			return t.bind(n, subs, subVars, depth+1)
		}
		if n := subVars.Get(name); n != nil {
			return t.bind(n, subs, subVars, depth+1)
		}
		res, attr, _ := strings.Cut(name, ".")
		if r := t.res[res]; r != nil && r.fn != nil && (attr == "" || attr == "Arn") {
			return r.fn.key
		}
		return ""
	}
	if i := strings.Index(s, ":function:"); i >= 0 {
		fn := s[i+len(":function:"):]
		if name, whole := wholeSub(fn); whole {
			n := subs.Get(name)
			if n == nil {
				n = subVars.Get(name)
			}
			if n == nil {
				if r := t.res[name]; r != nil && r.fn != nil {
					return r.fn.key // ${Fn} is the function's name
				}
				return ""
			}
			return t.bind(n, subs, subVars, depth+1)
		}
	}
	return bindName(s)
}

// wholeSub reports whether s is exactly one ${NAME}.
func wholeSub(s string) (string, bool) {
	if strings.HasPrefix(s, "${") && strings.HasSuffix(s, "}") && strings.Count(s, "${") == 1 {
		return s[2 : len(s)-1], true
	}
	return "", false
}

// bindName turns a literal function ARN or name into a key that the
// builder resolves by name once every manifest is read.
func bindName(s string) string {
	if strings.Contains(s, "${") || strings.Contains(s, "#{") || s == "" {
		return ""
	}
	if strings.HasPrefix(s, "arn:") {
		i := strings.Index(s, ":function:")
		if i < 0 {
			return ""
		}
		s = s[i+len(":function:"):]
		s, _, _ = strings.Cut(s, ":")
	}
	if strings.ContainsAny(s, ":/ ") {
		return ""
	}
	return "name:" + s
}

// value evaluates a string-valued property: a literal, a reference to a
// resource's attribute, or an expression kept unresolved.
func (t *template) value(n *node.Node) Value {
	return t.eval(n, 0)
}

func (t *template) eval(n *node.Node, depth int) Value {
	if n == nil {
		return Value{Kind: Unresolved}
	}
	if depth > 20 {
		return Value{Kind: Unresolved, Text: n.String()}
	}
	if n.Tag != "" {
		// A YAML tag CloudFormation does not know: keep it, unevaluated.
		return Value{Kind: Unresolved, Text: n.Tag + " " + n.String()}
	}
	if s, ok := n.Scalar(); ok {
		if t.scalar != nil {
			return t.scalar(n)
		}
		return Value{Kind: Literal, Text: s}
	}
	name, arg, ok := n.Intrinsic()
	if !ok {
		return Value{Kind: Unresolved, Text: n.String()}
	}
	unresolved := func() Value {
		v := Value{Kind: Unresolved, Text: n.String()}
		v.Refs = t.mentions(arg, 0)
		return v
	}
	switch name {
	case "Ref":
		if r, ok := t.ref(arg.Str(), ""); ok {
			return r
		}
	case "Fn::GetAtt":
		if arg.IsSeq() && len(arg.Items) == 2 {
			if r, ok := t.ref(arg.Items[0].Str(), arg.Items[1].Str()); ok {
				return r
			}
		}
	case "Fn::Sub":
		return t.sub(n, arg, depth)
	case "Fn::ImportValue":
		v := unresolved()
		v.imp, _ = t.exportName(arg)
		return v
	case "Fn::Join":
		if arg.IsSeq() && len(arg.Items) == 2 && arg.Items[1].IsSeq() {
			sep := arg.Items[0].Str()
			var parts []string
			for _, it := range arg.Items[1].List() {
				v := t.eval(it, depth+1)
				if v.Kind != Literal {
					return unresolved()
				}
				parts = append(parts, v.Text)
			}
			return Value{Kind: Literal, Text: strings.Join(parts, sep)}
		}
	case "Fn::Select":
		if arg.IsSeq() && len(arg.Items) == 2 && arg.Items[1].IsSeq() {
			if i, err := strconv.Atoi(t.eval(arg.Items[0], depth+1).Text); err == nil && i >= 0 && i < len(arg.Items[1].Items) {
				return t.eval(arg.Items[1].Items[i], depth+1)
			}
		}
	case "Fn::FindInMap":
		if arg.IsSeq() && len(arg.Items) >= 3 {
			var keys []string
			for _, it := range arg.Items[:3] {
				v := t.eval(it, depth+1)
				if v.Kind != Literal {
					return unresolved()
				}
				keys = append(keys, v.Text)
			}
			if x := t.mappings.Path(keys...); x != nil {
				return t.eval(x, depth+1)
			}
		}
	}
	return unresolved()
}

// ref resolves !Ref ID or !GetAtt ID.Attr.
func (t *template) ref(id, attr string) (Value, bool) {
	if r := t.res[id]; r != nil {
		ref := &Ref{LogicalID: id, Attr: attr, Is: meaning(r.typ, attr)}
		switch {
		case r.fn != nil:
			ref.Target = fnEnd(r.fn)
		case r.ch != nil:
			ref.Target = chEnd(r.ch)
		case r.sm != nil:
			ref.Target = smEnd(r.sm)
		}
		return Value{Kind: Reference, Ref: ref}, true
	}
	if p := t.params.Get(id); p != nil && attr == "" {
		v := Value{Kind: Reference, Ref: &Ref{LogicalID: id, Is: "parameter"}}
		if d, ok := p.Get("Default").Scalar(); ok {
			v.Text = d
		}
		return v, true
	}
	return Value{}, false
}

// mentions lists the resources an unresolved expression refers to.
func (t *template) mentions(n *node.Node, depth int) []*Ref {
	if n == nil || depth > 20 {
		return nil
	}
	var out []*Ref
	add := func(id, attr string) {
		if v, ok := t.ref(id, attr); ok && v.Ref != nil {
			for _, r := range out {
				if r.LogicalID == id && r.Attr == attr {
					return
				}
			}
			out = append(out, v.Ref)
		}
	}
	if name, arg, ok := n.Intrinsic(); ok {
		switch name {
		case "Ref":
			add(arg.Str(), "")
			return out
		case "Fn::GetAtt":
			if arg.IsSeq() && len(arg.Items) == 2 {
				add(arg.Items[0].Str(), arg.Items[1].Str())
			}
			return out
		case "Fn::Sub":
			tmpl := arg
			if arg.IsSeq() && len(arg.Items) > 0 {
				tmpl = arg.Items[0]
			}
			for _, v := range subVarNames(tmpl.Str()) {
				res, attr, _ := strings.Cut(v, ".")
				add(res, attr)
			}
		}
		n = arg
	}
	for _, it := range n.List() {
		for _, r := range t.mentions(it, depth+1) {
			add(r.LogicalID, r.Attr)
		}
	}
	for _, f := range n.Fields() {
		for _, r := range t.mentions(f.Value, depth+1) {
			add(r.LogicalID, r.Attr)
		}
	}
	return out
}

// sub evaluates Fn::Sub: literal when every variable resolves to a
// literal, a reference when the string is one ${X} or ${X.Attr}, else
// unresolved.
func (t *template) sub(n, arg *node.Node, depth int) Value {
	tmpl, vars := arg, (*node.Node)(nil)
	if arg.IsSeq() && len(arg.Items) == 2 {
		tmpl, vars = arg.Items[0], arg.Items[1]
	}
	s, ok := tmpl.Scalar()
	if !ok {
		return Value{Kind: Unresolved, Text: n.String()}
	}
	if name, whole := wholeSub(s); whole {
		if v := vars.Get(name); v != nil {
			return t.eval(v, depth+1)
		}
		res, attr, _ := strings.Cut(name, ".")
		if r, ok := t.ref(res, attr); ok {
			return r
		}
	}
	var b strings.Builder
	rest := s
	for {
		i := strings.Index(rest, "${")
		if i < 0 {
			b.WriteString(rest)
			break
		}
		b.WriteString(rest[:i])
		rest = rest[i+2:]
		if strings.HasPrefix(rest, "!") {
			b.WriteString("${")
			rest = rest[1:]
			continue
		}
		end := strings.IndexByte(rest, '}')
		if end < 0 {
			return Value{Kind: Unresolved, Text: n.String()}
		}
		name := rest[:end]
		rest = rest[end+1:]
		// Only the Sub's own variables are literal: parameters may be
		// overridden at deploy, and resources' names are generated.
		v := Value{Kind: Unresolved}
		if x := vars.Get(name); x != nil {
			v = t.eval(x, depth+1)
		} else if p := t.params.Get(name); p != nil && t.defaults {
			if d, ok := p.Get("Default").Scalar(); ok {
				v = Value{Kind: Literal, Text: d}
			}
		}
		if v.Kind != Literal {
			out := Value{Kind: Unresolved, Text: n.String()}
			out.Refs = t.mentions(n, 0)
			return out
		}
		b.WriteString(v.Text)
	}
	return Value{Kind: Literal, Text: b.String()}
}

// subVarNames lists the ${NAME} variables of a Sub template.
func subVarNames(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "${")
		if i < 0 {
			return out
		}
		s = s[i+2:]
		end := strings.IndexByte(s, '}')
		if end < 0 {
			return out
		}
		if !strings.HasPrefix(s, "!") {
			out = append(out, s[:end])
		}
		s = s[end+1:]
	}
}

// meaning says what !Ref (attr "") or !GetAtt .attr of a resource type is
// at run time.
func meaning(typ, attr string) string {
	if s, ok := meanings[refKey{typ, attr}]; ok {
		return s
	}
	return "other"
}

type refKey struct{ typ, attr string }

var meanings = map[refKey]string{
	{"AWS::SQS::Queue", ""}: "queue-url", {"AWS::SQS::Queue", "QueueUrl"}: "queue-url",
	{"AWS::SQS::Queue", "Arn"}: "queue-arn", {"AWS::SQS::Queue", "QueueName"}: "queue-name",
	{"AWS::SNS::Topic", ""}: "topic-arn", {"AWS::SNS::Topic", "TopicArn"}: "topic-arn",
	{"AWS::SNS::Topic", "TopicName"}:  "topic-name",
	{"AWS::Serverless::Function", ""}: "function-name", {"AWS::Serverless::Function", "Arn"}: "function-arn",
	{"AWS::Lambda::Function", ""}: "function-name", {"AWS::Lambda::Function", "Arn"}: "function-arn",
	{"AWS::Events::EventBus", ""}: "bus-name", {"AWS::Events::EventBus", "Name"}: "bus-name",
	{"AWS::Events::EventBus", "Arn"}:      "bus-arn",
	{"AWS::Serverless::StateMachine", ""}: "state-machine-arn", {"AWS::Serverless::StateMachine", "Arn"}: "state-machine-arn",
	{"AWS::Serverless::StateMachine", "Name"}: "state-machine-name",
	{"AWS::StepFunctions::StateMachine", ""}:  "state-machine-arn", {"AWS::StepFunctions::StateMachine", "Arn"}: "state-machine-arn",
	{"AWS::StepFunctions::StateMachine", "Name"}: "state-machine-name",
	{"AWS::DynamoDB::Table", ""}:                 "table-name", {"AWS::DynamoDB::Table", "Arn"}: "table-arn",
	{"AWS::DynamoDB::Table", "StreamArn"}: "stream-arn", {"AWS::Serverless::SimpleTable", ""}: "table-name",
	{"AWS::Kinesis::Stream", ""}: "stream-name", {"AWS::Kinesis::Stream", "Arn"}: "stream-arn",
	{"AWS::S3::Bucket", ""}: "bucket-name", {"AWS::S3::Bucket", "Arn"}: "bucket-arn",
}

// endpoint turns a value into a link end: the element a reference points
// to, or a literal (an ARN, URL or name) resolved when the model is
// complete.
func (t *template) endpoint(v Value) Endpoint {
	switch v.Kind {
	case Reference:
		if v.Ref.Target.Kind != "" {
			return v.Ref.Target
		}
		if v.Ref.Is == "parameter" && v.Text != "" {
			return unresolvedEnd(v.Text)
		}
		return unresolvedEnd(refText(v.Ref))
	case Literal:
		return unresolvedEnd(v.Text)
	}
	e := unresolvedEnd(v.Text)
	e.imp = v.imp
	return e
}

func refText(r *Ref) string {
	if r.Attr == "" {
		return "!Ref " + r.LogicalID
	}
	return "!GetAtt " + r.LogicalID + "." + r.Attr
}
