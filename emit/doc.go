// Package emit turns a checked function graph into the files that FaaS
// platforms deploy, and into diagrams: the last stage of faasvet, after
// discovery, routes, payloads, the graph and its checks.
//
// [Emit] renders one [Target]; [Write] puts the files on disk. Emit
// writes nothing itself and depends only on its input, so that the same
// graph always gives the same bytes.
//
// # The topology
//
// Every deployable target renders one topology built from the graph, so
// that the targets agree with each other:
//
//   - Functions: every function with Go code in the tree, deployed from
//     its package directory. A function written for another platform is
//     emitted too (the topology must be complete), with a note and a
//     comment saying what its code needs before that platform runs it.
//     Functions that only a manifest declares, with no Go code here, are
//     left out.
//   - Channels: queues (sqs-queue), topics (directive topics, SNS,
//     Pub/Sub, OpenFaaS connector topics, Knative brokers) and event
//     buses. Buckets, tables, streams and Knative flows are left out.
//   - Routes. A publisher of a channel gets an environment variable
//     holding the channel's URL, ARN or name, and the permission to send;
//     a subscriber gets the channel as its trigger. An asynchronous route
//     straight from one function to another (//faas:route via=sqs, sns,
//     pubsub, cloudevents) travels through a channel: the receiver's only
//     queue if it has one, else a queue emit adds for it (RECEIVER-queue),
//     or for topics one per sender (SENDER-events). An SDK call that
//     invokes another function by name gets the function's name in a
//     variable and the permission to invoke it.
//   - Chains: the direct routes that the code's //faas:route directives
//     declare (an output handed to the next function as its input) are
//     what an orchestrator runs, so they become state machines (Knative
//     Sequences): one per entry function (a function that direct routes
//     leave and none enter), a fan-out a Parallel state with a branch per
//     successor, and a function reached in several ways running in each
//     branch, since each route is a message of its own. A route back to a
//     function already on the path is left out, with a note. Direct
//     routes found in SDK calls are not chains: the code invokes the
//     other function itself.
//
// # Names
//
// Logical IDs are the names in CamelCase with the kind after them
// (order-events becomes OrderEventsTopic, validate ValidateFunction);
// Kubernetes and OpenFaaS names are DNS labels (ShipQueue becomes
// ship-queue); names that collide get a number. Environment variables are
// named after what the code reads when the link stage records it on the
// edge (Edge.EnvVar), else after what a manifest of the tree
// already calls the variable that refers to the channel, else after the
// channel and what the value is: ORDER_EVENTS_TOPIC_ARN, SHIP_QUEUE_URL,
// ORDERS_BUS_NAME, CHARGE_FUNCTION_NAME.
//
// # Envelopes
//
// A subscriber of a topic whose handler takes events.SQSEvent gets its
// own queue, subscribed to the topic with raw message delivery, so that
// each SQS body is the message itself; one that takes events.SNSEvent is
// subscribed directly. Emit does not change what a handler decodes: a
// handler that takes the payload itself behind a queue or topic is what
// faasvet check's envelope-mismatch reports on the emitted template.
//
// # Generated files
//
// Every YAML file starts with the comment [Generated] and the command
// that made it; every state machine's Comment starts with it. Paths to
// the code inside the files are relative to the output directory.
package emit
