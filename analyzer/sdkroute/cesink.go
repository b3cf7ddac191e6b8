package sdkroute

import (
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/types/typeutil"

	"github.com/faasvet/faasvet/analyzer/handler"

	"github.com/faasvet/faasvet/analyzer/internal/flow"
)

// CloudEvents transports: where a client sends an event. The target is
// the context's (cloudevents.ContextWithTarget, which wins), else the
// client's protocol's: an HTTP target (cloudevents.WithTarget,
// cehttp.WithTarget), a Kafka topic (kafka_sarama.NewSender,
// NewProtocol), a NATS subject (cenats.NewSender, NewProtocol) or a
// Pub/Sub topic (cepubsub.WithTopicID, or the variable WithTopicIDFromEnv
// and WithTopicIDFromDefaultEnv read it from).

const (
	ceModule = "github.com/cloudevents/sdk-go/"
	ceKafka  = "github.com/cloudevents/sdk-go/protocol/kafka_sarama/v2"
	ceNATS   = "github.com/cloudevents/sdk-go/protocol/nats/v2"
	cePubSub = "github.com/cloudevents/sdk-go/protocol/pubsub/v2"
)

// ceCallee names the func a call calls: a func, or a package-level var
// holding one (the sdk-go/v2 package's aliases are vars:
// ContextWithTarget = context.WithTarget).
func (x *index) ceCallee(call *ast.CallExpr) (pkg, name string) {
	switch o := typeutil.Callee(x.Info, call).(type) {
	case *types.Func:
		if o.Pkg() != nil && o.Signature().Recv() == nil {
			return o.Pkg().Path(), o.Name()
		}
	case *types.Var:
		if o.Pkg() != nil && o.Parent() == o.Pkg().Scope() {
			return o.Pkg().Path(), o.Name()
		}
	}
	return "", ""
}

// originCalls are the calls that define a value, following variables,
// parameters and fields.
func (x *index) originCalls(b bound) []bound {
	if b.E == nil {
		return nil
	}
	bs, _ := x.Origins(b)
	var out []bound
	for _, o := range bs {
		if _, ok := ast.Unparen(o.E).(*ast.CallExpr); ok {
			out = append(out, o)
		}
	}
	return out
}

// ceSink finds where a CloudEvents Send or Request sends. In a summary
// walk, a target that the summarised func's caller decides (a field of
// the handler struct that a constructor sets, a parameter) is returned
// as sym, for the caller to instantiate (Send.SinkParts).
func (x *index) ceSink(s *site, fr *frame) (t Target, sym strv) {
	x.Steps = 0
	var found []Target
	var syms []strv
	for _, o := range x.originCalls(flow.At(flow.ArgAt(s.call, 0), fr)) {
		call := ast.Unparen(o.E).(*ast.CallExpr)
		pkg, name := x.ceCallee(call)
		if strings.HasPrefix(pkg, ceModule) && (name == "ContextWithTarget" || name == "WithTarget") {
			if b := flow.At(flow.ArgAt(call, 1), o.Fr); b.E != nil {
				sv := x.str(b)
				if slices.ContainsFunc(sv, part.isSym) {
					syms = append(syms, sv)
					continue
				}
				found = append(found, sinkTarget(KindURL, sv))
			}
		}
	}
	if len(syms) == 1 && len(found) == 0 {
		return Target{Kind: KindURL}, syms[0]
	}
	if t, ok := oneSink(found); ok && len(syms) == 0 {
		return t, nil
	}
	if len(found) > 0 || len(syms) > 0 {
		return Target{}, nil
	}
	sel, ok := ast.Unparen(s.call.Fun).(*ast.SelectorExpr)
	if !ok {
		return Target{}, nil
	}
	for _, o := range x.originCalls(flow.At(sel.X, fr)) {
		found = append(found, x.clientSinks(o, 0, false)...)
	}
	t, _ = oneSink(found)
	return t, nil
}

// oneSink is the one target of several, when they agree.
func oneSink(ts []Target) (Target, bool) {
	if len(ts) == 0 {
		return Target{}, false
	}
	for _, t := range ts[1:] {
		if t != ts[0] {
			return Target{}, false
		}
	}
	return ts[0], ts[0].Kind != ""
}

