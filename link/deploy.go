package link

import (
	"slices"
	"strings"

	"github.com/faasvet/faasvet/manifest"
)

// One code deployed twice: a manifest may deploy one package as several
// functions (two SAM functions with one CodeUri, each on its own queue;
// two Knative Services of one image). Each is a function of its own,
// with its own triggers, environment and sends, and the code's types:
// names are unique within what one deployment joins, not per package.
// deployTwice gives each further deployment a node: a copy of the code's
// function, named as the manifest deploys it. Two manifests that each
// deploy the code once (template.yaml and a debug copy of it) describe
// one function, and one logical ID across manifests is one function.

// deployTwice makes the copies, before the graph's nodes are built; the
// manifest functions they stand for are bound to them (buildManifests
// reads pinned) and the code's sends are drawn from each (copies).
func (p *program) deployTwice() {
	m := p.model
	if m == nil {
		return
	}
	byDir := map[string][]*fnRec{}
	for _, rec := range p.funcs {
		if p.byName[rec.fn.Name] == rec {
			byDir[p.pkgDir(rec)] = append(byDir[p.pkgDir(rec)], rec)
		}
	}
	// The manifest functions that bind each code function, as
	// buildManifests binds them by directory.
	var order []*fnRec
	deploys := map[*fnRec][]*manifest.Function{}
	for _, mf := range m.Functions {
		if p.entryFns[mf.ID] != nil || mf.CodeDir == "" {
			continue
		}
		rec := bindIn(byDir[mf.CodeDir], mf, m)
		if rec == nil {
			continue
		}
		if deploys[rec] == nil {
			order = append(order, rec)
		}
		deploys[rec] = append(deploys[rec], mf)
	}
	for _, rec := range order {
		// In manifest order: the first deployment keeps the code's name.
		mfs := slices.Clone(deploys[rec])
		slices.SortStableFunc(mfs, func(a, b *manifest.Function) int {
			if c := strings.Compare(a.Pos.File, b.Pos.File); c != 0 {
				return c
			}
			return a.Pos.Line - b.Pos.Line
		})
		// Logical IDs in manifest order, and whether one manifest file
		// deploys the code under two of them.
		var ids []string
		perFile := map[string][]string{}
		twice := false
		for _, mf := range mfs {
			if !slices.Contains(ids, mf.LogicalID) {
				ids = append(ids, mf.LogicalID)
			}
			if f := perFile[mf.Pos.File]; !slices.Contains(f, mf.LogicalID) {
				perFile[mf.Pos.File] = append(f, mf.LogicalID)
				twice = twice || len(f) > 0
			}
		}
		if !twice {
			continue
		}
		// The first deployment is the code's function, as named; each
		// other one a copy named as deployed.
		copyOf := map[string]*fnRec{ids[0]: rec}
		for _, id := range ids[1:] {
			var mf *manifest.Function
			for _, f := range mfs {
				if f.LogicalID == id {
					mf = f
					break
				}
			}
			name := cmpOr(mf.Name, mf.LogicalID)
			if p.byName[name] != nil {
				name = rec.fn.Name + "." + id
			}
			if p.byName[name] != nil {
				continue // bound to the code's function, as before
			}
			fn := *rec.fn
			fn.Name = name
			c := &fnRec{&fn, rec.pkg, rec.sum}
			if pl, ok := p.payloads[rec.fn]; ok {
				p.payloads[&fn] = pl
			}
			if set, ok := p.errors[rec.fn]; ok {
				p.errors[&fn] = set
			}
			p.funcs = append(p.funcs, c)
			p.byName[name] = c
			for _, rr := range p.routes {
				if rr.fn == rec {
					p.routes = append(p.routes, &routeRec{rr.r, c, rr.sum})
				}
			}
			if p.copies == nil {
				p.copies, p.copied = map[*fnRec][]*fnRec{}, map[*fnRec]bool{}
			}
			p.copies[rec] = append(p.copies[rec], c)
			p.copied[c] = true
			copyOf[id] = c
		}
		for _, mf := range mfs {
			if c := copyOf[mf.LogicalID]; c != nil && c != rec {
				if p.pinned == nil {
					p.pinned = map[string]*fnRec{}
				}
				p.pinned[mf.ID] = c
			}
		}
	}
	slices.SortStableFunc(p.funcs, func(a, b *fnRec) int {
		return strings.Compare(a.fn.Name, b.fn.Name)
	})
}
