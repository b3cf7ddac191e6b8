package emit

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// The Go runtime of the AWS targets: a bootstrap binary on Amazon Linux
// 2023, which sam build makes with its go1.x build method.
const (
	lambdaRuntime = "provided.al2023"
	lambdaHandler = "bootstrap"
)

// putc is put with a comment above the key.
func putc(m *yaml.Node, key, comment string, v any) {
	put(m, key, v)
	if comment != "" && len(m.Content) >= 2 && m.Content[len(m.Content)-2].Value == key {
		m.Content[len(m.Content)-2].HeadComment = comment
	}
}

// sam renders a SAM template and the ASL files its state machines name.
func (e *emitter) sam() ([]File, error) {
	res := ymap()
	for _, f := range e.t.functions {
		putc(res, f.id+"Function", platformNote(f, SAM), e.samFunction(f))
	}
	for _, ch := range e.t.channels {
		if ch.defBus {
			continue
		}
		putc(res, ch.id, channelComment(ch), e.samChannel(ch))
	}
	e.subscriptions(res, shortForm)
	for _, c := range e.t.chains {
		putc(res, c.id+"StateMachine", "The chain of direct routes from "+c.entry.name+".", e.samStateMachine(c))
	}
	doc := ymap(
		"AWSTemplateFormatVersion", "2010-09-09",
		"Transform", "AWS::Serverless-2016-10-31",
		"Description", fmt.Sprintf("The function graph of %s, emitted by faasvet from its code.", e.t.service),
		"Resources", res,
	)
	data, err := encodeYAML(e.header(), doc)
	if err != nil {
		return nil, err
	}
	files := []File{{Path: "template.yaml", Data: data}}
	asl, err := e.asl()
	if err != nil {
		return nil, err
	}
	return append(files, asl...), nil
}

// channelComment says why emit added a channel.
func channelComment(ch *channel) string {
	if !ch.implicit {
		return ""
	}
	if s := ch.adapts; s != nil {
		return fmt.Sprintf("Added by faasvet emit: delivers %s's messages, raw, to %s, whose handler takes SQS events.", s.ch.name, s.fn.name)
	}
	var pubs, subs []string
	for _, p := range ch.publishers {
		pubs = append(pubs, p.name)
	}
	for _, s := range ch.subs {
		if s.fn != nil {
			subs = append(subs, s.fn.name)
		}
	}
	return fmt.Sprintf("Added by faasvet emit: carries the %s routes from %s to %s.", ch.via, joinNames(pubs), joinNames(subs))
}

func joinNames(ns []string) string {
	switch len(ns) {
	case 0:
		return "nobody"
	case 1:
		return ns[0]
	}
	out := ""
	for i, n := range ns {
		switch {
		case i == 0:
		case i == len(ns)-1:
			out += " and "
		default:
			out += ", "
		}
		out += n
	}
	return out
}

// envValue is what a function's environment variable holds: the
// channel's URL or ARN or name, or the function's name.
func envValue(ev *envVar, attr func(id, attr string) *yaml.Node) any {
	switch {
	case ev.fn != nil:
		return attr(ev.fn.id+"Function", ev.attr)
	case ev.ch.defBus:
		return "default"
	default:
		return attr(ev.ch.id, ev.attr)
	}
}

func (e *emitter) samFunction(f *function) *yaml.Node {
	props := ymap(
		"CodeUri", e.codePath(f.dir)+"/",
		"Handler", lambdaHandler,
		"Runtime", lambdaRuntime,
	)
	if len(f.envs) > 0 {
		vars := ymap()
		for _, ev := range f.envs {
			put(vars, ev.name, envValue(ev, cfnAttr))
		}
		put(props, "Environment", ymap("Variables", vars))
	}
	var policies []*yaml.Node
	for _, ch := range f.publishes {
		switch ch.class {
		case queueClass:
			policies = append(policies, ymap("SQSSendMessagePolicy", ymap("QueueName", getAtt(ch.id, "QueueName"))))
		case topicClass:
			policies = append(policies, ymap("SNSPublishMessagePolicy", ymap("TopicName", getAtt(ch.id, "TopicName"))))
		case busClass:
			var bus any = "default"
			if !ch.defBus {
				bus = ref(ch.id)
			}
			policies = append(policies, ymap("EventBridgePutEventsPolicy", ymap("EventBusName", bus)))
		}
	}
	for _, to := range f.invokes {
		policies = append(policies, ymap("LambdaInvokePolicy", ymap("FunctionName", ref(to.id+"Function"))))
	}
	put(props, "Policies", policies)
	events := ymap()
	for _, s := range f.subs {
		ch := s.ch
		switch {
		case s.adapter != nil:
			put(events, s.adapter.id, ymap("Type", "SQS", "Properties", ymap("Queue", getAtt(s.adapter.id, "Arn"))))
		case ch.class == queueClass:
			put(events, ch.id, ymap("Type", "SQS", "Properties", ymap("Queue", getAtt(ch.id, "Arn"))))
		case ch.class == topicClass:
			put(events, ch.id, ymap("Type", "SNS", "Properties", ymap("Topic", ref(ch.id))))
		case ch.class == busClass:
			p := ymap()
			if !ch.defBus {
				put(p, "EventBusName", ref(ch.id))
			}
			put(p, "Pattern", jsonNode(s.pattern))
			put(events, ch.id+"Rule", ymap("Type", "EventBridgeRule", "Properties", p))
		}
	}
	put(props, "Events", events)
	return ymap(
		"Type", "AWS::Serverless::Function",
		"Metadata", ymap("BuildMethod", "go1.x"),
		"Properties", props,
	)
}