// ceProtocolArgs are the constructors of sdk-go's Kafka and NATS
// senders, consumers and protocols, by package and name: which argument
// names where a client built on it sends, and which where it receives
// (-1: it does not).
var ceProtocolArgs = map[[2]string]struct{ send, receive int }{
	{ceKafka, "NewSender"}:                 {2, -1},
	{ceKafka, "NewSenderFromClient"}:       {1, -1},
	{ceKafka, "NewSenderFromSyncProducer"}: {0, -1}, // (topic, producer)
	{ceKafka, "NewProtocol"}:               {2, 3},
	{ceKafka, "NewProtocolFromClient"}:     {1, 2},
	{ceKafka, "NewConsumer"}:               {-1, 3}, // (brokers, config, group, topic)
	{ceKafka, "NewConsumerFromClient"}:     {-1, 2},
	{ceNATS, "NewSender"}:                  {1, -1},
	{ceNATS, "NewSenderFromConn"}:          {1, -1},
	{ceNATS, "NewProtocol"}:                {1, 2},
	{ceNATS, "NewProtocolFromConn"}:        {1, 2},
	{ceNATS, "NewConsumer"}:                {-1, 1},
	{ceNATS, "NewConsumerFromConn"}:        {-1, 1},
}

// clientSinks reads the targets of the call that makes a client or its
// protocol: where it sends, or with receive where it receives from.
func (x *index) clientSinks(o bound, depth int, receive bool) []Target {
	if depth > 3 {
		return nil
	}
	call := ast.Unparen(o.E).(*ast.CallExpr)
	pkg, name := x.ceCallee(call)
	if !strings.HasPrefix(pkg, ceModule) {
		return nil
	}
	arg := func(i int) bound { return flow.At(flow.ArgAt(call, i), o.Fr) }
	if args, ok := ceProtocolArgs[[2]string{pkg, name}]; ok {
		kind, i := KindKafkaTopic, args.send
		if pkg == ceNATS {
			kind = KindNATSSubject
		}
		if receive {
			i = args.receive
		}
		if i < 0 {
			return nil
		}
		return []Target{x.sinkOf(kind, arg(i))}
	}
	// A constructor with options: a client (NewClientHTTP, NewClient,
	// client.New) whose first argument may be a protocol, or a protocol
	// (NewHTTP, cehttp.New, cepubsub.New).
	var out []Target
	for i := range call.Args {
		for _, a := range x.originCalls(arg(i)) {
			ac := ast.Unparen(a.E).(*ast.CallExpr)
			apkg, aname := x.ceCallee(ac)
			at := func(i int) bound { return flow.At(flow.ArgAt(ac, i), a.Fr) }
			switch {
			case strings.HasPrefix(apkg, ceModule) && aname == "WithTarget":
				if !receive {
					out = append(out, x.sinkOf(KindURL, at(0)))
				}
			case apkg == cePubSub && aname == "WithTopicID":
				if !receive {
					out = append(out, x.sinkOf(KindPubSubTopic, at(0)))
				}
			case apkg == cePubSub && aname == "WithTopicIDFromEnv":
				if !receive {
					out = append(out, x.envSink(KindPubSubTopic, at(0)))
				}
			case apkg == cePubSub && aname == "WithTopicIDFromDefaultEnv":
				if !receive { // the protocol reads DefaultTopicEnvKey
					out = append(out, Target{Kind: KindPubSubTopic, Value: "${PUBSUB_TOPIC}", Env: "PUBSUB_TOPIC"})
				}
			case apkg == cePubSub && (aname == "WithSubscriptionAndTopicID" || aname == "WithSubscriptionTopicIDAndFilter"):
				// (subscription, topic[, filter]): the subscription it
				// makes reads the topic.
				if receive {
					out = append(out, x.sinkOf(KindPubSubTopic, at(1)))
				}
			default:
				out = append(out, x.clientSinks(a, depth+1, receive)...)
			}
		}
	}
	return out
}

// sinkOf makes a target of a string expression; Kind is empty when it is
// not known.
func (x *index) sinkOf(kind TargetKind, b bound) Target {
	if b.E == nil {
		return Target{}
	}
	return sinkTarget(kind, x.str(b))
}

// sinkTarget is the target of kind that sv names: a constant or one
// environment variable; none when it is neither.
func sinkTarget(kind TargetKind, sv strv) Target {
	t := Target{Kind: kind, Value: sv.render(), Env: sv.wholeEnv()}
	if t.Env == "" && !sv.known() {
		return Target{}
	}
	if t.Env == "" {
		t.Name = t.Value
		if kind == KindPubSubTopic {
			t.Name = targetName(kind, t.Value)
		}
	}
	return t
}

// envSink makes a target of the name of the environment variable that
// holds it (a protocol option that reads the variable itself); Kind is
// empty when the name is not a constant.
func (x *index) envSink(kind TargetKind, b bound) Target {
	if b.E == nil {
		return Target{}
	}
	name, ok := x.str(b).constant()
	if !ok || name == "" {
		return Target{}
	}
	return Target{Kind: kind, Value: "${" + name + "}", Env: name}
}

