// Package sdkroute defines the faassdk analyzer, which finds the calls
// through which a package's functions send to other functions and
// channels: the producers' ends of the function graph's edges.
//
// # Analyzer faassdk
//
// faassdk: find the SDK calls that send to other functions and channels
//
// The analyzer recognises, by the callee's package, receiver type and
// method (for AWS, by the operation's input type, so that calls through
// interfaces count too):
//
//   - aws-sdk-go-v2 and aws-sdk-go: lambda Invoke, InvokeAsync and
//     InvokeWithResponseStream (FunctionName, Payload, InvocationType
//     Event or RequestResponse, and the type the caller decodes the
//     response Payload into), sqs SendMessage and SendMessageBatch
//     (QueueUrl, MessageBody), sns Publish and PublishBatch (TopicArn or
//     TargetArn, Message, MessageStructure "json"), eventbridge and
//     cloudwatchevents PutEvents (Source, DetailType, Detail,
//     EventBusName), sfn StartExecution and StartSyncExecution
//     (StateMachineArn, Input); in v1 also the WithContext and Request
//     variants;
//   - Pub/Sub Topic.Publish (cloud.google.com/go/pubsub, the topic from
//     client.Topic) and Publisher.Publish (pubsub/v2, client.Publisher),
//     with the Message's Data;
//   - CloudEvents client Send and Request, with the event's SetType,
//     SetSource and SetData, and where the client sends it (Call.Sink):
//     cloudevents.ContextWithTarget on the context (in a helper, a
//     field of its struct or a parameter, which the calling program's
//     constructor call decides), else the client's
//     WithTarget, the sending topic or subject of sdk-go's Kafka and NATS
//     senders and protocols, or cepubsub.WithTopicID (WithTopicIDFromEnv:
//     the variable); the event a CloudEvents receiver returns
//     (func(ctx, event.Event) (*event.Event, ...), a func or a method
//     whose method value is registered), a send of op Reply to
//     where the platform delivers replies; and where a receiver's client
//     receives from (op Receive: the receiving topic or subject of a
//     Kafka or NATS consumer or protocol, the topic of a Pub/Sub
//     subscription), which the whole-program phase draws as an edge from
//     that channel;
//   - net/http requests to an OpenFaaS gateway path /function/NAME or
//     /async-function/NAME.
//
// A body built by another package's helper that returns the JSON
// encoding of its receiver or a parameter, or of a field of one
// (json.Marshal, json.MarshalIndent, json.NewEncoder(&buf).Encode and
// buf.Bytes()), is that value's type as the call instantiates it: a
// generic CloudEvent[T]'s ToJSON() called on a CloudEvent[Order] sends a
// CloudEvent[Order] (PassFact with Marshal, "returns json($recv)").
//
// Targets resolve through constants (of any package), aws.String,
// concatenation, fmt.Sprintf with resolvable arguments, os.Getenv and
// os.LookupEnv (the variable's name is kept for a manifest to resolve),
// struct fields set once, arn.Parse and ARN.String (an ARN prints back the
// string it parsed), a strings.Builder or bytes.Buffer written in
// straight-line code (flow.BuilderWrites), one-line helpers of other
// packages that hand back their argument (PassFact), and parameters and
// their fields: the analyzer follows the
// package's static calls from each handler, so a helper's parameter takes
// what its caller passes. In a main package that registers exactly one
// function, the funcs that the program's live code holds as values (the
// entries of a route table that the handler's router dispatches to, a
// callback, a method value) are followed from the handler too: the
// program is one process that runs only that function, so whatever those
// funcs send, it sends; so do the methods of interface values it holds as
// values (a controller's method registered with a router), on what the
// interface holds there. In any package, the funcs a function's handler is
// built from at its registration (an adapter around a method value,
// middleware around that, inside a wrapper of the registrar that one call
// site calls) are followed from that function too. With two functions registered the program picks
// one at run time, and a package that is not main may be linked into
// several programs: their func values stay entry points of their own. A
// call of an interface method runs the
// methods of the types that implement it, this package's and the
// summarised ones of other packages (class-hierarchy analysis): only
// those of the concrete values the receiver can be followed to (a
// constructor's result, the entries of a slice ranged over), else every
// one, each with its own route; with more than eight the call is
// reported unresolved instead. An interface call that nothing the
// package sees implements (the implementation lives in a package that
// imports this one, as an event service often does) is kept in the
// summary as a dispatch, with its arguments over the func's parameters,
// and resolved by the importer over the implementations it sees; only
// interfaces of the package's own module are kept, and such a package
// is summarised even when it imports no SDK. Deferred sends (an outbox)
// are the appender's: a slice field that only appends fill, and that
// code of the package ranges over to send each element, makes those
// sends at each append, with the appended element (outbox.go). A config
// accessor Get(key, def string) string proven to return def on some path
// and otherwise what it looks up gives its default for a constant key,
// which the call carries as an assumption (Call.Assumed, reported as
// unresolved-route variant assumed). A generic type
// implements an interface when one of its instantiations does (the
// methods' signatures are unified with the interface's). Payloads resolve
// through json.Marshal (of a pointer parameter's pointee too),
// json.NewEncoder(w).Encode, string and []byte conversions, bytes and
// strings readers and aws.String. Its result, a *Result, lists every call
// with the handler that reaches it, for the whole-program phase to turn
// into edges. What crosses packages travels as facts (fact.go): the
// sends of exported funcs and methods, the fields constructors set, the
// targets exported variables hold, and the helpers that hand back their
// argument.
//
// It reports unresolved-route (info) where a call's target or payload
// cannot be resolved statically, saying what and why and which directive
// would describe the route instead, such as //faas:route to=NAME via=sqs
// payload=T. It does so only in packages that hold a FaaS function (or
// for a func a //faas: directive marks), never for SDK wrappers and
// libraries, and not when the handler already has such a directive.
package sdkroute
