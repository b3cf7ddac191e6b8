package emit

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// openfaas renders an OpenFaaS stack file: one golang-middleware
// function per function, built from its package directory, with a topic
// annotation naming the channels it subscribes to, which the event
// connectors (Kafka, NATS, SQS, SNS...) read to invoke it.
func (e *emitter) openfaas() ([]File, error) {
	fns := ymap()
	for _, f := range e.t.functions {
		putc(fns, f.dnsName, platformNote(f, OpenFaaS), e.faasFunction(f))
	}
	for _, c := range e.t.chains {
		e.notef("openfaas: the chain of direct routes from %s (%s) has no orchestrator in OpenFaaS: each function must call the next through the gateway", c.entry.name, chainText(c))
	}
	doc := ymap(
		"version", "1.0",
		"provider", ymap("name", "openfaas", "gateway", "http://127.0.0.1:8080"),
		"functions", fns,
	)
	data, err := encodeYAML(e.header(), doc)
	if err != nil {
		return nil, err
	}
	return []File{{Path: "stack.yml", Data: data}}, nil
}

func (e *emitter) faasFunction(f *function) *yaml.Node {
	handler := e.codePath(f.dir)
	if !strings.HasPrefix(handler, "../") && !strings.HasPrefix(handler, "/") {
		handler = "./" + handler
	}
	fn := ymap(
		"lang", "golang-middleware",
		"handler", handler,
		"image", f.dnsName+":latest",
	)
	if len(f.envs) > 0 {
		env := ymap()
		for _, ev := range f.envs {
			// A connector's topic is the channel's name; the gateway
			// calls a function by its name.
			if ev.fn != nil {
				put(env, ev.name, ev.fn.dnsName)
			} else {
				put(env, ev.name, ev.ch.dnsName)
			}
		}
		put(fn, "environment", env)
	}
	var topics []string
	for _, s := range f.subs {
		if !slices.Contains(topics, s.ch.dnsName) {
			topics = append(topics, s.ch.dnsName)
		}
	}
	if len(topics) > 0 {
		put(fn, "annotations", ymap("topic", strings.Join(topics, ",")))
	}
	return fn
}

// chainText writes a chain's functions in the order they run.
func chainText(c *chain) string {
	var parts []string
	var walk func(s *step)
	walk = func(s *step) {
		parts = append(parts, s.fn.name)
		for _, n := range s.next {
			walk(n)
		}
	}
	walk(c.root)
	return strings.Join(parts, ", ")
}
