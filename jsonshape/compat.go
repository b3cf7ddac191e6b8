package jsonshape

import (
	"fmt"
	"go/types"
	"strconv"
)

// A ProblemKind says what is wrong on an edge. The kinds are data, not checks:
// package link maps each to the check that reports it, and the catalogue
// of package checks decides how serious that is.
type ProblemKind string

// The kinds of Compatible's and FindUnsupported's problems.
const (
	// TypeMismatch: the consumer cannot take the JSON the producer writes
	// (a kind mismatch, base64 against a plain string, a string where
	// integer map keys are parsed).
	TypeMismatch ProblemKind = "type"
	// QuotedMismatch: the ",string" option on one side only.
	QuotedMismatch ProblemKind = "quoted"
	// MissingField: a consumer field the producer never sends, that the
	// consumer does not mark optional (pointer, slice, map, interface,
	// omitempty or omitzero).
	MissingField ProblemKind = "missing"
	// DroppedField: a producer field, or array elements, the consumer
	// drops.
	DroppedField ProblemKind = "dropped"
	// CaseMatch: a key that reaches its consumer field only through
	// encoding/json's case-insensitive match, which encoding/json/v2 and
	// most non-Go consumers do not do.
	CaseMatch ProblemKind = "case"
	// Narrowing: a number the consumer's type may not hold (fraction,
	// sign, range): Unmarshal fails on such a value.
	Narrowing ProblemKind = "narrowing"
	// UnsupportedValue: a value encoding/json cannot marshal or unmarshal
	// at all (channels, funcs, complex numbers, non-empty interfaces on
	// the consumer side, unusable map keys).
	UnsupportedValue ProblemKind = "unsupported"
)

// ProblemKinds returns every kind of problem.
func ProblemKinds() []ProblemKind {
	return []ProblemKind{TypeMismatch, QuotedMismatch, MissingField, DroppedField, CaseMatch, Narrowing, UnsupportedValue}
}

// An Effect is what encoding/json does at run time with what a problem
// describes, as the differential tests against the real package check
// it. Effects are ordered: a larger one is worse for the data.
type Effect uint8

// The effects.
const (
	// Quiet: json.Unmarshal takes the message; a value the consumer has
	// no field for is dropped, or another decoder (encoding/json/v2, a
	// non-Go consumer) would differ.
	Quiet Effect = iota + 1
	// Lossy: Unmarshal fails on some values only, or a value silently
	// arrives as its zero value or is overwritten.
	Lossy
	// Failing: Unmarshal fails, or garbles the value, on every message
	// that sets it.
	Failing
)

func (e Effect) String() string {
	switch e {
	case Quiet:
		return "quiet"
	case Lossy:
		return "lossy"
	case Failing:
		return "failing"
	}
	return fmt.Sprintf("effect(%d)", int(e))
}

// A Problem is one finding about a JSON edge or a shape.
type Problem struct {
	Path    string // wire path, with the producer's keys where it has them
	Kind    ProblemKind
	Effect  Effect
	Message string
	// The shapes and fields involved; nil where a side has none (a missing
	// or dropped field, the top level, array elements and map values).
	Producer, Consumer           *Shape
	ProducerField, ConsumerField *Field
}

func (p Problem) String() string {
	return fmt.Sprintf("%s: %s: %s (%s)", p.Path, p.Effect, p.Message, p.Kind)
}

// Result is what Compatible finds.
type Result struct {
	Problems []Problem
	// Unchecked lists the paths where a side is opaque (an interface, a
	// MarshalJSON or UnmarshalJSON method, json.RawMessage, a
	// TextUnmarshaler's content, a type parameter), so that a report can say
	// how much of an edge the model could not see.
	Unchecked []string
}

// Worst returns the largest effect among the problems, or 0.
func (r *Result) Worst() Effect {
	var w Effect
	for _, p := range r.Problems {
		w = max(w, p.Effect)
	}
	return w
}

// Compatible checks one edge: what json.Unmarshal does with the JSON that
// json.Marshal writes. producer must be an Encode shape and consumer a
// Decode shape. Paths start at the producer's RootName. Each pair of
// shapes is compared once, at the first path that reaches it, so
// recursive types terminate.
func Compatible(producer, consumer *Shape) Result {
	c := checker{seen: make(map[pairKey]bool)}
	c.path = append(c.path, RootName(producer.Type)...)
	c.check(producer, consumer, nil, nil)
	return c.res
}

type pairKey struct {
	p, q   *Shape
	pt, qt types.Type
	addr   bool // p is the addressable variant of pt's shape
	cap    Effect
}

type checker struct {
	res  Result
	seen map[pairKey]bool
	path []byte
	// cap limits effects where the comparison is a guess: a producer map
	// read into a consumer struct matches keys only if the map has them.
	cap Effect
}

