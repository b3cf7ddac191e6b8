// Package manifest reads the infrastructure files that describe a FaaS
// function graph into one neutral [Model], which faasvet's whole-program
// phase merges with the graph it finds in the code.
//
// Real serverless code names its routes through the environment: a
// function sends to os.Getenv("ORDERS_QUEUE_URL"), and only the template
// says that the variable is !Ref OrdersQueue and that OrdersQueue triggers
// another function. The manifests hold that half of the graph.
//
// # Discovery
//
// [Discover] walks a root directory (skipping .git, vendor, node_modules,
// testdata, cdk.out, hidden directories, cookiecutter directories named
// {{...}} and Helm charts' templates) and reads every .yaml, .yml, .json
// and .template file whose content is a manifest, whatever its name:
//
//   - AWS SAM and CloudFormation templates (AWSTemplateFormatVersion, the
//     AWS::Serverless transform, or Resources of AWS:: types), YAML with
//     the short-form tags or JSON;
//   - Amazon States Language definitions (StartAt and States), which a
//     template's DefinitionUri claims or which stand alone;
//   - serverless.yml (service, provider and functions, resources or
//     stepFunctions), Serverless Framework v3/v4 and osls;
//   - OpenFaaS stack files (provider name openfaas), any number of them;
//   - Knative YAML (serving, eventing, flows and sources), multi-document.
//
// Terraform configurations, shell scripts and Makefile recipes are found
// by name (see packages terraform and shell), as are the kn service
// create commands of Markdown files' shell blocks and the image builds
// (docker/build-push-action) of the GitHub Actions workflows, which bind
// an image to the package its Dockerfile builds with the step's build
// arguments (workflow.go), and AWS CDK apps by their
// cdk.json: the cloud assembly cdk synth wrote (cdk.out/manifest.json)
// is read, its stacks' templates with the CloudFormation reader, and each
// Go function's asset mapped back to its package by the Go build
// information of its bootstrap binary or its construct ID. A CDK app
// written in Go without an assembly is read from its source (package
// cdkgo) into the template it would synthesize to, format CDKGo.
//
// [Options] name more files and glob patterns, read even where the walk
// does not go. Positions are relative to the root, slash-separated.
//
// # The model
//
// A [Model] has four kinds of element, each with the manifest file and
// line it came from:
//
//   - [Function]: a Lambda function, OpenFaaS function or Knative Service,
//     with the directory of its code (CodeDir, relative to the root: the
//     Go main package for Lambda, the handler package for OpenFaaS), its
//     environment variables as [Value]s, and its triggers and
//     destinations.
//   - [Channel]: an SQS queue, SNS topic, EventBridge bus, S3 bucket,
//     DynamoDB table or Kinesis stream, Knative broker, sequence or
//     parallel, OpenFaaS connector topic. Channels that a link names but no
//     manifest declares (the default event bus, a topic a serverless.yml
//     event creates) are Implicit.
//   - [Link]: a directed route between two [Endpoint]s (functions,
//     channels, state machines, external sources such as API routes and
//     schedules, or references the model could not resolve), with the
//     kind of delivery (Event), which decides the envelope the receiver
//     gets, and its details: SNS raw message delivery, EventBridge patterns
//     and input transformations, Knative filters, destinations.
//   - [StateMachine]: a Step Functions state machine whose definition is
//     an asl.Machine with each Task bound to a function ID.
//
// IDs are the manifests' logical IDs (a CloudFormation logical ID, a
// serverless.yml function key, an OpenFaaS function name, a Knative
// name), qualified as FILE#ID where two manifests use one ID.
//
// A [Value] is what a string-valued field holds: a literal, a reference
// to a resource attribute with what the string is at run time (!Ref Queue
// is the queue's URL, !GetAtt Queue.Arn its ARN, !Ref Topic the topic's
// ARN, !Ref Fn the function's name), or an unresolved expression
// (!ImportValue, !If, a !Sub with pseudo-parameters, ${opt:stage}) that is
// kept, never an error. [Model.Resolve] maps a value, or a literal ARN,
// queue URL or name found in code, to the element it names. A link's end
// that is an !ImportValue is what another template's Outputs export under
// that name, when exactly one element is (both names evaluated with the
// templates' parameters at their defaults: stacks deployed side by side
// share their prefix parameters); a resource named by a parameter
// (QueueName: !Ref QueueNameParam) has the parameter's default as its
// name, as a link's end that references the parameter does.
//
// # State machines
//
// [StateMachine.Simulate] runs the JSONPath data flow of package asl over
// the machine, with the output shapes of the functions, and returns the
// shape that reaches each Task's function and the paths that read keys
// the JSON does not have.
//
// # Robustness
//
// Manifests are user input. A file that does not parse (invalid YAML,
// JSON with duplicate keys) gives one [Error] naming the file and line,
// and the rest goes on. A text template (Jinja, cookiecutter, Go
// templates) that looks like a manifest is read without its templated
// lines (node.StripTemplate), with an Error whose Note names them; files over 10
// MiB are skipped with an error; YAML alias expansion and nesting are
// bounded (see package node). A broken file that does not look like a
// manifest is skipped quietly: a tree holds many YAML files that are
// not faasvet's business.
package manifest
