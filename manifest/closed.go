package manifest

import (
	"path"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/manifest/node"
	"github.com/faasvet/faasvet/manifest/terraform"
)

// close marks the queues, topics and buses of a template whose every
// mention faasvet understands (Channel.Closed): only for them does "no
// route leaves it" mean "nothing reads it". A template that declares no
// function is infrastructure for code elsewhere: its channels stay open.
func (t *template) close() {
	hasFn := false
	for _, r := range t.order {
		hasFn = hasFn || r.fn != nil
	}
	if hasFn {
		t.closeOpen(map[string]bool{})
	}
}

// closeOpen marks the channels Closed that neither the template's
// resources and outputs nor open (logical IDs mentioned elsewhere in a
// way that may read them) keep open.
func (t *template) closeOpen(open map[string]bool) {
	mark := func(n *node.Node) {
		for _, ref := range t.mentions(n, 0) {
			open[ref.LogicalID] = true
		}
	}
	mark(t.outputs)
	for _, r := range t.order {
		switch r.typ {
		case "AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::Events::EventBus":
			// A queue's RedrivePolicy makes another its dead-letter queue;
			// a topic's Subscription list is read as subscriptions.
			if r.typ == "AWS::SNS::Topic" {
				for _, sub := range r.props.Get("Subscription").List() {
					if !toFunctionOrQueue(t.literal(sub.Get("Protocol"))) {
						open[r.id] = true
					}
				}
				continue
			}
			mark(r.props)
		case "AWS::SNS::Subscription":
			if !toFunctionOrQueue(t.literal(r.props.Get("Protocol"))) || r.props.Get("RedrivePolicy") != nil {
				mark(r.props)
			}
		case "AWS::Events::Rule":
			if len(r.props.Get("Targets").List()) == 0 {
				mark(r.props)
			}
			for _, tg := range r.props.Get("Targets").List() {
				mark(tg.Get("DeadLetterConfig"))
			}
		case "AWS::Lambda::EventSourceMapping":
			mark(r.props.Get("DestinationConfig"))
		case "AWS::SQS::QueuePolicy", "AWS::SNS::TopicPolicy", "AWS::Events::EventBusPolicy",
			"AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine", "AWS::Lambda::Permission",
			"AWS::CDK::Metadata":
			// Who may send, or what a state machine sends to.
		case "AWS::Lambda::Function":
			for _, f := range r.props.Fields() {
				if f.Key != "Environment" {
					mark(f.Value)
				}
			}
		case "AWS::Serverless::Function":
			for _, f := range r.props.Fields() {
				switch f.Key {
				case "Environment", "Events":
				case "Policies":
					for _, pol := range f.Value.List() {
						for _, pf := range pol.Fields() {
							if !sendPolicy(pf.Key) {
								mark(pf.Value)
							}
						}
						if !pol.IsMap() {
							mark(pol)
						}
					}
				default:
					mark(f.Value)
				}
			}
		case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy", "AWS::IAM::Role":
			t.closeIAM(r.props, open)
		default:
			mark(r.props)
		}
	}
	for _, r := range t.order {
		if r.ch != nil && !open[r.id] && (r.ch.Kind == Queue || r.ch.Kind == Topic || r.ch.Kind == Bus) {
			r.ch.Closed = true
		}
	}
}

// toFunctionOrQueue: a subscription protocol whose endpoint is a function
// or queue, which the subscription's link names.
func toFunctionOrQueue(proto string) bool {
	p := strings.ToLower(proto)
	return p == "lambda" || p == "sqs"
}

// sendPolicy: a SAM policy template that only lets a function send.
func sendPolicy(name string) bool {
	switch name {
	case "SQSSendMessagePolicy", "SNSPublishMessagePolicy", "EventBridgePutEventsPolicy":
		return true
	}
	return false
}

// closeIAM opens the channels that a policy statement lets anything do
// more than send to.
func (t *template) closeIAM(props *node.Node, open map[string]bool) {
	var docs []*node.Node
	docs = append(docs, props.Get("PolicyDocument"))
	for _, p := range props.Get("Policies").List() {
		docs = append(docs, p.Get("PolicyDocument"))
	}
	for _, d := range docs {
		t.statements(d.Get("Statement"), open)
	}
	// A role's trust policy names principals, not channels; anything else
	// of the resource mentioning a channel is not understood.
	for _, f := range props.Fields() {
		if f.Key != "PolicyDocument" && f.Key != "Policies" && f.Key != "AssumeRolePolicyDocument" {
			for _, ref := range t.mentions(f.Value, 0) {
				open[ref.LogicalID] = true
			}
		}
	}
}

// sendAction: an IAM action that sends to a channel or reads its
// address, and reads no message.
func sendAction(a string) bool { return terraform.SendAction(a) }

// statements opens the channels that an IAM policy's statements (one, or
// a list) let anything do more than send to: those the statement names by
// reference, those whose literal ARN (wildcards included) it names, and
// for a Resource "*" every channel of a service whose actions it grants.
func (t *template) statements(sts *node.Node, open map[string]bool) {
	list := sts.List()
	if sts.IsMap() {
		list = []*node.Node{sts}
	}
	for _, st := range list {
		if strings.EqualFold(t.literal(st.Get("Effect")), "Deny") {
			continue
		}
		var acts []string
		known := st.Get("NotAction") == nil
		for _, a := range append([]*node.Node{st.Get("Action")}, st.Get("Action").List()...) {
			if a == nil || a.IsSeq() {
				continue
			}
			s := t.literal(a)
			if s == "" {
				known = false
				continue
			}
			acts = append(acts, s)
		}
		if known && len(acts) > 0 && !slices.ContainsFunc(acts, func(a string) bool { return !sendAction(a) }) {
			continue
		}
		for _, ref := range t.mentions(st, 0) {
			open[ref.LogicalID] = true
		}
		// The services whose channels the statement may read.
		kinds := map[ChannelKind]bool{}
		for svc := range terraform.GrantedServices(acts) {
			kinds[map[string]ChannelKind{"sqs": Queue, "sns": Topic, "events": Bus}[svc]] = true
		}
		if !known {
			kinds = map[ChannelKind]bool{Queue: true, Topic: true, Bus: true}
		}
		res := append([]*node.Node{st.Get("Resource"), st.Get("NotResource")}, st.Get("Resource").List()...)
		for _, r := range res {
			if r == nil || r.IsSeq() {
				continue
			}
			lit := t.literal(r)
			if lit == "" {
				continue
			}
			for _, x := range t.order {
				if x.ch != nil && kinds[x.ch.Kind] && (r == st.Get("NotResource") || arnNames(lit, x.ch)) {
					open[x.id] = true
				}
			}
		}
	}
}

// arnNames reports whether a literal resource of a policy (an ARN, maybe
// with wildcards, or "*") names a channel by its physical name.
func arnNames(arn string, ch *Channel) bool {
	if arn == "*" {
		return true
	}
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 || ch.Name == "" {
		return false
	}
	name := parts[5]
	if ch.Kind == Bus {
		name = strings.TrimPrefix(name, "event-bus/")
	}
	ok, _ := path.Match(name, ch.Name)
	return ok
}
