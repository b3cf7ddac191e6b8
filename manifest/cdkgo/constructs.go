package cdkgo

import (
	"go/ast"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/faasvet/faasvet/manifest/node"
)

// A resource is a construct the app declares, as the CloudFormation
// resource cdk synth would write for it.
type resource struct {
	id, typ string
	pos     node.Pos
	props   *node.Node // a Map
	meta    *node.Node // a Map
	// drop says why a rule's targets are not written (a pattern this
	// reader cannot evaluate), "" when they are.
	drop string
}

// An app is what one CDK app declares: its resources in declaration
// order.
type app struct {
	dir   string // the app's directory, relative to the root
	res   []*resource
	byKey map[string]*resource
	ids   map[string]bool
}

// newRes declares a resource, or returns the one the same constructor
// call declared with the same construct ID (an app that instantiates a
// stack per stage or region declares it once here).
func (in *interp) newRes(typ string, idv *value, at node.Pos) *resource {
	id := display(idv)
	if id == "" {
		id = strings.TrimPrefix(typ[strings.LastIndex(typ, ":")+1:], ":") + strconv.Itoa(at.Line)
	}
	key := typ + "\x00" + id + "\x00" + at.String()
	if r := in.app.byKey[key]; r != nil {
		return r
	}
	uniq := id
	for n := 2; in.app.ids[uniq]; n++ {
		uniq = id + "_" + strconv.Itoa(n)
	}
	in.app.ids[uniq] = true
	r := &resource{id: uniq, typ: typ, pos: at, props: &node.Node{Kind: node.Map, Pos: at}, meta: &node.Node{Kind: node.Map, Pos: at}}
	in.app.byKey[key] = r
	in.app.res = append(in.app.res, r)
	return r
}

// display is a construct ID as text: the literal, or its known parts
// with ? for the unknown ones.
func display(v *value) string {
	if v == nil || v.n == nil {
		return ""
	}
	var b strings.Builder
	var walk func(n *node.Node)
	walk = func(n *node.Node) {
		if n.Tag != "" {
			b.WriteString("?")
			return
		}
		if s, ok := n.Scalar(); ok {
			b.WriteString(s)
			return
		}
		if name, a, ok := n.Intrinsic(); ok && name == "Fn::Join" && len(a.List()) == 2 {
			for _, p := range a.Items[1].List() {
				walk(p)
			}
			return
		}
		b.WriteString("?")
	}
	walk(v.n)
	return b.String()
}

func set(m *node.Node, key string, v *node.Node) {
	if v == nil {
		return
	}
	for _, f := range m.Field {
		if f.Key == key {
			f.Value = v
			return
		}
	}
	m.Field = append(m.Field, &node.Field{Key: key, KeyPos: v.Pos, Value: v})
}

func get(m *node.Node, key string) *node.Node { return m.Get(key) }

func lit(s string, at node.Pos) *node.Node { return &node.Node{Kind: node.String, Text: s, Pos: at} }

// unknownTag marks a value the reader does not evaluate; the
// CloudFormation reader keeps a tagged node as unresolved.
const unknownTag = "!GoExpr"

func unknown(expr string, at node.Pos) *node.Node {
	return &node.Node{Kind: node.String, Text: expr, Tag: unknownTag, Pos: at}
}

func mapNode(at node.Pos, kv ...any) *node.Node {
	m := &node.Node{Kind: node.Map, Pos: at}
	for i := 0; i+1 < len(kv); i += 2 {
		set(m, kv[i].(string), kv[i+1].(*node.Node))
	}
	return m
}

func seq(at node.Pos, items ...*node.Node) *node.Node {
	return &node.Node{Kind: node.Seq, Items: items, Pos: at}
}

func ref(r *resource, at node.Pos) *node.Node { return mapNode(at, "Ref", lit(r.id, at)) }

func getAtt(r *resource, attr string, at node.Pos) *node.Node {
	return mapNode(at, "Fn::GetAtt", seq(at, lit(r.id, at), lit(attr, at)))
}

// join is a string of parts: the literal when every part is one, else
// an Fn::Join.
func join(at node.Pos, parts ...*node.Node) *node.Node {
	var b strings.Builder
	var flat []*node.Node
	for _, p := range parts {
		if name, a, ok := p.Intrinsic(); ok && name == "Fn::Join" && len(a.List()) == 2 && a.Items[0].Str() == "" {
			flat = append(flat, a.Items[1].List()...)
			continue
		}
		flat = append(flat, p)
	}
	for _, p := range flat {
		s, ok := p.Scalar()
		if !ok || p.Tag != "" {
			return mapNode(at, "Fn::Join", seq(at, lit("", at), seq(at, flat...)))
		}
		b.WriteString(s)
	}
	return lit(b.String(), at)
}

