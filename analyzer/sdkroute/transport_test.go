package sdkroute_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/faasvet/faasvet/analyzer/sdkroute"
	"github.com/faasvet/faasvet/internal/stubs"
)

// TestCloudEventsTransports: a CloudEvents client's sends go where its
// protocol says, for each transport sdk-go has: a Kafka topic (every
// sender and protocol constructor, whose topic argument is not always in
// the same place), a NATS subject, a Pub/Sub topic (by name, or from the
// environment variable the protocol reads it from). A receiver takes its
// events from where its client's consumer or protocol receives: the
// receiving topic or subject, not the sending one.
func TestCloudEventsTransports(t *testing.T) {
	results := analysistest.Run(t, stubs.TestData(t), sdkroute.Analyzer, "cetransports", "cereceivers/...")
	var got []string
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Pass.Pkg.Path(), r.Err)
		}
		for _, c := range r.Result.(*sdkroute.Result).Calls {
			p := r.Pass.Fset.Position(c.Pos)
			line := fmt.Sprintf("%s:%d %s sink=%s", filepath.Join(filepath.Base(filepath.Dir(p.Filename)), filepath.Base(p.Filename)), p.Line, describe(c), c.Sink.Kind)
			if c.Sink.Name != "" {
				line += " " + c.Sink.Name
			}
			if c.Sink.Env != "" {
				line += " env=" + c.Sink.Env
			}
			got = append(got, line)
		}
	}
	want := []string{
		"cetransports/main.go:24 receive: cloudevents cloudevents Send cloudevent-type name=com.example.order async payload=msg.Order sink=kafka-topic orders",
		"cetransports/main.go:32 receive: cloudevents cloudevents Send cloudevent-type name=com.example.refund async payload=msg.Refund sink=kafka-topic refunds",
		"cetransports/main.go:39 receive: cloudevents cloudevents Send cloudevent-type name=com.example.receipt async payload=msg.Receipt sink=kafka-topic env=RECEIPTS_TOPIC",
		"cetransports/main.go:48 receive: cloudevents cloudevents Send cloudevent-type name=com.example.order async payload=msg.Order sink=nats-subject orders.placed",
		"cetransports/main.go:55 receive: cloudevents cloudevents Send cloudevent-type name=com.example.refund async payload=msg.Refund sink=nats-subject refunds",
		"cetransports/main.go:64 receive: cloudevents cloudevents Send cloudevent-type name=com.example.order async payload=msg.Order sink=pubsub-topic orders",
		"cetransports/main.go:71 receive: cloudevents cloudevents Send cloudevent-type name=com.example.refund async payload=msg.Refund sink=pubsub-topic env=REFUNDS_TOPIC",
		"cetransports/main.go:78 receive: cloudevents cloudevents Send cloudevent-type name=com.example.receipt async payload=msg.Receipt sink=pubsub-topic env=PUBSUB_TOPIC",
		"kafka/main.go:23 receive: cloudevents cloudevents Receive  async sink=kafka-topic orders",
		"nats/main.go:22 receive: cloudevents cloudevents Receive  async sink=nats-subject refunds",
		"pubsub/main.go:23 receive: cloudevents cloudevents Receive  async sink=pubsub-topic receipts",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("calls\n%s\nwant\n%s", g, w)
	}
}

// TestCloudEventsSinkThroughHelper: a helper package's Send goes to the
// sink its struct was built with (ContextWithTarget(ctx, p.sink)), which
// the program that builds it decides: the summary keeps the field, and
// the program's call resolves it to K_SINK. A receiver method of the
// reply shape is a reply; a method that takes a *Event is not.
func TestCloudEventsSinkThroughHelper(t *testing.T) {
	results := analysistest.Run(t, stubs.TestData(t), sdkroute.Analyzer, "cesinkhelper/...")
	var got []string
	for _, r := range results {
		if r.Err != nil {
			t.Fatalf("%s: %v", r.Pass.Pkg.Path(), r.Err)
		}
		for _, c := range r.Result.(*sdkroute.Result).Calls {
			p := r.Pass.Fset.Position(c.Pos)
			line := fmt.Sprintf("%s:%d %s sink=%s", filepath.Join(filepath.Base(filepath.Dir(p.Filename)), filepath.Base(p.Filename)), p.Line, describe(c), c.Sink.Kind)
			if c.Sink.Env != "" {
				line += " env=" + c.Sink.Env
			}
			got = append(got, line)
		}
	}
	slices.Sort(got)
	want := []string{
		"cmd/main.go:15 cesinkhelper/cmd.main: cloudevents cloudevents Send cloudevent-type name=com.example.tick async payload=msg.Order sink=url env=K_SINK",
		// In the helper itself the sink is its caller's: not known.
		"produce/produce.go:29 (*cesinkhelper/produce.Producer).Tick: cloudevents cloudevents Send cloudevent-type name=com.example.tick async payload=msg.Order sink=",
		"produce/produce.go:37 (*cesinkhelper/produce.Producer).Reply: cloudevents cloudevents Reply cloudevent-type name=com.example.tock async payload=msg.Receipt sink=reply",
	}
	if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
		t.Errorf("calls\n%s\nwant\n%s", g, w)
	}
}