// receives makes the calls by which CloudEvents receivers take events
// from a Kafka topic, a NATS subject or a Pub/Sub topic: the client
// whose StartReceiver registers the function was built on a consumer or
// protocol that names it. A receiver on HTTP has none: the manifests
// say what delivers to it.
func (x *index) receives(sum *handler.Summary) []*Call {
	var out []*Call
	for _, fn := range sum.Functions {
		if fn.Platform != handler.CloudEvents || fn.Registrar != "client.StartReceiver" {
			continue
		}
		call, fi := x.callAt(fn.Pos)
		if call == nil {
			continue
		}
		sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
		if !ok {
			continue
		}
		x.Steps = 0
		var found []Target
		for _, o := range x.originCalls(flow.At(sel.X, &frame{Fn: fi.Func})) {
			found = append(found, x.clientSinks(o, 0, true)...)
		}
		if t, ok := oneSink(found); ok {
			out = append(out, &Call{SDK: "cloudevents", Service: "cloudevents", Op: "Receive", Async: true,
				Pos: call.Pos(), Function: fn, Enclosing: fi.FullName(), Sink: t})
		}
	}
	return out
}

// callAt is the call that starts at pos (the flow index's), and the
// container that holds it.
func (x *index) callAt(pos token.Pos) (*ast.CallExpr, *fnInfo) {
	call := x.CallAt(pos)
	if call == nil {
		return nil, nil
	}
	for _, fi := range x.fns {
		if n := fi.Node(); n.Pos() <= pos && pos < n.End() {
			return call, fi
		}
	}
	return nil, nil
}

// replies makes the calls of the events CloudEvents receivers reply
// with: a handler (or an exported func of the receiver's shape, which
// another package registers) that returns an *event.Event sends it where
// the platform delivers replies (a Trigger's broker, a Sequence's next
// step), which the whole-program phase reads from the manifests.
func (x *index) replies(sum *handler.Summary) []*Call {
	byDecl := map[*types.Func]*handler.Function{}
	for _, fn := range sum.Functions {
		if fn.Platform == handler.CloudEvents && fn.Handler != nil {
			byDecl[fn.Handler.Origin()] = fn
			for _, h := range fn.Alternatives { // a handler chosen at run time
				byDecl[h.Origin()] = fn
			}
		}
	}
	var out []*Call
	for _, fi := range x.fns {
		if fi.Obj == nil || fi.Decl == nil || fi.Decl.Body == nil || !replyShape(fi.Obj.Signature()) {
			continue
		}
		fn := byDecl[fi.Obj]
		if fn == nil && !fi.Obj.Exported() {
			continue
		}
		for _, r := range fi.Returns {
			if len(r.Results) == 0 || isNil(x.Info, r.Results[0]) {
				continue
			}
			c := &Call{SDK: "cloudevents", Service: "cloudevents", Op: "Reply", Async: true, Pos: r.Results[0].Pos(),
				Function: fn, Enclosing: fi.FullName(), Sink: Target{Kind: KindReply}}
			if fn == nil {
				c.Entry = fi.FullName()
			}
			x.ceEvent(c, flow.At(flow.StripAddr(r.Results[0]), &frame{Fn: fi.Func}))
			out = append(out, c)
		}
	}
	return out
}

// replyShape: func([ctx context.Context,] event.Event) (*event.Event[,
// error or protocol.Result]), as client.StartReceiver accepts, a func or
// a method (whose method value the receiver is given): a func that
// takes a *event.Event, or anything besides, transforms events but
// receives none.
func replyShape(sig *types.Signature) bool {
	ps, rs := sig.Params(), sig.Results()
	if ps.Len() == 0 || ps.Len() > 2 || rs.Len() == 0 || rs.Len() > 2 || sig.Variadic() {
		return false
	}
	if !isCEEvent(ps.At(ps.Len() - 1).Type()) {
		return false
	}
	if ps.Len() == 2 && !isContext(ps.At(0).Type()) {
		return false
	}
	if rs.Len() == 2 && !types.IsInterface(rs.At(1).Type()) {
		return false
	}
	p, ok := rs.At(0).Type().(*types.Pointer)
	return ok && isCEEvent(p.Elem())
}

// isCEEvent reports whether t is sdk-go's event.Event (not a pointer).
func isCEEvent(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Event" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == ceEventPath
}

func isContext(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Name() == "Context" && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "context"
}

func isNil(info *types.Info, e ast.Expr) bool {
	id, ok := ast.Unparen(e).(*ast.Ident)
	if !ok {
		return false
	}
	_, isNil := info.Uses[id].(*types.Nil)
	return isNil
}
