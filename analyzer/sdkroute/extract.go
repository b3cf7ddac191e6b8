package sdkroute

import (
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// extract makes the calls of one SDK call site as seen in one frame.
func (x *index) extract(s *site, fr *frame) []*Call {
	if s.iface != nil {
		return x.ifaceCalls(s, fr)
	}
	if s.outbox != nil {
		return x.appended(s, fr)
	}
	if s.op == nil {
		return x.instantiate(s, fr)
	}
	x.Steps = 0
	o := s.op
	c := &Call{SDK: o.sdk, Service: o.service, Op: o.name, Pos: s.call.Pos()}
	switch {
	case o.sdk == "net/http":
		return x.httpCall(s, fr, c)
	case o.service == "pubsub":
		return x.pubsubCall(s, fr, c)
	case o.service == "cloudevents":
		return x.cloudEventsCall(s, fr, c)
	}
	in := flow.At(flow.ArgAt(s.call, o.input), fr)
	if in.E == nil {
		return nil
	}
	switch o.service {
	case "lambda":
		name, set := x.fieldStr(in, "FunctionName")
		c.setTarget(KindFunction, name, set, "FunctionName")
		if o.name == "InvokeAsync" {
			c.Async = true
			c.setPayload(x.fieldPay(in, "InvokeArgs"))
			return []*Call{c}
		}
		it, _ := x.fieldStr(in, "InvocationType")
		kind, _ := it.constant()
		if kind == "DryRun" {
			return nil // validates the request, invokes nothing
		}
		c.Async = kind == "Event"
		c.setPayload(x.fieldPay(in, "Payload"))
		if !c.Async && o.name == "Invoke" {
			c.Response = x.response(s, x.resultVar(s, o), "Payload")
		}
		return []*Call{c}
	case "sqs":
		url, set := x.fieldStr(in, "QueueUrl")
		kind := KindQueueURL
		if strings.HasPrefix(url.render(), "arn:") {
			kind = KindQueueARN
		}
		c.setTarget(kind, url, set, "QueueUrl")
		c.Async = true
		if o.name == "SendMessage" {
			c.setPayload(x.fieldPay(in, "MessageBody"))
			return []*Call{c}
		}
		return x.batch(c, in, "Entries", func(c *Call, e bound) {
			c.setPayload(x.fieldPay(e, "MessageBody"))
		})
	case "sns":
		arn, set := x.fieldStr(in, "TopicArn")
		if !set {
			arn, set = x.fieldStr(in, "TargetArn")
		}
		if !set {
			if _, phone := x.fieldStr(in, "PhoneNumber"); phone {
				return nil // an SMS
			}
		}
		c.setTarget(KindTopicARN, arn, set, "TopicArn")
		c.Async = true
		message := func(c *Call, e bound) {
			st, _ := x.fieldStr(e, "MessageStructure")
			v, _ := st.constant()
			c.Structured = v == "json"
			p := x.fieldPay(e, "Message")
			if c.Structured {
				p = x.defaultMember(p)
			}
			c.setPayload(p)
		}
		if o.name == "Publish" {
			message(c, in)
			return []*Call{c}
		}
		return x.batch(c, in, "PublishBatchRequestEntries", message)
	case "eventbridge", "cloudwatchevents":
		c.Async = true
		return x.batch(c, in, "Entries", func(c *Call, e bound) {
			bus, set := x.fieldStr(e, "EventBusName")
			if set {
				c.setTarget(KindBus, bus, true, "EventBusName")
			} else {
				c.Target = Target{Kind: KindBus, Value: "default", Name: "default"}
			}
			c.Source = x.eventField(c, e, "Source", "source")
			c.DetailType = x.eventField(c, e, "DetailType", "detail-type")
			c.setPayload(x.fieldPay(e, "Detail"))
		})
	case "sfn":
		arn, set := x.fieldStr(in, "StateMachineArn")
		c.setTarget(KindStateMachine, arn, set, "StateMachineArn")
		c.setPayload(x.fieldPay(in, "Input"))
		if o.name == "StartExecution" {
			c.Async = true
		} else {
			c.Response = x.response(s, x.resultVar(s, o), "Output")
		}
		return []*Call{c}
	}
	return nil
}

// batch makes one call per entry of a batch; entries that resolve alike
// are merged by the walker.
func (x *index) batch(c *Call, in bound, field string, fill func(*Call, bound)) []*Call {
	v, found, why := x.FieldExpr(in, field)
	if found && v.E == nil {
		return nil // no entries: nothing is sent
	}
	var entries []bound
	if found {
		entries, why = x.Elems(v)
	}
	if len(entries) == 0 {
		if why == "" {
			why = "the batch's entries are not known statically"
		}
		c.unresolve("payload", why)
		return []*Call{c}
	}
	var out []*Call
	for _, e := range entries {
		cc := c.clone()
		fill(cc, e)
		out = append(out, cc)
	}
	return out
}

func (c *Call) clone() *Call {
	cc := *c
	cc.Unresolved = append([]string(nil), c.Unresolved...)
	cc.whys = append([]string(nil), c.whys...)
	return &cc
}

// eventField resolves an EventBridge entry's Source or DetailType.
func (x *index) eventField(c *Call, e bound, field, what string) string {
	sv, set := x.fieldStr(e, field)
	if !set {
		c.unresolve(what, field+" is not set")
		return ""
	}
	if !sv.known() {
		c.unresolve(what, sv.why())
		return ""
	}
	return sv.render()
}

// fieldStr resolves a string field of an input: set reports whether
// the input sets it at all (on some path: a value that is set on one
// and not on another is the one set, since the call fails without it).
func (x *index) fieldStr(in bound, name string) (sv strv, set bool) {
	x.Steps = 0 // each field has its own budget
	vals, why := x.FieldValues(in, name)
	if vals == nil {
		if why == "" {
			why = "the input is built where faasvet cannot follow it"
		}
		return unknownStr(why), true
	}
	var svs []strv
	for _, v := range vals {
		if v.E == nil {
			continue
		}
		if tv, ok := x.Info.Types[ast.Unparen(v.E)]; ok && tv.IsNil() {
			continue
		}
		svs = append(svs, x.str(v))
	}
	if len(svs) == 0 {
		return nil, false
	}
	return mergeStr(svs, in.E), true
}

func (x *index) fieldPay(in bound, name string) pay {
	x.Steps = 0
	vals, why := x.FieldValues(in, name)
	if vals == nil {
		if why == "" {
			why = "the input is built where faasvet cannot follow it"
		}
		return pay{why: why}
	}
	var pays []pay
	for _, v := range vals {
		if v.E == nil {
			pays = append(pays, pay{none: true})
		} else {
			pays = append(pays, x.payload(v))
		}
	}
	if len(pays) == 1 {
		return pays[0]
	}
	return mergeLiveReturns(pays)
}

func (c *Call) unresolve(what, why string) {
	c.Unresolved = append(c.Unresolved, what)
	c.whys = append(c.whys, why)
	if c.Why == "" {
		c.Why = why
	}
}

func (c *Call) setTarget(kind TargetKind, sv strv, set bool, field string) {
	c.Target.Kind = kind
	c.targetSV, c.targetSet, c.targetField = sv, set, field
	c.Assumed = sv.notes()
	if !set {
		c.unresolve("target", field+" is not set")
		return
	}
	c.Target.Value = sv.render()
	c.Target.Env = sv.wholeEnv()
	if c.Target.Env != "" {
		return
	}
	c.Target.Name = targetName(kind, c.Target.Value)
	if c.Target.Name == "" || strings.Contains(c.Target.Name, "*") {
		why := sv.why()
		if why == "" {
			why = fmt.Sprintf("%q names no %s", c.Target.Value, kind)
		}
		c.unresolve("target", why)
	}
}

func (c *Call) setPayload(p pay) {
	c.pay = p
	switch {
	case p.t != nil:
		c.Payload = p.t
	case p.isRaw:
		c.RawPayload = p.raw
	case !p.none:
		c.unresolve("payload", p.why)
	}
}

// targetName takes the resource name out of a target value.
func targetName(kind TargetKind, v string) string {
	last := func(sep string) string { return v[strings.LastIndex(v, sep)+1:] }
	after := func(marker string) (string, bool) {
		i := strings.Index(v, marker)
		if i < 0 {
			return "", false
		}
		return v[i+len(marker):], true
	}
	switch kind {
	case KindFunction:
		if rest, ok := after("function:"); ok {
			v = rest
		}
		name, _, _ := strings.Cut(v, ":") // a version or alias
		return name
	case KindQueueURL:
		return last("/")
	case KindQueueARN, KindTopicARN:
		return last(":")
	case KindBus:
		if rest, ok := after("event-bus/"); ok {
			return rest
		}
		return v
	case KindStateMachine:
		if rest, ok := after("stateMachine:"); ok {
			name, _, _ := strings.Cut(rest, ":")
			return name
		}
		return last(":")
	case KindPubSubTopic:
		if rest, ok := after("/topics/"); ok {
			return rest
		}
		return v
	}
	return v
}

// defaultMember returns the payload of the "default" member of an SNS
// message with MessageStructure "json".
func (x *index) defaultMember(p pay) pay {
	if p.t == nil || p.arg.E == nil {
		if p.isRaw {
			return p
		}
		if p.resolved() {
			return pay{why: "the structured message is not a JSON object faasvet can follow"}
		}
		return p
	}
	bs, why := x.Origins(p.arg)
	if len(bs) != 1 {
		if why == "" {
			why = "the structured message has several values"
		}
		return pay{why: why}
	}
	lit, ok := ast.Unparen(flow.StripAddr(bs[0].E)).(*ast.CompositeLit)
	if !ok {
		return pay{why: "the structured message is not a composite literal, so its \"default\" member is unknown"}
	}
	st, _ := flow.Under(x.Info.TypeOf(lit)).(*types.Struct)
	for _, el := range lit.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			continue
		}
		if k, ok := x.constString(flow.At(kv.Key, bs[0].Fr)); ok && st == nil && k == "default" {
			return x.payload(flow.At(kv.Value, bs[0].Fr))
		}
		if id, ok := kv.Key.(*ast.Ident); ok && st != nil {
			for i := range st.NumFields() {
				if f := st.Field(i); f.Name() == id.Name && jsonName(f, st.Tag(i)) == "default" {
					return x.payload(flow.At(kv.Value, bs[0].Fr))
				}
			}
		}
	}
	return pay{why: "the structured message has no \"default\" member"}
}

