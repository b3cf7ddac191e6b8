// Package terraform reads the Terraform configuration of an app into the
// functions, channels, links and state machines it declares, so that
// package manifest can add them to its model.
//
// It parses HCL with github.com/hashicorp/hcl/v2 and evaluates what can be
// evaluated without running Terraform: variables with defaults (and
// terraform.tfvars and *.auto.tfvars in a root module), locals, references
// between resources, string templates and the pure functions (format,
// join, lower, replace, jsonencode, file, templatefile...). A reference
// to a resource keeps its identity: aws_sqs_queue.orders.url is a
// [Value] whose Ref names the queue, so that the model can bind it whatever
// the queue's physical name. Whatever depends on something Terraform
// knows only at apply time (an ARN, a random suffix, a variable without a
// value, an unknown function) is unknown, and an unknown value is kept as
// its expression, never guessed.
//
// Modules whose source is a directory of the same tree are followed, once
// per call, with the call's inputs as their variables and their outputs
// as the call's attributes. Other sources (the registry, git) are not
// fetched: their outputs are unknown.
//
// A root module is a directory of .tf files that no module call of the
// tree names as its source. [Read] returns one [Config] per root module.
// Files that do not parse give an [Error] naming the file and line; the
// rest is read.
package terraform
