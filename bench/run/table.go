package main

import (
	"fmt"
	"runtime"
	"strings"
	"time"
)

// markdown writes the results: one row per tree and tool with medians,
// the ratios of faasvet check to the others, and the growth exponents.
func markdown(targets []*target, runs int) string {
	// Trees an interrupted harness never measured (results.json lists
	// every tree from the start) have no row.
	var measured []*target
	for _, t := range targets {
		if len(t.Samples[toolCheck]) > 0 {
			measured = append(measured, t)
		}
	}
	targets = measured
	var b strings.Builder
	fmt.Fprintf(&b, "| tree | packages | tool | wall (s) | CPU (s) | peak RSS (MB) | faasvet check / this (wall; CPU) |\n")
	fmt.Fprintf(&b, "|---|---:|---|---:|---:|---:|---:|\n")
	for _, t := range targets {
		for _, tool := range tools {
			ss := t.Samples[tool]
			var wall, cpu []time.Duration
			var rss []int64
			var ratio, cpuRatio []float64
			for i, s := range ss {
				wall = append(wall, s.Wall)
				cpu = append(cpu, s.CPU)
				rss = append(rss, s.MaxRSS)
				if c := t.Samples[toolCheck]; i < len(c) && s.Wall > 0 && s.CPU > 0 {
					ratio = append(ratio, c[i].Wall.Seconds()/s.Wall.Seconds())
					cpuRatio = append(cpuRatio, c[i].CPU.Seconds()/s.CPU.Seconds())
				}
			}
			r := "—"
			if tool != toolCheck && len(ratio) > 0 {
				r = fmt.Sprintf("%.2fx; %.2fx", median(ratio), median(cpuRatio))
			}
			fmt.Fprintf(&b, "| %s | %d | %s | %.2f | %.2f | %.0f | %s |\n",
				t.Name, t.Packages, tool, median(wall).Seconds(), median(cpu).Seconds(), float64(median(rss))/1024, r)
		}
	}
	// Merged results (-from) may hold trees measured with fewer runs.
	var fewer []string
	for _, t := range targets {
		if n := len(t.Samples[toolCheck]); n != runs {
			fewer = append(fewer, fmt.Sprintf("%s: %d", t.Name, n))
		}
	}
	counts := ""
	if len(fewer) > 0 {
		counts = " (" + strings.Join(fewer, ", ") + ")"
	}
	fmt.Fprintf(&b, "\nMedians of %d runs per tool%s; the ratios are taken per run (the tools run one after the other in each run), then the median.\n", runs, counts)
	var loads []string
	for _, t := range targets {
		if t.Load[0] != "" {
			if t.Load[1] == "" { // results.json of an interrupted harness
				loads = append(loads, fmt.Sprintf("%s %s→?", t.Name, t.Load[0]))
				continue
			}
			loads = append(loads, fmt.Sprintf("%s %s→%s", t.Name, t.Load[0], t.Load[1]))
		}
	}
	if len(loads) > 0 {
		fmt.Fprintf(&b, "Load average (1 min) before→after each tree's runs, on %d cores: %s.\n", runtime.NumCPU(), strings.Join(loads, "; "))
	}
	// The trees with their sends in helper packages grow on their own
	// line of fit.
	for _, helpers := range []bool{false, true} {
		growthTable(&b, targets, helpers)
	}
	cacheTable(&b, targets)
	return b.String()
}