func jsonName(f *types.Var, tag string) string {
	name := f.Name()
	if v, ok := reflect.StructTag(tag).Lookup("json"); ok {
		if n, _, _ := strings.Cut(v, ","); n != "" {
			name = n
		}
	}
	return name
}

func (x *index) pubsubCall(s *site, fr *frame, c *Call) []*Call {
	c.Async = true
	c.Target.Kind = KindPubSubTopic
	sel, ok := ast.Unparen(s.call.Fun).(*ast.SelectorExpr)
	if !ok {
		c.unresolve("target", "the topic is a method value")
	} else {
		x.Steps = 0
		topic := x.pubsubTopic(flow.At(sel.X, fr))
		c.setTarget(KindPubSubTopic, topic, true, "the topic")
	}
	c.setPayload(x.fieldPay(flow.At(flow.ArgAt(s.call, 1), fr), "Data"))
	return []*Call{c}
}

// pubsubTopic resolves a *pubsub.Topic or *pubsub.Publisher to the ID
// given to client.Topic, TopicInProject or Publisher.
func (x *index) pubsubTopic(b bound) strv {
	bs, why := x.Origins(b)
	if bs == nil {
		return unknownStr(why)
	}
	var vals []strv
	for _, o := range bs {
		if sv, ok := x.fixed[o.E]; ok {
			vals = append(vals, sv)
			continue
		}
		if s, ok := x.symOf(o.E); ok && (s.param > 0 || s.field != "") {
			// In a summary: the caller's topic handle says which topic.
			vals = append(vals, strv{{param: s.param, field: s.field, handle: true}})
			continue
		}
		call, ok := ast.Unparen(o.E).(*ast.CallExpr)
		if !ok {
			return unknownStr(fmt.Sprintf("the topic comes from %s", flow.ExprString(o.E)))
		}
		fn, _ := typeutil.Callee(x.Info, call).(*types.Func)
		if fn == nil || !flow.RecvNamed(fn, "Client") || (flow.PkgPath(fn) != pubsubV1 && flow.PkgPath(fn) != pubsubV2) {
			return unknownStr(fmt.Sprintf("the topic comes from %s", flow.ExprString(o.E)))
		}
		switch fn.Name() {
		case "Topic", "Publisher":
			vals = append(vals, x.str(flow.At(flow.ArgAt(call, 0), o.Fr)))
		case "TopicInProject":
			vals = append(vals, concat(concat(concat(lit("projects/"), x.str(flow.At(flow.ArgAt(call, 1), o.Fr))), lit("/topics/")),
				x.str(flow.At(flow.ArgAt(call, 0), o.Fr))))
		default:
			return unknownStr(fmt.Sprintf("the topic comes from %s", flow.ExprString(o.E)))
		}
	}
	return mergeStr(vals, b.E)
}

