package terraform

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func read(t *testing.T, dirs ...string) *Config {
	t.Helper()
	root, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	cs := Read(root, dirs, Options{})
	if len(cs) != 1 {
		t.Fatalf("Read returned %d configs, want 1", len(cs))
	}
	return cs[0]
}

func fn(c *Config, addr string) *Function {
	for _, f := range c.Functions {
		if f.Addr == addr {
			return f
		}
	}
	return nil
}

func env(f *Function, name string) Value {
	for _, e := range f.Env {
		if e.Name == name {
			return e.Value
		}
	}
	return Value{}
}

// TestApp: variables with defaults, locals, functions, a module called
// with inputs whose output the root refers to, references that keep
// their identity, and the links between the resources. One variable of
// the environment map cannot be evaluated (a lookup of a key the
// default lacks): it stays unknown, and the others are read.
func TestApp(t *testing.T) {
	c := read(t, "app", "app/modules/fn")
	if c.Dir != "app" {
		t.Errorf("root module %q, want app (modules/fn is called, not a root)", c.Dir)
	}
	w := fn(c, "module.worker.aws_lambda_function.this")
	if w == nil {
		t.Fatalf("no worker function among %v", c.Functions)
	}
	if !w.Name.Known || w.Name.Text != "worker-dev" {
		t.Errorf("worker name %+v, want worker-dev", w.Name)
	}
	if w.Code.Dir != "app/worker" || w.Code.From != "module.worker.data.archive_file.zip.source_dir" {
		t.Errorf("worker code %+v, want app/worker from the archive's source_dir", w.Code)
	}
	if v := env(w, "QUEUE_URL"); v.Ref == nil || v.Ref.Addr != "aws_sqs_queue.orders" || v.Ref.Attr != "url" {
		t.Errorf("QUEUE_URL %+v, want a reference to aws_sqs_queue.orders.url", v)
	}
	if v := env(w, "LITERAL"); !v.Known || v.Text != "x-orders-dev" {
		t.Errorf("LITERAL %+v, want x-orders-dev (the queue's literal name substituted)", v)
	}
	if v := env(w, "APP_TAG"); v.Known || v.Ref != nil {
		t.Errorf("APP_TAG %+v, want unknown", v)
	}
	if v := env(w, "TOPIC_ARN"); v.Ref == nil || v.Ref.Addr != "aws_sns_topic.events" {
		t.Errorf("TOPIC_ARN %+v, want a reference to the topic", v)
	}
	var topic *Channel
	for _, ch := range c.Channels {
		if ch.Addr == "aws_sns_topic.events" {
			topic = ch
		}
	}
	if topic == nil || topic.Name.Known || !strings.Contains(topic.Name.Expr, "var.region") {
		t.Errorf("topic %+v: a name from a variable without a value must stay unknown, as written", topic)
	}
	var esm, sub, target bool
	for _, l := range c.Links {
		switch l.Name {
		case "aws_lambda_event_source_mapping.orders":
			esm = l.From.Ref != nil && l.From.Ref.Addr == "aws_sqs_queue.orders" && l.To.Ref != nil && l.To.Ref.Addr == w.Addr
		case "aws_sns_topic_subscription.sub":
			sub = l.Raw && l.Event == "sns" && l.To.Ref != nil && l.To.Ref.Addr == "aws_sqs_queue.orders"
		case "aws_cloudwatch_event_target.placed":
			target = l.FromBus && strings.Contains(l.Pattern, `"Placed"`) && l.To.Ref != nil && l.To.Ref.Addr == w.Addr
		}
	}
	if !esm || !sub || !target {
		t.Errorf("links: event source mapping %v, subscription %v, rule target %v; all: %+v", esm, sub, target, c.Links)
	}
	if len(c.Machines) != 1 {
		t.Fatalf("machines %+v, want one", c.Machines)
	}
	sm := c.Machines[0]
	if sm.DefinitionFile != "app/sfn/flow.json" || !strings.Contains(sm.Definition, "tfref:"+w.Addr+".arn") {
		t.Errorf("machine %+v: want the templatefile's definition with the worker's ARN as a reference", sm)
	}
	var outsideErr bool
	for _, e := range c.Errors {
		if strings.Contains(e.Msg, `module "escape"`) && strings.Contains(e.Msg, "outside the repository") && e.Pos.Line > 0 {
			outsideErr = true
		}
		if strings.Contains(e.Msg, "remote") {
			t.Errorf("a registry module is not fetched and not an error: %v", e)
		}
	}
	if !outsideErr {
		t.Errorf("errors %v lack the module source outside the repository", c.Errors)
	}
}

// TestGoogle: Cloud Functions gen2 bound to its source through a bucket
// object and an archive, its Pub/Sub trigger, a gen1 trigger by topic
// path, and a name with a random suffix kept unknown.
func TestGoogle(t *testing.T) {
	c := read(t, "gcf")
	f := fn(c, "google_cloudfunctions2_function.consume")
	if f == nil || f.Entry != "Consume" || f.Code.Dir != "functions" {
		t.Fatalf("consume %+v: want entry Consume and code functions", f)
	}
	if v := env(f, "NEXT"); v.Ref == nil || v.Ref.Addr != "google_pubsub_topic.opaque" || v.Text != "" {
		t.Errorf("NEXT %+v, want a reference to the opaque topic with no text", v)
	}
	var gen2, gen1 bool
	for _, l := range c.Links {
		if l.To.Ref != nil && l.To.Ref.Addr == f.Addr && l.Event == "pubsub" && l.From.Ref != nil && l.From.Ref.Addr == "google_pubsub_topic.jobs" {
			gen2 = true
		}
		if l.To.Ref != nil && l.To.Ref.Addr == "google_cloudfunctions_function.gen1" && l.From.Known && l.From.Text == "projects/p/topics/legacy" {
			gen1 = true
		}
	}
	if !gen2 || !gen1 {
		t.Errorf("links %+v: gen2 trigger %v, gen1 trigger %v", c.Links, gen2, gen1)
	}
}

// TestBroken: a file that does not parse is an error naming its line,
// and the module's other files are read.
func TestBroken(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.tf", "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n")
	write("b.tf", "resource \"aws_sns_topic\" \"t\" {\n  name = \n}\n")
	cs := Read(dir, []string{"."}, Options{})
	if len(cs) != 1 || len(cs[0].Channels) != 1 || len(cs[0].Errors) != 1 {
		t.Fatalf("configs %+v: want the queue and one error", cs)
	}
	if e := cs[0].Errors[0]; e.Pos.File != "b.tf" || e.Pos.Line != 2 {
		t.Errorf("error %v, want b.tf:2", e)
	}
}

// FuzzTerraform: no input makes Read panic or loop.
func FuzzTerraform(f *testing.F) {
	for _, p := range []string{"testdata/app/main.tf", "testdata/app/modules/fn/main.tf", "testdata/gcf/main.tf"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("locals {\n  a = local.b\n  b = local.a\n}\nresource \"aws_sqs_queue\" \"q\" { name = local.a }\n"))
	f.Add([]byte("module \"m\" {\n  source = \"./\"\n}\n"))
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(filepath.Join(dir, "main.tf"), data, 0o644); err != nil {
			t.Fatal(err)
		}
		Read(dir, []string{"."}, Options{})
	})
}
