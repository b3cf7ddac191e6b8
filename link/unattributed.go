package link

import (
	"fmt"
	"go/types"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/packages"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/report"
)

// A send that faassdk found but that no function or program is known to
// make is not dropped: unresolved-route (info) names it, the chain of
// calls it was reached by, and why no function is given it. That is a
// send reached only from a func value or an entry point of a package that
// registers several functions (the program picks one at run time), or
// one in a library that functions link but whose handlers faasvet follows
// to no call of it (a summary that did not cross, an interface it did not
// resolve). A send is made by a function when any call that was drawn or
// reported for a function reaches the same SDK call, directly or through
// a summary (Call.ThroughPkg and ThroughAt): only the rest is reported.
// Sends in code that no function and no program of the analysed tree
// links are not: nothing deploys them.

// sendOrigin identifies the SDK call a call makes: its package and
// file:line, through any summaries.
func sendOrigin(sc Call) string {
	c := sc.SDK
	if c.ThroughAt != "" && c.ThroughPkg != "" {
		return c.ThroughPkg + " " + c.ThroughAt
	}
	pos := sc.Pkg.Fset.Position(c.Pos)
	return fmt.Sprintf("%s %s:%d", sc.Pkg.PkgPath, filepath.Base(pos.Filename), pos.Line)
}

// linkers indexes, for each analysed package, the functions whose
// packages import it (or are it) and the programs that link it.
type linkers struct {
	funcs map[*packages.Package][]string
	progs map[*packages.Package][]string
	sums  []Package
	// uses are the funcs and methods the analysed code names (calls or
	// takes as values).
	uses *Uses
}

// registers reports whether the package registers a function (not a
// candidate), where faassdk reports its unresolved calls itself.
func (l *linkers) registers(sum *handler.Summary) bool {
	return sum != nil && slices.ContainsFunc(sum.Functions, func(fn *handler.Function) bool { return !fn.Candidate })
}

// live reports whether the func the call is reached from is used by the
// analysed code: named outside its declaration, or, for a method, an
// interface method of the same name that its receiver implements is.
// An exported method that nothing calls is dead code, not a route.
func (l *linkers) live(sc Call) bool {
	entry := sc.SDK.Entry
	if entry == "" {
		return true // a literal: held as a value
	}
	if l.uses.funcs[entry] {
		return true
	}
	fn := funcNamed(sc.Pkg.Types, entry)
	if fn == nil {
		return true // not found: say it rather than miss it
	}
	recv := fn.Signature().Recv()
	if recv == nil {
		return false
	}
	for _, m := range l.uses.ifaces[fn.Name()] {
		iface, ok := m.Signature().Recv().Type().Underlying().(*types.Interface)
		if ok && (types.Implements(recv.Type(), iface) || isGeneric(recv.Type())) {
			return true
		}
	}
	if l.uses.byName[fn.Name()] {
		l.uses.inexact = true
	}
	return false
}

// isGeneric reports whether t is a generic type (or a pointer to one),
// which may implement an interface the type checker cannot tell of
// uninstantiated: counted in.
func isGeneric(t types.Type) bool {
	if p, ok := t.(*types.Pointer); ok {
		t = p.Elem()
	}
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.TypeParams().Len() > 0
}

// funcNamed finds the func or method of pkg whose full name is name.
func funcNamed(pkg *types.Package, name string) *types.Func {
	if pkg == nil {
		return nil
	}
	scope := pkg.Scope()
	for _, n := range scope.Names() {
		switch obj := scope.Lookup(n).(type) {
		case *types.Func:
			if obj.FullName() == name {
				return obj
			}
		case *types.TypeName:
			named, ok := obj.Type().(*types.Named)
			if !ok {
				continue
			}
			for i := 0; i < named.NumMethods(); i++ {
				if m := named.Method(i); m.FullName() == name {
					return m
				}
			}
		}
	}
	return nil
}

func (p *program) linkersOf(sums []Package) *linkers {
	l := &linkers{funcs: map[*packages.Package][]string{}, progs: map[*packages.Package][]string{}, sums: sums, uses: p.uses}
	analysed := map[*packages.Package]bool{}
	for _, s := range sums {
		analysed[s.Pkg] = true
	}
	closure := func(root *packages.Package) []*packages.Package {
		seen := map[*packages.Package]bool{root: true}
		out := []*packages.Package{root}
		for i := 0; i < len(out); i++ {
			for _, imp := range out[i].Imports {
				if analysed[imp] && !seen[imp] {
					seen[imp] = true
					out = append(out, imp)
				}
			}
		}
		return out
	}
	for _, s := range sums {
		var names []string
		for _, fn := range s.Summary.Functions {
			if rec := p.byName[fn.Name]; rec != nil && rec.fn == fn {
				names = append(names, fn.Name)
			}
		}
		switch {
		case len(names) > 0:
			for _, q := range closure(s.Pkg) {
				l.funcs[q] = append(l.funcs[q], names...)
			}
		case isMain(s.Pkg):
			for _, q := range closure(s.Pkg) {
				dir := pkgDir(s.Pkg)
				if dir == "" {
					dir = s.Pkg.PkgPath
				} else {
					dir = relPath(p.dir, dir)
				}
				l.progs[q] = append(l.progs[q], dir)
			}
		}
	}
	for _, m := range []map[*packages.Package][]string{l.funcs, l.progs} {
		for q, names := range m {
			slices.Sort(names)
			m[q] = slices.Compact(names)
		}
	}
	return l
}

