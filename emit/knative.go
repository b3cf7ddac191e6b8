package emit

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// The Knative API versions emitted.
const (
	servingV1  = "serving.knative.dev/v1"
	eventingV1 = "eventing.knative.dev/v1"
	flowsV1    = "flows.knative.dev/v1"
	sourcesV1  = "sources.knative.dev/v1"
)

// knative renders Knative YAML: a Service per function (a ko:// image of
// its package), a Broker per channel with a Trigger per subscriber
// (filtered on the CloudEvent type where the code says which), a
// SinkBinding that points a publisher's K_SINK at its broker, and a
// Sequence per chain, with a Parallel at each fan-out.
func (e *emitter) knative() ([]File, error) {
	var docs []*yaml.Node
	for _, f := range e.t.functions {
		docs = append(docs, e.knService(f))
	}
	for _, ch := range e.t.channels {
		if ch.adapts != nil {
			continue // a queue for SQS consumers: a broker's trigger delivers to them directly
		}
		docs = append(docs, knObject(eventingV1, "Broker", ch.dnsName, channelComment(ch), nil))
	}
	for _, ch := range e.t.channels {
		for _, s := range ch.subs {
			docs = append(docs, e.knTrigger(s))
		}
	}
	for _, f := range e.t.functions {
		switch len(f.publishes) {
		case 0:
		case 1:
			ch := f.publishes[0]
			docs = append(docs, knObject(sourcesV1, "SinkBinding", e.t.dnses.uniqueSep(f.dnsName+"-sink", "-"), "", ymap(
				"subject", ymap("apiVersion", servingV1, "kind", "Service", "name", f.dnsName),
				"sink", knRef(eventingV1, "Broker", ch.dnsName),
			)))
		default:
			e.notef("knative: %s publishes to %d channels, but a SinkBinding sets one K_SINK: no SinkBinding is emitted for it; send to each broker's address", f.name, len(f.publishes))
		}
	}
	for _, c := range e.t.chains {
		docs = append(docs, e.knSequence(c.dns, c.root)...)
	}
	if len(docs) == 0 {
		e.notef("knative: the graph has no functions")
		return []File{{Path: "knative.yaml", Data: []byte("# " + Generated + "\n")}}, nil
	}
	data, err := encodeYAML(e.header(), docs...)
	if err != nil {
		return nil, err
	}
	return []File{{Path: "knative.yaml", Data: data}}, nil
}

// knObject is a Kubernetes object with a name and a spec.
func knObject(apiVersion, kind, name, comment string, spec *yaml.Node) *yaml.Node {
	doc := ymap("apiVersion", apiVersion, "kind", kind, "metadata", ymap("name", name))
	if spec != nil {
		put(doc, "spec", spec)
	}
	if comment != "" {
		doc.HeadComment = comment
	}
	return doc
}

// knRef is a Destination that refers to an object.
func knRef(apiVersion, kind, name string) *yaml.Node {
	return ymap("ref", ymap("apiVersion", apiVersion, "kind", kind, "name", name))
}

func (e *emitter) knService(f *function) *yaml.Node {
	ctr := ymap("image", "ko://"+f.node.Package)
	var env []*yaml.Node
	for _, ev := range f.envs {
		if ev.fn != nil {
			// A Knative Service answers at its name within the namespace.
			env = append(env, ymap("name", ev.name, "value", "http://"+ev.fn.dnsName))
		}
	}
	put(ctr, "env", env)
	return knObject(servingV1, "Service", f.dnsName, platformNote(f, Knative), ymap(
		"template", ymap("spec", ymap("containers", yseq(ctr))),
	))
}

func (e *emitter) knTrigger(s *subscription) *yaml.Node {
	spec := ymap("broker", s.ch.dnsName)
	var target string
	if s.fn != nil {
		target = s.fn.dnsName
		if s.eventType != "" {
			put(spec, "filter", ymap("attributes", ymap("type", s.eventType)))
		}
		put(spec, "subscriber", knRef(servingV1, "Service", s.fn.dnsName))
	} else {
		target = s.queue.dnsName
		put(spec, "subscriber", knRef(eventingV1, "Broker", s.queue.dnsName))
	}
	return knObject(eventingV1, "Trigger", e.t.dnses.uniqueSep(s.ch.dnsName+"-"+target, "-"), "", spec)
}

// knSequence renders a chain from s: a Sequence of its steps up to a
// fan-out, which is a Parallel whose branches are Services or Sequences
// of their own. It returns the objects, the first being the one named
// name.
func (e *emitter) knSequence(name string, s *step) []*yaml.Node {
	var steps []*yaml.Node
	var more []*yaml.Node
	for s != nil {
		steps = append(steps, knRef(servingV1, "Service", s.fn.dnsName))
		switch len(s.next) {
		case 0:
			s = nil
		case 1:
			s = s.next[0]
		default:
			par := e.t.dnses.uniqueSep(name+"-"+s.fn.dnsName+"-fan-out", "-")
			steps = append(steps, knRef(flowsV1, "Parallel", par))
			var branches []*yaml.Node
			for i, n := range s.next {
				if len(n.next) == 0 {
					branches = append(branches, ymap("subscriber", knRef(servingV1, "Service", n.fn.dnsName)))
					continue
				}
				sub := e.t.dnses.uniqueSep(fmt.Sprintf("%s-%d", par, i+1), "-")
				branches = append(branches, ymap("subscriber", knRef(flowsV1, "Sequence", sub)))
				more = append(more, e.knSequence(sub, n)...)
			}
			more = append([]*yaml.Node{knObject(flowsV1, "Parallel", par, "", ymap("branches", branches))}, more...)
			s = nil
		}
	}
	seq := knObject(flowsV1, "Sequence", name, "", ymap("steps", steps))
	return append([]*yaml.Node{seq}, more...)
}