// field is a field of a props struct value, or nil.
func field(props *value, name string) *value {
	if props == nil || props.obj == nil {
		return nil
	}
	return props.obj.get(name)
}

// runtimes maps the CDK's Runtime_ constants of Go-capable runtimes.
var runtimes = map[string]string{
	"Runtime_GO_1_X": "go1.x", "Runtime_PROVIDED": "provided", "Runtime_PROVIDED_AL2": "provided.al2", "Runtime_PROVIDED_AL2023": "provided.al2023",
}

// bindings are the constructors of what ties a construct to another (an
// event source, a subscription, a rule's target), by package and name:
// the kind of binding, whose target is the first argument and whose
// props the second.
var bindings = map[string]string{
	"awslambdaeventsources.NewSqsEventSource":   "sqs-source",
	"awslambdaeventsources.NewSnsEventSource":   "sns-source",
	"awssnssubscriptions.NewSqsSubscription":    "sqs-subscription",
	"awssnssubscriptions.NewLambdaSubscription": "lambda-subscription",
	"awseventstargets.NewLambdaFunction":        "target-lambda",
	"awseventstargets.NewSqsQueue":              "target-sqs",
	"awseventstargets.NewSnsTopic":              "target-sns",
	"awseventstargets.NewEventBus":              "target-bus",
}

// construct handles the CDK constructors and static functions this
// reader knows, by module and name; nil for the others.
func (in *interp) construct(mod, name string, args []*value, e *ast.CallExpr, at node.Pos) *value {
	props := arg(args, 2)
	switch mod + "." + name {
	case "awssqs.NewQueue":
		r := in.newRes("AWS::SQS::Queue", arg(args, 1), at)
		set(r.props, "QueueName", in.prop(field(props, "QueueName")))
		set(r.props, "FifoQueue", in.prop(field(props, "Fifo")))
		if dl := field(props, "DeadLetterQueue"); dl != nil && dl.obj != nil {
			if q := dl.obj.get("Queue"); q != nil && q.res != nil {
				set(r.props, "RedrivePolicy", mapNode(at, "deadLetterTargetArn", getAtt(q.res, "Arn", at)))
			}
		}
		return &value{res: r}
	case "awssns.NewTopic":
		r := in.newRes("AWS::SNS::Topic", arg(args, 1), at)
		set(r.props, "TopicName", in.prop(field(props, "TopicName")))
		set(r.props, "FifoTopic", in.prop(field(props, "Fifo")))
		return &value{res: r}
	case "awsevents.NewEventBus":
		r := in.newRes("AWS::Events::EventBus", arg(args, 1), at)
		set(r.props, "Name", in.prop(field(props, "EventBusName")))
		return &value{res: r}
	case "awsevents.NewRule":
		r := in.newRes("AWS::Events::Rule", arg(args, 1), at)
		if b := field(props, "EventBus"); b != nil && !b.isNil {
			if b.res != nil {
				set(r.props, "EventBusName", ref(b.res, at))
			} else {
				set(r.props, "EventBusName", unknown("EventBus", at))
				r.drop = "its event bus is not a construct this reader follows"
			}
		}
		if s := field(props, "Schedule"); s != nil {
			set(r.props, "ScheduleExpression", in.prop(s))
		}
		in.addPattern(r, field(props, "EventPattern"), at)
		if t := field(props, "Targets"); t != nil {
			for _, b := range t.list {
				in.addTarget(r, b, at)
			}
		}
		return &value{res: r}
	case "awsevents.Schedule_Expression":
		return arg(args, 0)
	case "awsevents.Schedule_Rate", "awsevents.Schedule_Cron":
		return &value{n: lit(in.src(e), at)}
	case "awslambda.NewFunction", "awscdklambdagoalpha.NewGoFunction", "awslambdago.NewGoFunction", "awslambdagoalpha.NewGoFunction":
		return in.function(name == "NewGoFunction", args, e, at)
	case "awslambda.Code_FromAsset", "awslambda.AssetCode_FromAsset", "awslambda.Code_Asset":
		return &value{bind: &binding{kind: "asset", target: arg(args, 0), pos: at}}
	}
	if kind, ok := bindings[mod+"."+name]; ok {
		return &value{bind: &binding{kind: kind, target: arg(args, 0), props: arg(args, 1), pos: at}}
	}
	if mod == "awslambda" {
		if rt, ok := runtimes[name]; ok {
			return &value{n: lit(rt, at)}
		}
	}
	return nil
}

