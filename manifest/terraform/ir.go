package terraform

import "github.com/faasvet/faasvet/manifest/node"

// Pos is a position: the file relative to the analysed root,
// slash-separated, and the line and column.
type Pos = node.Pos

// A Config is what one root module and the modules it calls declare.
type Config struct {
	// Dir is the root module's directory, relative to the analysed root
	// and slash-separated; it starts with ../ when the module is beside
	// the analysed directory.
	Dir       string
	Files     []string // the .tf files read, relative to the analysed root
	Functions []*Function
	Channels  []*Channel
	Links     []*Link
	Machines  []*Machine
	Errors    []Error

	lookups []lookup // the channels its data sources look up
}

// An Error is a part of the configuration that could not be read.
type Error struct {
	Pos Pos
	Msg string
}

func (e Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// A Value is a string-valued argument, as far as it is known without
// applying the configuration.
type Value struct {
	// Known: Text is the value.
	Known bool
	Text  string
	// Ref is set when the value is one attribute of a resource of the
	// configuration (aws_sqs_queue.orders.url); Text then holds the
	// attribute's value when that is known (a literal queue name).
	Ref *Ref
	// Expr is the expression as written, when the value is not known.
	Expr string
	// Refs are the resources an unknown value mentions.
	Refs []*Ref
}

// A Ref names one attribute of a resource or data source.
type Ref struct {
	Addr string // the element's address, as Function.Addr and Channel.Addr use it
	Type string // the resource type: aws_sqs_queue, data.archive_file
	Attr string // url, arn, name, id...
}

// Platform is what runs a function.
type Platform string

// The platforms.
const (
	Lambda         Platform = "aws-lambda"
	CloudFunctions Platform = "gcp-functions"
	CloudRun       Platform = "cloud-run"
)

// A Function is an aws_lambda_function, google_cloudfunctions_function,
// google_cloudfunctions2_function or google_cloud_run_v2_service.
type Function struct {
	// Addr is the resource's address, with the module calls leading to
	// it: module.orders.aws_lambda_function.this.
	Addr     string
	Type     string
	Platform Platform
	Name     Value
	Handler  string // a Lambda handler, when literal
	Entry    string // a Cloud Functions entry point, when literal
	Runtime  string
	Image    string
	// Code is where the deployed code comes from, as far as the
	// configuration says.
	Code Code
	Env  []*Env
	Pos  Pos
}

// Code is where a function's code comes from: a directory (an archive's
// source_dir, a Cloud Functions source directory), a file (an archive's
// source_file, a binary), or a zip file built elsewhere (filename). Paths
// are relative to the analysed root, slash-separated and cleaned; they
// may start with ../.
type Code struct {
	Dir  string
	File string
	Zip  string
	From string // the argument that gave it
}

// An Env is one environment variable.
type Env struct {
	Name  string
	Value Value
	Pos   Pos
}

// ChannelKind says what a channel is.
type ChannelKind string

// The channel kinds, named as package manifest names them.
const (
	Queue       ChannelKind = "sqs-queue"
	Topic       ChannelKind = "sns-topic"
	Bus         ChannelKind = "eventbridge-bus"
	PubSubTopic ChannelKind = "pubsub-topic"
)

// A Channel is an aws_sqs_queue, aws_sns_topic, aws_cloudwatch_event_bus
// or google_pubsub_topic.
type Channel struct {
	Addr string
	Kind ChannelKind
	Name Value
	FIFO bool
	// Retention is a queue's message_retention_seconds, when literal.
	Retention int
	// Closed: a queue, topic or bus of a configuration that declares a
	// Lambda function, whose every mention is known to read nothing
	// (see package manifest's Channel.Closed): no output, module call
	// faasvet does not follow, policy that grants more than sending,
	// dead-letter use, resource faasvet does not model, or data source
	// of any configuration read names it.
	Closed bool
	Pos    Pos
}

// A Link is a route the configuration declares: an event source mapping,
// a subscription, an EventBridge rule's target, a Cloud Functions event
// trigger, a push subscription.
type Link struct {
	// From and To are the ends as the arguments give them: a reference to
	// a resource, a literal ARN or name, or an unknown value. External is
	// set instead of From for sources outside the configuration (api,
	// http, schedule).
	From, To Value
	External string
	// FromBus is set when From names an EventBridge bus by name ("" is
	// the default bus).
	FromBus bool
	// Event is the kind of delivery: sqs, sns, eventbridge, schedule,
	// pubsub, api, http-api, alb, function-url, http, or "" when the
	// source's kind decides (an event source mapping).
	Event        string
	Raw          bool   // SNS raw message delivery
	FilterPolicy string // SNS, as JSON
	Pattern      string // EventBridge event pattern, as JSON
	Schedule     string
	// Input, InputPath, InputTemplate: an EventBridge target's
	// transformation of the event.
	Input, InputPath, InputTemplate string
	// PayloadFormat is an HTTP API integration's payload format version
	// ("1.0" or "2.0"), when known.
	PayloadFormat string
	// BatchItemFailures: an event source mapping whose
	// function_response_types include ReportBatchItemFailures.
	BatchItemFailures bool
	// ResponseTypesUnknown: function_response_types is set to a value
	// that is not known.
	ResponseTypesUnknown bool
	// UserPoolTrigger is the Cognito trigger of a cognito link
	// (PreSignUp, ...).
	UserPoolTrigger string
	// Destination is on-success or on-failure for an async invocation's
	// destination.
	Destination string
	Name        string // the resource's address
	Pos         Pos
}

// A Machine is an aws_sfn_state_machine.
type Machine struct {
	Addr string
	Name Value
	// Definition is the ASL JSON, when it could be evaluated; a reference
	// inside it that is not known is written as a key of Refs.
	Definition string
	// DefinitionFile is the file a templatefile() or file() read it from.
	DefinitionFile string
	Refs           map[string]*Ref
	Pos            Pos
}