func (c *checker) report(effect Effect, kind ProblemKind, p, q *Shape, pf, qf *Field, format string, args ...any) {
	if c.cap != 0 && effect > c.cap {
		effect = c.cap
	}
	c.res.Problems = append(c.res.Problems, Problem{
		Path:          string(c.path),
		Kind:          kind,
		Effect:        effect,
		Message:       fmt.Sprintf(format, args...),
		Producer:      p,
		Consumer:      q,
		ProducerField: pf,
		ConsumerField: qf,
	})
}

func (c *checker) unchecked() {
	c.res.Unchecked = append(c.res.Unchecked, string(c.path))
}

// check compares the value shapes p (Marshal) and q (Unmarshal) at the
// current path; pf and qf are the fields holding them, if any.
func (c *checker) check(p, q *Shape, pf, qf *Field) {
	// Only containers can lead back to themselves: memoising scalar pairs
	// would report a mismatch on the first field of a type pair and drop
	// it on every other field with the same two types.
	if composite(p) && composite(q) {
		key := pairKey{p: p, q: q, cap: c.cap}
		if p.Kind == Object && q.Kind == Object && p.Type != nil && q.Type != nil {
			// One struct pair is compared once per producer shape: the
			// value and the pointer (a recursive type's elements) share
			// one, unless pointer-receiver marshal methods inside make an
			// addressable value's shape differ (Box[T]{Val T; Next *Box[T]}
			// writes Val and Next.Val differently).
			key = pairKey{pt: derefNamed(p.Type), qt: derefNamed(q.Type), addr: p.addr, cap: c.cap}
		}
		if c.seen[key] {
			return
		}
		c.seen[key] = true
	}

	switch {
	case p.Kind == Unsupported:
		// The producer's own bug, which FindUnsupported reports as an error
		// on the producer; for the edge it means no data, not bad data.
		c.report(Lossy, UnsupportedValue, p, q, pf, qf, "producer cannot marshal this value: %s", p.Problem)
		return
	case p.Kind == Null:
		return // Unmarshal takes null into everything
	case q.Kind == Unsupported:
		// An error when every message carries a value here; a warning when
		// the producer may leave it null or out (an unexported embedded
		// pointer on both sides, typically).
		effect := Failing
		if p.Nullable || pf != nil && pf.Omittable() {
			effect = Lossy
		}
		c.report(effect, UnsupportedValue, p, q, pf, qf, "consumer cannot unmarshal %s: %s", wireKind(p), q.Problem)
		return
	case p.Kind == Any || p.Kind == Opaque || q.Kind == Any || q.Kind == Opaque:
		c.unchecked()
		return
	}

	switch q.Kind {
	case Bool:
		if p.Kind != Bool {
			c.mismatch(p, q, pf, qf)
		}
	case Number:
		switch {
		case p.Kind == Number:
			c.narrowing(p, q, pf, qf, "")
		case q.Number.JSONNumber && p.Kind == String && !p.Base64:
			c.report(Lossy, TypeMismatch, p, q, pf, qf,
				"producer writes a string; consumer's json.Number takes it only if it holds a valid number")
		default:
			c.mismatch(p, q, pf, qf)
		}
	case String:
		switch {
		case p.Kind == String:
			switch {
			case p.Base64 && !q.Base64 && q.Method == nil:
				c.report(Failing, TypeMismatch, p, q, pf, qf,
					"producer writes %s as a base64 string; consumer takes the base64 text as a plain string", typeString(p.Type))
			case !p.Base64 && q.Base64:
				c.report(Failing, TypeMismatch, p, q, pf, qf,
					"producer writes a plain string; consumer decodes %s from base64, which fails on most text", typeString(q.Type))
			case q.Method != nil && (p.Method == nil || p.Format != q.Format || p.Format == ""):
				// The consumer's UnmarshalText or UnmarshalJSON decides
				// which strings it takes.
				c.unchecked()
			}
		case q.Base64 && p.Kind == Array:
			// A []byte also takes a JSON array of numbers.
			c.descend("[]", p.Elem, q.Elem)
		default:
			c.mismatch(p, q, pf, qf)
		}
	case Array:
		if p.Kind != Array {
			c.mismatch(p, q, pf, qf)
			return
		}
		if p.Len == 0 {
			return // a [0]T array never holds an element
		}
		if q.Len >= 0 && (p.Len < 0 || p.Len > q.Len) {
			c.report(Quiet, DroppedField, p, q, pf, qf,
				"consumer %s keeps the first %d elements and drops the rest", typeString(q.Type), q.Len)
		}
		c.descend("[]", p.Elem, q.Elem)
	case Object:
		switch p.Kind {
		case Object:
			c.fields(p, q)
		case Map:
			// Which keys the map holds is only known at run time.
			old := c.cap
			c.cap = Lossy
			n := len(c.path)
			for _, qf := range q.Fields {
				c.path = appendKey(c.path[:n], qf.Name)
				c.value(p.Elem, false, qf.Shape, qf.Quoted, nil, qf)
			}
			c.path = c.path[:n]
			c.cap = old
		default:
			c.mismatch(p, q, pf, qf)
		}
	case Map:
		switch p.Kind {
		case Map:
			c.mapKeys(p, q, pf, qf)
			c.descend("{}", p.Elem, q.Elem)
		case Object:
			n := len(c.path)
			for _, f := range p.Fields {
				c.path = appendKey(c.path[:n], f.Name)
				c.objectKey(f, q)
				c.value(f.Shape, f.Quoted, q.Elem, false, f, nil)
			}
			c.path = c.path[:n]
		default:
			c.mismatch(p, q, pf, qf)
		}
	}
}

