package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/faasvet/faasvet/internal/driver"
)

func main() {
	dir := flag.String("C", ".", "the tree to check")
	out := flag.String("o", "faasvet", "profile file `prefix`: PREFIX.cpu.pprof, PREFIX.heap.pprof")
	flag.Parse()
	if err := run(*dir, *out, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "prof:", err)
		os.Exit(1)
	}
}

func run(dir, out string, patterns []string) error {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return err
	}
	cpu, err := os.Create(out + ".cpu.pprof")
	if err != nil {
		return err
	}
	if err := pprof.StartCPUProfile(cpu); err != nil {
		return err
	}
	start := time.Now()
	res, err := driver.Run(driver.Options{Dir: abs, Patterns: patterns})
	wall := time.Since(start)
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
	fmt.Printf("%s: %d packages, %d findings, %d load errors in %.2fs; allocated %d MB, heap now %d MB, runtime mapped %d MB\n",
		dir, res.Packages, len(res.Findings), len(res.LoadErrors), wall.Seconds(), ms.TotalAlloc>>20, ms.HeapAlloc>>20, ms.Sys>>20)
	return nil
}
