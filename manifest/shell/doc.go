// Package shell reads the deployment commands of shell scripts and
// Makefile recipes: the aws and gcloud CLI calls that create functions,
// queues, topics, subscriptions and rules, and the go build commands that
// compile each function's binary.
//
// Scripts are parsed with mvdan.cc/sh/v3 and followed statement by
// statement. Shell variables assigned constants are followed; a case on
// a value the script does not know ("$1") is read once per branch, and an
// if once per way, so that "deploy.sh start" and "deploy.sh hook" both
// count. Command substitution, arithmetic, heredocs and variables from
// the environment are unknown, and an argument that depends on one is
// kept as written, never guessed. Branches that exit are dropped.
//
// Makefile recipes are read line by line as the shell would get them:
// make variables with constant values are substituted, $@ is the target,
// and other make expansions are unknown.
package shell
