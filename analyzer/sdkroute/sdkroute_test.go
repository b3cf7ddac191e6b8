package sdkroute_test

import (
	"fmt"
	"go/types"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/internal/stubs"
)

// describe writes a call as one line: who, what, where to, with what.
func describe(c *sdkroute.Call) string {
	who := c.Entry
	if c.Function != nil {
		who = c.Function.Name
		if c.Function.Handler != nil {
			who = c.Function.Handler.Name() // the Go name: names are faashandler's business
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s %s %s %s", who, c.SDK, c.Service, c.Op, c.Target.Kind)
	if c.Target.Name != "" {
		fmt.Fprintf(&b, " name=%s", c.Target.Name)
	}
	if c.Target.Env != "" {
		fmt.Fprintf(&b, " env=%s", c.Target.Env)
	}
	if c.Async {
		b.WriteString(" async")
	}
	if c.Payload != nil {
		fmt.Fprintf(&b, " payload=%s", typeString(c.Payload))
	}
	if c.RawPayload != "" {
		fmt.Fprintf(&b, " raw=%q", c.RawPayload)
	}
	if c.Structured {
		b.WriteString(" structured")
	}
	if c.Response != nil {
		fmt.Fprintf(&b, " response=%s", typeString(c.Response))
	}
	if c.Source != "" || c.DetailType != "" {
		fmt.Fprintf(&b, " source=%s detail-type=%s", c.Source, c.DetailType)
	}
	if c.EventSource != "" {
		fmt.Fprintf(&b, " event-source=%s", c.EventSource)
	}
	if len(c.Unresolved) > 0 {
		fmt.Fprintf(&b, " unresolved=%s", strings.Join(c.Unresolved, ","))
	}
	return b.String()
}

func typeString(t types.Type) string {
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

var fixtures = []string{"v2app", "v1app", "pubsubapp", "ceapp", "openfaas/function", "helpers", "unresolved", "library", "robust", "crossapp", "pubhelper", "shared", "topics", "events", "fanapp", "manyimpl", "choiceapp", "valueapp", "valuetwo", "dispatch/app", "dispatch/none", "arnapp", "genq/app", "genq/impl", "genq/ptrs", "builder/app", "builder/fn", "gcfwrap/app", "gcfwrap/topic", "gcfwrap/handlers", "gcfwrap/twice", "envelope/obs", "envelope/app", "outbox/sender", "outbox/tx", "outbox/app", "outbox/ctrl", "outbox/routed", "cfgs/config", "cfgs/app"}

// TestAnalyzer checks the unresolved-route diagnostics (every // want in
// the fixtures, and nothing on the calls that resolve) and the calls the
// analyzer hands to the whole-program phase, for every SDK.
func TestAnalyzer(t *testing.T) {
	results := analysistest.Run(t, stubs.TestData(t), sdkroute.Analyzer, fixtures...)
	got := map[string][]string{}
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Pass.Pkg.Path(), r.Err)
		}
		if _, ok := got[r.Pass.Pkg.Path()]; ok {
			continue // the package's test variant: its _test.go calls are skipped
		}
		got[r.Pass.Pkg.Path()] = []string{}
		for _, c := range r.Result.(*sdkroute.Result).Calls {
			p := r.Pass.Fset.Position(c.Pos)
			got[r.Pass.Pkg.Path()] = append(got[r.Pass.Pkg.Path()], fmt.Sprintf("%s:%d %s", filepath.Base(p.Filename), p.Line, describe(c)))
		}
	}
	for _, pkg := range fixtures {
		if g, w := strings.Join(got[pkg], "\n"), strings.Join(wantCalls[pkg], "\n"); g != w {
			t.Errorf("%s: calls\n%s\nwant\n%s", pkg, g, w)
		}
	}
}

