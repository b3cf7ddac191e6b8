package manifest

import (
	"strings"

	"github.com/faasvet/faasvet/manifest/node"
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
	if !hasFn {
		return
	}
	open := map[string]bool{} // logical IDs of channels mentioned in a way that may read them
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
		for _, st := range d.Get("Statement").List() {
			send := true
			acts := st.Get("Action")
			if s, ok := acts.Scalar(); ok {
				send = sendAction(s)
			}
			for _, a := range acts.List() {
				s, _ := a.Scalar()
				send = send && sendAction(s)
			}
			if acts == nil || !send || st.Get("NotAction") != nil {
				for _, ref := range t.mentions(st, 0) {
					open[ref.LogicalID] = true
				}
			}
		}
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
func sendAction(a string) bool {
	a = strings.ToLower(a)
	for _, p := range []string{"sqs:sendmessage", "sqs:getqueueurl", "sqs:getqueueattributes", "sns:publish", "sns:gettopicattributes", "events:putevents", "kms:"} {
		if strings.HasPrefix(a, p) {
			return true
		}
	}
	return false
}
