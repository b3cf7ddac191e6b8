package emit

import (
	"cmp"
	"fmt"
	"go/types"
	"path"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/manifest"
)

// A class is what a channel is on every platform: a queue that one
// consumer drains, a topic that fans out to its subscribers, or an event
// bus whose rules pick events by pattern.
type class string

const (
	queueClass class = "queue"
	topicClass class = "topic"
	busClass   class = "bus"
)

// classOf maps the graph's channel kinds to classes; kinds without one
// (buckets, tables, streams, Knative flows) are not emitted.
func classOf(kind string) class {
	switch kind {
	case "sqs-queue":
		return queueClass
	case "topic", "sns-topic", "pubsub-topic", "openfaas-topic", "knative-broker":
		return topicClass
	case "eventbridge-bus":
		return busClass
	}
	return ""
}

// viaClass is the class of channel that an asynchronous route between
// two functions travels through.
func viaClass(via string) class {
	switch via {
	case "sqs":
		return queueClass
	case "sns", "topic", "pubsub", "cloudevents":
		return topicClass
	}
	return ""
}

// A topology is the deployable shape of a function graph: the functions
// with their code, the channels, who publishes to and subscribes to what,
// and the chains of functions that a state machine or a Knative Sequence
// runs. Every target renders the same topology, so that they agree.
type topology struct {
	service   string // the app's name
	functions []*function
	channels  []*channel
	chains    []*chain
	notes     []string

	fnByID map[string]*function // by graph node ID
	chByID map[string]*channel
	ids    *namer // CloudFormation logical IDs
	stems  *namer // the stems of functions' logical IDs
	dnses  *namer // Kubernetes and OpenFaaS names
	seen   map[string]bool
}

// A function is one function of the graph with Go code in the tree.
type function struct {
	node     *graphext.Node
	name     string
	platform string
	dir      string // the package directory, slash-separated, relative to the root
	id       string // the logical ID's stem: Validate
	dnsName  string

	envs      []*envVar       // sorted by name
	publishes []*channel      // sorted by name
	invokes   []*function     // functions the code calls by name, sorted
	subs      []*subscription // the channels that trigger the function, sorted
}

// A channel is a queue, topic or bus.
type channel struct {
	node     *graphext.Node // nil for a channel emit adds
	name     string
	kind     string // the graph's ChannelKind
	class    class
	fifo     bool
	implicit bool   // added by emit to carry a route between two functions
	via      string // the transport of the routes an implicit channel carries
	// adapts is the subscription an adapter queue serves.
	adapts  *subscription
	defBus  bool // the account's default event bus: nothing to create
	id      string
	dnsName string

	subs       []*subscription // sorted by subscriber
	publishers []*function
}

// A subscription delivers a channel's messages to a function or, for a
// topic, to a queue.
type subscription struct {
	ch    *channel
	fn    *function
	queue *channel
	raw   bool // SNS raw message delivery into a queue
	// pattern is an EventBridge rule's event pattern, as JSON.
	pattern string
	// eventType is the CloudEvent type the route carries, when the code
	// says.
	eventType string
	// adapter is the queue that emit puts between a topic and a function
	// whose handler takes SQS events.
	adapter *channel
}

// An envVar is an environment variable that tells a function where to
// send: a channel's URL, ARN or name, or a function's name.
type envVar struct {
	name string
	ch   *channel
	fn   *function
	// attr is the attribute the value is: "" for CloudFormation's Ref
	// (a queue's URL, a topic's ARN, a function's name), or a GetAtt
	// attribute such as Arn.
	attr string
}

// buildTopology turns the graph into a topology. model, when not nil,
// gives the environment variable names and EventBridge patterns that the
// manifests already use.
func buildTopology(g *graphext.Graph, model *manifest.Model, service string) *topology {
	t := &topology{service: service, fnByID: map[string]*function{}, chByID: map[string]*channel{},
		ids: newNamer(), stems: newNamer(), dnses: newNamer(), seen: map[string]bool{}}
	for _, n := range g.Nodes() {
		switch n.Kind {
		case graphext.FunctionNode:
			t.addFunction(n)
		case graphext.ChannelNode:
			t.addChannel(n, model)
		}
	}
	var async []*graphext.Edge
	for _, e := range g.Edges() {
		ff, fc := t.fnByID[e.From], t.chByID[e.From]
		tf, tc := t.fnByID[e.To], t.chByID[e.To]
		switch {
		case ff != nil && tf != nil:
			switch {
			case t.chainEdge(e):
				// buildChains reads these from the graph.
			case e.Source == "sdk" && e.Via == "direct":
				t.invoke(e, ff, tf, model)
			case viaClass(e.Via) != "":
				async = append(async, e)
			case e.Via == "http":
				t.notef("%s: %s calls %s over HTTP: the call stays in the code, and no target adds anything for it", e.Pos, ff.name, tf.name)
			default:
				t.notef("%s: the %s route from %s to %s is not emitted: no target expresses it", e.Pos, e.Via, ff.name, tf.name)
			}
		case ff != nil && tc != nil:
			t.publish(e, ff, tc, model)
		case fc != nil && tf != nil:
			t.subscribe(e, fc, tf, model)
		case fc != nil && tc != nil:
			t.forward(e, fc, tc, model)
		default:
			t.dropped(g, e)
		}
	}
	for _, e := range async {
		t.asyncRoute(e, t.fnByID[e.From], t.fnByID[e.To], model)
	}
	t.chains = buildChains(t, g.Filter(t.chainEdge))
	t.finish()
	return t
}

