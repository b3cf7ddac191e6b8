package manifest

import (
	"strings"
)

// A nameIndex resolves the literal names, ARNs and queue URLs that
// manifests (and code) use for the model's elements. A name that two
// elements share resolves to neither.
type nameIndex struct {
	fns      map[string][]*Function
	chans    map[ChannelKind]map[string][]*Channel
	machines map[string][]*StateMachine
}

func newNameIndex(m *Model) *nameIndex {
	x := &nameIndex{fns: map[string][]*Function{}, chans: map[ChannelKind]map[string][]*Channel{}, machines: map[string][]*StateMachine{}}
	for _, f := range m.Functions {
		if name := f.DeployedName(); name != "" {
			x.fns[name] = append(x.fns[name], f)
		}
	}
	for _, c := range m.Channels {
		if c.Name == "" {
			continue
		}
		if x.chans[c.Kind] == nil {
			x.chans[c.Kind] = map[string][]*Channel{}
		}
		x.chans[c.Kind][c.Name] = append(x.chans[c.Kind][c.Name], c)
	}
	for _, s := range m.StateMachines {
		if s.Name != "" {
			x.machines[s.Name] = append(x.machines[s.Name], s)
		}
	}
	return x
}

// arnKinds maps an ARN's service to the channel kind it names and the
// prefix of the resource part before the name.
var arnKinds = map[string]struct {
	kind   ChannelKind
	prefix string
}{
	"sqs":      {Queue, ""},
	"sns":      {Topic, ""},
	"events":   {Bus, "event-bus/"},
	"s3":       {Bucket, ""},
	"dynamodb": {Table, "table/"},
	"kinesis":  {Stream, "stream/"},
}

// lookup resolves a literal to an endpoint: an ARN, an SQS queue URL, or
// a name that exactly one function, channel or state machine has.
func (x *nameIndex) lookup(s string) (Endpoint, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.Contains(s, "${") || strings.Contains(s, "#{") {
		return Endpoint{}, false
	}
	if strings.HasPrefix(s, "https://sqs.") || strings.HasPrefix(s, "https://queue.amazonaws.com/") {
		i := strings.LastIndexByte(strings.TrimSuffix(s, "/"), '/')
		return x.channel(Queue, strings.TrimSuffix(s, "/")[i+1:])
	}
	if strings.HasPrefix(s, "arn:") {
		parts := strings.SplitN(s, ":", 6)
		if len(parts) < 6 {
			return Endpoint{}, false
		}
		svc, res := parts[2], parts[5]
		switch svc {
		case "lambda":
			name, ok := strings.CutPrefix(res, "function:")
			if !ok {
				return Endpoint{}, false
			}
			name, _, _ = strings.Cut(name, ":") // a version or alias
			return x.function(name)
		case "states":
			name, ok := strings.CutPrefix(res, "stateMachine:")
			if !ok {
				return Endpoint{}, false
			}
			name, _, _ = strings.Cut(name, ":")
			if ms := x.machines[name]; len(ms) == 1 {
				return smEnd(ms[0]), true
			}
			return Endpoint{}, false
		}
		k, ok := arnKinds[svc]
		if !ok {
			return Endpoint{}, false
		}
		name, ok := strings.CutPrefix(res, k.prefix)
		if !ok {
			return Endpoint{}, false
		}
		name, _, _ = strings.Cut(name, "/") // a table's stream
		return x.channel(k.kind, name)
	}
	if ep, ok := x.knativeURL(s); ok {
		return ep, true
	}
	if ep, ok := x.function(s); ok {
		return ep, true
	}
	var found []Endpoint
	for _, k := range []ChannelKind{Queue, Topic, Bus, Bucket, Table, Stream, Broker, FaasTopic} {
		if ep, ok := x.channel(k, s); ok {
			found = append(found, ep)
		}
	}
	if ms := x.machines[s]; len(ms) == 1 {
		found = append(found, smEnd(ms[0]))
	}
	if len(found) == 1 {
		return found[0], true
	}
	return Endpoint{}, false
}

func (x *nameIndex) function(name string) (Endpoint, bool) {
	if fs := x.fns[name]; len(fs) == 1 {
		return fnEnd(fs[0]), true
	}
	return Endpoint{}, false
}

func (x *nameIndex) channel(k ChannelKind, name string) (Endpoint, bool) {
	if cs := x.chans[k][name]; len(cs) == 1 {
		return chEnd(cs[0]), true
	}
	return Endpoint{}, false
}

// fix sets an endpoint's ID from the element it points to, or resolves
// an unresolved literal by name.
func (x *nameIndex) fix(e *Endpoint) {
	if e.Kind == EndUnresolved && e.fn == nil && e.ch == nil && e.sm == nil {
		if r, ok := x.lookup(e.Text); ok {
			r.Text = e.Text
			*e = r
		}
	}
	switch {
	case e.fn != nil:
		e.Kind, e.ID = EndFunction, e.fn.ID
	case e.ch != nil:
		e.Kind, e.ID = EndChannel, e.ch.ID
	case e.sm != nil:
		e.Kind, e.ID = EndStateMachine, e.sm.ID
	}
}

func (x *nameIndex) fixValue(v *Value) {
	if v.Ref != nil {
		x.fix(&v.Ref.Target)
	}
	for _, r := range v.Refs {
		x.fix(&r.Target)
	}
}

// Resolve returns what a value names: the element a reference points to,
// or the element whose ARN, queue URL or name a literal is. ok is false
// when the value names nothing in the model, or more than one thing.
func (m *Model) Resolve(v Value) (Endpoint, bool) {
	switch v.Kind {
	case Reference:
		if v.Ref != nil && v.Ref.Target.ID != "" {
			return v.Ref.Target, true
		}
	case Literal:
		if m.names == nil {
			m.names = newNameIndex(m)
		}
		ep, ok := m.names.lookup(v.Text)
		if ok {
			ep.Text = v.Text
			m.names.fix(&ep)
		}
		return ep, ok
	}
	return Endpoint{}, false
}