func (x *index) cloudEventsCall(s *site, fr *frame, c *Call) []*Call {
	c.Async = s.op.name == "Send"
	x.ceEvent(c, flow.At(flow.ArgAt(s.call, 1), fr))
	if s.op.name == "Request" {
		c.Response = x.response(s, x.resultVar(s, s.op), "")
	}
	c.Sink, c.sinkSV = x.ceSink(s, fr)
	return []*Call{c}
}

// ceEvent reads the type, source and data of the CloudEvent that ev
// names into c.
func (x *index) ceEvent(c *Call, ev bound) {
	c.Target.Kind = KindCloudEventType
	v, vfr := x.rootVar(ev)
	if v == nil {
		c.unresolve("target", "the event is built where faasvet cannot follow it")
		c.setPayload(pay{why: "the event is built where faasvet cannot follow it"})
		return
	}
	if v.Parent() == x.pass.Pkg.Scope() {
		vfr = nil
	}
	setter := func(name string) (*ast.CallExpr, string) {
		var found *ast.CallExpr
		for _, call := range x.MethodCalls[v] {
			fn, ok := typeutil.Callee(x.Info, call).(*types.Func)
			if !ok || fn.Name() != name || flow.PkgPath(fn) != ceEventPath {
				continue
			}
			if found != nil {
				return nil, fmt.Sprintf("%s.%s is called in several places", v.Name(), name)
			}
			found = call
		}
		return found, ""
	}
	typ, why := setter("SetType")
	switch {
	case typ != nil:
		x.Steps = 0
		c.setTarget(KindCloudEventType, x.str(flow.At(flow.ArgAt(typ, 0), vfr)), true, "SetType")
		if !slices.Contains(c.Unresolved, "target") {
			c.EventType = c.Target.Value
		}
	case why != "":
		c.unresolve("target", why)
	default:
		c.unresolve("target", fmt.Sprintf("%s.SetType is not called", v.Name()))
	}
	if src, _ := setter("SetSource"); src != nil {
		if sv := x.str(flow.At(flow.ArgAt(src, 0), vfr)); sv.known() {
			c.EventSource = sv.render()
		}
	}
	data, why := setter("SetData")
	switch {
	case data != nil && len(data.Args) == 2:
		x.Steps = 0
		obj := flow.At(data.Args[1], vfr)
		if isBytes(x.Info.TypeOf(obj.E)) {
			c.setPayload(x.payload(obj))
		} else {
			c.setPayload(x.marshalled(obj))
		}
	case why != "":
		c.unresolve("payload", why)
	}
}

