package link

import (
	"fmt"
	"go/types"
	"strings"

	"github.com/faasvet/faasvet/graphext"
	"github.com/faasvet/faasvet/jsonshape"
	"github.com/faasvet/faasvet/report"
)

// wireChecks maps the wire model's problems to the checks that report
// them. The catalogue, not the model, says how serious each is.
var wireChecks = map[jsonshape.ProblemKind]string{
	jsonshape.TypeMismatch:     "wire-type",
	jsonshape.QuotedMismatch:   "wire-quoted",
	jsonshape.MissingField:     "wire-missing",
	jsonshape.DroppedField:     "wire-dropped",
	jsonshape.CaseMatch:        "wire-case",
	jsonshape.Narrowing:        "wire-narrowing",
	jsonshape.UnsupportedValue: "wire-unsupported",
}

// WireCheck is the ID of the check that reports a wire model problem of
// kind k. faasvet diff names its contract changes by it too.
func WireCheck(k jsonshape.ProblemKind) string {
	id, ok := wireChecks[k]
	if !ok {
		panic("link: no check for wire problem " + string(k))
	}
	return id
}

// checkWire compares, on every edge between two functions and for every
// publisher and subscriber pair of a channel, the JSON the producer
// writes with what the consumer decodes.
func (p *program) checkWire() {
	w := &wireState{model: jsonshape.NewModel(), results: map[shapePair]jsonshape.Result{}, pubs: map[string][]*graphext.Edge{}}
	defer p.checkStateMachines(w.model)
	for _, e := range p.graph.Edges() {
		from, to := p.graph.Node(e.From), p.graph.Node(e.To)
		switch {
		case from.Kind == graphext.FunctionNode && to.Kind == graphext.FunctionNode:
			p.compare(w, e, e, p.producerName(e, from.Name), to.Name)
		case from.Kind == graphext.ChannelNode && to.Kind == graphext.FunctionNode:
			pubs, ok := w.pubs[e.From]
			if !ok {
				pubs = p.publishers(e.From)
				w.pubs[e.From] = pubs
			}
			for _, pub := range pubs {
				if ms := p.machineSends[pub]; ms != nil {
					p.compareSend(w, ms, pub, e, to.Name)
					continue
				}
				p.compare(w, pub, e, p.producerName(pub, p.graph.Node(pub.From).Name), to.Name)
			}
		}
	}
}

// wireState is what checkWire remembers from one edge to the next. The
// Model gives one Shape per type, and most edges carry a type that
// other edges carry too (a channel's publishers and subscribers mostly
// share one), so Compatible's result is kept per pair of shapes; each
// edge still reports its problems at its own positions.
type wireState struct {
	model   *jsonshape.Model
	results map[shapePair]jsonshape.Result
	// pubs are the publishers of each channel that has subscribers.
	pubs map[string][]*graphext.Edge
}

type shapePair struct{ producer, consumer *jsonshape.Shape }

// compatible is jsonshape.Compatible, once per pair of shapes.
func (w *wireState) compatible(ps, cs *jsonshape.Shape) jsonshape.Result {
	k := shapePair{ps, cs}
	res, ok := w.results[k]
	if !ok {
		res = jsonshape.Compatible(ps, cs)
		w.results[k] = res
	}
	return res
}

// compare checks the producer end of edge pe against the consumer end of
// edge ce (the same edge between two functions; a publisher's and a
// subscriber's edge through a channel).
func (p *program) compare(w *wireState, pe, ce *graphext.Edge, producer, consumer string) {
	if pe.Producer == nil || ce.Consumer == nil {
		return // null, raw bytes or an envelope: nothing typed to compare
	}
	if p.recordAsEvent(pe, ce, producer, consumer) {
		return
	}
	record := isDestinationRecord(pe.Producer)
	ps, cs := w.model.Encode(pe.Producer), w.model.Decode(ce.Consumer)
	res := w.compatible(ps, cs)
	for _, prob := range res.Problems {
		if record && prob.Kind == jsonshape.DroppedField {
			continue // a consumer reads what it needs of the record
		}
		f := finding{
			check: WireCheck(prob.Kind),
			at:    pe.Pos,
			msg:   wireMessage(prob, ps, cs, producer, consumer),
			keys:  []string{producer, consumer, prob.Path},
			// An ignore on either end's directive or call covers the pair.
			sites: append(p.edgeSites(pe, false), p.edgeSites(ce, false)...),
		}
		if ce != pe {
			f.related = append(f.related, report.Related{File: ce.Pos.File, Line: ce.Pos.Line, Column: ce.Pos.Column,
				Message: consumer + " subscribes here"})
		}
		if qf := prob.ConsumerField; qf != nil {
			if v := fieldVar(cs, qf); v != nil && v.Pos().IsValid() {
				f.related = append(f.related, related(p, v.Pos(), fmt.Sprintf("%s's field %s", consumer, goField(cs, qf))))
			}
		}
		p.emit(f)
	}
}