// prop is a value as a property node: nil when absent.
func (in *interp) prop(v *value) *node.Node {
	if v == nil || v.isNil {
		return nil
	}
	if v.n != nil {
		return v.n
	}
	return nil
}

// function declares a Lambda function (awslambda.NewFunction) or a Go
// function (GoFunction, whose Entry is its code's directory relative to
// the app's directory, where cdk synth runs).
func (in *interp) function(goFn bool, args []*value, e *ast.CallExpr, at node.Pos) *value {
	props := arg(args, 2)
	r := in.newRes("AWS::Lambda::Function", arg(args, 1), at)
	set(r.props, "FunctionName", in.prop(field(props, "FunctionName")))
	set(r.props, "Handler", in.prop(field(props, "Handler")))
	rt := in.prop(field(props, "Runtime"))
	if rt == nil && goFn {
		rt = lit("provided.al2023", at)
	}
	set(r.props, "Runtime", rt)
	var code *value
	from := "Code.FromAsset"
	if goFn {
		code, from = field(props, "Entry"), "GoFunction Entry"
	} else if c := field(props, "Code"); c != nil && c.bind != nil && c.bind.kind == "asset" {
		code = c.bind.target
	}
	if s, ok := in.str(code); ok {
		if d, ok := in.codePath(s); ok {
			set(r.meta, "faasvet:code", lit(d, at))
			set(r.meta, "faasvet:code-from", lit(from, at))
		}
	} else {
		what := "Code"
		if goFn {
			what = "Entry"
		}
		in.note(e.Pos(), "function %s: its %s is not a value this reader follows, so the Go code it runs is not known", r.id, what)
	}
	if env := field(props, "Environment"); env != nil && !env.isNil {
		if env.obj == nil {
			in.note(e.Pos(), "function %s: its Environment is not a map this reader follows, so its environment variables are not seen", r.id)
		} else {
			for _, k := range env.obj.keys {
				in.addEnv(r, k, env.obj.vals[k], at)
			}
		}
	}
	if evs := field(props, "Events"); evs != nil {
		for _, ev := range evs.list {
			in.addEventSource(r, ev, at)
		}
	}
	return &value{res: r}
}

