package synth

import (
	"fmt"
	"strings"
)

// With Config.Helpers, no handler makes an SDK call itself: every send
// goes through shared helper packages, the shapes issue 14 lists, so that
// faasvet must carry the sends across packages as facts and instantiate
// them at each call:
//
//   - internal/ports declares the interface the handlers hold
//     (ports.Invoker), and internal/bus implements it: a publisher type
//     whose constructor takes the Lambda client and the target function,
//     which main reads from os.Getenv and the template sets (!Ref of the
//     function);
//   - internal/queue has a generic Send[T any] of an SQS message, whose
//     queue URL the handler's app holds, set in main from os.Getenv (the
//     template sets it to !Ref of the queue), and SendNamed, which looks
//     the queue's URL up by name (GetQueueUrl) and sends any payload: half
//     of the stages use each.
//
// The handler is a method of that app, registered as a method value. The
// seeded findings that come from sends (wire-type, cycle, unknown-target)
// are made through the same helpers, with the targets from the
// environment: see seededHelpers.

// helperPackages writes the shared helper packages.
func (g *gen) helperPackages() {
	g.addGo("internal/ports/ports.go", `// Package ports declares what the handlers send through; package bus
// implements it.
package ports

import "context"

// Invoker starts one function with a payload.
type Invoker interface {
	Invoke(ctx context.Context, v any) error
}
`)
	g.addGo("internal/bus/bus.go", `// Package bus starts functions: a publisher type that holds the Lambda
// client and its target.
package bus

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	awslambda "github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
)

// Invoker invokes one function asynchronously with JSON payloads.
type Invoker struct {
	client   *awslambda.Client
	function string
}

// NewInvoker returns an Invoker of function through client.
func NewInvoker(client *awslambda.Client, function string) *Invoker {
	return &Invoker{client: client, function: function}
}

// Invoke sends v, JSON-encoded, without waiting for the function.
func (i *Invoker) Invoke(ctx context.Context, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = i.client.Invoke(ctx, &awslambda.InvokeInput{
		FunctionName:   aws.String(i.function),
		InvocationType: lambdatypes.InvocationTypeEvent,
		Payload:        body,
	})
	return err
}
`)
	g.addGo("internal/queue/queue.go", `// Package queue sends JSON messages to SQS queues.
package queue

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

// Send sends v, JSON-encoded, to the queue at url.
func Send[T any](ctx context.Context, client *sqs.Client, url string, v T) error {
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = client.SendMessage(ctx, &sqs.SendMessageInput{
		QueueUrl:    aws.String(url),
		MessageBody: aws.String(string(body)),
	})
	return err
}

// SendNamed looks the URL of the queue called name up and sends v to
// it, JSON-encoded.
func SendNamed(ctx context.Context, client *sqs.Client, name string, v any) error {
	out, err := client.GetQueueUrl(ctx, &sqs.GetQueueUrlInput{QueueName: aws.String(name)})
	if err != nil {
		return err
	}
	body, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = client.SendMessage(ctx, &sqs.SendMessageInput{
		QueueUrl:    out.QueueUrl,
		MessageBody: aws.String(string(body)),
	})
	return err
}
`)
}

const (
	envNext   = "NEXT_FUNCTION"
	envSink   = "SINK_QUEUE_URL"
	envTarget = "TARGET_FUNCTION"
)