func (e *emitter) samChannel(ch *channel) *yaml.Node {
	props := ymap()
	switch ch.class {
	case queueClass:
		if ch.fifo {
			put(props, "FifoQueue", true)
		}
		return ymap("Type", "AWS::SQS::Queue", "Properties", props)
	case topicClass:
		if ch.fifo {
			put(props, "FifoTopic", true)
		}
		return ymap("Type", "AWS::SNS::Topic", "Properties", props)
	default:
		put(props, "Name", ch.name)
		return ymap("Type", "AWS::Events::EventBus", "Properties", props)
	}
}

// topicQueue is a topic's subscription of a queue.
type topicQueue struct {
	topic, queue *channel
	raw          bool
}

// topicQueues lists the subscriptions of queues to topics: those of the
// graph, and the queues emit puts before functions that take SQS
// events, which get the message itself.
func (e *emitter) topicQueues() []topicQueue {
	var out []topicQueue
	for _, ch := range e.t.channels {
		for _, s := range ch.subs {
			switch {
			case s.queue != nil:
				out = append(out, topicQueue{ch, s.queue, s.raw})
			case s.adapter != nil:
				out = append(out, topicQueue{ch, s.adapter, true})
			}
		}
	}
	return out
}

// intrinsics are CloudFormation's Ref and GetAtt in one of their YAML
// forms: the short tags of SAM templates, or the long maps that
// serverless.yml's resources section takes.
type intrinsics struct {
	ref    func(id string) *yaml.Node
	getAtt func(id, attr string) *yaml.Node
}

var (
	shortForm = intrinsics{ref, getAtt}
	longForm  = intrinsics{longRef, longGetAtt}
)

// subscriptions adds the SNS subscriptions of queues, and the queue
// policies that let the topics send to them.
func (e *emitter) subscriptions(res *yaml.Node, x intrinsics) {
	ref, getAtt := x.ref, x.getAtt
	tqs := e.topicQueues()
	statements := map[*channel][]*yaml.Node{}
	var queues []*channel
	for _, tq := range tqs {
		props := ymap(
			"TopicArn", ref(tq.topic.id),
			"Protocol", "sqs",
			"Endpoint", getAtt(tq.queue.id, "Arn"),
		)
		if tq.raw {
			put(props, "RawMessageDelivery", true)
		}
		put(res, e.t.ids.unique(tq.topic.id+tq.queue.id+"Subscription"), ymap("Type", "AWS::SNS::Subscription", "Properties", props))
		if statements[tq.queue] == nil {
			queues = append(queues, tq.queue)
		}
		statements[tq.queue] = append(statements[tq.queue], ymap(
			"Effect", "Allow",
			"Principal", ymap("Service", "sns.amazonaws.com"),
			"Action", "sqs:SendMessage",
			"Resource", getAtt(tq.queue.id, "Arn"),
			"Condition", ymap("ArnEquals", ymap("aws:SourceArn", ref(tq.topic.id))),
		))
	}
	for _, q := range queues {
		put(res, e.t.ids.unique(q.id+"Policy"), ymap("Type", "AWS::SQS::QueuePolicy", "Properties", ymap(
			"Queues", yseq(ref(q.id)),
			"PolicyDocument", ymap("Version", "2012-10-17", "Statement", statements[q]),
		)))
	}
}

func (e *emitter) samStateMachine(c *chain) *yaml.Node {
	subs := ymap()
	var policies []*yaml.Node
	for _, f := range c.functions() {
		put(subs, arnVar(f), getAtt(f.id+"Function", "Arn"))
		policies = append(policies, ymap("LambdaInvokePolicy", ymap("FunctionName", ref(f.id+"Function"))))
	}
	return ymap(
		"Type", "AWS::Serverless::StateMachine",
		"Properties", ymap(
			"DefinitionUri", c.file,
			"DefinitionSubstitutions", subs,
			"Policies", policies,
		),
	)
}