// cacheTable writes, for the trees measured with -cache, a row per cache
// mode with medians and the ratios of the mode to the cold cache, to the
// run without the cache, and to the load floor, each taken per run (one
// run times them all) and then the median.
func cacheTable(b *strings.Builder, targets []*target) {
	var cached []*target
	for _, t := range targets {
		if len(t.Samples[modeCold]) > 0 {
			cached = append(cached, t)
		}
	}
	if len(cached) == 0 {
		return
	}
	fmt.Fprintf(b, "\nCache:\n\n")
	fmt.Fprintf(b, "| tree | mode | wall (s) | CPU (s) | peak RSS (MB) | this / cache cold (wall; CPU) | this / faasvet check (wall; CPU) | this / load floor (CPU) |\n")
	fmt.Fprintf(b, "|---|---|---:|---:|---:|---:|---:|---:|\n")
	var counts, edits []string
	for _, t := range cached {
		for _, mode := range cacheModes {
			ss := t.Samples[mode]
			var wall, cpu []time.Duration
			var rss []int64
			for _, s := range ss {
				wall = append(wall, s.Wall)
				cpu = append(cpu, s.CPU)
				rss = append(rss, s.MaxRSS)
			}
			cold := "—"
			if mode != modeCold {
				cold = ratios(ss, t.Samples[modeCold], true)
			}
			fmt.Fprintf(b, "| %s | %s | %.2f | %.2f | %.0f | %s | %s | %s |\n",
				t.Name, strings.TrimPrefix(mode, "faasvet check, "), median(wall).Seconds(), median(cpu).Seconds(), float64(median(rss))/1024,
				cold, ratios(ss, t.Samples[toolCheck], true), ratios(ss, t.Samples[toolFloor], false))
		}
		counts = append(counts, fmt.Sprintf("%s: %d", t.Name, len(t.Samples[modeCold])))
		if t.EditFile != "" {
			edits = append(edits, fmt.Sprintf("%s: %s", t.Name, t.EditFile))
		}
	}
	fmt.Fprintf(b, "\nfaasvet check --format json ./... with FAASVET_CACHE set to a fresh directory in each run (cold), then to the same directory with nothing changed (warm), then after a comment line is appended to one file and the build cache refreshed untimed (one file edited); each printed exactly what the run without the cache (faasvet check, in the table above) printed in the same run. Medians of the runs (%s); the ratios are taken per run, then the median.\n", strings.Join(counts, ", "))
	if len(edits) > 0 {
		fmt.Fprintf(b, "The edited file: %s.\n", strings.Join(edits, "; "))
	}
}

// ratios is the median over the runs of this sample's time over the
// reference's of the same run: "wall; CPU", or CPU alone; "—" when there
// is none.
func ratios(this, ref []sample, wall bool) string {
	var w, c []float64
	for i, s := range this {
		if i < len(ref) && ref[i].Wall > 0 && ref[i].CPU > 0 {
			w = append(w, s.Wall.Seconds()/ref[i].Wall.Seconds())
			c = append(c, s.CPU.Seconds()/ref[i].CPU.Seconds())
		}
	}
	switch {
	case len(c) == 0:
		return "—"
	case wall:
		return fmt.Sprintf("%.2fx; %.2fx", median(w), median(c))
	}
	return fmt.Sprintf("%.2fx", median(c))
}

// growthTable writes the growth exponents over the synthetic trees of one
// kind, when there are two sizes or more.
func growthTable(b *strings.Builder, targets []*target, helpers bool) {
	var ns []float64
	var synthetic []*target
	for _, t := range targets {
		if t.N > 0 && t.Helpers == helpers {
			ns = append(ns, float64(t.N))
			synthetic = append(synthetic, t)
		}
	}
	if len(ns) >= 2 {
		k := len(ns)
		of := ""
		if helpers {
			of = ", sends in helper packages"
		}
		fmt.Fprintf(b, "\nGrowth exponent e of time = c·N^e%s, least squares on log-log (wall; CPU):\n\n", of)
		fmt.Fprintf(b, "| tool | N = %s | N = %.0f to %.0f |\n|---|---:|---:|\n", joinInts(ns), ns[k-2], ns[k-1])
		// Fixed costs flatten the fit at small N; the slope between the
		// two largest sizes shows the growth that remains.
		for _, tool := range tools {
			all := growth(ns, synthetic, tool)
			last := growth(ns[k-2:], synthetic[k-2:], tool)
			fmt.Fprintf(b, "| %s | %s | %s |\n", tool, all, last)
		}
	}
}

func joinInts(xs []float64) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprintf("%.0f", x))
	}
	return strings.Join(s, ", ")
}

// growth fits the exponent of a tool's median wall and CPU time over the
// sizes.
func growth(ns []float64, ts []*target, tool string) string {
	var walls, cpus []float64
	for _, t := range ts {
		var wall, cpu []time.Duration
		for _, s := range t.Samples[tool] {
			wall = append(wall, s.Wall)
			cpu = append(cpu, s.CPU)
		}
		walls = append(walls, median(wall).Seconds())
		cpus = append(cpus, median(cpu).Seconds())
	}
	return fmt.Sprintf("%.2f; %.2f", exponent(ns, walls), exponent(ns, cpus))
}
