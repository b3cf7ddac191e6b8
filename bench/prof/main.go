package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"

	"github.com/faasvet/faasvet/internal/cache"
	"github.com/faasvet/faasvet/internal/driver"
)

func main() {
	dir := flag.String("C", ".", "the tree to check")
	out := flag.String("o", "faasvet", "profile file `prefix`: PREFIX.cpu.pprof, PREFIX.heap.pprof")
	cacheDir := flag.String("cache", "", "the result cache `dir` to use (none by default), as FAASVET_CACHE names it")
	flag.Parse()
	if err := run(*dir, *out, *cacheDir, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "prof:", err)
		os.Exit(1)
	}
}

func run(dir, out, cacheDir string, patterns []string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	var c *cache.Cache
	if cacheDir != "" {
		if c, err = cache.OpenDir(cacheDir); err != nil {
			return err
		}
	}
	cpu, err := os.Create(out + ".cpu.pprof")
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		return err
	}
	start := time.Now()
	stop := watchPeak(out + ".peak.pprof")
	res, err := driver.Run(driver.Options{Dir: abs, Patterns: patterns, RepoManifests: true, Cache: c})
	wall := time.Since(start)
	peak := stop()
	pprof.StopCPUProfile()
	if cerr := cpu.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	heap, err := os.Create(out + ".heap.pprof")
	if err != nil {
		return err
	}
	err = pprof.Lookup("allocs").WriteTo(heap, 0)
	if cerr := heap.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	fmt.Printf("%s: %d packages (%d reused; listing replayed %v, no listing %v), %d findings, %d load errors in %.2fs; allocated %d MB, heap now %d MB, runtime mapped %d MB\n",
		dir, res.Packages, res.Reused, res.Relisted, res.Unlisted, len(res.Findings), len(res.LoadErrors), wall.Seconds(), ms.TotalAlloc>>20, ms.HeapAlloc>>20, ms.Sys>>20)
	fmt.Printf("peak: %s\n", peak)
	return nil
}

// watchPeak samples the runtime's memory metrics every millisecond until
// the returned func is called, which reports the largest heap (objects,
// live or not yet collected), goroutine stacks and live heap seen. After
// each collection that finds more live heap than any before, it writes
// the heap profile to file: the in-use samples then are what was live at
// that collection (go tool pprof -sample_index=inuse_space).
func watchPeak(file string) func() string {
	samples := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/gc/heap/live:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/stacks:bytes"},
		{Name: "/gc/heap/goal:bytes"},
	}
	var cycles, live, heap, stacks, goal uint64
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		for {
			select {
			case <-done:
				return
			case <-time.After(time.Millisecond):
			}
			metrics.Read(samples)
			heap = max(heap, samples[2].Value.Uint64())
			stacks = max(stacks, samples[3].Value.Uint64())
			goal = max(goal, samples[4].Value.Uint64())
			if c := samples[0].Value.Uint64(); c != cycles {
				cycles = c
				if l := samples[1].Value.Uint64(); l > live {
					live = l
					if f, err := os.Create(file); err == nil {
						_ = pprof.Lookup("heap").WriteTo(f, 0)
						_ = f.Close()
					}
				}
			}
		}
	}()
	return func() string {
		close(done)
		<-stopped
		return fmt.Sprintf("heap %d MB, stacks %d MB, live after a collection %d MB (profile %s), heap goal %d MB, %d collections",
			heap>>20, stacks>>20, live>>20, file, goal>>20, cycles)
	}
}
