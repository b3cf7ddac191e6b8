// Package synth writes the synthetic monorepo that faasvet's benchmarks
// run on: N AWS Lambda functions on the real aws-lambda-go and
// aws-sdk-go-v2 modules, in pipelines of up to ten stages, with shared
// payload type packages, routes by directive and by SDK call, channels
// with several publishers and subscribers, a SAM template, a Step
// Functions state machine per pipeline, and a controlled number of seeded
// findings.
//
// The tree is built so that faasvet must report exactly the seeded
// findings and nothing else, whatever checks are added later, because it
// is correct code in every other respect:
//
//   - every route goes forward from stage s to a later stage of the same
//     pipeline, so the only cycles are the seeded ones;
//   - a route carries exactly the type that its target decodes (stage s
//     outputs Msg<s+1>, which is stage s+1's input), so the wire checks
//     compare a type with itself;
//   - each channel has publishers and subscribers, every function that
//     routes returns a value, and every name is unique;
//   - the SDK calls (lambda Invoke, sqs SendMessage) have constant targets
//     and json.Marshal payloads that match their receiver, an SQS consumer
//     that decodes its records' bodies into the type its producers send,
//     and the SAM template wires each queue to that consumer;
//   - every entry point has a trigger: each state machine and each seeded
//     function that nothing routes to runs on an hourly schedule whose
//     constant input its payload type decodes.
//
// The seeded findings are isolated from the pipelines, so that each one
// yields one finding: a wire-type mismatch on a nested field of a pair of
// functions, a two-function cycle through queues, a route to a function
// that does not exist, and a Lambda handler with three parameters.
// [Generate] returns them with their file and line.
//
// With [Config.Helpers], no handler calls an SDK client: each stage's
// sends go through shared helper packages, as in real apps, so that
// faasvet must follow them across packages (its faassdk facts). The
// handler is a method of an app whose interface field (ports.Invoker)
// main sets to a bus.Invoker, a publisher type built by a constructor
// from the Lambda client and os.Getenv("NEXT_FUNCTION"); the pipeline's
// queue is reached through the generic queue.Send[T any] with a URL that
// main reads from the environment, or, on odd stages, queue.SendNamed,
// which looks the URL up by the queue's name. The template sets the
// variables (!Ref of the function and of the queue). The wire-type and
// cycle seeds send through bus.Invoker too (the cycle by asynchronous
// invokes, not queues), and their findings are on the handler's call of
// Invoke. The unknown-target seed stays a //faas:route directive:
// faasvet reports unknown-target for directive routes, and draws no edge
// and reports nothing for an SDK call to a function name that nothing in
// the tree deploys.
package synth
