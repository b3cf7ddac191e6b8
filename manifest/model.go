package manifest

import (
	"cmp"

	"github.com/faasvet/faasvet/jsonshape"
	"github.com/faasvet/faasvet/manifest/asl"
	"github.com/faasvet/faasvet/manifest/node"
)

// Pos is a position in a manifest: the file relative to the root,
// slash-separated, and the line and column.
type Pos = node.Pos

// Format is the kind of manifest an element came from.
type Format string

// The formats.
const (
	SAM            Format = "sam"            // a CloudFormation template with the AWS::Serverless transform
	CloudFormation Format = "cloudformation" // a plain CloudFormation template
	StatesLanguage Format = "asl"            // an Amazon States Language definition file
	Serverless     Format = "serverless"     // serverless.yml (Serverless Framework, osls)
	OpenFaaS       Format = "openfaas"       // an OpenFaaS stack file
	Knative        Format = "knative"        // Knative Serving, Eventing or Flows YAML
	Terraform      Format = "terraform"      // a Terraform configuration (.tf files)
	Shell          Format = "shell"          // a shell script or Makefile recipe calling the aws or gcloud CLI
	// CDKGo: an AWS CDK app written in Go, read from its source (package
	// cdkgo) because no cloud assembly was synthesized.
	CDKGo Format = "cdk-go"
	// Kubernetes: a Deployment or StatefulSet that a Knative object
	// reaches (through a v1 Service, or as a SinkBinding's subject).
	Kubernetes Format = "kubernetes"
)

// A Model is the function graph as the manifests of a tree describe it:
// functions, channels, the links between them, and state machines. Every
// slice is sorted (elements by ID, links by position), so iterating a
// Model is deterministic.
type Model struct {
	Files         []*File         `json:"files"`
	Functions     []*Function     `json:"functions"`
	Channels      []*Channel      `json:"channels"`
	Links         []*Link         `json:"links"`
	StateMachines []*StateMachine `json:"state_machines"`
	// Templates are the OpenFaaS templates that stack files name in
	// configuration.templates.
	Templates []*Template `json:"templates,omitempty"`
	// Errors are the manifests, or parts of them, that could not be read.
	Errors []Error `json:"errors"`

	functions map[string]*Function
	channels  map[string]*Channel
	machines  map[string]*StateMachine
	names     *nameIndex
}

// A File is one manifest that was read.
type File struct {
	Path   string `json:"path"` // relative to the root, slash-separated
	Format Format `json:"format"`
}

// Error is a manifest, or a part of one, that could not be read, and why.
type Error struct {
	Pos Pos    `json:"pos"`
	Msg string `json:"msg"`
	// Note, when set, says that nothing failed: the file was read, but a
	// part of the app's wiring is not seen (lines of a text template that
	// were skipped, a CDK app that is not synthesized), and which.
	Note Note `json:"note,omitempty"`
}

// Note says what part of an app's wiring a manifest leaves unseen.
type Note string

// The notes.
const (
	// NoteTemplated: lines of a text template (Jinja, cookiecutter, Go
	// templates) were skipped and the rest of the file read.
	NoteTemplated Note = "templated"
	// NoteCDK: a CDK app whose wiring faasvet does not see, because it
	// is not synthesized or a function's asset cannot be mapped back to
	// its Go code.
	NoteCDK Note = "cdk"
	// NoteCode: a function whose code the manifest names in a way that
	// leads to no code of the tree (a path that does not exist, a
	// Dockerfile's build argument that nothing sets).
	NoteCode Note = "code"
)

