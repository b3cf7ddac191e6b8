package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/faasvet/faasvet/bench/internal/synth"
)

func main() {
	n := flag.Int("n", 100, "number of functions")
	k := flag.Int("k", 0, "seeded findings of each kind (0: one per 500 functions; -1: none)")
	helpers := flag.Bool("helpers", false, "put the sends in shared helper packages, behind an interface, a constructor and a generic func")
	out := flag.String("o", "", "output `directory` (must be empty or not exist)")
	tidy := flag.Bool("tidy", true, "run go mod tidy in the tree")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: gen -n N [-k K] [-helpers] [-tidy=false] -o DIR")
		os.Exit(2)
	}
	plan, err := synth.Generate(*out, synth.Config{N: *n, K: *k, Helpers: *helpers})
	if err == nil && *tidy {
		err = synth.Tidy(*out)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("%s: %d functions in %d pipelines, %d packages, %d directive routes, %d SDK calls, %d channels, %d state machines, %d seeded findings\n",
		*out, plan.N, plan.Pipelines, plan.Packages, plan.DirectiveRoutes, plan.SDKCalls, plan.Channels, plan.StateMachines, len(plan.Seeds))
}
