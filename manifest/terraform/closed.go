package terraform

import (
	"encoding/json"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// closer decides which queues, topics and buses of one root module are
// Closed: every mention of them, in the root module and the modules it
// calls, is one whose meaning is known and that reads nothing.
type closer struct {
	ev    *evaluator
	c     *Config
	chans map[string]*Channel // by address
	open  map[string]bool
	memo  map[*instance]map[string][]string
	busy  map[*instance]map[string]bool
	// targeted are the rules that a target of the configuration names.
	targeted map[string]bool
	rules    []pendingRule
}

// A pendingRule is a rule's event_bus_name, which keeps its bus open
// unless a target of the configuration names the rule.
type pendingRule struct {
	addr string
	bus  []string
}

// closeChannels sets Channel.Closed. A configuration that declares no
// Lambda function is infrastructure for code elsewhere: its channels stay
// open.
func (ev *evaluator) closeChannels(c *Config) {
	if !slices.ContainsFunc(c.Functions, func(f *Function) bool { return f.Type == "aws_lambda_function" }) {
		return
	}
	cl := &closer{ev: ev, c: c, chans: map[string]*Channel{}, open: map[string]bool{},
		memo: map[*instance]map[string][]string{}, busy: map[*instance]map[string]bool{}, targeted: map[string]bool{}}
	for _, ch := range c.Channels {
		if ch.Kind == Queue || ch.Kind == Topic || ch.Kind == Bus {
			cl.chans[ch.Addr] = ch
		}
	}
	if len(cl.chans) == 0 {
		return
	}
	cl.instance(ev.root)
	for _, r := range cl.rules {
		if !cl.targeted[r.addr] {
			cl.openAll(r.bus)
		}
	}
	for addr, ch := range cl.chans {
		ch.Closed = !cl.open[addr]
	}
}

// dataChannels lists the channels that the configuration's data sources
// look up by name (data "aws_sqs_queue"): another root module's channel
// of that name is read from there.
func (ev *evaluator) dataChannels(in *instance, out *[]lookup) {
	for _, r := range in.mod.res {
		var k ChannelKind
		switch r.typ {
		case "data.aws_sqs_queue":
			k = Queue
		case "data.aws_sns_topic":
			k = Topic
		case "data.aws_cloudwatch_event_bus":
			k = Bus
		default:
			continue
		}
		*out = append(*out, lookup{kind: k, name: ev.str(in, r.body, "name")})
	}
	for _, kid := range in.kids {
		ev.dataChannels(kid, out)
	}
}

// A lookup is a data source's channel: its kind and name.
type lookup struct {
	kind ChannelKind
	name Value
}

// openLookedUp opens the channels that a data source of any of the
// configurations names: by name when the name is known, every channel of
// the kind when it is not.
func openLookedUp(cs []*Config) {
	for _, c := range cs {
		for _, l := range c.lookups {
			for _, d := range cs {
				for _, ch := range d.Channels {
					if ch.Kind != l.kind {
						continue
					}
					if !l.name.Known || !ch.Name.Known || ch.Name.Text == l.name.Text || lastSegment(l.name.Text) == ch.Name.Text {
						ch.Closed = false
					}
				}
			}
		}
	}
}

func lastSegment(s string) string {
	if i := strings.LastIndexAny(s, ":/"); i >= 0 {
		return s[i+1:]
	}
	return s
}

func (cl *closer) openAll(addrs []string) {
	for _, a := range addrs {
		cl.open[a] = true
	}
}

// instance walks one module instance: its resources and data sources,
// its module calls that are not followed, and (for the root) its
// outputs.
func (cl *closer) instance(in *instance) {
	if in.parent == nil {
		for _, o := range in.mod.outputs {
			cl.openAll(cl.expr(in, o.Expr))
		}
	}
	for _, c := range in.mod.calls {
		if in.kids[c.name] != nil {
			continue // followed: its variables lead back to the arguments
		}
		cl.openAll(cl.body(in, c.body, "source", "version", "providers"))
	}
	for _, r := range in.mod.res {
		cl.resource(in, r)
	}
	names := make([]string, 0, len(in.kids))
	for n := range in.kids {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		cl.instance(in.kids[n])
	}
}

// resource opens the channels a resource mentions in a way that may read
// them, or whose meaning faasvet does not know.
func (cl *closer) resource(in *instance, r *resource) {
	b := r.body
	addr := in.prefix + r.typ + "." + r.name
	// A managed policy that the configuration does not write may grant
	// reading every channel of a service.
	for _, name := range []string{"policy_arn", "managed_policy_arns"} {
		if b.Attributes[name] == nil {
			continue
		}
		arns, known := cl.ev.strings(in, b, name)
		if v := cl.ev.str(in, b, name); v.Known || v.Ref != nil {
			arns, known = []string{v.Text}, v.Known
			if v.Ref != nil {
				arns, known = nil, true // a policy of the configuration: read there
			}
		}
		if !known {
			cl.openKinds(allKinds)
		}
		for _, a := range arns {
			cl.openKinds(managedKinds(a))
		}
	}
	open := func(skip ...string) { cl.openAll(cl.body(in, b, skip...)) }
	switch r.typ {
	case "aws_sqs_queue", "aws_sns_topic", "aws_cloudwatch_event_bus":
		// A redrive_policy makes another queue this one's dead-letter
		// queue: that one is read by whoever handles failures.
		if a := b.Attributes["policy"]; a != nil && cl.policy(in, a.Expr) {
			cl.open[addr] = true
			open()
		} else {
			open("policy")
		}
	case "aws_sqs_queue_policy", "aws_sns_topic_policy", "aws_cloudwatch_event_bus_policy":
		// Who may send is no reader; a grant of anything more opens the
		// channel it is attached to.
		if a := b.Attributes["policy"]; a != nil && cl.policy(in, a.Expr) {
			open()
		} else {
			open("policy", "queue_url", "arn", "event_bus_name")
		}
	case "aws_sqs_queue_redrive_policy":
		open("queue_url")
	case "aws_lambda_function":
		open("environment")
	case "aws_lambda_event_source_mapping":
		open("event_source_arn", "function_name")
	case "aws_lambda_permission":
		// Who may invoke the function: no reader.
	case "aws_sns_topic_subscription":
		if p := cl.ev.lit(in, b, "protocol"); p == "sqs" || p == "lambda" {
			open("topic_arn", "endpoint", "protocol")
		} else {
			open()
		}
	case "aws_cloudwatch_event_rule":
		if a := b.Attributes["event_bus_name"]; a != nil {
			cl.rules = append(cl.rules, pendingRule{addr: addr, bus: cl.expr(in, a.Expr)})
		}
		open("event_bus_name")
	case "aws_cloudwatch_event_target":
		if a := b.Attributes["rule"]; a != nil {
			for _, tr := range a.Expr.Variables() {
				if ref := cl.ev.traversalRef(in, tr); ref != nil && ref.Type == "aws_cloudwatch_event_rule" {
					cl.targeted[ref.Addr] = true
				}
			}
		}
		open("arn", "rule", "event_bus_name")
	case "aws_sfn_state_machine":
		// What a state machine sends to is no reader, unless it calls
		// the SQS, SNS or EventBridge API itself (aws-sdk:sqs:receiveMessage).
		if cl.machineReads(addr) {
			open()
		} else {
			open("definition")
		}
	case "aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy":
		if a := b.Attributes["policy"]; a != nil && cl.policy(in, a.Expr) {
			cl.openAll(cl.expr(in, a.Expr))
		}
		open("policy")
	case "aws_iam_role":
		for _, ip := range blocks(b, "inline_policy") {
			if a := ip.Body.Attributes["policy"]; a != nil && cl.policy(in, a.Expr) {
				cl.openAll(cl.expr(in, a.Expr))
			}
		}
		open("inline_policy", "assume_role_policy")
	case "data.aws_iam_policy_document":
		for _, st := range blocks(b, "statement") {
			if cl.docStatement(in, st.Body) {
				cl.openAll(cl.body(in, st.Body))
			}
		}
		open("statement")
	default:
		// A resource faasvet does not model (an alarm, an SSM parameter,
		// a pipe, an API Gateway integration, a data source) may read
		// what it names.
		open()
	}
}

// machineReads reports whether a state machine's definition is unknown
// or calls the SQS, SNS or EventBridge API through an SDK integration.
func (cl *closer) machineReads(addr string) bool {
	for _, m := range cl.c.Machines {
		if m.Addr != addr {
			continue
		}
		if m.Definition == "" {
			return true
		}
		d := strings.ToLower(m.Definition)
		for _, svc := range []string{"aws-sdk:sqs:", "aws-sdk:sns:", "aws-sdk:eventbridge:"} {
			if strings.Contains(d, svc) {
				return true
			}
		}
		return false
	}
	return true
}

// docStatement reports whether a statement of an aws_iam_policy_document
// may grant more than sending; when it does, it opens the channels its
// resources name literally (an ARN, wildcards included) and, for "*" or a
// resource that is not known, every channel of the services it grants.
func (cl *closer) docStatement(in *instance, st *hclsyntax.Body) bool {
	if e := cl.ev.lit(in, st, "effect"); strings.EqualFold(e, "Deny") {
		return false
	}
	acts, known := cl.ev.strings(in, st, "actions")
	if st.Attributes["not_actions"] != nil || !known || len(acts) == 0 {
		acts = []string{"*"}
	}
	if !slices.ContainsFunc(acts, func(a string) bool { return !SendAction(a) }) {
		return false
	}
	kinds := grantedKinds(acts)
	if st.Attributes["not_resources"] != nil {
		cl.openKinds(kinds)
	}
	if res, known := cl.ev.strings(in, st, "resources"); known {
		for _, r := range res {
			cl.openNamed(kinds, r)
		}
	} else {
		cl.openKinds(kinds)
	}
	return true
}

// grantedKinds are the channel kinds whose service the actions grant
// more than sending on.
func grantedKinds(acts []string) map[ChannelKind]bool {
	out := map[ChannelKind]bool{}
	for svc := range GrantedServices(acts) {
		out[map[string]ChannelKind{"sqs": Queue, "sns": Topic, "events": Bus}[svc]] = true
	}
	return out
}

// GrantedServices are the channel services ("sqs", "sns", "events") on
// which IAM actions grant more than sending (SendAction), wildcards
// matched: a policy that lets someone read a service's channels.
func GrantedServices(acts []string) map[string]bool {
	out := map[string]bool{}
	for _, a := range acts {
		if SendAction(a) {
			continue
		}
		svc, _, _ := strings.Cut(strings.ToLower(a), ":")
		for _, k := range []string{"sqs", "sns", "events"} {
			if ok, _ := path.Match(svc, k); ok {
				out[k] = true
			}
		}
	}
	return out
}

func (cl *closer) openKinds(kinds map[ChannelKind]bool) {
	for addr, ch := range cl.chans {
		if kinds[ch.Kind] {
			cl.open[addr] = true
		}
	}
}

// openNamed opens the channels of the kinds that a literal resource of a
// policy names: "*", an ARN whose resource part matches the channel's
// name, or a string with a part not known (every channel of the kinds).
func (cl *closer) openNamed(kinds map[ChannelKind]bool, res string) {
	if r := cl.ev.onlyRef(res); r != nil && cl.chans[r.addr] != nil {
		return // a reference: opened with the statement's mentions
	}
	lit, ok := cl.ev.substitute(res, 0)
	if !ok || lit == "*" || strings.ContainsAny(lit, "\ue000\ue001") {
		cl.openKinds(kinds)
		return
	}
	parts := strings.SplitN(lit, ":", 6)
	if len(parts) < 6 {
		return
	}
	for addr, ch := range cl.chans {
		if !kinds[ch.Kind] {
			continue
		}
		if !ch.Name.Known {
			cl.open[addr] = true // cannot tell: keep it open
			continue
		}
		name := parts[5]
		if ch.Kind == Bus {
			name = strings.TrimPrefix(name, "event-bus/")
		}
		if ok, _ := path.Match(name, ch.Name.Text); ok {
			cl.open[addr] = true
		}
	}
}

// policy reports whether a JSON policy may grant more than sending: a
// statement that allows an action other than sending, or a policy whose
// text is not known (then every channel of the services its text names
// with such an action is opened, as for a statement's "*" resource).
func (cl *closer) policy(in *instance, e hclsyntax.Expression) bool {
	v := in.eval(e)
	if v.IsNull() || !v.IsWhollyKnown() || v.Type() != cty.String {
		cl.openKinds(textKinds(in.mod.text(e)))
		return true
	}
	if r := cl.ev.onlyRef(v.AsString()); r != nil {
		// data.aws_iam_policy_document.x.json: its statements.
		if r.typ != "data.aws_iam_policy_document" || r.res == nil {
			cl.openKinds(allKinds)
			return true
		}
		return slices.ContainsFunc(blocks(r.res.body, "statement"), func(st *hclsyntax.Block) bool { return cl.docStatement(r.in, st.Body) })
	}
	s := strings.NewReplacer(string(sentinelStart), "\ue000", string(sentinelEnd), "\ue001").Replace(v.AsString())
	var doc struct {
		Statement json.RawMessage
	}
	var sts []map[string]any
	if json.Unmarshal([]byte(s), &doc) != nil {
		cl.openKinds(textKinds(s))
		return true
	}
	if json.Unmarshal(doc.Statement, &sts) != nil {
		var one map[string]any
		if json.Unmarshal(doc.Statement, &one) != nil {
			cl.openKinds(textKinds(s))
			return true
		}
		sts = []map[string]any{one}
	}
	grants := false
	restore := strings.NewReplacer("\ue000", string(sentinelStart), "\ue001", string(sentinelEnd))
	for _, st := range sts {
		if eff, _ := st["Effect"].(string); strings.EqualFold(eff, "Deny") {
			continue
		}
		acts := jsonStrings(st["Action"])
		if st["NotAction"] != nil || len(acts) == 0 {
			acts = []string{"*"}
		}
		if !slices.ContainsFunc(acts, func(a string) bool { return !SendAction(a) }) {
			continue
		}
		grants = true
		kinds := grantedKinds(acts)
		if st["NotResource"] != nil {
			cl.openKinds(kinds)
		}
		for _, r := range jsonStrings(st["Resource"]) {
			cl.openNamed(kinds, restore.Replace(r))
		}
	}
	return grants
}

var allKinds = map[ChannelKind]bool{Queue: true, Topic: true, Bus: true}

// managedKinds are the channel kinds that a managed policy, by its ARN,
// may let read: an AWS managed policy of SQS, SNS or EventBridge (or
// administrator access) by its name, any policy of an account, whose
// statements faasvet does not see.
func managedKinds(arn string) map[ChannelKind]bool {
	name := strings.ToLower(arn[strings.LastIndex(arn, "/")+1:])
	if !strings.Contains(arn, ":aws:policy/") {
		return allKinds
	}
	out := map[ChannelKind]bool{}
	switch {
	case strings.Contains(name, "administratoraccess"), strings.Contains(name, "poweruseraccess"):
		return allKinds
	case strings.Contains(name, "sqs"):
		out[Queue] = true
	case strings.Contains(name, "sns"):
		out[Topic] = true
	case strings.Contains(name, "eventbridge"), strings.Contains(name, "cloudwatchevents"):
		out[Bus] = true
	}
	return out
}

// jsonStrings is a policy element's strings: one, or a list.
func jsonStrings(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

var anyActionRE = regexp.MustCompile(`"[a-z0-9-]+:[A-Za-z*]+"`)

var actionRE = regexp.MustCompile(`(?i)"((?:sqs|sns|events|\*):?[A-Za-z*]*)"`)

// textKinds are the channel kinds whose services a policy's text names
// with an action other than sending; all of them when it names no action
// at all (a policy from a variable).
func textKinds(text string) map[ChannelKind]bool {
	var acts []string
	for _, m := range actionRE.FindAllStringSubmatch(text, -1) {
		if m[1] == "*" || strings.Contains(m[1], ":") {
			acts = append(acts, m[1])
		}
	}
	if len(acts) == 0 && !anyActionRE.MatchString(text) {
		return allKinds
	}
	return grantedKinds(acts)
}

// SendAction reports whether an IAM action (or pattern) only sends to a
// channel or reads its address, and reads no message: sqs:SendMessage,
// sqs:Send*, sns:Publish, events:PutEvents, kms:*; not sqs:*, sns:Subscribe,
// events:Put* (which also puts rules and targets) or *.
func SendAction(a string) bool {
	a = strings.ToLower(strings.TrimSpace(a))
	if i := strings.IndexAny(a, "*?"); i >= 0 {
		pre := a[:i]
		if strings.HasPrefix(pre, "kms:") {
			return true
		}
		for _, p := range []string{"sqs:send", "sqs:getqueue", "sns:publish", "sns:gettopic", "events:putevents"} {
			if strings.HasPrefix(pre, p) {
				return true
			}
		}
		return false
	}
	for _, p := range []string{"sqs:sendmessage", "sqs:getqueueurl", "sqs:getqueueattributes", "sns:publish", "sns:gettopicattributes", "events:putevents", "kms:"} {
		if strings.HasPrefix(a, p) {
			return true
		}
	}
	return false
}

// body lists the channels that a block mentions, except in the top-level
// arguments and blocks named in skip and in depends_on and lifecycle.
func (cl *closer) body(in *instance, b *hclsyntax.Body, skip ...string) []string {
	if b == nil {
		return nil
	}
	var out []string
	for name, a := range b.Attributes {
		if name == "depends_on" || slices.Contains(skip, name) {
			continue
		}
		out = append(out, cl.expr(in, a.Expr)...)
	}
	for _, x := range b.Blocks {
		if x.Type == "lifecycle" || slices.Contains(skip, x.Type) || x.Type == "dynamic" && len(x.Labels) == 1 && slices.Contains(skip, x.Labels[0]) {
			continue
		}
		out = append(out, cl.body(in, x.Body)...)
	}
	return out
}

// expr lists the channels an expression mentions, through locals,
// module variables (the call's arguments) and module outputs.
func (cl *closer) expr(in *instance, e hcl.Expression) []string {
	if e == nil {
		return nil
	}
	var out []string
	for _, tr := range e.Variables() {
		switch tr.RootName() {
		case "local":
			if name, ok := attrName(tr, 1); ok {
				out = append(out, cl.named(in, "local."+name, func() []string {
					if a := in.mod.locals[name]; a != nil {
						return cl.expr(in, a.Expr)
					}
					return nil
				})...)
			}
		case "var":
			if name, ok := attrName(tr, 1); ok && in.call != nil {
				out = append(out, cl.named(in, "var."+name, func() []string {
					if a := in.call.body.Attributes[name]; a != nil {
						return cl.expr(in.parent, a.Expr)
					}
					return nil
				})...)
			}
		case "module":
			name, ok := attrName(tr, 1)
			kid := in.kids[name]
			if !ok || kid == nil {
				continue
			}
			outs := []string{}
			if o, ok := attrName(tr, 2); ok {
				outs = append(outs, o)
			} else {
				for o := range kid.mod.outputs {
					outs = append(outs, o)
				}
			}
			for _, o := range outs {
				out = append(out, cl.named(kid, "output."+o, func() []string {
					if a := kid.mod.outputs[o]; a != nil {
						return cl.expr(kid, a.Expr)
					}
					return nil
				})...)
			}
		default:
			if r := cl.ev.traversalRef(in, tr); r != nil && cl.chans[r.Addr] != nil {
				out = append(out, r.Addr)
			}
		}
	}
	return out
}

// named memoizes the mentions of a local, variable or output of an
// instance; a cycle mentions nothing more.
func (cl *closer) named(in *instance, key string, f func() []string) []string {
	if cl.memo[in] == nil {
		cl.memo[in], cl.busy[in] = map[string][]string{}, map[string]bool{}
	}
	if v, ok := cl.memo[in][key]; ok {
		return v
	}
	if cl.busy[in][key] {
		return nil
	}
	cl.busy[in][key] = true
	v := f()
	delete(cl.busy[in], key)
	cl.memo[in][key] = v
	return v
}
