package shell

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func readScript(t *testing.T, file string) *Result {
	t.Helper()
	data, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	r := &Result{}
	if strings.HasSuffix(file, "Makefile") {
		ReadMakefile(file, data, Options{}, r)
	} else {
		ReadScript(file, data, Options{}, r)
	}
	return r
}

// TestGcloud: a case on "$1" read once per branch, constants followed
// into an unquoted expansion that splits into flags, the exiting branch
// dropped, and a command substitution kept unknown.
func TestGcloud(t *testing.T) {
	r := readScript(t, "gen2/deploy.sh")
	if len(r.Functions) != 2 {
		t.Fatalf("functions %+v, want start and hook", r.Functions)
	}
	byName := map[string]*Function{}
	for _, f := range r.Functions {
		byName[f.Name.Text] = f
	}
	hook := byName["samples-hook"]
	if hook == nil || hook.Entry != "Hook" || hook.Source != "gen2" || hook.Platform != CloudFunctions {
		t.Fatalf("hook %+v: want entry Hook, source gen2", hook)
	}
	var topic, project Value
	for _, e := range hook.Env {
		switch e.Name {
		case "TOPIC_ID":
			topic = e.Value
		case "PROJECT":
			project = e.Value
		}
	}
	if !topic.Known || topic.Text != "samples" || project.Known {
		t.Errorf("env TOPIC_ID %+v (want samples), PROJECT %+v (want unknown)", topic, project)
	}
	var trigger, http bool
	for _, l := range r.Links {
		if l.Event == "pubsub" && l.From.Text == "samples" && l.To.Text == "samples-hook" {
			trigger = true
		}
		if l.Event == "http" && l.To.Text == "samples-start" {
			http = true
		}
	}
	if !trigger || !http {
		t.Errorf("links %+v: topic trigger %v, http %v", r.Links, trigger, http)
	}
}

// TestAWS: the aws CLI commands, variables followed, and the go build of
// each binary after a cd.
func TestAWS(t *testing.T) {
	r := readScript(t, "aws/deploy.sh")
	if len(r.Functions) != 1 || r.Functions[0].Name.Text != "orders-worker" || r.Functions[0].Zip != "aws/build/worker.zip" {
		t.Fatalf("functions %+v, want orders-worker from aws/build/worker.zip", r.Functions)
	}
	if e := r.Functions[0].Env; len(e) != 1 || e[0].Name != "QUEUE" || e[0].Value.Text != "orders" {
		t.Errorf("env %+v, want QUEUE=orders", e)
	}
	kinds := map[string]bool{}
	for _, c := range r.Channels {
		kinds[string(c.Kind)+":"+c.Name.Text] = c.Name.Known
	}
	if !kinds["sqs-queue:orders"] || !kinds["sns-topic:events"] {
		t.Errorf("channels %v, want the queue and the topic", kinds)
	}
	var esm, sub, rule bool
	for _, l := range r.Links {
		switch {
		case l.Event == "" && strings.HasSuffix(l.From.Text, ":orders") && l.To.Text == "orders-worker":
			esm = true
		case l.Event == "sns" && l.Raw && strings.HasSuffix(l.To.Text, ":orders"):
			sub = true
		case l.Event == "eventbridge" && strings.Contains(l.Pattern, "shop") && strings.HasSuffix(l.To.Text, ":orders-worker"):
			rule = true
		}
	}
	if !esm || !sub || !rule {
		t.Errorf("links %+v: mapping %v, subscription %v, rule %v", r.Links, esm, sub, rule)
	}
	if len(r.Builds) != 1 || r.Builds[0].Out != "aws/build/worker/bootstrap" || r.Builds[0].Pkg != "aws/cmd/worker" {
		t.Errorf("builds %+v, want aws/build/worker/bootstrap from aws/cmd/worker", r.Builds)
	}
}

// TestMakefile: recipes with make variables, $@, and a go build.
func TestMakefile(t *testing.T) {
	r := readScript(t, "make/Makefile")
	if len(r.Channels) != 2 || !r.Channels[0].Name.Known || r.Channels[0].Name.Text != "jobs" || r.Channels[1].Name.Known {
		t.Errorf("channels %+v, want the topic jobs and one from an unset make variable, unknown", r.Channels)
	}
	if len(r.Builds) != 1 || r.Builds[0].Out != "make/bin/api" || r.Builds[0].Pkg != "make/cmd/api" {
		t.Errorf("builds %+v, want make/bin/api from make/cmd/api", r.Builds)
	}
}

// TestBroken: a script that does not parse is an error at its line.
func TestBroken(t *testing.T) {
	r := &Result{}
	ReadScript("x.sh", []byte("#!/bin/sh\necho ok\naws sns subscribe --topic-arn \"x\n"), Options{}, r)
	if len(r.Errors) != 1 || r.Errors[0].Pos.Line != 3 {
		t.Errorf("errors %+v, want one at line 3", r.Errors)
	}
}

// FuzzShell: no script or Makefile makes the readers panic or loop.
func FuzzShell(f *testing.F) {
	for _, p := range []string{"testdata/gen2/deploy.sh", "testdata/aws/deploy.sh", "testdata/make/Makefile"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("f() { f; }\nf\nfor i in a b c; do for j in $i $i; do gcloud pubsub topics create $j; done; done\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ReadScript("s.sh", data, Options{}, &Result{})
		ReadMakefile("Makefile", data, Options{}, &Result{})
	})
}

// TestMarkdown: a README's shell blocks are read for kn service create
// (name, image, --env; line numbers those of the document), and only
// for it: the aws command of an example block makes no queue, a block in
// another language is not read, and a console block's output lines are
// not commands.
func TestMarkdown(t *testing.T) {
	doc := "# app\n\n```bash\nkn service create mapper --image=docker.io/acme/mapper --cluster-local --env MODE=reply\n" +
		"aws sqs create-queue --queue-name example\n```\n\n```yaml\nkn service create nope --image=x\n```\n\n" +
		"```console\n$ kn service create display --image gcr.io/acme/display\nkn service create output --image=y\n```\n" +
		"```sh\nkn service create $NAME --image=$IMAGE\nif then fi (\n```\n"
	r := &Result{}
	ReadMarkdown("README.md", []byte(doc), Options{}, r)
	var got []string
	for _, f := range r.Functions {
		s := fmt.Sprintf("%s:%d %s %s %s", f.Pos.File, f.Pos.Line, f.Platform, f.Name.Text, f.Image)
		for _, e := range f.Env {
			s += " " + e.Name + "=" + e.Value.Text
		}
		got = append(got, s)
	}
	want := []string{
		"README.md:4 knative mapper docker.io/acme/mapper MODE=reply",
		"README.md:13 knative display gcr.io/acme/display",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || len(r.Channels) != 0 {
		t.Errorf("functions\n%s\nchannels %d; want\n%s\nand no channel", strings.Join(got, "\n"), len(r.Channels), strings.Join(want, "\n"))
	}
}