func (t *topology) notef(format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	msg = strings.TrimPrefix(msg, ":0:0: ")
	if !t.seen[msg] {
		t.seen[msg] = true
		t.notes = append(t.notes, msg)
	}
}

func (t *topology) addFunction(n *graphext.Node) {
	if n.Platform == "program" {
		t.notef("%s: program %s sends to the functions but is no function: not emitted", n.Pos, n.Name)
		return
	}
	if n.Package == "" {
		t.notef("%s: function %s is declared only in a manifest, with no Go code in the tree: not emitted", n.Pos, n.Name)
		return
	}
	dir := path.Dir(n.Pos.File)
	if n.Pos.File == "" || path.IsAbs(dir) || dir == ".." || strings.HasPrefix(dir, "../") {
		t.notef("function %s (package %s) is outside the analysed directory: not emitted", n.Name, n.Package)
		return
	}
	f := &function{node: n, name: n.Name, platform: n.Platform, dir: dir}
	f.id = t.stems.unique(camel(n.Name))
	t.ids.used[f.id+"Function"] = true
	f.dnsName = t.dnses.uniqueSep(dns(n.Name), "-")
	t.functions = append(t.functions, f)
	t.fnByID[n.ID] = f
}

func (t *topology) addChannel(n *graphext.Node, model *manifest.Model) {
	c := classOf(n.ChannelKind)
	if c == "" {
		if n.ChannelKind != "state-machine" {
			t.notef("%s: %s %s is not emitted: the targets have no such channel", n.Pos, n.ChannelKind, n.Name)
		}
		return
	}
	ch := &channel{node: n, name: n.Name, kind: n.ChannelKind, class: c}
	if model != nil {
		if mc := model.Channel(n.Name); mc != nil {
			ch.fifo = mc.FIFO
			if mc.Name != "" && mc.Kind == manifest.Bus && mc.Name == "default" {
				ch.defBus = true
			}
		}
	}
	if c == busClass && n.Name == "default" {
		ch.defBus = true
	}
	t.nameChannel(ch)
	t.channels = append(t.channels, ch)
	t.chByID[n.ID] = ch
}

// nameChannel gives a channel its logical ID and DNS name.
func (t *topology) nameChannel(ch *channel) {
	suffix := map[class]string{queueClass: "Queue", topicClass: "Topic", busClass: "Bus"}[ch.class]
	ch.id = t.ids.unique(withSuffix(camel(ch.name), suffix))
	if ch.implicit && ch.via == "" {
		// An adapter queue exists on AWS only: its name must not take one
		// that Knative objects use.
		ch.dnsName = dns(ch.name)
		return
	}
	ch.dnsName = t.dnses.uniqueSep(dns(ch.name), "-")
}

// dropped notes an edge that touches something not emitted.
func (t *topology) dropped(g *graphext.Graph, e *graphext.Edge) {
	from, to := g.Node(e.From), g.Node(e.To)
	if from.ChannelKind == "state-machine" && e.Via == "stepfunctions" {
		t.notef("%s: state machine %s is not emitted as it is: the targets build state machines from the code's direct routes", from.Pos, from.Name)
		return
	}
	t.notef("%s: the route from %s to %s is not emitted: one of its ends is not", e.Pos, from.Name, to.Name)
}

