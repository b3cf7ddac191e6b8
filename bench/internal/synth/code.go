package synth

import (
	"fmt"
	"strings"
)

// common writes the payload types every pipeline shares: a header that
// the stage messages embed, an order with nested items, and the note that
// the pipelines' channels carry.
func (g *gen) common() {
	g.addGo("internal/common/common.go", `// Package common holds the payload types that every pipeline shares.
package common

import "time"

// Header is embedded in every message: its fields are promoted to the
// top level of the JSON object.
type Header struct {
	ID      string            `+"`json:\"id\"`"+`
	TraceID string            `+"`json:\"trace_id,omitempty\"`"+`
	Sent    time.Time         `+"`json:\"sent\"`"+`
	Labels  map[string]string `+"`json:\"labels,omitempty\"`"+`
}

// Money is an amount in minor units.
type Money struct {
	Units    int64  `+"`json:\"units\"`"+`
	Currency string `+"`json:\"currency\"`"+`
}

// Address is where an order goes.
type Address struct {
	Lines   []string `+"`json:\"lines\"`"+`
	City    string   `+"`json:\"city\"`"+`
	Country string   `+"`json:\"country\"`"+`
	Geo     struct {
		Lat float64 `+"`json:\"lat\"`"+`
		Lon float64 `+"`json:\"lon\"`"+`
	} `+"`json:\"geo\"`"+`
}

// Item is one line of an order.
type Item struct {
	SKU      string `+"`json:\"sku\"`"+`
	Quantity int    `+"`json:\"quantity\"`"+`
	Price    Money  `+"`json:\"price\"`"+`
}

// Order is the business object the pipelines pass along.
type Order struct {
	Customer string  `+"`json:\"customer\"`"+`
	Items    []Item  `+"`json:\"items\"`"+`
	Total    Money   `+"`json:\"total\"`"+`
	Ship     Address `+"`json:\"ship\"`"+`
	Gift     *Note   `+"`json:\"gift,omitempty\"`"+`
}

// Retry says how often a message was retried.
type Retry struct {
	Attempt int       `+"`json:\"attempt\"`"+`
	Last    time.Time `+"`json:\"last\"`"+`
}

// Note is what the pipelines publish on their event channels.
type Note struct {
	Header
	Stage int    `+"`json:\"stage\"`"+`
	Text  string `+"`json:\"text\"`"+`
}
`)
}

// A stage is one function of a pipeline.
type stage struct {
	p, s   int // pipeline, stage
	global int // index of the function in the tree
	name   string
	dir    string
}

func pipeName(p int) string { return fmt.Sprintf("pipe%04d", p) }

// functionDir is the directory of pipeline function fn, numbered across
// the tree: pipelines hold Stages functions each, the last maybe fewer.
func functionDir(fn int) string {
	return "functions/" + pipeName(fn/Stages) + "/" + fmt.Sprintf("fn%05d", fn)
}

// FunctionFile is the main.go of pipeline function fn (numbered from 0
// across the tree; the seeded functions are not numbered), slash-separated
// and relative to the root; "" when the tree has no such function.
func (p *Plan) FunctionFile(fn int) string {
	if fn < 0 || fn >= p.N-seededPerK*p.K {
		return ""
	}
	return functionDir(fn) + "/main.go"
}

// pipeline writes pipeline p: functions first .. first+n-1. The last
// stage of a pipeline of three or more is an SQS consumer; the others
// are JSON Lambdas, each taking Msg<s> and returning Msg<s+1>.
func (g *gen) pipeline(p, first, n int) {
	g.plan.Pipelines++
	pkg := fmt.Sprintf("p%04d", p)
	pkgPath := "internal/payload/" + pkg
	stages := make([]stage, n)
	for s := range stages {
		name := fmt.Sprintf("fn%05d", first+s)
		stages[s] = stage{p: p, s: s, global: first + s, name: name, dir: functionDir(first + s)}
	}
	jsonStages, sink := n, false
	if n >= 3 {
		jsonStages, sink = n-1, true
	}
	g.payload(pkgPath, pkg, p, jsonStages)
	topic := pipeName(p) + "-events"
	pubs := jsonStages / 2 // stages [0, pubs) publish, [pubs, jsonStages) subscribe
	if jsonStages >= 2 {
		g.plan.Channels++
	}
	queue := pipeName(p) + "-sink"
	for s := range jsonStages {
		var dirs []string
		if s+1 < jsonStages {
			dirs = append(dirs, "//faas:route to="+stages[s+1].name)
		}
		if jsonStages >= 2 {
			if s < pubs {
				dirs = append(dirs, "//faas:publish topic="+topic+" payload=common.Note")
			} else {
				dirs = append(dirs, "//faas:subscribe topic="+topic+" payload=common.Note")
			}
		}
		g.plan.DirectiveRoutes += len(dirs)
		var invoke *stage
		if s+2 < jsonStages {
			invoke = &stages[s+2]
		}
		q := ""
		if sink {
			q = queue
		}
		if g.plan.Helpers {
			g.helperStage(stages[s], pkg, dirs, invoke, q)
		} else {
			g.jsonStage(stages[s], pkg, dirs, invoke, q)
		}
	}
	if sink {
		g.sinkStage(stages[n-1], pkg, queue)
	}
	g.samPipeline(p, stages, jsonStages, sink, queue)
}

