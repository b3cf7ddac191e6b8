package link

import (
	"fmt"
	"strings"

	"github.com/faasvet/faasvet/report"
)

// maxCycles bounds the cycle search: a dense graph has exponentially many.
const maxCycles = 1000

func (p *program) checkCycles() {
	cycles, truncated := p.graph.Cycles(maxCycles)
	for _, c := range cycles {
		var allowed bool
		for _, hop := range c.Hops {
			for _, e := range hop {
				allowed = allowed || e.AllowCycle != ""
			}
		}
		if allowed {
			continue
		}
		names := make([]string, 0, len(c.Nodes)+1)
		for _, id := range c.Nodes {
			names = append(names, p.graph.Node(id).Name)
		}
		names = append(names, names[0])
		first := c.Hops[0][0]
		var rel []report.Related
		for _, hop := range c.Hops[1:] {
			e := hop[0]
			rel = append(rel, report.Related{File: e.Pos.File, Line: e.Pos.Line, Column: e.Pos.Column,
				Message: fmt.Sprintf("%s → %s (%s)", p.graph.Node(e.From).Name, p.graph.Node(e.To).Name, e.Via)})
		}
		path := strings.Join(names, " → ")
		f := finding{check: "cycle", at: first.Pos, related: rel, keys: c.Nodes, sites: p.edgeSites(first, true),
			msg: fmt.Sprintf("routes loop: %s; an asynchronous hop lets the loop run on its own, every message producing the next, until something breaks it: break the loop, or mark an intended one with //faas:allow-cycle REASON", path)}
		if !c.Async() {
			f.variant = "sync"
			f.msg = fmt.Sprintf("routes loop: %s; every hop is synchronous, so each call waits on the next and the loop ends only by timeout or recursion limit: break the loop, or mark an intended one with //faas:allow-cycle REASON", path)
		}
		p.emit(f)
	}
	if truncated {
		p.emit(finding{check: "cycle",
			msg: fmt.Sprintf("the graph has more than %d elementary cycles; only the first %d are reported", maxCycles, maxCycles)})
	}
}
