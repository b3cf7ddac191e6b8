// Package contract compares the function graph of an application at two
// revisions and reports each change of contract: functions, channels and
// routes added or removed, payload fields added, removed, renamed on the
// wire or changed in JSON kind, and the compatibility problems that the
// change brings between the two versions of each end of a route.
//
// A change is breaking when messages already in flight, or the other
// side's old version while a deployment rolls out, would fail or lose data:
//
//   - on a route present in both revisions, a problem that loses or breaks
//     data (effect Lossy or Failing, see jsonshape.Compatible) that the base revision did not
//     have, between the old producer and the new consumer, the new producer
//     and the old consumer, or the new producer and the new consumer;
//   - a key that the old producer sent and a consumer (old or new) reads,
//     which the new producer no longer sends, optional or not: the
//     consumer silently loses the data;
//   - a consumer field renamed on the wire to a key the producer does not
//     send;
//   - on a function no route enters, an input change that the old callers'
//     JSON fails; on a function no route leaves, an output change that its
//     old readers fail on;
//   - a function removed while routes entered it: its senders' old
//     versions and the messages in flight have nowhere to go.
//
// Everything else is listed: additions, removed routes and channels,
// information-level problems and field changes that no consumer notices.
package contract

import (
	"cmp"
	"fmt"
	"go/types"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/jsonshape"
	"github.com/faasvet/faasvet/link"
)

// A Change is one difference of contract between the two revisions.
type Change struct {
	// Subject is what changed: "function NAME", "channel NAME" or
	// "route FROM → TO (VIA)".
	Subject  string `json:"subject"`
	Breaking bool   `json:"breaking"`
	// Kind is a stable name: function-added, function-removed,
	// channel-added, channel-removed, route-added, route-removed,
	// field-added, field-removed, field-renamed, field-kind, type-changed,
	// field-no-longer-sent, consumer-renamed, or a jsonshape problem code
	// (wire-type, wire-missing, ...).
	Kind string `json:"kind"`
	// Path is the wire path of a field change, from the payload's root.
	Path    string `json:"path,omitempty"`
	Message string `json:"message"`
	// File and Line are where the subject is declared: in the working tree,
	// or at the base revision for what was removed.
	File string `json:"file,omitempty"`
	Line int    `json:"line,omitempty"`
}

// Report is the contract diff.
type Report struct {
	Base     string   `json:"base"`
	Breaking int      `json:"breaking"`
	Changes  []Change `json:"changes"`
	// Graphs are kept for the markdown diagram.
	base, head *graphext.Graph
}

// Compare reports the contract changes from base to head.
func Compare(baseRev string, base, head *graphext.Graph) *Report {
	r := &Report{Base: baseRev, Changes: []Change{}, base: base, head: head}
	d := differ{r: r, model: jsonshape.NewModel(), baseModel: jsonshape.NewModel()}
	d.nodes()
	d.routes()
	slices.SortStableFunc(r.Changes, func(a, b Change) int {
		return cmp.Or(strings.Compare(subjectOrder(a.Subject), subjectOrder(b.Subject)), strings.Compare(a.Subject, b.Subject),
			boolOrder(a.Breaking, b.Breaking), strings.Compare(a.Kind, b.Kind), strings.Compare(a.Path, b.Path), strings.Compare(a.Message, b.Message))
	})
	r.Changes = slices.Compact(r.Changes)
	for _, c := range r.Changes {
		if c.Breaking {
			r.Breaking++
		}
	}
	return r
}