// payload writes the message types of one pipeline: Msg0..Msg<n>, each
// embedding the common header and nesting a stage detail, and the Sink
// that its SQS consumer decodes.
func (g *gen) payload(rel, pkg string, p, n int) {
	var b strings.Builder
	fmt.Fprintf(&b, "// Package %s holds the messages of pipeline %d.\npackage %s\n\nimport \"%s/internal/common\"\n\n", pkg, p, pkg, Module)
	for s := 0; s <= n; s++ {
		fmt.Fprintf(&b, `// Msg%[1]d is what stage %[1]d takes and stage %[2]d returns.
type Msg%[1]d struct {
	common.Header
	Order  common.Order      `+"`json:\"order\"`"+`
	Detail Detail%[1]d        `+"`json:\"detail\"`"+`
	Notes  []string          `+"`json:\"notes,omitempty\"`"+`
	Retry  *common.Retry     `+"`json:\"retry,omitempty\"`"+`
	Scores map[string]float64 `+"`json:\"scores,omitempty\"`"+`
}

// Detail%[1]d is the part of Msg%[1]d that only stage %[1]d reads.
type Detail%[1]d struct {
	Step    int            `+"`json:\"step\"`"+`
	Score   float64        `+"`json:\"score\"`"+`
	Checked []common.Item  `+"`json:\"checked\"`"+`
	Flags   struct {
		Fast   bool `+"`json:\"fast\"`"+`
		Manual bool `+"`json:\"manual\"`"+`
	} `+"`json:\"flags\"`"+`
	Amount  common.Money   `+"`json:\"amount\"`"+`
	Code%[1]d   string         `+"`json:\"code_%[1]d\"`"+`
}

`, s, s-1)
	}
	fmt.Fprintf(&b, `// Sink is what every stage sends to the pipeline's queue.
type Sink struct {
	common.Header
	From   string       `+"`json:\"from\"`"+`
	Stage  int          `+"`json:\"stage\"`"+`
	Amount common.Money `+"`json:\"amount\"`"+`
}
`)
	g.addGo(rel+"/"+pkg+".go", b.String())
}

const sdkImports = `	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	awslambda "github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
`

// queueURL is the URL of a queue of the (fictitious) account the tree
// deploys to.
func queueURL(name string) string {
	return "https://sqs.us-east-1.amazonaws.com/123456789012/" + name
}