// rootVar follows parameters to the variable that an argument names.
func (x *index) rootVar(b bound) (*types.Var, *frame) {
	for range flow.MaxDepth + 1 {
		v := x.VarOf(flow.StripAddr(b.E))
		if v == nil {
			return nil, nil
		}
		if b.Fr != nil {
			if p, ok := b.Fr.Params[v]; ok {
				b = p
				continue
			}
		}
		return v, b.Fr
	}
	return nil, nil
}

func isBytes(t types.Type) bool {
	s, ok := flow.Under(t).(*types.Slice)
	if !ok {
		return false
	}
	b, ok := s.Elem().Underlying().(*types.Basic)
	return ok && b.Kind() == types.Byte
}

func (x *index) httpCall(s *site, fr *frame, c *Call) []*Call {
	o := s.op
	url := x.str(flow.At(flow.ArgAt(s.call, o.url), fr))
	name, async, ok := openFaaSPath(url.render())
	if !ok {
		return nil // not a call through an OpenFaaS gateway
	}
	c.Service, c.SDK, c.Async = "openfaas", "net/http", async
	c.Target = Target{Kind: KindOpenFaaS, Value: url.render(), Name: name}
	if name == "" || strings.Contains(name, "*") {
		c.unresolve("target", url.why())
	}
	if o.method >= 0 {
		m, _ := x.str(flow.At(flow.ArgAt(s.call, o.method), fr)).constant()
		c.Op = strings.ToUpper(m)
	}
	if o.body >= 0 {
		x.Steps = 0
		c.setPayload(x.payload(flow.At(flow.ArgAt(s.call, o.body), fr)))
	}
	if async {
		return []*Call{c}
	}
	resp := x.resultVar(s, o)
	if o.method >= 0 && resp != nil { // NewRequest: the request is sent by Do
		req := resp
		resp = nil
		for _, do := range x.doCalls {
			if x.VarOf(do.Args[0]) == req && within(s.in.Node(), do) {
				if vs := x.Results[do]; len(vs) > 0 && vs[0] != nil {
					resp = vs[0]
				}
			}
		}
	}
	c.Response = x.response(s, resp, "Body")
	return []*Call{c}
}

