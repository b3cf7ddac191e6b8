// Package cdkgo reads an AWS CDK app written in Go from its source, for
// the trees that do not keep the cloud assembly cdk synth writes
// (cdk.out): which functions it declares and the directory of their
// code, their environment variables, its SQS queues, SNS topics and
// EventBridge buses and rules, and the routes between them. Package
// manifest reads the result as the CloudFormation template the app would
// synthesize to, with the CloudFormation reader; a cloud assembly, where
// there is one, is exact and is preferred.
//
// # What is read
//
// An app is a main package that imports github.com/aws/aws-cdk-go. Its
// module's packages are parsed with go/parser, without type information
// (the CDK's modules are often not loadable: the Go proxy refuses some of
// them), and a small interpreter over the syntax runs func main: it binds
// the arguments of the app's own functions (stack and construct
// constructors, helpers that wrap a GoFunction), of methods of its own
// types (with their receiver) and of function literals (with the
// variables they close over) to their parameters,
// follows locals, struct fields, map entries (map literals, nested ones
// too, and m[k] = v), package-level vars and consts of the module, range
// loops over maps and slices it knows, and string building (jsii.String,
// jsii.Sprintf, fmt.Sprintf, +, filepath.Join, os.Getwd, which is the
// app's directory). Conditions are not evaluated: both branches of an if
// and every case of a switch run, and a for loop's body runs once. The
// analyzer's value-flow engine (analyzer/internal/flow) needs types, so
// this interpreter is the reader's own and is kept small.
//
// The constructs recognised, by import path and name: awssqs.NewQueue
// (QueueName, Fifo, DeadLetterQueue), awssns.NewTopic,
// awsevents.NewEventBus, awsevents.NewRule (EventBus, EventPattern,
// Schedule, Targets, AddTarget, AddEventPattern) with the
// awseventstargets Lambda, SQS, SNS and event bus targets,
// awslambda.NewFunction (Code: awslambda.Code_FromAsset(dir)) and
// GoFunction (awscdklambdagoalpha, whose Entry is the code's directory or
// file relative to the app's directory), their Environment maps and
// AddEnvironment, SQS and SNS event sources (Events, AddEventSource) and
// topic.AddSubscription with awssnssubscriptions.NewSqsSubscription and
// NewLambdaSubscription. q.QueueUrl(), topic.TopicArn(), bus.EventBusName()
// and the other attribute methods are references to the construct, as
// !Ref and !GetAtt are in a template.
//
// # What is not
//
// Anything else is unknown, and an unknown value is never guessed: an
// environment variable whose value is not followed is kept unresolved,
// and the reader notes (file:line) a function whose code path, an event
// source, subscription or rule target whose construct, and a range loop
// whose collection it cannot follow; a subscription with a filter policy
// and a rule whose pattern is not literal are noted and their routes not
// drawn. Other modules' code is not run, nor methods called through an
// interface or on a value whose type the reader does not know. One constructor call with one construct ID
// declares one resource, however often it runs: an app that instantiates
// its stack once per stage is read as one stack. Nothing the app declares
// is taken to be the whole of what reads a channel (no channel is
// Closed), since constructs this reader does not know may read it.
//
// Work is bounded: 2000 files of 4 MiB at most, calls nested 12 deep and
// 200,000 evaluation steps; a panic becomes a note naming the app.
package cdkgo
