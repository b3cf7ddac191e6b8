// Prof runs faasvet check's engine (internal/driver) in process on a
// tree, with a CPU profile and a heap profile, so that pprof can say
// which phase a slow run spends its time in: loading (go/packages),
// the analyzers (go/analysis/checker) or the whole-program phase. It
// also watches memory: the largest heap and goroutine stacks seen, and a
// heap profile written at the collection that found the most live heap
// (PREFIX.peak.pprof), which says what the peak RSS is made of.
//
// Usage:
//
//	go run ./bench/prof -C bench/out/n1000 -o bench/out/prof/n1000
//	go tool pprof -top -cum bench/out/prof/n1000.cpu.pprof
//	go tool pprof -sample_index=inuse_space -top -cum bench/out/prof/n1000.peak.pprof
package main