var gatewaySlash = strings.NewReplacer("}function/", "}/function/", "}async-function/", "}/async-function/",
	"*function/", "*/function/", "*async-function/", "*/async-function/")

// openFaaSPath finds the function of a gateway URL: /function/NAME or
// /async-function/NAME.
func openFaaSPath(url string) (name string, async, ok bool) {
	// gateway + "function/" + name: the gateway's URL, from the
	// environment or not known here, ends in the slash.
	url = gatewaySlash.Replace(url)
	for _, p := range []string{"/async-function/", "/function/"} {
		i := strings.Index(url, p)
		if i < 0 {
			continue
		}
		rest := url[i+len(p):]
		if j := strings.IndexAny(rest, "/?#"); j >= 0 {
			rest = rest[:j]
		}
		return rest, p == "/async-function/", true
	}
	return "", false, false
}

// resultVar returns the variable the SDK call's output is assigned to.
func (x *index) resultVar(s *site, o *op) *types.Var {
	vs := x.Results[s.call]
	i := 0
	if o.request {
		i = 1 // req, out := c.InvokeRequest(in)
	}
	if i < len(vs) {
		return vs[i]
	}
	return nil
}

func within(n ast.Node, m ast.Node) bool {
	return n != nil && n.Pos() <= m.Pos() && m.End() <= n.End()
}

// response finds the type that the caller JSON-decodes from field of the
// call's output v (v itself when field is empty), in the func holding the
// call.
func (x *index) response(s *site, v *types.Var, field string) types.Type {
	if v == nil {
		return nil
	}
	var out types.Type
	for _, d := range x.decodes {
		if d.data == nil || !within(s.in.Node(), d.call) || !x.derives(d.data, v, field, 0) {
			continue
		}
		t := x.decodedType(d.target)
		if t == nil {
			continue
		}
		if out != nil && !types.Identical(out, t) {
			return nil // decoded into several types: no guess
		}
		out = t
	}
	return out
}

// Functions whose result reads their first argument.
var passReader = map[string][]string{
	"io":                               {"ReadAll", "NopCloser", "LimitReader"},
	"io/ioutil":                        {"ReadAll"},
	"bytes":                            {"NewReader", "NewBuffer"},
	"strings":                          {"NewReader"},
	"github.com/aws/aws-sdk-go-v2/aws": {"ToString"},
	"github.com/aws/aws-sdk-go/aws":    {"StringValue"},
	"encoding/json":                    {"NewDecoder"},
	"github.com/goccy/go-json":         {"NewDecoder"},
}

// derives reports whether e reads v.field.
func (x *index) derives(e ast.Expr, v *types.Var, field string, depth int) bool {
	if depth > flow.MaxDepth {
		return false
	}
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		u := x.VarOf(e)
		if u == nil {
			return false
		}
		if u == v {
			return field == ""
		}
		if as := x.Assigns[u]; len(as) == 1 && as[0].Value != nil {
			return x.derives(as[0].Value, v, field, depth+1)
		}
	case *ast.SelectorExpr:
		return field != "" && e.Sel.Name == field && x.VarOf(e.X) == v
	case *ast.StarExpr:
		return x.derives(e.X, v, field, depth+1)
	case *ast.UnaryExpr:
		return e.Op == token.AND && x.derives(e.X, v, field, depth+1)
	case *ast.CallExpr:
		if tv, ok := x.Info.Types[e.Fun]; ok && tv.IsType() && len(e.Args) == 1 {
			return x.derives(e.Args[0], v, field, depth+1)
		}
		if fn, ok := typeutil.Callee(x.Info, e).(*types.Func); ok && x.passes(fn, passReader) && len(e.Args) > 0 {
			return x.derives(e.Args[0], v, field, depth+1)
		}
	}
	return false
}

// decodedType is the type a decode target points to.
func (x *index) decodedType(target ast.Expr) types.Type {
	if u, ok := ast.Unparen(target).(*ast.UnaryExpr); ok && u.Op == token.AND {
		return x.Info.TypeOf(u.X)
	}
	if p, ok := types.Unalias(x.Info.TypeOf(target)).(*types.Pointer); ok {
		return p.Elem()
	}
	return nil
}
