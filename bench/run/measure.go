package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"slices"
	"strings"
	"syscall"
	"time"
)

// A sample is one timed command.
type sample struct {
	Wall   time.Duration `json:"wall_ns"`
	CPU    time.Duration `json:"cpu_ns"`    // user + system, the process and its waited-for children
	MaxRSS int64         `json:"maxrss_kb"` // the largest single process, in KiB
	Exit   int           `json:"exit"`
	stdout []byte
	stderr []byte
}

// timed runs a command in dir and measures it as /usr/bin/time -v does:
// wall clock around the wait, and the rusage that wait4 returns.
func timed(dir string, env []string, name string, args ...string) (sample, error) {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	s := sample{Wall: wall, stdout: out.Bytes(), stderr: errb.Bytes()}
	if cmd.ProcessState == nil {
		return s, fmt.Errorf("%s %s: %w", name, strings.Join(args, " "), err)
	}
	s.Exit = cmd.ProcessState.ExitCode()
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		s.CPU = time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		s.MaxRSS = ru.Maxrss // KiB on Linux
	}
	return s, nil
}

// median of durations or sizes; 0 for none.
func median[T int64 | time.Duration | float64](xs []T) T {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// exponent fits y = c·x^e by least squares on (log x, log y) and returns
// e, or NaN when fewer than two distinct points.
func exponent(xs, ys []float64) float64 {
	var n, sx, sy, sxx, sxy float64
	for i := range xs {
		if xs[i] <= 0 || ys[i] <= 0 {
			continue
		}
		lx, ly := math.Log(xs[i]), math.Log(ys[i])
		n++
		sx += lx
		sy += ly
		sxx += lx * lx
		sxy += lx * ly
	}
	d := n*sxx - sx*sx
	if n < 2 || d == 0 {
		return math.NaN()
	}
	return (n*sxy - sx*sy) / d
}
