package emit

import (
	"regexp"
	"strings"
	"unicode"

	"go.yaml.in/yaml/v3"
)

// goBuild is how serverless-go-plugin builds each function: a static
// Linux binary without the RPC mode that provided runtimes do not use.
const goBuild = `GOOS=linux GOARCH=amd64 CGO_ENABLED=0 go build -tags lambda.norpc -ldflags="-s -w"`

var slsKeyOK = regexp.MustCompile(`^[a-zA-Z0-9_-]+$`)

// slsKey is a function's key in serverless.yml.
func slsKey(f *function) string {
	if slsKeyOK.MatchString(f.name) {
		return f.name
	}
	return f.dnsName
}

// slsLogicalID is the logical ID the framework gives a function's
// resource: hello-world becomes HelloDashworldLambdaFunction.
func slsLogicalID(f *function) string {
	var b strings.Builder
	for i, r := range slsKey(f) {
		switch {
		case i == 0:
			b.WriteRune(unicode.ToUpper(r))
		case r == '-':
			b.WriteString("Dash")
		case r == '_':
			b.WriteString("Underscore")
		default:
			b.WriteRune(r)
		}
	}
	return b.String() + "LambdaFunction"
}

// slsService is the service name: letters, digits and hyphens, starting
// with a letter.
func slsService(s string) string {
	d := dns(s)
	if d == "" || d[0] < 'a' || d[0] > 'z' {
		d = "app-" + d
	}
	return d
}

// serverless renders serverless.yml: the functions, built from their
// packages by serverless-go-plugin, their events and environment, the
// channels in its resources section, and the chains as state machines of
// serverless-step-functions.
func (e *emitter) serverless() ([]File, error) {
	plugins := []string{"serverless-go-plugin"}
	if len(e.t.chains) > 0 {
		plugins = append(plugins, "serverless-step-functions")
	}
	provider := ymap(
		"name", "aws",
		"runtime", lambdaRuntime,
	)
	if st := e.slsStatements(); len(st) > 0 {
		put(provider, "iam", ymap("role", ymap("statements", st)))
	}
	fns := ymap()
	for _, f := range e.t.functions {
		putc(fns, slsKey(f), platformNote(f, Serverless), e.slsFunction(f))
	}
	doc := ymap(
		"service", slsService(e.t.service),
		"frameworkVersion", "4",
		"configValidationMode", "error",
		"provider", provider,
		"plugins", plugins,
		"custom", ymap("go", ymap(
			"cmd", goBuild,
			"supportedRuntimes", []string{lambdaRuntime},
			"buildProvidedRuntimeAsBootstrap", true,
		)),
		"package", ymap("individually", true),
		"functions", fns,
	)
	if len(e.t.chains) > 0 {
		machines := ymap()
		for _, c := range e.t.chains {
			def := aslMachine(c, func(f *function) any { return longGetAtt(slsLogicalID(f), "Arn") })
			put(machines, c.dns, ymap("definition", objectNode(def)))
		}
		put(doc, "stepFunctions", ymap("validate", true, "stateMachines", machines))
	}
	res := ymap()
	for _, ch := range e.t.channels {
		if !ch.defBus {
			putc(res, ch.id, channelComment(ch), e.samChannel(ch))
		}
	}
	e.subscriptions(res, longForm)
	put(doc, "resources", ymap("Resources", res))
	data, err := encodeYAML(e.header(), doc)
	if err != nil {
		return nil, err
	}
	return []File{{Path: "serverless.yml", Data: data}}, nil
}

func (e *emitter) slsFunction(f *function) *yaml.Node {
	handler := e.codePath(f.dir)
	if !strings.HasPrefix(handler, "../") && !strings.HasPrefix(handler, "/") {
		handler = "./" + handler
	}
	fn := ymap("handler", handler)
	if len(f.envs) > 0 {
		env := ymap()
		for _, ev := range f.envs {
			if ev.fn != nil {
				put(env, ev.name, longAttr(slsLogicalID(ev.fn), ev.attr))
				continue
			}
			put(env, ev.name, envValue(ev, longAttr))
		}
		put(fn, "environment", env)
	}
	var events []*yaml.Node
	for _, s := range f.subs {
		ch := s.ch
		switch {
		case s.adapter != nil:
			events = append(events, ymap("sqs", ymap("arn", longGetAtt(s.adapter.id, "Arn"))))
		case ch.class == queueClass:
			events = append(events, ymap("sqs", ymap("arn", longGetAtt(ch.id, "Arn"))))
		case ch.class == topicClass:
			// An intrinsic arn needs the topic's name too.
			events = append(events, ymap("sns", ymap("arn", longRef(ch.id), "topicName", ch.dnsName)))
		case ch.class == busClass:
			p := ymap()
			if !ch.defBus {
				put(p, "eventBus", longGetAtt(ch.id, "Arn"))
			}
			put(p, "pattern", jsonNode(s.pattern))
			events = append(events, ymap("eventBridge", p))
		}
	}
	put(fn, "events", events)
	return fn
}

// slsStatements are the IAM statements of the functions' role: the
// framework gives all functions of a service one role, so it holds the
// union of what the publishers need.
func (e *emitter) slsStatements() []*yaml.Node {
	var out []*yaml.Node
	seen := map[string]bool{}
	add := func(key, action string, resource *yaml.Node) {
		if seen[key] {
			return
		}
		seen[key] = true
		out = append(out, ymap("Effect", "Allow", "Action", []string{action}, "Resource", yseq(resource)))
	}
	for _, f := range e.t.functions {
		for _, ch := range f.publishes {
			switch {
			case ch.class == queueClass:
				add(ch.id, "sqs:SendMessage", longGetAtt(ch.id, "Arn"))
			case ch.class == topicClass:
				add(ch.id, "sns:Publish", longRef(ch.id))
			case ch.defBus:
				add(ch.id, "events:PutEvents", ymap("Fn::Sub", "arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:event-bus/default"))
			default:
				add(ch.id, "events:PutEvents", longGetAtt(ch.id, "Arn"))
			}
		}
		for _, to := range f.invokes {
			add("fn:"+to.name, "lambda:InvokeFunction", longGetAtt(slsLogicalID(to), "Arn"))
		}
	}
	return out
}
