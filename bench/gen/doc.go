// Gen writes the synthetic FaaS monorepo that faasvet's benchmarks run
// on (see package synth for what it holds).
//
// Usage:
//
//	go run ./bench/gen -n 1000 [-k 2] [-helpers] [-tidy=false] -o bench/out/n1000
//
// It writes N AWS Lambda functions in pipelines, their payload packages,
// template.yaml, a state machine per pipeline, and faasbench.json, which
// lists the seeded findings that faasvet check must report (k of each
// kind; by default one per 500 functions). With -tidy (the default) it
// runs go mod tidy, which needs the module cache or the module proxy.
// With -helpers, every send goes through shared helper packages (an
// interface, a constructor, a generic func) instead of being made in the
// handler.
package main