// envName is the variable through which a function finds a target: the
// name the code reads (Edge.EnvVar, from the SDK call), else the
// name a manifest of the tree gives it, else one made from the target's
// name and kind.
func (t *topology) envName(e *graphext.Edge, f *function, ch *channel, to *function, model *manifest.Model) (name, attr string) {
	name = e.EnvVar
	if model != nil {
		for _, mf := range model.FunctionsIn(f.dir) {
			for _, ev := range mf.Env {
				v := ev.Value
				if v.Kind != manifest.Reference || v.Ref == nil {
					continue
				}
				tg := v.Ref.Target
				match := ch != nil && tg.Kind == manifest.EndChannel && tg.ID == ch.name
				if to != nil && tg.Kind == manifest.EndFunction {
					if tf := model.Function(tg.ID); tf != nil && tf.CodeDir == to.dir {
						match = true
					}
				}
				if match && (name == "" || name == ev.Name) {
					return ev.Name, v.Ref.Attr
				}
			}
		}
	}
	if name != "" {
		return name, ""
	}
	switch {
	case to != nil:
		return withSuffix(snake(to.name), "_FUNCTION") + "_NAME", ""
	case ch.class == queueClass:
		return withSuffix(snake(ch.name), "_QUEUE") + "_URL", ""
	case ch.class == topicClass:
		return withSuffix(snake(ch.name), "_TOPIC") + "_ARN", ""
	default:
		return withSuffix(snake(ch.name), "_BUS") + "_NAME", ""
	}
}

func (t *topology) addEnv(f *function, ev *envVar) {
	for _, x := range f.envs {
		if x.name == ev.name {
			if x.ch != ev.ch || x.fn != ev.fn {
				t.notef("%s reads %s for two targets: only the first is set", f.name, ev.name)
			}
			return
		}
	}
	f.envs = append(f.envs, ev)
}

func (t *topology) publish(e *graphext.Edge, f *function, ch *channel, model *manifest.Model) {
	if !slices.Contains(f.publishes, ch) {
		f.publishes = append(f.publishes, ch)
		ch.publishers = append(ch.publishers, f)
	}
	name, attr := t.envName(e, f, ch, nil, model)
	t.addEnv(f, &envVar{name: name, ch: ch, attr: attr})
}

func (t *topology) invoke(e *graphext.Edge, f, to *function, model *manifest.Model) {
	if !slices.Contains(f.invokes, to) {
		f.invokes = append(f.invokes, to)
	}
	name, attr := t.envName(e, f, nil, to, model)
	t.addEnv(f, &envVar{name: name, fn: to, attr: attr})
}

func (t *topology) subscribe(e *graphext.Edge, ch *channel, f *function, model *manifest.Model) {
	s := &subscription{ch: ch, fn: f, eventType: e.EventType}
	if ch.class == busClass {
		s.pattern = manifestPattern(model, ch, f)
		if s.pattern == "" {
			t.notef("%s: %s's rule on bus %s is not emitted: its event pattern is not known; declare the rule in a template", e.Pos, f.name, ch.name)
			return
		}
	}
	t.addSub(s)
}

// manifestPattern is the event pattern of the manifest rule that sends a
// bus's events to a function.
func manifestPattern(model *manifest.Model, ch *channel, f *function) string {
	if model == nil {
		return ""
	}
	for _, l := range model.Links {
		if l.Pattern == nil || l.From.Kind != manifest.EndChannel || l.From.ID != ch.name || l.To.Kind != manifest.EndFunction {
			continue
		}
		if mf := model.Function(l.To.ID); mf != nil && mf.CodeDir == f.dir {
			return l.Pattern.JSON
		}
	}
	return ""
}

func (t *topology) addSub(s *subscription) {
	for _, x := range s.ch.subs {
		if x.fn == s.fn && x.queue == s.queue {
			if x.eventType == "" {
				x.eventType = s.eventType
			}
			return
		}
	}
	s.ch.subs = append(s.ch.subs, s)
	if s.fn != nil {
		s.fn.subs = append(s.fn.subs, s)
	}
}

// forward is a channel into a channel: an SNS topic's subscription of a
// queue.
func (t *topology) forward(e *graphext.Edge, from, to *channel, model *manifest.Model) {
	if from.class != topicClass || to.class != queueClass {
		t.notef("%s: the subscription of %s %s to %s %s is not emitted: only topics into queues are", e.Pos, from.kind, from.name, to.kind, to.name)
		return
	}
	s := &subscription{ch: from, queue: to}
	if model != nil {
		for _, l := range model.Links {
			if l.From.Kind == manifest.EndChannel && l.From.ID == from.name && l.To.Kind == manifest.EndChannel && l.To.ID == to.name {
				s.raw = l.RawMessageDelivery
			}
		}
	}
	t.addSub(s)
}

