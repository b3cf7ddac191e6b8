package shell

import "github.com/faasvet/faasvet/manifest/node"

// Pos is a position: the file relative to the analysed root,
// slash-separated, and the line and column.
type Pos = node.Pos

// A Result is what the scripts say about deployment.
type Result struct {
	Functions []*Function
	Channels  []*Channel
	Links     []*Link
	Builds    []*Build
	Errors    []Error
}

// An Error is a script that could not be read.
type Error struct {
	Pos Pos
	Msg string
}

func (e Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// A Value is an argument as far as the script makes it known. Text has
// the unknown parts written as *, Expr is the argument as written.
type Value struct {
	Known bool
	Text  string
	Expr  string
}

// Platform is what runs a function.
type Platform string

// The platforms.
const (
	Lambda         Platform = "aws-lambda"
	CloudFunctions Platform = "gcp-functions"
	Knative        Platform = "knative"
)

// A Function is an aws lambda create-function, a gcloud functions
// deploy or a kn service create.
type Function struct {
	Platform Platform
	Name     Value
	Handler  string
	Entry    string // gcloud --entry-point; the function's name when absent
	Runtime  string
	// Source is the source directory (gcloud --source, default the
	// current directory) and Zip the archive (--zip-file fileb://...),
	// relative to the analysed root, slash-separated.
	Source, Zip string
	Image       string // kn --image: the container the service runs
	Env         []*Env
	Pos         Pos
}

// An Env is one environment variable.
type Env struct {
	Name  string
	Value Value
	Pos   Pos
}

// ChannelKind says what a channel is, as package manifest names it.
type ChannelKind string

// The channel kinds.
const (
	Queue       ChannelKind = "sqs-queue"
	Topic       ChannelKind = "sns-topic"
	PubSubTopic ChannelKind = "pubsub-topic"
)

// A Channel is a queue or topic that a script creates.
type Channel struct {
	Kind ChannelKind
	Name Value
	FIFO bool
	Pos  Pos
}

// A Link is a route a command declares: an event source mapping, an SNS
// subscription, an EventBridge rule's target, a Cloud Functions trigger.
type Link struct {
	// From is an ARN, name or URL; for Event eventbridge the bus name (""
	// the default bus), for pubsub the topic.
	From, To Value
	External string // api, http, schedule: a source outside the scripts
	// ToFunction: To is the name of a function a gcloud functions deploy
	// of the same script creates.
	Event    string
	Raw      bool
	Pattern  string
	Schedule string
	Input    string
	Pos      Pos
}

// A Build is a go build -o: the output and the package directory,
// relative to the analysed root.
type Build struct {
	Out, Pkg string
	Pos      Pos
}