// codePath makes a code path (relative to the app's directory, or
// absolute) relative to the root; it may lead outside it (../).
func (in *interp) codePath(s string) (string, bool) {
	p := filepath.FromSlash(s)
	if !filepath.IsAbs(p) {
		p = filepath.Join(in.l.root, filepath.FromSlash(in.app.dir), p)
	}
	rel, err := filepath.Rel(in.l.root, p)
	if err != nil {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

func (in *interp) envVars(r *resource, at node.Pos) *node.Node {
	env := get(r.props, "Environment")
	if env == nil {
		env = mapNode(at)
		set(r.props, "Environment", env)
	}
	vars := get(env, "Variables")
	if vars == nil {
		vars = mapNode(at)
		set(env, "Variables", vars)
	}
	return vars
}

func (in *interp) addEnv(r *resource, k string, v *value, at node.Pos) {
	n := in.prop(v)
	if n == nil {
		n = unknown("(not followed)", at)
	}
	p := n.Pos
	if !p.IsValid() {
		p = at
	}
	vars := in.envVars(r, at)
	c := *n
	c.Pos = p
	for _, f := range vars.Field {
		if f.Key == k {
			f.Value, f.KeyPos = &c, p
			return
		}
	}
	vars.Field = append(vars.Field, &node.Field{Key: k, KeyPos: p, Value: &c})
}

// method handles a method call on a construct.
func (in *interp) method(r *resource, name string, args []*value, e *ast.CallExpr) *value {
	at := in.pos(e.Pos())
	attr := func(n *node.Node) *value { return &value{n: n} }
	switch r.typ + "." + name {
	case "AWS::SQS::Queue.QueueUrl":
		return attr(ref(r, at))
	case "AWS::SQS::Queue.QueueArn":
		return attr(getAtt(r, "Arn", at))
	case "AWS::SQS::Queue.QueueName":
		return attr(getAtt(r, "QueueName", at))
	case "AWS::SNS::Topic.TopicArn":
		return attr(ref(r, at))
	case "AWS::SNS::Topic.TopicName":
		return attr(getAtt(r, "TopicName", at))
	case "AWS::SNS::Topic.AddSubscription":
		in.addSubscription(r, arg(args, 0), e)
	case "AWS::Events::EventBus.EventBusName":
		return attr(ref(r, at))
	case "AWS::Events::EventBus.EventBusArn":
		return attr(getAtt(r, "Arn", at))
	case "AWS::Lambda::Function.FunctionName":
		return attr(ref(r, at))
	case "AWS::Lambda::Function.FunctionArn":
		return attr(getAtt(r, "Arn", at))
	case "AWS::Lambda::Function.AddEnvironment":
		if k, ok := in.str(arg(args, 0)); ok {
			in.addEnv(r, k, arg(args, 1), in.pos(e.Args[1].Pos()))
		} else if len(e.Args) > 0 {
			in.note(e.Pos(), "function %s: the name of the environment variable (%s) is not a value this reader follows", r.id, in.src(e.Args[0]))
		}
	case "AWS::Lambda::Function.AddEventSource":
		in.addEventSource(r, arg(args, 0), at)
	case "AWS::Events::Rule.AddTarget":
		in.addTarget(r, arg(args, 0), at)
	case "AWS::Events::Rule.AddEventPattern":
		in.addPattern(r, arg(args, 0), at)
	}
	return nil
}

// addEventSource adds an SQS event source mapping or an SNS
// subscription of a function.
func (in *interp) addEventSource(fn *resource, v *value, at node.Pos) {
	if v == nil || v.bind == nil {
		in.noteAt(at, "function %s: an event source this reader does not follow (only SQS and SNS event sources are read)", fn.id)
		return
	}
	b := v.bind
	src := b.target
	if src == nil || src.res == nil {
		in.noteAt(b.pos, "function %s: the source of its event source is not a queue or topic this reader follows", fn.id)
		return
	}
	switch b.kind {
	case "sqs-source":
		id := fn.id + "EventSource" + src.res.id
		m := in.newRes("AWS::Lambda::EventSourceMapping", &value{n: lit(id, b.pos)}, b.pos)
		set(m.props, "EventSourceArn", getAtt(src.res, "Arn", b.pos))
		set(m.props, "FunctionName", ref(fn, b.pos))
		if rb := field(b.props, "ReportBatchItemFailures"); rb != nil {
			if s, ok := in.str(rb); ok {
				if s == "true" {
					set(m.props, "FunctionResponseTypes", seq(b.pos, lit("ReportBatchItemFailures", b.pos)))
				}
			} else {
				set(m.props, "FunctionResponseTypes", unknown("ReportBatchItemFailures", b.pos))
			}
		}
	case "sns-source":
		in.subscribe(src.res, "lambda", getAtt(fn, "Arn", b.pos), b)
	default:
		in.noteAt(b.pos, "function %s: an event source this reader does not follow", fn.id)
	}
}

// addSubscription subscribes a queue or function to a topic.
func (in *interp) addSubscription(topic *resource, v *value, e *ast.CallExpr) {
	if v == nil || v.bind == nil || v.bind.target == nil || v.bind.target.res == nil {
		in.note(e.Pos(), "topic %s: a subscription this reader does not follow", topic.id)
		return
	}
	b := v.bind
	switch b.kind {
	case "sqs-subscription":
		in.subscribe(topic, "sqs", getAtt(b.target.res, "Arn", b.pos), b)
	case "lambda-subscription":
		in.subscribe(topic, "lambda", getAtt(b.target.res, "Arn", b.pos), b)
	default:
		in.note(e.Pos(), "topic %s: a subscription this reader does not follow", topic.id)
	}
}

func (in *interp) subscribe(topic *resource, proto string, endpoint *node.Node, b *binding) {
	if fp := field(b.props, "FilterPolicy"); fp != nil && !fp.isNil {
		in.noteAt(b.pos, "topic %s: the subscription has a filter policy, which this reader does not evaluate: the route is not drawn", topic.id)
		return
	}
	if fp := field(b.props, "FilterPolicyWithMessageBody"); fp != nil && !fp.isNil {
		in.noteAt(b.pos, "topic %s: the subscription has a filter policy, which this reader does not evaluate: the route is not drawn", topic.id)
		return
	}
	raw := false
	if rv := field(b.props, "RawMessageDelivery"); rv != nil && !rv.isNil {
		s, ok := in.str(rv)
		if !ok {
			in.noteAt(b.pos, "topic %s: the subscription's RawMessageDelivery is not a value this reader follows: the route is not drawn", topic.id)
			return
		}
		raw = s == "true"
	}
	id := topic.id + "Subscription" + display(&value{n: endpoint.Get("Fn::GetAtt").List()[0]})
	s := in.newRes("AWS::SNS::Subscription", &value{n: lit(id, b.pos)}, b.pos)
	set(s.props, "TopicArn", ref(topic, b.pos))
	set(s.props, "Protocol", lit(proto, b.pos))
	set(s.props, "Endpoint", endpoint)
	if raw {
		set(s.props, "RawMessageDelivery", &node.Node{Kind: node.Bool, Text: "true", Pos: b.pos})
	}
}

// addTarget adds a target to a rule.
func (in *interp) addTarget(rule *resource, v *value, at node.Pos) {
	if v == nil || v.bind == nil || v.bind.target == nil || v.bind.target.res == nil {
		in.noteAt(at, "rule %s: a target this reader does not follow", rule.id)
		return
	}
	b := v.bind
	t := b.target.res
	var arn *node.Node
	switch b.kind {
	case "target-lambda", "target-sqs", "target-bus":
		arn = getAtt(t, "Arn", b.pos)
	case "target-sns":
		arn = ref(t, b.pos)
	default:
		in.noteAt(b.pos, "rule %s: a target this reader does not follow", rule.id)
		return
	}
	if field(b.props, "Event") != nil {
		in.noteAt(b.pos, "rule %s: the target transforms the event (Event), which this reader does not evaluate: the route is not drawn", rule.id)
		return
	}
	targets := get(rule.props, "Targets")
	if targets == nil {
		targets = seq(at)
		set(rule.props, "Targets", targets)
	}
	targets.Items = append(targets.Items, mapNode(b.pos, "Arn", arn, "Id", lit("Target"+strconv.Itoa(len(targets.Items)), b.pos)))
}

// patternKeys maps the fields of awsevents.EventPattern to the keys of
// an event pattern.
var patternKeys = map[string]string{
	"Source": "source", "DetailType": "detail-type", "Detail": "detail", "Account": "account",
	"Region": "region", "Resources": "resources", "Id": "id", "Time": "time", "Version": "version",
}

// addPattern merges an event pattern into a rule's; a pattern with a
// value this reader cannot evaluate drops the rule's routes.
func (in *interp) addPattern(rule *resource, v *value, at node.Pos) {
	if v == nil || v.isNil {
		return
	}
	if v.obj == nil {
		rule.drop = "its event pattern is not a value this reader follows"
		return
	}
	pat := get(rule.props, "EventPattern")
	if pat == nil {
		pat = mapNode(at)
		set(rule.props, "EventPattern", pat)
	}
	for _, k := range v.obj.keys {
		key, ok := patternKeys[k]
		if !ok {
			continue
		}
		n, ok := in.patternValue(v.obj.vals[k], at, 0)
		if !ok {
			rule.drop = "its event pattern's " + key + " is not a value this reader follows"
			continue
		}
		set(pat, key, n)
	}
}

func (in *interp) patternValue(v *value, at node.Pos, depth int) (*node.Node, bool) {
	switch {
	case v == nil || depth > 8:
		return nil, false
	case v.list != nil:
		out := seq(at)
		for _, it := range v.list {
			n, ok := in.patternValue(it, at, depth+1)
			if !ok {
				return nil, false
			}
			out.Items = append(out.Items, n)
		}
		return out, true
	case v.obj != nil:
		out := mapNode(at)
		for _, k := range v.obj.keys {
			n, ok := in.patternValue(v.obj.vals[k], at, depth+1)
			if !ok {
				return nil, false
			}
			set(out, k, n)
		}
		return out, true
	case v.n != nil:
		if s, ok := in.str(v); ok {
			c := *v.n
			c.Text = s
			return &c, true
		}
	}
	return nil, false
}

func (in *interp) noteAt(at node.Pos, format string, args ...any) {
	n := len(in.l.notes)
	in.l.notes = append(in.l.notes, Note{Pos: at})
	in.l.notes[n].Msg = sprintf(format, args...)
	k := at.String() + in.l.notes[n].Msg
	if in.noted[k] {
		in.l.notes = in.l.notes[:n]
		return
	}
	in.noted[k] = true
}