func (e Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Platform is what runs a function.
type Platform string

// The platforms, named as the analyzer's handler.Platform names them.
const (
	PlatformLambda   Platform = "aws-lambda"
	PlatformOpenFaaS Platform = "openfaas"
	PlatformKnative  Platform = "knative"
	// PlatformCloudFunctions: Google Cloud Functions, whose entry point
	// is an exported func of the package in CodeDir (Function.Entry).
	PlatformCloudFunctions Platform = "gcp-functions"
	PlatformCloudRun       Platform = "cloud-run" // a Cloud Run service: a container image
	// PlatformKubernetes: a Deployment or StatefulSet that Knative
	// delivers events to through a v1 Service, or that a SinkBinding
	// gives K_SINK; bound to its code by its container image.
	PlatformKubernetes Platform = "kubernetes"
)

// A Function is a function a manifest declares.
type Function struct {
	// ID is unique among the model's functions: the logical ID (a
	// CloudFormation resource, a serverless.yml function key, an OpenFaaS
	// function, a Knative Service's name), or FILE#LOGICALID when two
	// manifests use one logical ID.
	ID        string   `json:"id"`
	LogicalID string   `json:"logical_id"`
	Platform  Platform `json:"platform"`
	Format    Format   `json:"format"`
	// Name is the deployed name when the manifest gives it literally
	// (FunctionName, a serverless function's name, an OpenFaaS or Knative
	// name), else "".
	Name string `json:"name,omitempty"`
	// defaultName is the name a platform gives the function when the
	// manifest sets none (a serverless.yml function deploys as
	// SERVICE-STAGE-KEY): a name code can invoke it by, though not one
	// the manifest writes, so it only resolves names (nameIndex).
	defaultName string
	// CodeDir is the directory of the function's code (for Go, its main
	// package, or for OpenFaaS its handler package) relative to the root,
	// slash-separated; "" when the manifest does not say. CodeFrom says
	// which field gave it.
	CodeDir  string `json:"code_dir,omitempty"`
	CodeFrom string `json:"code_from,omitempty"`
	// Entry is the exported Go func of the package in CodeDir that the
	// platform calls, when the manifest names one (a Cloud Functions
	// entry point): several functions may share one CodeDir and differ
	// by it.
	Entry   string `json:"entry,omitempty"`
	Handler string `json:"handler,omitempty"`
	Runtime string `json:"runtime,omitempty"` // Lambda runtime, or OpenFaaS lang
	Image   string `json:"image,omitempty"`
	// Env are the environment variables, sorted by name.
	Env []*EnvVar `json:"env,omitempty"`
	// Annotations are OpenFaaS annotations and Knative Service
	// annotations, sorted by name.
	Annotations []Attr `json:"annotations,omitempty"`
	Pos         Pos    `json:"pos"`

	// Triggers are the links into the function; Destinations the links
	// out of it (Lambda destinations, a Knative step's reply). Both are
	// also in Model.Links.
	Triggers     []*Link `json:"-"`
	Destinations []*Link `json:"-"`

	key string // the builder's key until IDs are final
}

// Getenv returns the function's environment variable name.
func (f *Function) Getenv(name string) (*EnvVar, bool) {
	for _, e := range f.Env {
		if e.Name == name {
			return e, true
		}
	}
	return nil, false
}

// An Attr is a name and value.
type Attr struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// An EnvVar is one environment variable of a function.
type EnvVar struct {
	Name  string `json:"name"`
	Value Value  `json:"value"`
	Pos   Pos    `json:"pos"`
}

// ValueKind says how much is known of a value.
type ValueKind string

// The value kinds.
const (
	Literal ValueKind = "literal" // Text is the value
	// Reference: the value is an attribute of a resource of the same
	// manifest (!Ref Queue, !GetAtt Queue.Arn); Ref says which.
	Reference ValueKind = "reference"
	// Unresolved: an expression the reader does not evaluate (!ImportValue,
	// !If, a !Sub with pseudo-parameters, ${opt:stage}); Text is the
	// expression and Refs the resources it mentions.
	Unresolved ValueKind = "unresolved"
)

// A Value is a string-valued manifest field: an environment variable, a
// queue ARN, a function name.
type Value struct {
	Kind ValueKind `json:"kind"`
	Text string    `json:"text,omitempty"`
	Ref  *Ref      `json:"ref,omitempty"`
	Refs []*Ref    `json:"refs,omitempty"`

	// imp is the export name an unresolved !ImportValue reads, with the
	// template's parameters at their defaults (cfn.go).
	imp string
}

// A Ref is a reference to a resource attribute.
type Ref struct {
	LogicalID string `json:"logical_id"`
	Attr      string `json:"attr,omitempty"` // "" for !Ref
	// Is says what the string is at run time: queue-url, queue-arn,
	// queue-name, topic-arn, topic-name, function-name, function-arn,
	// bus-name, bus-arn, state-machine-arn, state-machine-name, table-name,
	// table-arn, stream-arn, stream-name, bucket-name, bucket-arn,
	// parameter (a template parameter; Value.Text holds its default), or
	// other.
	Is string `json:"is"`
	// Target is the element the resource is, if it is one.
	Target Endpoint `json:"target,omitzero"`
}

// ChannelKind says what a channel is.
type ChannelKind string

// The channel kinds.
const (
	Queue       ChannelKind = "sqs-queue"
	Topic       ChannelKind = "sns-topic"
	Bus         ChannelKind = "eventbridge-bus"
	Bucket      ChannelKind = "s3-bucket"
	Table       ChannelKind = "dynamodb-table" // its stream
	Stream      ChannelKind = "kinesis-stream"
	Broker      ChannelKind = "knative-broker"
	Sequence    ChannelKind = "knative-sequence"
	Parallel    ChannelKind = "knative-parallel"
	FaasTopic   ChannelKind = "openfaas-topic" // a connector topic
	PubSubTopic ChannelKind = "pubsub-topic"
	KafkaTopic  ChannelKind = "kafka-topic" // a Kafka topic a KafkaSource reads
)

// A Channel is something functions send to and receive from: a queue, a
// topic, an event bus, a broker, a bucket or stream that raises events.
type Channel struct {
	ID        string      `json:"id"` // unique among channels, as for functions
	LogicalID string      `json:"logical_id"`
	Kind      ChannelKind `json:"kind"`
	Format    Format      `json:"format"`
	Name      string      `json:"name,omitempty"` // the physical name, when literal
	FIFO      bool        `json:"fifo,omitempty"`
	// Implicit: no manifest declares the channel as a resource; a link
	// names it (the default event bus, a topic a serverless.yml event
	// creates, an OpenFaaS connector topic, a Knative broker named by a
	// trigger). Implicit channels with one kind and name are one channel.
	Implicit bool `json:"implicit,omitempty"`
	// Closed: every mention of the channel in its template is one that
	// faasvet understands (a subscription or rule to a function or queue,
	// an event source mapping, a function's environment, a policy that
	// only lets it be sent to), and the template declares functions: if
	// no route leaves it, nothing the template deploys reads it, and
	// nothing outside is given it (no output or export, no policy that
	// lets it be read, no resource faasvet does not model).
	Closed bool `json:"closed,omitempty"`
	// Retention is an SQS queue's MessageRetentionPeriod in seconds,
	// when the template gives it literally.
	Retention int `json:"retention,omitempty"`
	Pos       Pos `json:"pos"`

	key string
}

// EndpointKind says what a link's end is.
type EndpointKind string

// The endpoint kinds.
const (
	EndFunction     EndpointKind = "function"
	EndChannel      EndpointKind = "channel"
	EndStateMachine EndpointKind = "state-machine"
	// External: an event source outside the model, such as an API
	// Gateway route or a schedule (Text says which).
	EndExternal EndpointKind = "external"
	// Unresolved: a reference the model could not resolve (Text is as
	// written): an ARN of another stack, an imported value.
	EndUnresolved EndpointKind = "unresolved"
)

// An Endpoint is one end of a link.
type Endpoint struct {
	Kind EndpointKind `json:"kind,omitempty"`
	ID   string       `json:"id,omitempty"`
	Text string       `json:"text,omitempty"`

	imp string // the export an !ImportValue names, resolved at finish
	fn  *Function
	ch  *Channel
	sm  *StateMachine
}

// A Link is a route that a manifest declares: an event source that
// triggers a function, a subscription that forwards one channel to
// another, a destination that receives a function's result.
type Link struct {
	From Endpoint `json:"from"`
	To   Endpoint `json:"to"`
	// Event is the kind of delivery, which decides the envelope the
	// receiver gets: sqs, sns, eventbridge, schedule, api, http-api, alb,
	// function-url, cognito, s3, dynamodb, kinesis, pipe, destination (an
	// async invocation's on-success or on-failure destination: the
	// invocation record), dead-letter (a function's dead-letter queue or
	// topic: the failed event, unchanged), redrive (an SQS queue's
	// dead-letter queue: the message, unchanged), knative-trigger,
	// knative-sequence, knative-parallel, openfaas-topic, or another
	// event source type in lower case.
	Event string `json:"event"`
	Name  string `json:"name,omitempty"` // the event's name in the manifest
	// RawMessageDelivery: an SNS subscription that delivers the message
	// itself rather than the SNS envelope.
	RawMessageDelivery bool `json:"raw_message_delivery,omitempty"`
	// ViaQueue: an SNS event that SAM delivers through an SQS queue it
	// creates (SqsSubscription): the function gets SQS messages whose
	// bodies are SNS envelopes.
	ViaQueue bool `json:"via_queue,omitempty"`
	// Pattern is an EventBridge event pattern.
	Pattern *Pattern `json:"pattern,omitempty"`
	// FilterPolicy is an SNS filter policy, as JSON.
	FilterPolicy string `json:"filter_policy,omitempty"`
	// Filter are the attributes a Knative Trigger filters on (type,
	// source, ...), sorted by name.
	Filter []Attr `json:"filter,omitempty"`
	// Input is an EventBridge target's input transformation: what the
	// target gets instead of the event.
	Input *Input `json:"input,omitempty"`
	// API route and method, schedule expression.
	Path     string `json:"path,omitempty"`
	Method   string `json:"method,omitempty"`
	Schedule string `json:"schedule,omitempty"`
	// Destination is on-success or on-failure for a destination.
	Destination string `json:"destination,omitempty"`
	// PayloadFormat is the payload format version of an API Gateway
	// trigger (api, http-api) when the manifest fixes it: "1.0" for REST
	// APIs and HTTP APIs set to 1.0, "2.0" for HTTP APIs by default; ""
	// when the manifest does not say (a Terraform permission for
	// apigateway.amazonaws.com).
	PayloadFormat string `json:"payload_format,omitempty"`
	// BatchItemFailures: an SQS, Kinesis or DynamoDB stream trigger whose
	// function response types include ReportBatchItemFailures, so that
	// the function reports the failed records of a batch in its result.
	BatchItemFailures bool `json:"batch_item_failures,omitempty"`
	// ResponseTypesUnknown: the trigger sets function response types
	// that the reader cannot evaluate (a parameter, a variable), so
	// BatchItemFailures says nothing.
	ResponseTypesUnknown bool `json:"response_types_unknown,omitempty"`
	// UserPoolTriggers are the Cognito user pool triggers of a cognito
	// link (PreSignUp, PostConfirmation, ...), as the manifest names
	// them, sorted.
	UserPoolTriggers []string `json:"user_pool_triggers,omitempty"`
	Format           Format   `json:"format"`
	Pos              Pos      `json:"pos"`
}

// An Input is how an EventBridge rule target transforms the event.
type Input struct {
	Constant string `json:"constant,omitempty"` // Input: a constant JSON text
	Path     string `json:"path,omitempty"`     // InputPath: a JSONPath into the event
	Template string `json:"template,omitempty"` // InputTransformer's InputTemplate
}

// A Pattern is an EventBridge event pattern.
type Pattern struct {
	Sources     []string `json:"sources,omitempty"`      // exact values of source, sorted
	DetailTypes []string `json:"detail_types,omitempty"` // exact values of detail-type, sorted
	JSON        string   `json:"json"`                   // the whole pattern
}

// A StateMachine is a Step Functions state machine.
type StateMachine struct {
	ID        string `json:"id"`
	LogicalID string `json:"logical_id"`
	Format    Format `json:"format"`
	Name      string `json:"name,omitempty"`
	// Definition is nil when the definition could not be read (it lives in
	// S3, is built with Fn::Join, did not parse: see Model.Errors).
	Definition *asl.Machine `json:"definition,omitempty"`
	// DefinitionFile is the file the definition came from when it is not
	// the manifest that declares the machine.
	DefinitionFile string `json:"definition_file,omitempty"`
	Pos            Pos    `json:"pos"`

	key string
}

// Simulate follows the JSON through the state machine (see
// asl.Machine.Simulate). output gets function IDs of this model.
func (sm *StateMachine) Simulate(input *jsonshape.Shape, output func(functionID string) *jsonshape.Shape) *asl.Simulation {
	if sm.Definition == nil {
		return &asl.Simulation{Complete: true}
	}
	return sm.Definition.Simulate(input, output)
}

// A Template is an OpenFaaS template source.
type Template struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	Pos    Pos    `json:"pos"`
}

// Function returns the function with the given ID, or nil.
func (m *Model) Function(id string) *Function { return m.functions[id] }

// DeployedName is the name the function deploys as: the manifest's own
// Name, else the name its platform gives it (a serverless.yml function's
// SERVICE-STAGE-KEY), else "".
func (f *Function) DeployedName() string { return cmp.Or(f.Name, f.defaultName) }

// Channel returns the channel with the given ID, or nil.
func (m *Model) Channel(id string) *Channel { return m.channels[id] }

// StateMachine returns the state machine with the given ID, or nil.
func (m *Model) StateMachine(id string) *StateMachine { return m.machines[id] }

// FunctionsIn returns the functions whose code is in dir (relative to the
// root, slash-separated), in ID order.
func (m *Model) FunctionsIn(dir string) []*Function {
	var out []*Function
	for _, f := range m.Functions {
		if f.CodeDir == dir {
			out = append(out, f)
		}
	}
	return out
}