// jsonStage writes one JSON Lambda: its directives, a lambda Invoke of
// the stage two ahead with that stage's input, and an sqs SendMessage of
// a Sink to the pipeline's queue.
func (g *gen) jsonStage(st stage, pkg string, dirs []string, invoke *stage, queue string) {
	var b strings.Builder
	fmt.Fprintf(&b, "// Command %s is stage %d of pipeline %d.\npackage main\n\nimport (\n\t\"context\"\n\t\"encoding/json\"\n\t\"log\"\n\n%s\n\t\"%s/internal/common\"\n\t\"%s/internal/payload/%s\"\n)\n\n",
		st.name, st.s, st.p, sdkImports, Module, Module, pkg)
	b.WriteString("var (\n\tlambdaClient *awslambda.Client\n\tsqsClient    *sqs.Client\n)\n\n")
	fmt.Fprintf(&b, "// handle moves the order on to the next stage.\n")
	if len(dirs) > 0 {
		b.WriteString("//\n")
		for _, d := range dirs {
			b.WriteString(d + "\n")
		}
	}
	fmt.Fprintf(&b, "func handle(ctx context.Context, in %[1]s.Msg%[2]d) (%[1]s.Msg%[3]d, error) {\n", pkg, st.s, st.s+1)
	fmt.Fprintf(&b, "\tout := %s.Msg%d{Header: in.Header, Order: in.Order}\n", pkg, st.s+1)
	fmt.Fprintf(&b, "\tout.Detail.Step = %d\n\tout.Detail.Amount = in.Order.Total\n", st.s+1)
	if invoke != nil {
		fmt.Fprintf(&b, "\tif err := invoke(ctx, %s.Msg%d{Header: in.Header, Order: in.Order}); err != nil {\n\t\treturn %s.Msg%d{}, err\n\t}\n", pkg, invoke.s, pkg, st.s+1)
	}
	if queue != "" {
		fmt.Fprintf(&b, "\tif err := enqueue(ctx, %s.Sink{Header: in.Header, From: %q, Stage: %d, Amount: in.Order.Total}); err != nil {\n\t\treturn %s.Msg%d{}, err\n\t}\n", pkg, st.name, st.s, pkg, st.s+1)
	}
	b.WriteString("\treturn out, nil\n}\n\n")
	if invoke != nil {
		g.plan.SDKCalls++
		fmt.Fprintf(&b, `// invoke starts stage %d without waiting for it.
func invoke(ctx context.Context, msg %s.Msg%d) error {
	body, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	_, err = lambdaClient.Invoke(ctx, &awslambda.InvokeInput{
		FunctionName:   aws.String(%q),
		InvocationType: lambdatypes.InvocationTypeEvent,
		Payload:        body,
	})
	return err
}

`, invoke.s, pkg, invoke.s, invoke.name)
	} else {
		b.WriteString("var _ = lambdatypes.InvocationTypeEvent\n\n")
	}
	if queue != "" {
		g.plan.SDKCalls++
		fmt.Fprintf(&b, `// enqueue hands a record to the pipeline's sink.
func enqueue(ctx context.Context, rec %s.Sink) error {
	body, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = sqsClient.SendMessage(ctx, &sqs.SendMessageInput{
		QueueUrl:    aws.String(%q),
		MessageBody: aws.String(string(body)),
	})
	return err
}

`, pkg, queueURL(queue))
	} else {
		b.WriteString("var _ = json.Marshal\n\n")
	}
	b.WriteString(mainFunc)
	b.WriteString("var _ common.Note\n")
	g.addGo(st.dir+"/main.go", b.String())
}

const mainFunc = `func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	lambdaClient = awslambda.NewFromConfig(cfg)
	sqsClient = sqs.NewFromConfig(cfg)
	lambda.Start(handle)
}

`

// sinkStage writes the SQS consumer at the end of a pipeline: it decodes
// every record's body into the Sink its producers send, and reports the
// records it could not process.
func (g *gen) sinkStage(st stage, pkg, queue string) {
	src := fmt.Sprintf(`// Command %[1]s drains the queue %[2]s of pipeline %[3]d.
package main

import (
	"context"
	"encoding/json"
	"log"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"%[4]s/internal/payload/%[5]s"
)

// handle totals the records of a batch.
func handle(ctx context.Context, ev events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	var total int64
	for _, rec := range ev.Records {
		var s %[5]s.Sink
		if err := json.Unmarshal([]byte(rec.Body), &s); err != nil {
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: rec.MessageId})
			continue
		}
		total += s.Amount.Units
	}
	log.Printf("%%s: %%d records, %%d units", %[2]q, len(ev.Records), total)
	return resp, nil
}

func main() {
	lambda.Start(handle)
}
`, st.name, queue, st.p, Module, pkg)
	g.addGo(st.dir+"/main.go", src)
}

