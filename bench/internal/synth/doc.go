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
package synth
