package manifest

import (
	"fmt"
	"strings"

	"github.com/faasvet/faasvet/manifest/node"
)

// knObject is a Knative object that references resolve to.
type knObject struct {
	kind, ns, name string
	fn             *Function
	ch             *Channel
}

// knRef is a reference (ref: {kind, name, namespace}) to resolve once
// every manifest is read: a Trigger and its Service may live in
// different files.
type knRef struct {
	end            *Endpoint
	kind, ns, name string
	group          string // the reference's API group: "" for a v1 Service
	pos            Pos
}

// readKnative reads one Knative document: a Service, Broker, Trigger,
// Sequence, Parallel, or a source with a sink.
func (b *builder) readKnative(doc *node.Node) {
	apiVersion := doc.Get("apiVersion").Str()
	group, _, _ := strings.Cut(apiVersion, "/")
	kind := doc.Get("kind").Str()
	meta := doc.Get("metadata")
	name, ns := meta.Get("name").Str(), meta.Get("namespace").Str()
	spec := doc.Get("spec")
	pos := meta.Get("name").At()
	if !pos.IsValid() {
		pos = doc.Pos
	}
	if name == "" {
		b.errorf(doc.Pos, "Knative %s has no metadata.name", kind)
		return
	}
	switch {
	case group == "serving.knative.dev" && kind == "Service":
		b.knService(doc, name, ns, pos)
	case group == "eventing.knative.dev" && kind == "Broker":
		b.knChannel(Broker, name, ns, pos)
	case group == "eventing.knative.dev" && kind == "Trigger":
		brokerName := spec.Get("broker").Str()
		if brokerName == "" {
			brokerName = "default"
		}
		l := &Link{Event: "knative-trigger", Name: name, Format: Knative, Pos: pos}
		l.Filter = triggerFilter(spec)
		b.knLink(l, &l.From, "Broker", ns, brokerName)
		b.knDest(l, &l.To, spec.Get("subscriber"), ns)
		b.addLink(l)
	case group == "flows.knative.dev" && kind == "Sequence":
		seq := b.knChannel(Sequence, name, ns, pos)
		steps := spec.Get("steps").List()
		for i, st := range steps {
			l := &Link{From: chEnd(seq), Event: "knative-sequence", Name: fmt.Sprintf("%s step %d", name, i), Format: Knative, Pos: st.Pos}
			if i > 0 {
				// The previous step's reply feeds this one.
				b.knDest(l, &l.From, steps[i-1], ns)
			}
			b.knDest(l, &l.To, st, ns)
			b.addLink(l)
		}
		if r := spec.Get("reply"); r != nil && len(steps) > 0 {
			l := &Link{Event: "knative-sequence", Name: name + " reply", Format: Knative, Pos: r.Pos}
			b.knDest(l, &l.From, steps[len(steps)-1], ns)
			b.knDest(l, &l.To, r, ns)
			b.addLink(l)
		}
	case group == "flows.knative.dev" && kind == "Parallel":
		par := b.knChannel(Parallel, name, ns, pos)
		for i, br := range spec.Get("branches").List() {
			l := &Link{From: chEnd(par), Event: "knative-parallel", Name: fmt.Sprintf("%s branch %d", name, i), Format: Knative, Pos: br.Pos}
			b.knDest(l, &l.To, br.Get("subscriber"), ns)
			b.addLink(l)
			reply := br.Get("reply")
			if reply == nil {
				reply = spec.Get("reply")
			}
			if reply != nil {
				r := &Link{Event: "knative-parallel", Name: fmt.Sprintf("%s branch %d reply", name, i), Format: Knative, Pos: reply.Pos}
				b.knDest(r, &r.From, br.Get("subscriber"), ns)
				b.knDest(r, &r.To, reply, ns)
				b.addLink(r)
			}
		}
	case group == "sources.knative.dev" && kind == "SinkBinding":
		l := &Link{Format: Knative, Pos: pos}
		b.readSinkBinding(l, name, ns, spec, pos)
	case group == "sources.knative.dev" || spec.Get("sink") != nil:
		if kind == "ContainerSource" {
			// The container's code sends to K_SINK, the source's sink.
			f := &Function{LogicalID: name, Name: name, Platform: PlatformKubernetes, Format: Knative, Pos: pos}
			b.readContainer(f, spec.Path("template", "spec"))
			b.addFunction(f)
			sb := &sinkBinding{name: name, ns: ns, pos: pos, sink: &Endpoint{}, fn: f}
			if sink := spec.Get("sink"); sink.Get("ref") != nil {
				b.knDest(&Link{Pos: pos}, sb.sink, sink, ns)
			} else {
				sb.uri = sink.Get("uri").Str()
			}
			b.sinks = append(b.sinks, sb)
		}
		if sink := spec.Get("sink"); sink != nil {
			if topics := spec.Get("topics").List(); kind == "KafkaSource" && len(topics) > 0 {
				// A KafkaSource reads topics that code sends to.
				for _, t := range topics {
					if t.Str() == "" {
						continue
					}
					l := &Link{From: chEnd(b.implicitChannel(KafkaTopic, t.Str(), Knative, t.Pos)), Event: "kafkasource", Name: name, Format: Knative, Pos: pos}
					b.knDest(l, &l.To, sink, ns)
					b.addLink(l)
				}
				return
			}
			l := &Link{From: external(strings.ToLower(kind)), Event: strings.ToLower(kind), Name: name, Format: Knative, Pos: pos}
			b.knDest(l, &l.To, sink, ns)
			b.addLink(l)
		}
	}
}

