package terraform

import (
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// resource reads one resource of an instance into the config, by type.
func (ev *evaluator) resource(c *Config, in *instance, r *resource) {
	addr := in.prefix + r.typ + "." + r.name
	b := r.body
	switch r.typ {
	case "aws_lambda_function":
		f := &Function{Addr: addr, Type: r.typ, Platform: Lambda, Pos: r.pos,
			Name: ev.str(in, b, "function_name"), Handler: ev.lit(in, b, "handler"),
			Runtime: ev.lit(in, b, "runtime"), Image: ev.lit(in, b, "image_uri")}
		f.Code = ev.code(in, in.arg(b, "filename"), "filename", 0)
		f.Env = ev.env(in, block(b, "environment"), "variables")
		c.Functions = append(c.Functions, f)
		if dl := block(b, "dead_letter_config"); dl != nil {
			c.Links = append(c.Links, &Link{From: Value{Ref: &Ref{Addr: addr, Type: r.typ}}, To: ev.str(in, dl, "target_arn"),
				Event: "dead-letter", Name: addr, Pos: blockPos(b, "dead_letter_config", r.pos)})
		}
	case "aws_lambda_function_event_invoke_config":
		dc := block(b, "destination_config")
		for _, k := range []struct{ block, name string }{{"on_success", "on-success"}, {"on_failure", "on-failure"}} {
			if d := block(dc, k.block); d != nil {
				c.Links = append(c.Links, &Link{From: ev.str(in, b, "function_name"), To: ev.str(in, d, "destination"),
					Event: "destination", Destination: k.name, Name: addr, Pos: blockPos(dc, k.block, r.pos)})
			}
		}
	case "google_cloudfunctions_function":
		f := &Function{Addr: addr, Type: r.typ, Platform: CloudFunctions, Pos: r.pos,
			Name: ev.str(in, b, "name"), Entry: ev.lit(in, b, "entry_point"), Runtime: ev.lit(in, b, "runtime")}
		f.Code = ev.code(in, in.arg(b, "source_archive_object"), "source_archive_object", 0)
		f.Env = ev.env(in, b, "environment_variables")
		c.Functions = append(c.Functions, f)
		if t := block(b, "event_trigger"); t != nil {
			typ := ev.lit(in, t, "event_type")
			if strings.Contains(typ, "pubsub") {
				c.Links = append(c.Links, &Link{From: ev.str(in, t, "resource"), To: Value{Ref: &Ref{Addr: addr, Type: r.typ}},
					Event: "pubsub", Name: addr, Pos: blockPos(b, "event_trigger", r.pos)})
			}
		} else if ev.boolean(in, b, "trigger_http") {
			c.Links = append(c.Links, &Link{External: "http", To: Value{Ref: &Ref{Addr: addr, Type: r.typ}}, Event: "http", Name: addr, Pos: r.pos})
		}
	case "google_cloudfunctions2_function":
		bc := block(b, "build_config")
		sc := block(b, "service_config")
		f := &Function{Addr: addr, Type: r.typ, Platform: CloudFunctions, Pos: r.pos,
			Name: ev.str(in, b, "name"), Entry: ev.lit(in, bc, "entry_point"), Runtime: ev.lit(in, bc, "runtime")}
		if ss := block(block(bc, "source"), "storage_source"); ss != nil {
			f.Code = ev.code(in, in.arg(ss, "object"), "build_config.source.storage_source.object", 0)
		}
		f.Env = append(ev.env(in, sc, "environment_variables"), ev.env(in, bc, "environment_variables")...)
		f.Env = dedupeEnv(f.Env)
		c.Functions = append(c.Functions, f)
		if t := block(b, "event_trigger"); t != nil {
			if t.Attributes["pubsub_topic"] != nil {
				c.Links = append(c.Links, &Link{From: ev.str(in, t, "pubsub_topic"), To: Value{Ref: &Ref{Addr: addr, Type: r.typ}},
					Event: "pubsub", Name: addr, Pos: blockPos(b, "event_trigger", r.pos)})
			}
		} else {
			c.Links = append(c.Links, &Link{External: "http", To: Value{Ref: &Ref{Addr: addr, Type: r.typ}}, Event: "http", Name: addr, Pos: r.pos})
		}
	case "google_cloud_run_v2_service", "google_cloud_run_service":
		f := &Function{Addr: addr, Type: r.typ, Platform: CloudRun, Pos: r.pos, Name: ev.str(in, b, "name")}
		tmpl := block(b, "template")
		if r.typ == "google_cloud_run_service" {
			tmpl = block(tmpl, "spec")
		}
		if ct := block(tmpl, "containers"); ct != nil {
			f.Image = ev.lit(in, ct, "image")
			for _, e := range blocks(ct, "env") {
				name := ev.lit(in, e.Body, "name")
				if name == "" {
					continue
				}
				f.Env = append(f.Env, &Env{Name: name, Value: ev.str(in, e.Body, "value"),
					Pos: Pos{File: e.TypeRange.Filename, Line: e.TypeRange.Start.Line, Col: e.TypeRange.Start.Column}})
			}
		}
		c.Functions = append(c.Functions, f)
	case "aws_sqs_queue":
		ch := &Channel{Addr: addr, Kind: Queue, Name: ev.str(in, b, "name"), FIFO: ev.boolean(in, b, "fifo_queue"), Pos: r.pos}
		if v := ev.str(in, b, "message_retention_seconds"); v.Known {
			ch.Retention, _ = strconv.Atoi(v.Text)
		}
		c.Channels = append(c.Channels, ch)
		ev.redrive(c, in, Value{Ref: &Ref{Addr: addr, Type: r.typ}}, b, addr, r.pos)
	case "aws_sqs_queue_redrive_policy":
		ev.redrive(c, in, ev.str(in, b, "queue_url"), b, addr, r.pos)
	case "aws_sns_topic":
		c.Channels = append(c.Channels, &Channel{Addr: addr, Kind: Topic, Name: ev.str(in, b, "name"), FIFO: ev.boolean(in, b, "fifo_topic"), Pos: r.pos})
	case "aws_cloudwatch_event_bus":
		c.Channels = append(c.Channels, &Channel{Addr: addr, Kind: Bus, Name: ev.str(in, b, "name"), Pos: r.pos})
	case "google_pubsub_topic":
		c.Channels = append(c.Channels, &Channel{Addr: addr, Kind: PubSubTopic, Name: ev.str(in, b, "name"), Pos: r.pos})
	case "aws_lambda_event_source_mapping":
		rt, known := ev.strings(in, b, "function_response_types")
		c.Links = append(c.Links, &Link{From: ev.str(in, b, "event_source_arn"), To: ev.str(in, b, "function_name"), Name: addr, Pos: r.pos,
			BatchItemFailures: slices.Contains(rt, "ReportBatchItemFailures"), ResponseTypesUnknown: !known})
	case "aws_lambda_function_url":
		c.Links = append(c.Links, &Link{External: "function-url", To: ev.str(in, b, "function_name"), Event: "function-url", Name: addr, Pos: r.pos})
	case "aws_lb_target_group_attachment":
		// A Lambda target: the load balancer sends ALB events.
		if to := ev.str(in, b, "target_id"); to.Ref != nil && to.Ref.Type == "aws_lambda_function" || to.Known && strings.Contains(to.Text, ":function:") {
			c.Links = append(c.Links, &Link{External: "alb", To: to, Event: "alb", Name: addr, Pos: r.pos})
		}
	case "aws_apigatewayv2_integration":
		ev.httpIntegration(c, in, r, addr)
	case "aws_cognito_user_pool":
		lc := block(b, "lambda_config")
		for _, k := range cognitoTriggers {
			if lc != nil && lc.Attributes[k.arg] != nil {
				c.Links = append(c.Links, &Link{External: "cognito", To: ev.str(in, lc, k.arg), Event: "cognito", UserPoolTrigger: k.name,
					Name: addr, Pos: blockPos(b, "lambda_config", r.pos)})
			}
		}
	case "aws_sns_topic_subscription":
		switch ev.lit(in, b, "protocol") {
		case "sqs", "lambda":
			c.Links = append(c.Links, &Link{From: ev.str(in, b, "topic_arn"), To: ev.str(in, b, "endpoint"), Event: "sns",
				Raw: ev.boolean(in, b, "raw_message_delivery"), FilterPolicy: ev.jsonText(in, b, "filter_policy"), Name: addr, Pos: r.pos})
		}
	case "aws_cloudwatch_event_target":
		ev.target(c, in, r, addr)
	case "aws_sfn_state_machine":
		ev.machine(c, in, r, addr)
	case "aws_lambda_permission":
		// A permission is no route by itself: the subscription or rule
		// target beside it is. API Gateway is a source from outside.
		if p := ev.lit(in, b, "principal"); p == "apigateway.amazonaws.com" {
			c.Links = append(c.Links, &Link{External: "api", To: ev.str(in, b, "function_name"), Event: "api", Name: addr, Pos: r.pos})
		}
	case "google_pubsub_subscription":
		if pc := block(b, "push_config"); pc != nil {
			c.Links = append(c.Links, &Link{From: ev.str(in, b, "topic"), To: ev.str(in, pc, "push_endpoint"), Event: "pubsub", Name: addr, Pos: r.pos})
		}
	}
}

// httpIntegration reads an aws_apigatewayv2_integration that proxies an
// HTTP API to a function: its payload_format_version (1.0 unless set)
// decides the event the function gets. A WebSocket API's integration is
// none of this; one whose API the configuration does not declare is read
// only when its version says it is an HTTP API's.
func (ev *evaluator) httpIntegration(c *Config, in *instance, r *resource, addr string) {
	b := r.body
	if !strings.EqualFold(ev.lit(in, b, "integration_type"), "AWS_PROXY") {
		return
	}
	pf := "1.0"
	if b.Attributes["payload_format_version"] != nil {
		pf = ev.lit(in, b, "payload_format_version")
	}
	protocol := ""
	if api := ev.str(in, b, "api_id"); api.Ref != nil && api.Ref.Type == "aws_apigatewayv2_api" {
		if rr := ev.resourceAt(api.Ref.Addr); rr != nil {
			protocol = strings.ToUpper(ev.lit(rr.in, rr.res.body, "protocol_type"))
		}
	}
	if pf != "1.0" && pf != "2.0" || protocol == "WEBSOCKET" || protocol == "" && pf != "2.0" {
		return
	}
	to := ev.str(in, b, "integration_uri")
	if to.Ref == nil || to.Ref.Type != "aws_lambda_function" {
		return
	}
	c.Links = append(c.Links, &Link{External: "http-api", To: to, Event: "http-api", PayloadFormat: pf, Name: addr, Pos: r.pos})
}

// cognitoTriggers are the arguments of a user pool's lambda_config, with
// the names CloudFormation and SAM give the triggers.
var cognitoTriggers = []struct{ arg, name string }{
	{"create_auth_challenge", "CreateAuthChallenge"}, {"custom_message", "CustomMessage"},
	{"define_auth_challenge", "DefineAuthChallenge"}, {"post_authentication", "PostAuthentication"},
	{"post_confirmation", "PostConfirmation"}, {"pre_authentication", "PreAuthentication"},
	{"pre_sign_up", "PreSignUp"}, {"pre_token_generation", "PreTokenGeneration"},
	{"user_migration", "UserMigration"}, {"verify_auth_challenge_response", "VerifyAuthChallengeResponse"},
}

// strings is a list argument's strings; known is false when the
// argument is set to a value that is not known.
func (ev *evaluator) strings(in *instance, body *hclsyntax.Body, name string) (out []string, known bool) {
	v := in.arg(body, name)
	if v.IsNull() {
		return nil, true
	}
	if !v.IsWhollyKnown() || !(v.Type().IsListType() || v.Type().IsTupleType() || v.Type().IsSetType()) {
		return nil, false
	}
	for it := v.ElementIterator(); it.Next(); {
		_, e := it.Element()
		if e.Type() != cty.String || e.IsNull() {
			return out, false
		}
		out = append(out, e.AsString())
	}
	return out, true
}

// redrive reads a queue's redrive_policy: a link from the queue to its
// dead-letter queue, which receives the messages unchanged. The policy is
// JSON, mostly jsonencode() of an object that refers to the queue.
func (ev *evaluator) redrive(c *Config, in *instance, from Value, b *hclsyntax.Body, addr string, def Pos) {
	a := b.Attributes["redrive_policy"]
	if a == nil {
		return
	}
	pos := Pos{File: a.SrcRange.Filename, Line: a.SrcRange.Start.Line, Col: a.SrcRange.Start.Column}
	var to Value
	for _, tr := range a.Expr.Variables() {
		if r := ev.traversalRef(in, tr); r != nil && r.Type == "aws_sqs_queue" && r.Attr == "arn" {
			to = Value{Ref: r}
			break
		}
	}
	v := ev.str(in, b, "redrive_policy")
	switch {
	case to.Ref != nil:
	case v.Known:
		var p struct {
			DLQ string `json:"deadLetterTargetArn"`
		}
		if json.Unmarshal([]byte(v.Text), &p) != nil || p.DLQ == "" {
			return
		}
		to = Value{Known: true, Text: p.DLQ}
	default:
		return
	}
	c.Links = append(c.Links, &Link{From: from, To: to, Event: "redrive", Name: addr, Pos: cmpPos(pos, def)})
}

func cmpPos(p, def Pos) Pos {
	if p.File == "" {
		return def
	}
	return p
}

func dedupeEnv(es []*Env) []*Env {
	seen := map[string]bool{}
	return slices.DeleteFunc(es, func(e *Env) bool {
		if seen[e.Name] {
			return true
		}
		seen[e.Name] = true
		return false
	})
}

func blockPos(b *hclsyntax.Body, typ string, def Pos) Pos {
	for _, x := range b.Blocks {
		if x.Type == typ {
			return Pos{File: x.TypeRange.Filename, Line: x.TypeRange.Start.Line, Col: x.TypeRange.Start.Column}
		}
	}
	return def
}

// target reads an aws_cloudwatch_event_target: a link from the rule's bus
// to the target, with the rule's pattern or schedule.
func (ev *evaluator) target(c *Config, in *instance, r *resource, addr string) {
	b := r.body
	l := &Link{To: ev.str(in, b, "arn"), Event: "eventbridge", Name: addr, Pos: r.pos,
		Input: ev.lit(in, b, "input"), InputPath: ev.lit(in, b, "input_path")}
	if it := block(b, "input_transformer"); it != nil {
		l.InputTemplate = ev.lit(in, it, "input_template")
		if l.InputTemplate == "" {
			l.InputTemplate = "?" // set, but not known: what arrives is not the event
		}
	}
	bus := ev.str(in, b, "event_bus_name")
	rule := ev.str(in, b, "rule")
	// The rule: a reference to an aws_cloudwatch_event_rule of this
	// configuration gives its pattern, schedule and bus.
	if rule.Ref != nil && rule.Ref.Type == "aws_cloudwatch_event_rule" {
		if rr := ev.resourceAt(rule.Ref.Addr); rr != nil {
			rb := rr.res.body
			l.Pattern = rr.in.evalJSON(ev, rb, "event_pattern")
			l.Schedule = ev.lit(rr.in, rb, "schedule_expression")
			if bus.Ref == nil && !bus.Known && bus.Expr == "" {
				bus = ev.str(rr.in, rb, "event_bus_name")
			}
		}
	}
	if l.Schedule != "" {
		l.Event, l.External = "schedule", "schedule"
		c.Links = append(c.Links, l)
		return
	}
	l.From, l.FromBus = bus, true
	c.Links = append(c.Links, l)
}

func (in *instance) evalJSON(ev *evaluator, b *hclsyntax.Body, name string) string {
	return ev.jsonText(in, b, name)
}

// resourceAt finds a resource by its address among the references made.
func (ev *evaluator) resourceAt(addr string) *instRef {
	for _, r := range ev.refs {
		if r.addr == addr && r.res != nil {
			return r
		}
	}
	return nil
}

// machine reads an aws_sfn_state_machine's definition: a string, maybe
// from templatefile() or file(), or jsonencode() of an object. A
// reference that is not known (a function's ARN) is written as a key of
// Machine.Refs.
func (ev *evaluator) machine(c *Config, in *instance, r *resource, addr string) {
	b := r.body
	sm := &Machine{Addr: addr, Name: ev.str(in, b, "name"), Pos: r.pos}
	c.Machines = append(c.Machines, sm)
	a := b.Attributes["definition"]
	if a == nil {
		return
	}
	before := len(ev.files)
	v := in.eval(a.Expr)
	if len(ev.files) == before+1 {
		sm.DefinitionFile = ev.files[before]
	}
	if v.IsNull() || !v.IsWhollyKnown() || v.Type() != cty.String {
		return
	}
	// jsonencode() escapes the sentinels of the references inside the
	// object: unescape them to find the references.
	s := strings.NewReplacer(`\u0000`, string(sentinelStart), `\u0001`, string(sentinelEnd)).Replace(v.AsString())
	sm.Refs = map[string]*Ref{}
	var out strings.Builder
	for s != "" {
		i := strings.IndexRune(s, sentinelStart)
		if i < 0 {
			out.WriteString(s)
			break
		}
		out.WriteString(s[:i])
		j := strings.IndexRune(s[i:], sentinelEnd)
		if j < 0 {
			return
		}
		tok := s[i : i+j+1]
		s = s[i+j+1:]
		ref := ev.onlyRef(tok)
		if ref == nil {
			return
		}
		if t, ok := ev.literal(ref, 0); ok && ref.attr != "arn" {
			out.WriteString(t)
			continue
		}
		key := "tfref:" + ref.addr + "." + ref.attr
		sm.Refs[key] = ev.export(ref)
		out.WriteString(key)
	}
	sm.Definition = out.String()
}
