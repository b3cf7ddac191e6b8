// Package events holds files copied unchanged from
// github.com/aws/aws-lambda-go/events v1.55.1 (Apache-2.0): the event types
// whose body fields the faasconsumer analyzer reads. The conformance test in
// internal/conformance runs the analyzer on the real module, so that these
// copies cannot drift from it unnoticed.
package events