// asyncRoute places an asynchronous route between two functions on a
// channel: one that already carries it, the receiver's only queue, or a
// channel emit adds (a queue per receiver, a topic per sender).
func (t *topology) asyncRoute(e *graphext.Edge, f, to *function, model *manifest.Model) {
	c := viaClass(e.Via)
	for _, ch := range f.publishes {
		if ch.class == c && slices.ContainsFunc(ch.subs, func(s *subscription) bool { return s.fn == to }) {
			return // the graph already routes it through ch
		}
	}
	var ch *channel
	if c == queueClass {
		var queues []*channel
		for _, s := range to.subs {
			if s.ch.class == queueClass {
				queues = append(queues, s.ch)
			}
		}
		if len(queues) == 1 {
			ch = queues[0]
		} else {
			ch = t.implicit(to.name+"-queue", queueClass, "sqs-queue", e.Via)
		}
	} else {
		ch = t.implicit(f.name+"-events", topicClass, "topic", e.Via)
	}
	t.publish(e, f, ch, model)
	t.addSub(&subscription{ch: ch, fn: to})
}

// implicit returns the channel that emit adds under a name, creating it
// once.
func (t *topology) implicit(name string, c class, kind, via string) *channel {
	id := "emit:" + name
	if ch := t.chByID[id]; ch != nil {
		return ch
	}
	for taken := true; taken; {
		taken = false
		for _, x := range t.channels {
			if x.name == name {
				name += "-2"
				taken = true
			}
		}
	}
	ch := &channel{name: name, kind: kind, class: c, implicit: true, via: via}
	t.nameChannel(ch)
	t.channels = append(t.channels, ch)
	t.chByID[id] = ch
	return ch
}

// finish sorts everything and adds the queues between topics and the
// functions that take SQS events.
func (t *topology) finish() {
	for _, ch := range slices.Clone(t.channels) {
		if ch.class != topicClass {
			continue
		}
		for _, s := range ch.subs {
			if s.fn != nil && takesEvent(s.fn.node.Input, "SQSEvent") {
				s.adapter = t.implicit(ch.name+"-"+s.fn.name, queueClass, "sqs-queue", "")
				s.adapter.adapts = s
			}
		}
	}
	byName := func(a, b *function) int { return strings.Compare(a.name, b.name) }
	slices.SortFunc(t.functions, byName)
	// Channels go in the order of their logical IDs, which is how a
	// reader finds them in a template.
	slices.SortFunc(t.channels, func(a, b *channel) int { return strings.Compare(a.id, b.id) })
	for _, f := range t.functions {
		slices.SortFunc(f.envs, func(a, b *envVar) int { return strings.Compare(a.name, b.name) })
		slices.SortFunc(f.publishes, func(a, b *channel) int { return strings.Compare(a.name, b.name) })
		slices.SortFunc(f.invokes, byName)
		slices.SortFunc(f.subs, func(a, b *subscription) int { return strings.Compare(a.ch.name, b.ch.name) })
	}
	for _, ch := range t.channels {
		slices.SortFunc(ch.publishers, byName)
		slices.SortFunc(ch.subs, func(a, b *subscription) int {
			return cmp.Compare(subName(a), subName(b))
		})
	}
	slices.Sort(t.notes)
}

func subName(s *subscription) string {
	if s.fn != nil {
		return "fn:" + s.fn.name
	}
	return "ch:" + s.queue.name
}

// takesEvent reports whether a handler's input is the aws-lambda-go
// events type of that name.
func takesEvent(t types.Type, name string) bool {
	if t == nil {
		return false
	}
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := t.(*types.Named)
	if !ok || n.Obj().Pkg() == nil {
		return false
	}
	return n.Obj().Pkg().Path() == "github.com/aws/aws-lambda-go/events" && n.Obj().Name() == name
}

// platformNote says what a function needs before a target's platform
// runs it, or "" when its code is written for that platform.
func platformNote(f *function, target Target) string {
	var want, entry string
	switch target {
	case ASL, SAM, Serverless:
		want, entry = "aws-lambda", "call lambda.Start (aws-lambda-go) in a main package"
	case OpenFaaS:
		want, entry = "openfaas", "be a golang-middleware handler (func Handle(w, r) in package function)"
	case Knative:
		want, entry = "cloudevents", "serve HTTP on $PORT, as a CloudEvents receiver (sdk-go StartReceiver) does"
	default:
		return ""
	}
	if f.platform == want {
		return ""
	}
	return fmt.Sprintf("%s (%s) is written for %s: the %s output deploys it, but it runs only once its code is ported to %s", f.name, f.dir, f.platform, target, entry)
}
