package main

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/faasvet/faasvet/report"
)

// The runner reads faasvet's documented JSON (README: faasvet graph and
// faasvet check --format json) with the report package's own types.
type (
	graphJSON  = report.GraphJSON
	graphRoute = report.GraphRoute
	finding    = report.Finding
)

// A node is a function of faasvet's graph placed in the repository by
// the directory of its Go package, so that the score depends on where
// the code is and never on what faasvet names it.
type node struct {
	Name, Dir, Input, File, Package, Func string
	Line                                  int
}

// score is what one app's run measured against its ground truth.
type score struct {
	Functions, FunctionsFound    int
	Routes, Recoverable          int
	RoutesFound, Typed           int
	Found                        []foundRoute // drawn ground-truth routes, in ground-truth order
	Missed                       []route      // recoverable routes not drawn
	Extra                        []string     // function-to-function connections the ground truth lacks
	MissedFunctions              []string
	Findings                     []judged // error and warning findings
	Info                         int      // info findings
	TrueAlarms, FalseAlarms, Unj int
}

// A foundRoute is a ground-truth route with the graph path that draws it.
type foundRoute struct {
	Truth    route
	Path     []graphRoute
	Producer node
	Consumer node
	Typed    bool // a payload type at both ends
}

type judged struct {
	finding
	Verdict *verdict
}

// nodes places faasvet's functions in the repository. Functions that no
// Go package backs (declared only by a manifest) have no directory.
func nodes(g *graphJSON, root string) map[string]node {
	m := map[string]node{}
	for _, f := range g.Functions {
		n := node{Name: f.Name, Input: f.Input, File: f.File, Package: f.Package, Func: f.Func, Line: f.Line}
		if f.Package != "" && strings.HasSuffix(f.File, ".go") {
			n.Dir = cleanDir(path.Join(root, path.Dir(f.File)))
		}
		m[f.Name] = n
	}
	return m
}

// match scores a graph and its findings against the ground truth.
func match(a *app, g *graphJSON, fs []finding) *score {
	s := &score{Functions: len(a.Funcs), Routes: len(a.Routes)}
	ns := nodes(g, a.Root)
	byDir := map[string][]string{}
	for _, n := range ns {
		if n.Dir != "" {
			byDir[n.Dir] = append(byDir[n.Dir], n.Name)
		}
	}
	for _, names := range byDir {
		sort.Strings(names)
	}
	// A directory with k functions in the ground truth and m in the
	// graph has found min(k, m) of them: names are never compared.
	perDir := map[string]int{}
	for _, f := range a.Funcs {
		perDir[f.Dir]++
		if perDir[f.Dir] <= len(byDir[f.Dir]) {
			s.FunctionsFound++
		} else {
			s.MissedFunctions = append(s.MissedFunctions, f.Dir)
		}
	}
	out := map[string][]graphRoute{}
	for _, r := range g.Routes {
		out[r.From] = append(out[r.From], r)
	}
	truth := map[[2]string]bool{}
	for _, r := range a.Routes {
		truth[[2]string{r.From, r.To}] = true
		if !r.recoverable() {
			continue
		}
		s.Recoverable++
		p, to := findPath(ns, out, byDir[r.From], byDir[r.To])
		if p == nil {
			s.Missed = append(s.Missed, r)
			continue
		}
		fr := foundRoute{Truth: r, Path: p, Producer: ns[p[0].From], Consumer: ns[to]}
		last := p[len(p)-1]
		fr.Typed = p[0].Payload != "" && (last.Payload != "" || fr.Consumer.Input != "")
		s.RoutesFound++
		if fr.Typed {
			s.Typed++
		}
		s.Found = append(s.Found, fr)
	}
	s.Extra = extra(ns, out, truth)
	for _, f := range fs {
		switch f.Severity {
		case "error", "warning":
			j := judged{finding: f, Verdict: a.verdictFor(f)}
			switch {
			case j.Verdict == nil:
				s.Unj++
			case j.Verdict.Real:
				s.TrueAlarms++
			default:
				s.FalseAlarms++
			}
			s.Findings = append(s.Findings, j)
		default:
			s.Info++
		}
	}
	return s
}

// findPath is a breadth-first search from any function in from to any
// function in to, passing through channels only: a route from A to B
// through another function C is two routes, not one. It returns the
// edges of the shortest such path and the consumer reached, or nil.
func findPath(ns map[string]node, out map[string][]graphRoute, from, to []string) ([]graphRoute, string) {
	want := map[string]bool{}
	for _, t := range to {
		want[t] = true
	}
	type step struct {
		at   string
		path []graphRoute
	}
	for _, f := range from {
		seen := map[string]bool{}
		queue := []step{{at: f}}
		for len(queue) > 0 {
			cur := queue[0]
			queue = queue[1:]
			for _, e := range out[cur.at] {
				p := append(append([]graphRoute(nil), cur.path...), e)
				if want[e.To] {
					return p, e.To
				}
				if _, isFunc := ns[e.To]; isFunc || seen[e.To] {
					continue
				}
				seen[e.To] = true
				queue = append(queue, step{e.To, p})
			}
		}
	}
	return nil, ""
}

// extra lists the function-to-function connections the graph draws
// between placed functions that the ground truth does not have: each is
// either a route the reader missed or a route faasvet invented, and a
// person reads them.
func extra(ns map[string]node, out map[string][]graphRoute, truth map[[2]string]bool) []string {
	var names []string
	for n := range ns {
		names = append(names, n)
	}
	sort.Strings(names)
	seen := map[string]bool{}
	var res []string
	for _, from := range names {
		a := ns[from]
		if a.Dir == "" {
			continue
		}
		for _, to := range names {
			b := ns[to]
			if b.Dir == "" || truth[[2]string{a.Dir, b.Dir}] {
				continue
			}
			if p, _ := findPath(ns, out, []string{from}, []string{to}); p != nil {
				key := fmt.Sprintf("%s -> %s (%s)", a.Dir, b.Dir, via(p))
				if !seen[key] {
					seen[key] = true
					res = append(res, key)
				}
			}
		}
	}
	return res
}

// via describes a graph path by the channels it passes.
func via(p []graphRoute) string {
	var parts []string
	for i, e := range p {
		if i > 0 {
			parts = append(parts, e.From)
		}
	}
	if len(parts) == 0 {
		return p[0].Via
	}
	return p[0].Via + ":" + strings.Join(parts, ",")
}

func (a *app) verdictFor(f finding) *verdict {
	file := cleanDir(path.Join(a.Root, f.File))
	for i, v := range a.Verdicts {
		if v.Check == f.Check && cleanDir(v.File) == file && strings.Contains(f.Message, v.Message) {
			return &a.Verdicts[i]
		}
	}
	return nil
}
