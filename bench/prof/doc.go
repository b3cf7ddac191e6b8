// Prof runs faasvet check's engine (internal/driver) in process on a
// tree, with a CPU profile and a heap profile, so that pprof can say
// which phase a slow run spends its time in: loading (go/packages),
// the analyzers (go/analysis/checker) or the whole-program phase.
//
// Usage:
//
//	go run ./bench/prof -C bench/out/n1000 -o bench/out/prof/n1000
//	go tool pprof -top -cum bench/out/prof/n1000.cpu.pprof
package main