func (c *checker) descend(seg string, p, q *Shape) {
	n := len(c.path)
	c.path = append(c.path, seg...)
	c.check(p, q, nil, nil)
	c.path = c.path[:n]
}

func (c *checker) mismatch(p, q *Shape, pf, qf *Field) {
	c.report(Failing, TypeMismatch, p, q, pf, qf,
		"producer writes %s; consumer %s cannot unmarshal it", wireKind(p), typeString(q.Type))
}

// wireKind names what a producer shape writes, for messages.
func wireKind(s *Shape) string {
	switch s.Kind {
	case Number:
		return "a number (" + s.Number.String() + ")"
	case String:
		if s.Base64 {
			return "a base64 string"
		}
		return "a string"
	case Array:
		return "an array"
	case Object, Map:
		return "an object"
	case Bool:
		return "a bool"
	}
	return s.Kind.String()
}

// fields matches producer keys to consumer fields the way Unmarshal does:
// exact name first, then case-insensitive.
func (c *checker) fields(p, q *Shape) {
	var matched []bool
	if len(q.Fields) > 0 {
		matched = make([]bool, len(q.Fields))
	}
	n := len(c.path)
	for _, pf := range p.Fields {
		c.path = appendKey(c.path[:n], pf.Name)
		qf, exact := q.Lookup(pf.Name)
		if qf == nil {
			c.report(Quiet, DroppedField, pf.Shape, nil, pf, nil,
				"consumer %s has no field for key %q; the value is dropped", typeString(q.Type), pf.Name)
			continue
		}
		i := fieldPos(q, qf)
		if matched[i] {
			c.report(Lossy, CaseMatch, pf.Shape, qf.Shape, pf, qf,
				"key %q lands in consumer field %s, which another key also fills; the last one in the JSON wins", pf.Name, goName(qf))
		}
		matched[i] = true
		if !exact {
			c.report(Quiet, CaseMatch, pf.Shape, qf.Shape, pf, qf,
				"key %q matches consumer key %q only case-insensitively (encoding/json/v2 and most non-Go consumers drop it)", pf.Name, qf.Name)
		}
		c.value(pf.Shape, pf.Quoted, qf.Shape, qf.Quoted, pf, qf)
	}
	for i, qf := range q.Fields {
		if matched[i] || !required(qf) {
			continue
		}
		c.path = appendKey(c.path[:n], qf.Name)
		c.report(Lossy, MissingField, nil, qf.Shape, nil, qf,
			"producer never sends key %q; consumer field %s stays at its zero value", qf.Name, goName(qf))
	}
	c.path = c.path[:n]
}

func fieldPos(s *Shape, f *Field) int {
	for i, g := range s.Fields {
		if g == f {
			return i
		}
	}
	panic("jsonshape: field not in its shape")
}

// required reports whether a consumer field looks mandatory: a value the
// consumer cannot tell from absent, and no omit option saying it may be.
func required(f *Field) bool {
	return !f.Shape.Nullable && !f.OmitEmpty && !f.OmitZero &&
		f.Shape.Kind != Unsupported && f.Shape.Kind != Any
}

func goName(f *Field) string {
	if len(f.GoPath) == 0 {
		return f.Name
	}
	s := f.GoPath[0]
	for _, p := range f.GoPath[1:] {
		s += "." + p
	}
	return s
}