func subjectOrder(s string) string {
	kind, _, _ := strings.Cut(s, " ")
	return map[string]string{"function": "1", "channel": "2", "route": "3"}[kind]
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

type differ struct {
	r *Report
	// Shapes of the two revisions come from two loads of the program, so
	// two models: types are compared by identity within one load only.
	model, baseModel *jsonshape.Model
}

func (d *differ) add(c Change) { d.r.Changes = append(d.r.Changes, c) }

func typeString(t types.Type) string {
	if t == nil {
		return "nothing"
	}
	return types.TypeString(t, func(p *types.Package) string { return p.Name() })
}

// nodes compares functions and channels.
func (d *differ) nodes() {
	base, head := d.r.base, d.r.head
	for _, n := range head.Nodes() {
		old := base.Node(n.ID)
		subject := string(n.Kind) + " " + n.Name
		switch {
		case old == nil && n.Kind == graphext.FunctionNode:
			d.add(Change{Subject: subject, Kind: "function-added", File: n.Pos.File, Line: n.Pos.Line,
				Message: fmt.Sprintf("new %s function %s (%s.%s), input %s, output %s", n.Platform, n.Name, n.Package, n.Func, typeString(n.Input), typeString(n.Output))})
		case old == nil:
			d.add(Change{Subject: subject, Kind: "channel-added", File: n.Pos.File, Line: n.Pos.Line, Message: "new channel " + n.Name})
		case n.Kind == graphext.FunctionNode:
			d.function(old, n)
		}
	}
	for _, n := range base.Nodes() {
		if head.Node(n.ID) != nil {
			continue
		}
		subject := string(n.Kind) + " " + n.Name
		if n.Kind == graphext.ChannelNode {
			d.add(Change{Subject: subject, Kind: "channel-removed", File: n.Pos.File, Line: n.Pos.Line, Message: "channel " + n.Name + " is gone"})
			continue
		}
		c := Change{Subject: subject, Kind: "function-removed", File: n.Pos.File, Line: n.Pos.Line, Message: "function " + n.Name + " is gone"}
		if in := base.In(n.ID); len(in) > 0 {
			var from []string
			for _, e := range in {
				if name := base.Node(e.From).Name; !slices.Contains(from, name) {
					from = append(from, name)
				}
			}
			c.Breaking = true
			c.Message += fmt.Sprintf(", but %s sent it messages: the messages in flight and the senders' old versions have nowhere to go", strings.Join(from, ", "))
		}
		d.add(c)
	}
}

// function compares one function's input and output.
func (d *differ) function(old, n *graphext.Node) {
	subject := "function " + n.Name
	at := func(c Change) Change {
		c.Subject, c.File, c.Line = subject, n.Pos.File, n.Pos.Line
		return c
	}
	if old.Platform != n.Platform {
		d.add(at(Change{Kind: "platform-changed", Breaking: true, Message: fmt.Sprintf("platform %s is now %s", old.Platform, n.Platform)}))
	}
	// Input: what the function decodes. Old callers that no route shows
	// send what the old input type encodes.
	for _, c := range d.fields("input", d.baseModel.Decode, d.model.Decode, old.Input, n.Input) {
		d.add(at(c))
	}
	if len(d.r.head.In(n.ID)) == 0 && old.Input != nil && n.Input != nil {
		for _, c := range d.problems(d.baseModel.Encode(old.Input), d.model.Decode(n.Input), nil, "old callers → new input") {
			d.add(at(c))
		}
	}
	for _, c := range d.fields("output", d.baseModel.Encode, d.model.Encode, old.Output, n.Output) {
		d.add(at(c))
	}
	if len(d.r.head.Out(n.ID)) == 0 && old.Output != nil && n.Output != nil {
		for _, c := range d.problems(d.model.Encode(n.Output), d.baseModel.Decode(old.Output), nil, "new output → old readers") {
			d.add(at(c))
		}
	}
}

// A wireKey is one path of a shape, as Walk names it without a root.
type wireKey struct {
	kind     jsonshape.Kind
	goPath   string
	optional bool
}

// keys lists the wire paths of a shape.
func keys(s *jsonshape.Shape) map[string]wireKey {
	out := map[string]wireKey{}
	if s == nil {
		return out
	}
	jsonshape.Walk(s, "", func(path string, f *jsonshape.Field, s *jsonshape.Shape) bool {
		if path == "" {
			return true
		}
		k := wireKey{kind: s.Kind}
		if f != nil {
			k.goPath = strings.Join(f.GoPath, ".")
			k.optional = f.Omittable() || s.Nullable
		}
		out[path] = k
		return true
	})
	return out
}

// fields lists the field changes of one payload (a function's input or
// output) between the revisions. They are descriptive: whether they break
// anything is up to the routes and callers, below.
func (d *differ) fields(what string, oldShape, newShape func(types.Type) *jsonshape.Shape, oldT, newT types.Type) []Change {
	var out []Change
	if oldT == nil || newT == nil {
		if (oldT == nil) != (newT == nil) {
			out = append(out, Change{Kind: "type-changed", Message: fmt.Sprintf("%s %s is now %s", what, typeString(oldT), typeString(newT))})
		}
		return out
	}
	if typeString(oldT) != typeString(newT) {
		out = append(out, Change{Kind: "type-changed", Message: fmt.Sprintf("%s type %s is now %s", what, typeString(oldT), typeString(newT))})
	}
	ok, nk := keys(oldShape(oldT)), keys(newShape(newT))
	renamed := map[string]bool{}
	for _, path := range sortedKeys(ok) {
		o := ok[path]
		n, still := nk[path]
		switch {
		case still && n.kind != o.kind:
			out = append(out, Change{Kind: "field-kind", Path: path, Message: fmt.Sprintf("%s field %s was a JSON %s, is now a JSON %s", what, path, o.kind, n.kind)})
		case !still:
			if to := renamedTo(path, o, ok, nk); to != "" {
				renamed[to] = true
				out = append(out, Change{Kind: "field-renamed", Path: path, Message: fmt.Sprintf("%s field %s (Go %s) is now %s on the wire", what, path, o.goPath, to)})
				continue
			}
			if parentGone(path, nk) {
				continue // reported at the parent
			}
			out = append(out, Change{Kind: "field-removed", Path: path, Message: fmt.Sprintf("%s field %s (JSON %s) is gone", what, path, o.kind)})
		}
	}
	for _, path := range sortedKeys(nk) {
		if _, was := ok[path]; was || renamed[path] || parentGone(path, ok) {
			continue
		}
		n := nk[path]
		opt := "required"
		if n.optional {
			opt = "optional"
		}
		out = append(out, Change{Kind: "field-added", Path: path, Message: fmt.Sprintf("%s field %s (JSON %s, %s) is new", what, path, n.kind, opt)})
	}
	return out
}

// renamedTo finds the new wire path of a field whose Go path stayed.
func renamedTo(path string, o wireKey, old, cur map[string]wireKey) string {
	if o.goPath == "" {
		return ""
	}
	parent := parentPath(path)
	for _, p := range sortedKeys(cur) {
		n := cur[p]
		if _, existed := old[p]; !existed && n.goPath == o.goPath && parentPath(p) == parent {
			return p
		}
	}
	return ""
}

func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[{")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// parentGone reports whether an enclosing path of path is missing from
// keys too: the field went with its parent.
func parentGone(path string, keys map[string]wireKey) bool {
	for p := parentPath(path); p != ""; p = parentPath(p) {
		if _, ok := keys[p]; !ok {
			return true
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// problems returns the Compatible problems between a producer and a
// consumer shape that the base pair did not have, labelled with which
// versions meet. Warnings and errors are breaking.
func (d *differ) problems(p, q *jsonshape.Shape, baseline map[string]bool, pair string) []Change {
	var out []Change
	res := jsonshape.Compatible(p, q)
	root := jsonshape.RootName(p.Type)
	for _, pr := range res.Problems {
		path := strings.TrimPrefix(strings.TrimPrefix(pr.Path, root), ".")
		if baseline[string(pr.Kind)+"\x00"+path] {
			continue
		}
		out = append(out, Change{Kind: link.WireCheck(pr.Kind), Path: path, Breaking: pr.Effect >= jsonshape.Lossy,
			Message: fmt.Sprintf("%s: %s", pair, pr.Message)})
	}
	return out
}

// problemSet is the set of a pair's problems, by code and path.
func problemSet(p, q *jsonshape.Shape) map[string]bool {
	out := map[string]bool{}
	res := jsonshape.Compatible(p, q)
	root := jsonshape.RootName(p.Type)
	for _, pr := range res.Problems {
		out[string(pr.Kind)+"\x00"+strings.TrimPrefix(strings.TrimPrefix(pr.Path, root), ".")] = true
	}
	return out
}

// edgeKey matches routes across revisions: the ends and the transport.
func edgeKey(e *graphext.Edge) string { return e.From + "\x00" + e.To + "\x00" + e.Via }

func routeSubject(g *graphext.Graph, e *graphext.Edge) string {
	return fmt.Sprintf("route %s → %s (%s)", g.Node(e.From).Name, g.Node(e.To).Name, e.Via)
}

// routes compares the edges.
func (d *differ) routes() {
	base, head := d.r.base, d.r.head
	olds := map[string][]*graphext.Edge{}
	for _, e := range base.Edges() {
		olds[edgeKey(e)] = append(olds[edgeKey(e)], e)
	}
	for _, e := range head.Edges() {
		k := edgeKey(e)
		subject := routeSubject(head, e)
		if len(olds[k]) == 0 {
			d.add(Change{Subject: subject, Kind: "route-added", File: e.Pos.File, Line: e.Pos.Line,
				Message: fmt.Sprintf("new route carrying %s", typeString(payload(e)))})
			continue
		}
		old := olds[k][0]
		olds[k] = olds[k][1:]
		for _, c := range d.route(old, e) {
			c.Subject, c.File, c.Line = subject, e.Pos.File, e.Pos.Line
			d.add(c)
		}
	}
	for _, e := range base.Edges() {
		if rest := olds[edgeKey(e)]; len(rest) > 0 && slices.Contains(rest, e) {
			d.add(Change{Subject: routeSubject(base, e), Kind: "route-removed", File: e.Pos.File, Line: e.Pos.Line,
				Message: fmt.Sprintf("the route carrying %s is gone", typeString(payload(e)))})
		}
	}
}

func payload(e *graphext.Edge) types.Type {
	if e.Producer != nil {
		return e.Producer
	}
	return e.Consumer
}

// route compares one route's two revisions.
func (d *differ) route(old, e *graphext.Edge) []Change {
	var out []Change
	if typeString(old.Producer) != typeString(e.Producer) && old.Producer != nil && e.Producer != nil {
		out = append(out, Change{Kind: "type-changed", Message: fmt.Sprintf("the producer sends %s, was %s", typeString(e.Producer), typeString(old.Producer))})
	}
	if old.Producer == nil || e.Producer == nil {
		return out
	}
	po, pn := d.baseModel.Encode(old.Producer), d.model.Encode(e.Producer)
	// What the consumers read: the routes's consumer type, or, on a route
	// into a channel, the subscribers'.
	consumers := func(g *graphext.Graph, e *graphext.Edge, model *jsonshape.Model) []*jsonshape.Shape {
		if e.Consumer != nil {
			return []*jsonshape.Shape{model.Decode(e.Consumer)}
		}
		var out []*jsonshape.Shape
		for _, s := range g.Out(e.To) {
			if s.Consumer != nil {
				out = append(out, model.Decode(s.Consumer))
			}
		}
		return out
	}
	qos, qns := consumers(d.r.base, old, d.baseModel), consumers(d.r.head, e, d.model)
	// One problem is reported once, for the first pair of versions that
	// has it: with an unchanged consumer, old and new consumer agree.
	seen := map[string]bool{}
	pair := func(p, q *jsonshape.Shape, base map[string]bool, label string) {
		for _, c := range d.problems(p, q, base, label) {
			if k := c.Kind + "\x00" + c.Path; !seen[k] {
				seen[k] = true
				out = append(out, c)
			}
		}
	}
	for i, qo := range qos {
		base := problemSet(po, qo)
		pair(pn, qo, base, "new producer → old consumer")
		if i < len(qns) {
			qn := qns[i]
			pair(po, qn, base, "old producer → new consumer (messages in flight)")
			pair(pn, qn, base, "new producer → new consumer")
		}
	}
	// Keys the old producer sent, that a consumer reads, and the new
	// producer does not send: data lost, even where the field is optional.
	sentOld, sentNew := keys(po), keys(pn)
	read := map[string]bool{}
	for _, q := range append(slices.Clone(qos), qns...) {
		for k := range keys(q) {
			read[k] = true
		}
	}
	for _, k := range sortedKeys(sentOld) {
		missing := slices.ContainsFunc(out, func(c Change) bool { return c.Kind == link.WireCheck(jsonshape.MissingField) && c.Path == k })
		if _, still := sentNew[k]; !still && read[k] && !parentGone(k, sentNew) && !missing {
			out = append(out, Change{Kind: "field-no-longer-sent", Path: k, Breaking: true,
				Message: fmt.Sprintf("the producer no longer sends %s, which the consumer reads: it loses that data", k)})
		}
	}
	// A consumer field renamed to a key that the producer does not send.
	for i, qo := range qos {
		if i >= len(qns) {
			break
		}
		ko, kn := keys(qo), keys(qns[i])
		for _, path := range sortedKeys(ko) {
			if _, still := kn[path]; still {
				continue
			}
			to := renamedTo(path, ko[path], ko, kn)
			if _, sent := sentNew[to]; to != "" && !sent {
				if _, sentBefore := sentNew[path]; sentBefore {
					out = append(out, Change{Kind: "consumer-renamed", Path: path, Breaking: true,
						Message: fmt.Sprintf("the consumer now reads %s instead of %s, which the producer sends: it loses that data", to, path)})
				}
			}
		}
	}
	return out
}