// helperStage writes one JSON Lambda whose sends go through the helper
// packages: an app with a ports.Invoker of the stage two ahead (built by
// bus.NewInvoker from NEXT_FUNCTION), and the pipeline's queue, by
// queue.Send to the URL in SINK_QUEUE_URL or, on odd stages, by
// queue.SendNamed with the queue's name.
func (g *gen) helperStage(st stage, pkg string, dirs []string, invoke *stage, queue string) {
	var b strings.Builder
	named := st.s%2 == 1
	env := invoke != nil || queue != "" && !named // main reads the environment
	fmt.Fprintf(&b, "// Command %s is stage %d of pipeline %d.\npackage main\n\nimport (\n\t\"context\"\n", st.name, st.s, st.p)
	if invoke != nil || queue != "" {
		b.WriteString("\t\"log\"\n")
	}
	if env {
		b.WriteString("\t\"os\"\n")
	}
	b.WriteString("\n")
	sends := invoke != nil || queue != ""
	b.WriteString("\t\"github.com/aws/aws-lambda-go/lambda\"\n")
	if sends {
		b.WriteString("\t\"github.com/aws/aws-sdk-go-v2/config\"\n")
	}
	if invoke != nil {
		b.WriteString("\tawslambda \"github.com/aws/aws-sdk-go-v2/service/lambda\"\n")
	}
	if queue != "" {
		b.WriteString("\t\"github.com/aws/aws-sdk-go-v2/service/sqs\"\n")
	}
	b.WriteString("\n")
	if invoke != nil {
		fmt.Fprintf(&b, "\t\"%s/internal/bus\"\n", Module)
	}
	fmt.Fprintf(&b, "\t\"%s/internal/common\"\n\t\"%s/internal/payload/%s\"\n", Module, Module, pkg)
	if invoke != nil {
		fmt.Fprintf(&b, "\t\"%s/internal/ports\"\n", Module)
	}
	if queue != "" {
		fmt.Fprintf(&b, "\t\"%s/internal/queue\"\n", Module)
	}
	b.WriteString(")\n\n")
	b.WriteString("// app holds what the handler sends through, set up once in main.\ntype app struct {\n")
	if invoke != nil {
		fmt.Fprintf(&b, "\tnext ports.Invoker // stage %d\n", invoke.s)
	}
	if queue != "" {
		b.WriteString("\tsqs *sqs.Client\n")
		if !named {
			b.WriteString("\tsinkURL string\n")
		}
	}
	b.WriteString("}\n\n// handle moves the order on to the next stage.\n")
	if len(dirs) > 0 {
		b.WriteString("//\n")
		for _, d := range dirs {
			b.WriteString(d + "\n")
		}
	}
	fmt.Fprintf(&b, "func (a *app) handle(ctx context.Context, in %[1]s.Msg%[2]d) (%[1]s.Msg%[3]d, error) {\n", pkg, st.s, st.s+1)
	fmt.Fprintf(&b, "\tout := %s.Msg%d{Header: in.Header, Order: in.Order}\n", pkg, st.s+1)
	fmt.Fprintf(&b, "\tout.Detail.Step = %d\n\tout.Detail.Amount = in.Order.Total\n", st.s+1)
	if invoke != nil {
		g.plan.SDKCalls++
		fmt.Fprintf(&b, "\tif err := a.next.Invoke(ctx, %s.Msg%d{Header: in.Header, Order: in.Order}); err != nil {\n\t\treturn %s.Msg%d{}, err\n\t}\n", pkg, invoke.s, pkg, st.s+1)
	}
	if queue != "" {
		g.plan.SDKCalls++
		rec := fmt.Sprintf("%s.Sink{Header: in.Header, From: %q, Stage: %d, Amount: in.Order.Total}", pkg, st.name, st.s)
		if named {
			fmt.Fprintf(&b, "\tif err := queue.SendNamed(ctx, a.sqs, %q, %s); err != nil {\n", queue, rec)
		} else {
			fmt.Fprintf(&b, "\tif err := queue.Send(ctx, a.sqs, a.sinkURL, %s); err != nil {\n", rec)
		}
		fmt.Fprintf(&b, "\t\treturn %s.Msg%d{}, err\n\t}\n", pkg, st.s+1)
	}
	b.WriteString("\treturn out, nil\n}\n\n")
	b.WriteString("func main() {\n")
	if sends {
		b.WriteString("\tcfg, err := config.LoadDefaultConfig(context.Background())\n\tif err != nil {\n\t\tlog.Fatal(err)\n\t}\n")
	}
	b.WriteString("\ta := &app{\n")
	if invoke != nil {
		fmt.Fprintf(&b, "\t\tnext: bus.NewInvoker(awslambda.NewFromConfig(cfg), os.Getenv(%q)),\n", envNext)
	}
	if queue != "" {
		b.WriteString("\t\tsqs: sqs.NewFromConfig(cfg),\n")
		if !named {
			fmt.Fprintf(&b, "\t\tsinkURL: os.Getenv(%q),\n", envSink)
		}
	}
	b.WriteString("\t}\n\tlambda.Start(a.handle)\n}\n\nvar _ common.Note\n")
	g.addGo(st.dir+"/main.go", b.String())
}

// helperEnv is the Environment block of a pipeline stage's template
// resource in helpers mode: the variables main reads.
func helperEnv(st stage, invoke *stage, queueID string) string {
	var vars []string
	if invoke != nil {
		vars = append(vars, fmt.Sprintf("%s: !Ref %s", envNext, logicalID(invoke.name)))
	}
	if queueID != "" && st.s%2 == 0 {
		vars = append(vars, fmt.Sprintf("%s: !Ref %s", envSink, queueID))
	}
	return envBlock(vars)
}

func envBlock(vars []string) string {
	if len(vars) == 0 {
		return ""
	}
	return "      Environment:\n        Variables:\n          " + strings.Join(vars, "\n          ") + "\n"
}

// seedSender writes a seeded JSON Lambda that sends its output, through
// a ports.Invoker that main builds with bus.NewInvoker from
// TARGET_FUNCTION, to the function the template names there (target is
// a template value: !Ref of a function, or a name no function has). The
// seeded finding, if any, is on the Invoke call: marker is that line.
func (g *gen) seedSender(name, in, out, why, target string, entry bool) (marker string) {
	doc := "// handle is a seeded function."
	if why != "" {
		doc += "\n//\n// " + why
	}
	marker = "a.next.Invoke(ctx, out)"
	g.addGo("functions/seeded/"+name+"/main.go", fmt.Sprintf(`// Command %[1]s is part of a seeded finding.
package main

import (
	"context"
	"log"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/config"
	awslambda "github.com/aws/aws-sdk-go-v2/service/lambda"

	"%[2]s/internal/bus"
	"%[2]s/internal/payload/seeded"
	"%[2]s/internal/ports"
)

// app holds the invoker of the function TARGET_FUNCTION names.
type app struct {
	next ports.Invoker
}

%[3]s
func (a *app) handle(ctx context.Context, in seeded.%[4]s) (seeded.%[5]s, error) {
	var out seeded.%[5]s
	out.Header = in.Header
	if err := %[7]s; err != nil {
		return out, err
	}
	return out, nil
}

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	a := &app{next: bus.NewInvoker(awslambda.NewFromConfig(cfg), os.Getenv(%[6]q))}
	lambda.Start(a.handle)
}
`, name, Module, doc, in, out, envTarget, marker))
	extra := envBlock([]string{envTarget + ": " + target})
	if entry {
		extra += schedule()
	}
	g.resources = append(g.resources, samFunction(name, "functions/seeded/"+name+"/", extra))
	g.plan.SDKCalls++
	return marker
}