// wireMessage says which field, at both ends, and what happens at run time.
func wireMessage(prob jsonshape.Problem, ps, cs *jsonshape.Shape, producer, consumer string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: field %s from %s: %s", consumer, prob.Path, producer, prob.Message)
	var ends []string
	if pf := prob.ProducerField; pf != nil {
		ends = append(ends, fmt.Sprintf("%s sends %s %s", producer, goField(ps, pf), typeString(pf.Type)))
	}
	if qf := prob.ConsumerField; qf != nil {
		ends = append(ends, fmt.Sprintf("%s decodes into %s %s", consumer, goField(cs, qf), typeString(qf.Type)))
	}
	if len(ends) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(ends, "; "))
	}
	switch prob.Kind {
	case jsonshape.TypeMismatch, jsonshape.QuotedMismatch, jsonshape.UnsupportedValue:
		// Some mismatches garble the value instead (base64 text read as a
		// plain string): the model's message says which.
		if prob.Effect == jsonshape.Failing && (strings.Contains(prob.Message, "cannot unmarshal") || strings.Contains(prob.Message, "fails")) {
			fmt.Fprintf(&b, ": every event from %s that sets it fails to decode", producer)
		}
	case jsonshape.Narrowing:
		fmt.Fprintf(&b, ": decoding fails when a value does not fit")
	case jsonshape.DroppedField:
		fmt.Fprintf(&b, ": the value is lost on this edge")
	}
	return b.String()
}

// goPath finds f in the shape tree under root and names it as Go code
// does, from the root type through the fields that lead to it:
// Shipment.Notes[].Author. It also returns the object shape that holds f.
func goPath(root *jsonshape.Shape, f *jsonshape.Field) (owner *jsonshape.Shape, path string) {
	seen := map[*jsonshape.Shape]bool{}
	var find func(s *jsonshape.Shape, prefix string) bool
	find = func(s *jsonshape.Shape, prefix string) bool {
		if s == nil || seen[s] {
			return false
		}
		seen[s] = true
		switch s.Kind {
		case jsonshape.Object:
			for _, g := range s.Fields {
				p := prefix + "." + strings.Join(g.GoPath, ".")
				if g == f {
					owner, path = s, p
					return true
				}
				if find(g.Shape, p) {
					return true
				}
			}
		case jsonshape.Array:
			return find(s.Elem, prefix+"[]")
		case jsonshape.Map:
			return find(s.Elem, prefix+"{}")
		}
		return false
	}
	if find(root, typeString(derefType(root.Type))) {
		return owner, path
	}
	return nil, strings.Join(f.GoPath, ".")
}

// goField names a field as Go code does (see goPath).
func goField(root *jsonshape.Shape, f *jsonshape.Field) string {
	_, p := goPath(root, f)
	return p
}

// fieldVar finds the declaration of f's last Go field.
func fieldVar(root *jsonshape.Shape, f *jsonshape.Field) *types.Var {
	o, _ := goPath(root, f)
	if o == nil {
		return nil
	}
	t := o.Type
	var v *types.Var
	for _, i := range f.Index {
		st, ok := derefType(t).Underlying().(*types.Struct)
		if !ok || i >= st.NumFields() {
			return nil
		}
		v = st.Field(i)
		t = v.Type()
	}
	return v
}

func typeString(t types.Type) string { return types.TypeString(t, report.Qualifier) }

func derefType(t types.Type) types.Type {
	if ptr, ok := types.Unalias(t).(*types.Pointer); ok {
		return ptr.Elem()
	}
	return t
}

// publishers are the edges from functions that feed a channel, directly
// or through other channels (an SNS topic feeding an SQS queue), and the
// edges from state machines whose service integrations send there: the
// machine, not what started it, wrote that message.
func (p *program) publishers(ch string) []*graphext.Edge {
	if p.feeders == nil {
		p.feeders = p.graph.Filter(func(e *graphext.Edge) bool {
			return p.machineSends[e] == nil && p.graph.Node(e.From).Kind == graphext.ChannelNode && p.graph.Node(e.To).Kind == graphext.ChannelNode
		}).Transpose()
	}
	upstream := p.feeders.Reachable(ch)
	if upstream == nil {
		upstream = []string{ch} // no channel feeds it
	}
	var out []*graphext.Edge
	for _, id := range upstream {
		for _, e := range p.graph.In(id) {
			if p.machineSends[e] != nil || p.graph.Node(e.From).Kind == graphext.FunctionNode {
				out = append(out, e)
			}
		}
	}
	return out
}