var wantCalls = map[string][]string{
	// A transactional outbox: the template appends the SQS input to the
	// transaction, whose commit sends it later through an accessor and a
	// sender that looks the queue's URL up by name, through a memo table.
	// The send is the appender's, with the queue it names and the type it
	// encodes.
	"outbox/app": {
		"main.go:24 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=orders async payload=msg.Order",
		"main.go:27 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=* async payload=msg.Refund unresolved=target",
		// A batch of orders encoded at flush: the append sends them.
		"main.go:46 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=audit async payload=msg.Order",
		// No outbox (the constructor's caller fills it): as before.
		"main.go:68 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=mixed async unresolved=payload",
		// An outbox drained through an interface of the package.
		"main.go:102 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=iface async payload=msg.Order",
		// A drain that nothing calls: no outbox, its send an entry's of
		// its own, as before (the appends send nothing).
		"main.go:90 (*outbox/app.unsent).flushLater: aws-sdk-go-v2 sqs SendMessage queue-url name=never async payload=msg.Order",
	},

	// An interface's method held as a value by a program of one
	// function: the method of what it holds runs in that function.
	"outbox/routed": {
		"main.go:24 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=registrations async payload=msg.Order",
	},
	// A config key's in-code default, taken as the value with a note;
	// an accessor that makes a value of its default and a key that is no
	// constant stay unresolved; a func that reads no key and hands back
	// its argument is that argument.
	"cfgs/app": {
		"main.go:24 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=orders async payload=msg.Order",
		"main.go:26 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=* async payload=msg.Order unresolved=target",
		"main.go:28 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=* async payload=msg.Order unresolved=target",
		"main.go:30 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=fixed async payload=msg.Order",
	},
	"cfgs/config": {},
	"outbox/ctrl": {
		"ctrl.go:26 (*outbox/ctrl.controller).Register: aws-sdk-go-v2 sqs SendMessage queue-url name=* async payload=msg.Order unresolved=target",
	},
	"outbox/sender": {
		"sender.go:39 (*outbox/sender.Sender).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
		"sender.go:50 (*outbox/sender.Sender).SendKnown: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
	},
	// Library code: the sends are its entry points', with what they do
	// not know unresolved. Commit makes none: what it sends is appended.
	"outbox/tx": {
		"tx.go:39 (*outbox/tx.accessor).SendAll: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
		"tx.go:56 (*outbox/tx.Tx).Append: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
		"tx.go:56 (*outbox/tx.Template).SendJSON: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
	},
	// Bodies encoded by another package's helpers (PassFact with
	// Marshal): a generic envelope's ToJSON typed as instantiated here, a
	// field of it, MarshalIndent, an encoder into a buffer; a helper that
	// writes a prefix first is no fact, and the body is unresolved.
	"envelope/app": {
		"main.go:25 handle: aws-sdk-go-v2 sns Publish topic-arn env=ORDERS_TOPIC_ARN async payload=obs.Event[msg.Order]",
		"main.go:28 handle: aws-sdk-go-v2 sns Publish topic-arn env=DATA_TOPIC_ARN async payload=msg.Order",
		"main.go:30 handle: aws-sdk-go-v2 sns Publish topic-arn env=NOTES_TOPIC_ARN async payload=obs.Note",
		"main.go:34 handle: aws-sdk-go-v2 sns Publish topic-arn env=REFUNDS_TOPIC_ARN async payload=msg.Refund",
		"main.go:37 handle: aws-sdk-go-v2 sns Publish topic-arn env=WRAPPED_TOPIC_ARN async payload=obs.Note",
		"main.go:40 handle: aws-sdk-go-v2 sns Publish topic-arn env=FRAMED_TOPIC_ARN async unresolved=payload",
	},
	// The handler is reply or send, chosen at run time: send's calls are
	// the function's (named by its first candidate here).
	"choiceapp": {
		"main.go:27 reply: cloudevents cloudevents Send cloudevent-type name=com.example.order.mapped async payload=msg.Order",
		// The reply method echoes the event it receives: its type is the sender's.
		"main.go:20 reply: cloudevents cloudevents Reply cloudevent-type async unresolved=target",
	},
	"v2app": {
		"main.go:46 handle: aws-sdk-go-v2 lambda Invoke function name=charge payload=msg.Order response=msg.Receipt",
		"main.go:58 handle: aws-sdk-go-v2 lambda Invoke function name=audit async payload=msg.Order",
		"main.go:68 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=orders async payload=msg.Order",
		"main.go:73 handle: aws-sdk-go-v2 sqs SendMessageBatch queue-url env=REFUNDS_QUEUE_URL async payload=msg.Refund",
		"main.go:82 handle: aws-sdk-go-v2 sns Publish topic-arn name=receipts async payload=msg.Receipt",
		"main.go:86 handle: aws-sdk-go-v2 eventbridge PutEvents bus env=BUS_NAME async payload=msg.Order source=shop.orders detail-type=OrderPlaced",
		"main.go:94 handle: aws-sdk-go-v2 sfn StartExecution state-machine name=fulfil async payload=msg.Order",
		"main.go:98 handle: aws-sdk-go-v2 sfn StartSyncExecution state-machine env=QUOTE_MACHINE_ARN payload=msg.Order response=msg.Refund",
		"main.go:108 handle: aws-sdk-go-v2 sns Publish topic-arn name=orders async payload=msg.Order structured",
		"main.go:113 handle: aws-sdk-go-v2 lambda InvokeAsync function name=legacy async payload=msg.Order",
		"main.go:114 handle: aws-sdk-go-v2 lambda InvokeWithResponseStream function name=stream payload=msg.Order",
		"main.go:115 handle: aws-sdk-go-v2 cloudwatchevents PutEvents bus name=shop async payload=msg.Order source=shop.orders detail-type=OrderPlaced",
	},
	"v1app": {
		"main.go:31 handle: aws-sdk-go lambda Invoke function name=charge payload=msg.Order response=msg.Receipt",
		"main.go:40 handle: aws-sdk-go lambda Invoke function name=audit async payload=msg.Order",
		"main.go:47 handle: aws-sdk-go sqs SendMessage queue-url env=QUEUE_URL async payload=msg.Order",
		"main.go:52 handle: aws-sdk-go sqs SendMessageBatch queue-url env=QUEUE_URL async payload=msg.Order",
		"main.go:56 handle: aws-sdk-go sns Publish topic-arn env=TOPIC_ARN async payload=msg.Order",
		"main.go:61 handle: aws-sdk-go cloudwatchevents PutEvents bus name=default async payload=msg.Order source=shop.orders detail-type=OrderPlaced",
		"main.go:68 handle: aws-sdk-go sfn StartExecution state-machine env=MACHINE_ARN async payload=msg.Order",
	},
	"pubsubapp": {
		"main.go:34 order: pubsub pubsub Publish pubsub-topic name=orders async payload=msg.Order",
		"main.go:37 order: pubsub pubsub Publish pubsub-topic name=${REFUNDS_TOPIC} async payload=msg.Refund",
		"main.go:39 order: pubsub/v2 pubsub Publish pubsub-topic name=receipts async payload=msg.Order",
	},
	"ceapp": {
		"main.go:17 receive: cloudevents cloudevents Send cloudevent-type name=com.example.order.placed async payload=msg.Order event-source=/shop/orders",
		"main.go:33 receive: cloudevents cloudevents Request cloudevent-type name=com.example.quote.requested payload=msg.Refund response=msg.Receipt",
	},
	"openfaas/function": {
		"handler.go:23 Handle: net/http openfaas POST openfaas name=charge payload=msg.Order response=msg.Receipt",
		"handler.go:30 Handle: net/http openfaas POST openfaas name=refund async payload=msg.Refund",
		"handler.go:32 Handle: net/http openfaas GET openfaas name=status response=msg.Refund",
		"handler.go:38 Handle: net/http openfaas POST openfaas name=audit payload=msg.Order",
	},
	"helpers": {
		"main.go:35 handle: aws-sdk-go-v2 sns Publish topic-arn env=RECEIPTS_TOPIC_ARN async payload=msg.Receipt",
		"main.go:52 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=refunds async payload=msg.Refund",
		"main.go:52 handle: aws-sdk-go-v2 sqs SendMessage queue-url env=ORDER_QUEUE_URL async payload=msg.Order",
		"main.go:91 handle: aws-sdk-go-v2 lambda Invoke function env=AUDIT_FUNCTION payload=*msg.Order",
		"main.go:91 helpers.func@main.go:102: aws-sdk-go-v2 lambda Invoke function name=charge payload=*msg.Order",
		"main.go:129 receipts: aws-sdk-go-v2 sqs SendMessage queue-url env=RECEIPTS_QUEUE_URL async payload=msg.Receipt",
	},
	"unresolved": {
		"main.go:41 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=* async payload=msg.Order unresolved=target",
		"main.go:43 handle: aws-sdk-go-v2 eventbridge PutEvents bus name=default async payload=msg.Order source=shop detail-type= unresolved=detail-type",
		"main.go:54 handle: aws-sdk-go-v2 lambda Invoke function name=charge unresolved=payload",
		"main.go:61 described: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
		`main.go:68 ignored: aws-sdk-go-v2 sqs SendMessage queue-url name=* async raw="{}" unresolved=target`,
		"main.go:76 unresolved.Resend: pubsub pubsub Publish pubsub-topic name=* async payload=msg.Order unresolved=target",
		"main.go:83 unresolved.emit: cloudevents cloudevents Send cloudevent-type name=com.example.* async unresolved=target,payload",
		"main.go:88 unresolved.gatewayCall: net/http openfaas POST openfaas name=* payload=msg.Order unresolved=target",
	},
	"robust": {
		`main.go:29 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=loop async raw="{}"`,
		`main.go:40 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=* async raw="{}" unresolved=target`,
		`main.go:47 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=* async raw="{}" unresolved=target`,
		`main.go:56 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=* async raw="{}" unresolved=target`,
		`main.go:63 handle: aws-sdk-go-v2 sqs SendMessage queue-url env=Q async unresolved=payload`,
		`main.go:67 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=* async raw="{}" unresolved=target`,
		`main.go:70 handle: pubsub pubsub Publish pubsub-topic env=ORDERS_TOPIC async raw="{}"`,
		`main.go:71 handle: pubsub pubsub Publish pubsub-topic name=* async raw="{}" unresolved=target`,
		`main.go:76 handle: aws-sdk-go-v2 sqs SendMessage queue-url env=Q2 async raw="{}"`,
		`main.go:79 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=* async raw="{}" unresolved=target`,
	},
	// A generic queue behind a generic interface, built in init from a
	// generic constructor of another package.
	"genq/app": {
		"main.go:42 handle: aws-sdk-go-v2 sqs SendMessage queue-url env=EMAIL_QUEUE_URL async payload=svc.Email",
	},
	"genq/impl": {
		"impl.go:47 (*genq/impl.SQSQueue[T]).SendMessage: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
	},
	// Names built with strings.Builder and bytes.Buffer: in straight-line
	// code a concatenation, here or in another package's helper.
	"builder/app": {
		"main.go:28 handle: aws-sdk-go-v2 lambda Invoke function name=orders-${STAGE}-charge",
		"main.go:33 handle: aws-sdk-go-v2 lambda Invoke function name=audit-v2-log",
		"main.go:40 handle: aws-sdk-go-v2 lambda Invoke function name=* unresolved=target",
		"main.go:44 handle: aws-sdk-go-v2 lambda Invoke function name=* unresolved=target",
		"main.go:50 handle: aws-sdk-go-v2 lambda Invoke function name=* unresolved=target",
		"main.go:55 handle: aws-sdk-go-v2 lambda Invoke function name=* unresolved=target",
		"main.go:62 handle: aws-sdk-go-v2 lambda Invoke function name=early",
		"main.go:64 handle: aws-sdk-go-v2 lambda Invoke function name=billing-${stage}-refund payload=fn.Payload",
	},
	"builder/fn": {
		"fn.go:43 builder/fn.Call: aws-sdk-go-v2 lambda Invoke function name=*-${stage}-* payload=fn.Payload unresolved=target",
	},
	// A Cloud Function whose handler is middleware around an adapter
	// around a method value of another package, registered through a
	// wrapper called once: the method's sends are the function's, through
	// its receiver's interface field and the constructors' facts.
	"gcfwrap/app": {
		"app.go:27 ServeHTTP: pubsub pubsub Publish pubsub-topic env=PUBSUB_TOPIC_ID async payload=handlers.Event",
	},
	"gcfwrap/topic": {
		"topic.go:35 (*gcfwrap/topic.GoogleTopic).Publish: pubsub pubsub Publish pubsub-topic name=* async unresolved=target,payload",
	},
	"gcfwrap/handlers": {
		"handlers.go:32 (*gcfwrap/handlers.Handlers).Start: pubsub pubsub Publish pubsub-topic name=* async payload=handlers.Event unresolved=target",
	},
	"gcfwrap/twice": {},
	"crossapp": {
		"main.go:41 handle: aws-sdk-go-v2 sqs SendMessage queue-url env=ORDERS_QUEUE_URL async payload=msg.Order",
		"main.go:44 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=refunds async payload=msg.Refund",
		"main.go:47 handle: aws-sdk-go-v2 sqs SendMessage queue-url env=RECEIPTS_QUEUE_URL async payload=msg.Receipt",
		"main.go:50 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=audit async payload=msg.Order",
		"main.go:53 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=${AUDIT_QUEUE_NAME} async payload=msg.Refund",
		`main.go:59 handle: aws-sdk-go-v2 sqs SendMessage queue-url env=CMD_*_QUEUE_URL async raw="{}"`,
	},
	"pubhelper": {
		"pubhelper.go:29 (*pubhelper.SQSService[T]).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
	},
	"topics": {},
	"shared": {
		"shared.go:29 shared.SendMessage: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
		"shared.go:35 shared.Notify: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
		"shared.go:54 shared.SendByName: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
	},
	"events": {
		"events.go:47 (*events.sqsPub).Publish: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
		"events.go:60 (*events.snsPub).Publish: aws-sdk-go-v2 sns Publish topic-arn env=CREATED_TOPIC_ARN async unresolved=payload",
		"events.go:71 (*events.busPub).Publish: aws-sdk-go-v2 eventbridge PutEvents bus name=default async source=shop detail-type=OrderCreated unresolved=payload",
		"events.go:47 (*events.Service).Reset: aws-sdk-go-v2 sqs SendMessage queue-url env=RESET_QUEUE_URL async payload=*msg.Order",
		"events.go:60 (*events.Service).Created: aws-sdk-go-v2 sns Publish topic-arn env=CREATED_TOPIC_ARN async payload=*msg.Order",
		"events.go:71 (*events.Service).Created: aws-sdk-go-v2 eventbridge PutEvents bus name=default async payload=*msg.Order source=shop detail-type=OrderCreated",
	},
	"fanapp": {
		`main.go:31 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=mail async raw="{}"`,
		`main.go:38 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=sms async raw="{}"`,
		"main.go:53 handle: aws-sdk-go-v2 sqs SendMessage queue-url env=RESET_QUEUE_URL async payload=*msg.Order",
		"main.go:56 handle: aws-sdk-go-v2 sns Publish topic-arn env=CREATED_TOPIC_ARN async payload=*msg.Order",
		"main.go:56 handle: aws-sdk-go-v2 eventbridge PutEvents bus name=default async payload=*msg.Order source=shop detail-type=OrderCreated",
	},
	"manyimpl": {
		"main.go:88 handle:   Send  unresolved=target",
		`main.go:27 (manyimpl.a).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=a async raw="{}"`,
		`main.go:34 (manyimpl.b).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=b async raw="{}"`,
		`main.go:41 (manyimpl.c).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=c async raw="{}"`,
		`main.go:48 (manyimpl.d).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=d async raw="{}"`,
		`main.go:55 (manyimpl.e).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=e async raw="{}"`,
		`main.go:62 (manyimpl.f).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=f async raw="{}"`,
		`main.go:69 (manyimpl.g).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=g async raw="{}"`,
		`main.go:76 (manyimpl.h).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=h async raw="{}"`,
		`main.go:83 (manyimpl.i).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=i async raw="{}"`,
	},
	"valueapp": {
		"main.go:49 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=created async payload=msg.Order",
		"main.go:57 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=refunds async payload=msg.Refund",
		`main.go:62 valueapp.cleanup: aws-sdk-go-v2 sqs SendMessage queue-url name=cleanup async raw="{}"`,
	},
	"valuetwo": {
		`main.go:22 valuetwo.notify: aws-sdk-go-v2 sqs SendMessage queue-url name=notify async raw="{}"`,
	},
	"dispatch/app": {
		"main.go:18 handle: aws-sdk-go-v2 sqs SendMessage queue-url env=RESET_QUEUE_URL async payload=*msg.Order",
		"main.go:18 handle: aws-sdk-go-v2 sns Publish topic-arn env=NOTIFY_TOPIC_ARN async payload=*msg.Order",
		`main.go:18 handle: aws-sdk-go-v2 sns Publish topic-arn name=* async raw="{}" unresolved=target`,
		"main.go:18 handle: aws-sdk-go-v2 sqs SendMessage queue-url name=closed async payload=*msg.Order",
	},
	"dispatch/none": {},
	"arnapp": {
		"main.go:35 handle: aws-sdk-go-v2 sns Publish topic-arn env=ORDERS_TOPIC_ARN async payload=msg.Order",
		`main.go:50 handle: aws-sdk-go-v2 sns Publish topic-arn name=* async raw="{}" unresolved=target`,
	},
	"library": {
		"lib.go:32 (*library.Queue).Send: aws-sdk-go-v2 sqs SendMessage queue-url name=* async unresolved=target,payload",
		`lib.go:38 library.Ping: aws-sdk-go-v2 sqs SendMessage queue-url name=ping async raw="{\"ping\":true}"`,
	},
}