// seeded writes k sets of functions with one seeded finding each.
func (g *gen) seeded(k int) {
	if k == 0 {
		return
	}
	g.addGo("internal/payload/seeded/seeded.go", `// Package seeded holds the payloads of the functions with seeded
// findings.
package seeded

import "`+Module+`/internal/common"

// Start is a plain request.
type Start struct {
	common.Header
	Order common.Order `+"`json:\"order\"`"+`
}

// WireSrc is what the wire-type seed's producer sends.
type WireSrc struct {
	common.Header
	Detail SrcDetail `+"`json:\"detail\"`"+`
}

// SrcDetail sends count as a JSON number.
type SrcDetail struct {
	Count int64  `+"`json:\"count\"`"+`
	Name  string `+"`json:\"name\"`"+`
}

// WireDst is what the wire-type seed's consumer decodes.
type WireDst struct {
	common.Header
	Detail DstDetail `+"`json:\"detail\"`"+`
}

// DstDetail decodes count into a string: seeded wire-type.
type DstDetail struct {
	Count string `+"`json:\"count\"`"+`
	Name  string `+"`json:\"name\"`"+`
}

// Loop is what the cycle seeds pass around.
type Loop struct {
	common.Header
	Hops int `+"`json:\"hops\"`"+`
}
`)
	for i := 1; i <= k; i++ {
		suffix := fmt.Sprintf("%02d", i)
		src, dst := "wiresrc"+suffix, "wiredst"+suffix
		a, c := "cyclea"+suffix, "cycleb"+suffix
		u := "unknown" + suffix
		target := "nowhere-" + strings.Repeat("x", 12) + suffix
		if g.plan.Helpers {
			// The same findings, from sends through bus.Invoker to the
			// function TARGET_FUNCTION names; the cycle's hops are
			// asynchronous invokes rather than queues. Not the unknown
			// target: faasvet draws no edge and reports nothing for an
			// SDK call to a function name that nothing in the tree
			// deploys (unknown-target is a check of directive routes),
			// so that seed stays a //faas:route directive.
			m := g.seedSender(src, "Start", "WireSrc", "seeded: wire-type. "+dst+" decodes detail.count into a string.", "!Ref "+logicalID(dst), true)
			g.seed("wire-type", "functions/seeded/"+src+"/main.go", m)
			g.seedFunc(dst, "WireDst", "Start", "", "", false)
			m = g.seedSender(a, "Loop", "Loop", "seeded: cycle. "+a+" and "+c+" invoke each other asynchronously.", "!Ref "+logicalID(c), false)
			g.seed("cycle", "functions/seeded/"+a+"/main.go", m)
			g.seedSender(c, "Loop", "Loop", "", "!Ref "+logicalID(a), false)
			g.seedFunc(u, "Start", "Start", "seeded: unknown-target. No function is named "+target+".", "//faas:route to="+target, true)
			g.seed("unknown-target", "functions/seeded/"+u+"/main.go", "//faas:route to="+target)
		} else {
			g.seedFunc(src, "Start", "WireSrc", "seeded: wire-type. "+dst+" decodes detail.count into a string.", "//faas:route to="+dst, true)
			g.seed("wire-type", "functions/seeded/"+src+"/main.go", "//faas:route to="+dst)
			g.seedFunc(dst, "WireDst", "Start", "", "", false)
			g.seedFunc(a, "Loop", "Loop", "seeded: cycle. "+a+" and "+c+" send to each other through queues.", "//faas:route to="+c+" via=sqs", false)
			g.seed("cycle", "functions/seeded/"+a+"/main.go", "//faas:route to="+c)
			g.seedFunc(c, "Loop", "Loop", "", "//faas:route to="+a+" via=sqs", false)
			g.seedFunc(u, "Start", "Start", "seeded: unknown-target. No function is named "+target+".", "//faas:route to="+target, true)
			g.seed("unknown-target", "functions/seeded/"+u+"/main.go", "//faas:route to="+target)
		}

		bad := "badsig" + suffix
		g.addGo("functions/seeded/"+bad+"/main.go", `// Command `+bad+` has a handler aws-lambda-go rejects.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"`+Module+`/internal/payload/seeded"
)

// seeded: handler-signature. A Lambda handler takes at most two arguments.
func handle(ctx context.Context, in seeded.Start, retries int) (seeded.Start, error) {
	return in, nil
}

func main() {
	lambda.Start(handle)
}
`)
		g.seed("handler-signature", "functions/seeded/"+bad+"/main.go", "lambda.Start(handle)")
		g.resources = append(g.resources, samFunction(bad, "functions/seeded/"+bad+"/", schedule()))
	}
	if g.plan.Helpers {
		g.plan.DirectiveRoutes += k
	} else {
		g.plan.DirectiveRoutes += 4 * k
	}
}

// seedFunc writes one JSON Lambda of the seeded set; an entry function,
// which nothing routes to, gets a schedule in the template.
func (g *gen) seedFunc(name, in, out, why, dir string, entry bool) {
	doc := "// handle is a seeded function."
	if why != "" {
		doc += "\n//\n// " + why
	}
	if dir != "" {
		doc += "\n//\n" + dir
	}
	g.addGo("functions/seeded/"+name+"/main.go", fmt.Sprintf(`// Command %[1]s is part of a seeded finding.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"%[2]s/internal/payload/seeded"
)

%[3]s
func handle(ctx context.Context, in seeded.%[4]s) (seeded.%[5]s, error) {
	var out seeded.%[5]s
	out.Header = in.Header
	return out, nil
}

func main() {
	lambda.Start(handle)
}
`, name, Module, doc, in, out))
	extra := ""
	if entry {
		extra = schedule()
	}
	g.resources = append(g.resources, samFunction(name, "functions/seeded/"+name+"/", extra))
}