// reportUnattributed reports the sends of unattributed whose SDK call no
// function or program was found to make (made holds the origins of those
// that were).
func (p *program) reportUnattributed(unattributed []Call, made map[string]bool, sums []Package, sumOf map[*packages.Package]*handler.Summary) {
	if len(unattributed) == 0 {
		return
	}
	l := p.linkersOf(sums)
	// Of the calls that reach one SDK call, the one from the package
	// that calls into the summary says most (the longer chain).
	slices.SortStableFunc(unattributed, func(a, b Call) int {
		return boolInt(a.SDK.Through == "") - boolInt(b.SDK.Through == "")
	})
	seen := map[string]bool{}
	for _, sc := range unattributed {
		o := sendOrigin(sc)
		if made[o] || seen[o] {
			continue
		}
		fns, progs := l.funcs[sc.Pkg], l.progs[sc.Pkg]
		if len(fns) == 0 && len(progs) == 0 {
			continue // nothing deploys it
		}
		if !l.live(sc) {
			continue // dead code: nothing of the tree uses the func it is reached from
		}
		if len(sc.SDK.Unresolved) > 0 && (isMain(sc.Pkg) || l.registers(sumOf[sc.Pkg])) {
			continue // faassdk's own unresolved-route is on this call already
		}
		seen[o] = true
		c := sc.SDK
		what := c.Service + " " + c.Op
		if c.Through != "" {
			what = fmt.Sprintf("%s (%s at %s)", c.Through, what, c.ThroughAt)
		}
		from := shortFunc(c.Entry)
		var why string
		own := sumOf[sc.Pkg] != nil && slices.ContainsFunc(sumOf[sc.Pkg].Functions, func(fn *handler.Function) bool {
			return p.byName[fn.Name] != nil && p.byName[fn.Name].fn == fn
		})
		switch {
		case own && len(fns) == 1:
			why = fmt.Sprintf("it is reached from %s, which the handler of %s is not followed to (a func value the package holds that is not part of the handler's value, or a func only other code calls)",
				from, fns[0])
		case own:
			why = fmt.Sprintf("it is reached from %s, which no handler of %s is followed to (a func value the package holds, or a func only other code calls), and the package registers %s, so faasvet does not guess which of them makes it",
				from, listNames(fns), countNoun(len(fns), "function"))
		case len(fns) > 0:
			why = fmt.Sprintf("it is reached from %s, and %s link %s, but faasvet follows no call from their handlers to it (through an interface it does not resolve, or a func value)",
				from, listNames(fns), sc.Pkg.PkgPath)
		default:
			why = fmt.Sprintf("it is reached from %s, and %s link %s, so faasvet does not guess which of them makes it",
				from, countNoun(len(progs), "program")+" ("+listNames(progs)+")", sc.Pkg.PkgPath)
		}
		msg := fmt.Sprintf("%s: no function is known to make this send: %s; the route is not drawn and its payload goes unchecked; describe it on the handler that makes it with %s",
			what, why, routeDirective(c))
		var related []report.Related
		for _, at := range c.Chain {
			related = append(related, p.related(at, "which reaches the call through this call"))
		}
		p.emit(finding{check: "unresolved-route", at: p.pos(c.Pos), msg: msg,
			keys:    []string{sc.Pkg.PkgPath, o},
			related: related,
			sites:   []checks.Site{{Ignores: ignores(sumOf[sc.Pkg]), Pos: c.Pos}}})
	}
}

// shortFunc writes a full func name (types.Func.FullName) as the
// package's name would: (*example.com/x/impl.Queue[T]).Send as
// (*impl.Queue[T]).Send.
func shortFunc(full string) string {
	if full == "" {
		return "a func literal"
	}
	// Drop the import path up to the last slash before the package name.
	open := strings.LastIndex(full, "/")
	if open < 0 {
		return full
	}
	prefix := ""
	if i := strings.IndexAny(full, "(*"); i == 0 {
		prefix = full[:strings.IndexFunc(full, func(r rune) bool { return r != '(' && r != '*' })]
	}
	return prefix + full[open+1:]
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func listNames(names []string) string {
	const most = 3
	if len(names) > most {
		return strings.Join(names[:most], ", ") + fmt.Sprintf(" and %d more", len(names)-most)
	}
	switch len(names) {
	case 1:
		return names[0]
	case 2:
		return names[0] + " and " + names[1]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func countNoun(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