// value compares a field's or element's value, where either side may have
// the ",string" option (pq, qq).
func (c *checker) value(p *Shape, pq bool, q *Shape, qq bool, pf, qf *Field) {
	if pq == qq || isOpen(p) || isOpen(q) {
		c.check(p, q, pf, qf)
		return
	}
	if pq {
		// The producer writes the literal inside a JSON string.
		switch {
		case q.Kind == String && q.Method != nil:
			c.unchecked()
		case q.Kind == String && !q.Base64:
			if p.Kind == String {
				c.report(Failing, QuotedMismatch, p, q, pf, qf,
					"producer's ,string option wraps the string in quotes; consumer keeps the quotes as part of the value")
			}
			// A quoted number or bool arrives as its text: fine.
		case q.Kind == Number && q.Number.JSONNumber && p.Kind == Number:
			// json.Number takes a string that holds a number.
		default:
			c.report(Failing, QuotedMismatch, p, q, pf, qf,
				"producer's ,string option writes %s inside a JSON string; consumer %s without ,string cannot unmarshal a string", wireKind(p), typeString(q.Type))
		}
		return
	}
	// The consumer expects the literal inside a JSON string.
	if p.Kind == String && !p.Base64 && (q.Kind == Number || q.Kind == Bool) {
		c.report(Lossy, QuotedMismatch, p, q, pf, qf,
			"consumer's ,string option parses the producer's string as a %s; Unmarshal fails unless it holds one", q.Kind)
		return
	}
	c.report(Failing, QuotedMismatch, p, q, pf, qf,
		"consumer's ,string option expects the value inside a JSON string; producer writes %s", wireKind(p))
}

// isOpen reports whether a shape ends the comparison on its own: nothing
// to say about quoting beside it.
func isOpen(s *Shape) bool {
	switch s.Kind {
	case Any, Opaque, Unsupported, Null:
		return true
	}
	return false
}

// narrowing reports numbers the consumer may not hold. Unmarshal fails on
// a fraction into an integer, a negative number into an unsigned type, and
// anything out of range.
func (c *checker) narrowing(p, q *Shape, pf, qf *Field, what string) {
	pn, qn := p.Number, q.Number
	if qn.JSONNumber {
		return
	}
	if pn.JSONNumber {
		pn = NumberInfo{Float: true, Bits: 64}
	}
	var why string
	switch {
	case pn.Float && !qn.Float:
		why = "a fraction or a large exponent"
	case pn.Float && qn.Float && qn.Bits < pn.Bits:
		why = "a value beyond float32's range"
	case pn.Float || qn.Float:
		// An integer always fits a float's range.
	case !pn.Unsigned && qn.Unsigned:
		why = "a negative value"
	case pn.Unsigned && !qn.Unsigned && qn.Bits <= pn.Bits:
		why = "a value above " + strconv.FormatUint(1<<(qn.Bits-1)-1, 10)
	case qn.Bits < pn.Bits:
		why = "a value outside " + qn.String() + "'s range"
	}
	if why == "" {
		return
	}
	c.report(Lossy, Narrowing, p, q, pf, qf,
		"producer writes %s%s; consumer's %s fails to unmarshal %s", what, pn.String(), qn.String(), why)
}

// mapKeys compares the keys of two maps: always strings on the wire, but
// the consumer may parse them as integers or through UnmarshalText.
func (c *checker) mapKeys(p, q *Shape, pf, qf *Field) {
	pk, qk := p.Key, q.Key
	switch {
	case qk.Method != nil || pk.Method != nil && qk.Kind != String:
		c.unchecked()
	case qk.Kind == Number && pk.Kind == Number:
		c.narrowing(pk, qk, pf, qf, "keys of ")
	case qk.Kind == Number:
		c.report(Lossy, TypeMismatch, pk, qk, pf, qf,
			"producer's map keys are strings; consumer parses them as %s and fails on any that is not one", qk.Number.String())
	}
}

// objectKey checks a producer struct key against a consumer map's key
// type.
func (c *checker) objectKey(f *Field, q *Shape) {
	qk := q.Key
	switch {
	case qk.Method != nil:
		c.unchecked()
	case qk.Kind == Number:
		var err error
		if qk.Number.Unsigned {
			_, err = strconv.ParseUint(f.Name, 10, qk.Number.Bits)
		} else {
			_, err = strconv.ParseInt(f.Name, 10, qk.Number.Bits)
		}
		if err != nil {
			c.report(Failing, TypeMismatch, f.Shape, qk, f, nil,
				"key %q is not a valid %s map key for consumer %s", f.Name, qk.Number.String(), typeString(q.Type))
		}
	}
}

func composite(s *Shape) bool {
	return s.Kind == Object || s.Kind == Map || s.Kind == Array
}

// derefNamed strips pointers, so that T and *T share one key.
func derefNamed(t types.Type) types.Type {
	for {
		p, ok := types.Unalias(t).(*types.Pointer)
		if !ok {
			return types.Unalias(t)
		}
		t = p.Elem()
	}
}
