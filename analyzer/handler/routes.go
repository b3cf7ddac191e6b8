package handler

import (
	"errors"
	"fmt"
	"go/ast"
	"go/scanner"
	"go/token"
	"go/types"
	"strings"

	"github.com/faasvet/faasvet/analyzer/internal/analysisutil"
	"github.com/faasvet/faasvet/directive"
)

// RouteKind says what a route connects.
type RouteKind string

// The route kinds.
const (
	RouteTo   RouteKind = "route"     // from a function to named functions
	Publish   RouteKind = "publish"   // from a function into a channel
	Subscribe RouteKind = "subscribe" // from a channel into a function
)

// A Route is one edge, or a set of edges, that a package declares.
type Route struct {
	Kind RouteKind
	// Function is the function at this package's end of the route. It is
	// nil when the directive is on an exported func that this package does
	// not register: Handler then names it (types.Func.FullName), and the
	// whole-program phase binds it to the function that registers it.
	Function *Function
	Handler  string
	To       []string // RouteTo: the target names
	Topic    string   // Publish, Subscribe: the channel
	Via      string   // RouteTo: the transport; "" means direct
	// Payload is the type named by payload=, nil when the route carries
	// the function's own output (RouteTo, Publish) or input (Subscribe).
	Payload     types.Type
	PayloadExpr string
	// AllowCycle is the reason of a //faas:allow-cycle next to the route.
	AllowCycle string
	Source     string    // "directive" (later: "sdk", "manifest")
	Pos        token.Pos // of the directive
}

// ProducerType is the Go type a route sends: its payload, else the
// function's output. Nil means the function sends null or nothing typed.
func (r *Route) ProducerType() types.Type {
	if r.Payload != nil {
		return r.Payload
	}
	return r.Function.Output
}

// ConsumerType is the Go type a subscriber decodes.
func (r *Route) ConsumerType() types.Type {
	if r.Payload != nil {
		return r.Payload
	}
	return r.Function.Input
}

// routes turns the topology directives of the package's functions into
// routes, and reports the directives that belong to no function.
func (f *finder) routes() {
	attached := map[token.Pos]bool{}
	for _, fn := range f.sum.Functions {
		for _, d := range fn.Directives {
			attached[d.Pos] = true
		}
		f.routesOf(fn, "", fn.Directives)
	}
	f.unattached(attached)
}

// routesOf makes the routes of one doc comment's directives, for fn or,
// when fn is nil, for the handler with the given full name.
func (f *finder) routesOf(fn *Function, handler string, ds []*directive.Directive) {
	var allow string
	for _, d := range ds {
		if d.Verb == directive.AllowCycle {
			allow = d.Reason
		}
	}
	for _, d := range ds {
		r := &Route{Function: fn, Handler: handler, Source: "directive", Pos: d.Pos, AllowCycle: allow}
		switch d.Verb {
		case directive.Route:
			r.Kind, r.To, r.Via = RouteTo, directive.List(d.Args["to"]), d.Args["via"]
		case directive.Publish:
			r.Kind, r.Topic = Publish, d.Args["topic"]
		case directive.Subscribe:
			r.Kind, r.Topic = Subscribe, d.Args["topic"]
		default:
			continue
		}
		if expr, ok := d.Args["payload"]; ok {
			t, err := f.resolveType(expr, d.Pos)
			if err != nil {
				analysisutil.Report(f.pass, "directive", "", pos(d.Pos),
					fmt.Sprintf("//faas:%s: payload=%s does not name a type here: %v; write a Go type as this file sees it, such as Order, msg.Order, []msg.Item or *T", d.Verb, expr, err))
				continue
			}
			r.Payload, r.PayloadExpr = t, expr
		}
		f.sum.Routes = append(f.sum.Routes, r)
	}
}

// resolveType evaluates a type expression in the scope of the file that
// holds pos. Errors carry no position: types.Eval parses expr as a file
// named "eval", whose eval:1:15 would mean nothing on the directive's line.
func (f *finder) resolveType(expr string, at token.Pos) (types.Type, error) {
	tv, err := types.Eval(f.pass.Fset, f.pass.Pkg, at, expr)
	var terr types.Error
	var serr scanner.ErrorList
	switch {
	case errors.As(err, &terr):
		return nil, errors.New(terr.Msg)
	case errors.As(err, &serr) && len(serr) > 0:
		return nil, errors.New("syntax error: " + serr[0].Msg)
	case err != nil:
		return nil, err
	}
	if !tv.IsType() {
		return nil, fmt.Errorf("%s is a value, not a type", expr)
	}
	return tv.Type, nil
}

// unattached handles topology directives that no function of this
// package carries. On an exported func they may name a handler that a
// main package elsewhere registers: the whole-program phase attaches them
// by the func's full name. Anywhere else they are misplaced.
func (f *finder) unattached(attached map[token.Pos]bool) {
	docOf := map[token.Pos]*ast.FuncDecl{}
	for _, d := range f.decls {
		for _, dd := range directive.InDoc(d.Doc) {
			docOf[dd.Pos] = d
		}
	}
	pending := map[*ast.FuncDecl]bool{}
	for _, d := range f.sum.Directives.Directives {
		if d.Verb == directive.Ignore || attached[d.Pos] {
			continue
		}
		if strings.HasSuffix(f.pass.Fset.File(d.Pos).Name(), "_test.go") {
			continue
		}
		decl := docOf[d.Pos]
		if decl != nil && decl.Name.IsExported() {
			if !pending[decl] {
				pending[decl] = true
				fn := f.pass.TypesInfo.Defs[decl.Name].(*types.Func)
				f.routesOf(nil, fn.FullName(), topology(decl.Doc))
			}
			continue
		}
		where := "outside any declaration's doc comment"
		if decl != nil {
			where = "on " + decl.Name.Name + ", which no platform registers in this package"
		}
		analysisutil.Report(f.pass, "directive", "", pos(d.Pos),
			fmt.Sprintf("//faas:%s is %s, so it applies to no function: put it in the doc comment of the handler (or of the func that registers it), or declare the func with //faas:function", d.Verb, where))
	}
}