func (b *builder) knChannel(k ChannelKind, name, ns string, pos Pos) *Channel {
	c := b.addChannel(&Channel{LogicalID: name, Kind: k, Name: name, Format: Knative, Pos: pos})
	kind := map[ChannelKind]string{Broker: "Broker", Sequence: "Sequence", Parallel: "Parallel"}[k]
	b.knObjects = append(b.knObjects, &knObject{kind: kind, ns: ns, name: name, ch: c})
	return c
}

func (b *builder) knService(doc *node.Node, name, ns string, pos Pos) {
	f := &Function{LogicalID: name, Name: name, Platform: PlatformKnative, Format: Knative, Pos: pos}
	b.readContainer(f, doc.Path("spec", "template", "spec"))
	for _, src := range []*node.Node{doc.Path("metadata", "annotations"), doc.Path("spec", "template", "metadata", "annotations")} {
		for _, a := range src.Fields() {
			f.Annotations = append(f.Annotations, Attr{Name: a.Key, Value: jsonOrText(a.Value)})
		}
	}
	b.addFunction(f)
	b.knObjects = append(b.knObjects, &knObject{kind: "Service", ns: ns, name: name, fn: f})
}

// triggerFilter reads a Trigger's filter: the attributes of
// spec.filter, and the exact matches of the newer spec.filters.
func triggerFilter(spec *node.Node) []Attr {
	var out []Attr
	for _, a := range spec.Path("filter", "attributes").Fields() {
		out = append(out, Attr{Name: a.Key, Value: a.Value.Str()})
	}
	for _, f := range spec.Get("filters").List() {
		for _, a := range f.Get("exact").Fields() {
			out = append(out, Attr{Name: a.Key, Value: a.Value.Str()})
		}
	}
	return out
}

func (b *builder) knLink(l *Link, end *Endpoint, kind, ns, name string) {
	b.knLinkGroup(l, end, kind, ns, name, "?")
}

func (b *builder) knLinkGroup(l *Link, end *Endpoint, kind, ns, name, group string) {
	*end = unresolvedEnd(kind + "/" + name)
	b.knRefs = append(b.knRefs, knRef{end: end, kind: kind, ns: ns, name: name, group: group, pos: l.Pos})
}

// knDest resolves a Destination: {ref: {kind, name, namespace}} or
// {uri: ...}.
func (b *builder) knDest(l *Link, end *Endpoint, d *node.Node, ns string) {
	if d == nil {
		*end = unresolvedEnd("")
		return
	}
	if ref := d.Get("ref"); ref != nil {
		rns := ref.Get("namespace").Str()
		if rns == "" {
			rns = ns
		}
		group := "?" // no apiVersion: a Knative object, else a v1 one
		if av := ref.Get("apiVersion"); av != nil {
			group, _, _ = strings.Cut(av.Str(), "/")
			if !strings.Contains(av.Str(), "/") {
				group = "" // v1: the core group
			}
		}
		b.knLinkGroup(l, end, ref.Get("kind").Str(), rns, ref.Get("name").Str(), group)
		return
	}
	*end = unresolvedEnd(d.Get("uri").Str())
}

// resolveKnative binds the Knative references once every file is read.
func (b *builder) resolveKnative() {
	for _, r := range b.knRefs {
		if r.kind == "Service" && r.group != "serving.knative.dev" {
			// A v1 Service: the Deployment it selects, whose image is
			// the code (a Knative Service when the group is not said
			// and one has the name).
			if f := b.k8sService(r.ns, r.name); f != nil && (r.group == "" || !b.hasKnService(r.ns, r.name)) {
				*r.end = fnEnd(f)
				continue
			}
			if r.group == "" {
				continue
			}
		}
		var match *knObject
		for _, o := range b.knObjects {
			if o.kind == r.kind && o.name == r.name && (o.ns == r.ns || o.ns == "" || r.ns == "") {
				if match != nil {
					match = nil
					break
				}
				match = o
			}
		}
		switch {
		case match != nil && match.fn != nil:
			*r.end = fnEnd(match.fn)
		case match != nil:
			*r.end = chEnd(match.ch)
		case r.kind == "Broker":
			// A broker nobody declares here: the cluster has it.
			*r.end = chEnd(b.implicitChannel(Broker, r.name, Knative, r.pos))
		}
	}
}

// addKnCommands adds the Knative Services that kn commands create and
// no Knative YAML declares: a Service in both is the YAML's, which says
// more.
func (b *builder) addKnCommands() {
	for _, f := range b.knCommands {
		if b.hasKnService("", f.Name) {
			continue
		}
		b.addFunction(f)
		b.knObjects = append(b.knObjects, &knObject{kind: "Service", name: f.Name, fn: f})
	}
}

func (b *builder) hasKnService(ns, name string) bool {
	for _, o := range b.knObjects {
		if o.kind == "Service" && o.name == name && sameNS(o.ns, ns) {
			return true
		}
	}
	return false
}
