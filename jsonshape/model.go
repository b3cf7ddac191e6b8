package jsonshape

import (
	"go/types"

	"golang.org/x/tools/go/types/typeutil"
)

// A Model computes shapes and remembers them per type, so that an analyzer
// pays for each type once per pass. A Model is not safe for concurrent use.
type Model struct {
	// Shapes by type identity, with a pointer-keyed map in front: most
	// lookups come back with the very types.Type value seen before, and
	// typeutil.Map hashes the whole type on every access.
	fast     [4]map[types.Type]*Shape
	shapes   [4]typeutil.Map
	fields   typeutil.Map // struct type -> *typeFieldsOf
	sens     typeutil.Map // type -> bool: addrSensitive's answers
	sensFast map[types.Type]bool

	// unsettled holds the pointer shapes that waited for their element
	// during the current call; see settle.
	unsettled []*Shape
}

// The memo slots: Marshal of a non-addressable and an addressable value
// (pointer-receiver methods apply only to the latter), Unmarshal where
// methods are looked up through the value's address and where they are
// not (the element of a pointer, an unnamed type).
const (
	slotEncode = iota
	slotEncodeAddr
	slotDecode
	slotDecodeNoMethods
)

// NewModel returns an empty Model.
func NewModel() *Model {
	m := &Model{sensFast: make(map[types.Type]bool)}
	for i := range m.fast {
		m.fast[i] = make(map[types.Type]*Shape)
	}
	return m
}

// Encode returns the shape json.Marshal writes for a value of type t
// passed by value, which is not addressable: methods with pointer
// receivers on t itself do not apply (they do for t's pointer fields,
// slice elements, and fields reached through pointers).
func Encode(t types.Type) *Shape { return NewModel().Encode(t) }

// Decode returns the shape json.Unmarshal(data, &v) accepts into a v of
// type t.
func Decode(t types.Type) *Shape { return NewModel().Decode(t) }

// Encode is the package-level Encode with m's memory.
func (m *Model) Encode(t types.Type) *Shape {
	s := m.encode(t, false)
	m.settle()
	return s
}

// Decode is the package-level Decode with m's memory.
func (m *Model) Decode(t types.Type) *Shape {
	// Unmarshal starts at &v: the pointer's method set is searched, then
	// v's kind decides, as for a named addressable value.
	s := m.decode(t, true)
	m.settle()
	return s
}

// settle ends a call: a pointer shape still waiting for its element is on
// a cycle of pointers only (type P *P), whose values are all nil.
func (m *Model) settle() {
	for _, u := range m.unsettled {
		if u.building {
			u.Kind, u.Nullable, u.building, u.pending = Null, true, false, nil
		}
	}
	m.unsettled = m.unsettled[:0]
}

func (m *Model) lookup(slot int, t types.Type) *Shape {
	if s := m.fast[slot][t]; s != nil {
		return s
	}
	if s, _ := m.shapes[slot].At(t).(*Shape); s != nil {
		m.fast[slot][t] = s
		return s
	}
	return nil
}

func (m *Model) store(slot int, t types.Type, s *Shape) {
	m.fast[slot][t] = s
	m.shapes[slot].Set(t, s)
}

// typeFieldsOf is what typeFields gives of a struct type.
type typeFieldsOf struct {
	fields    []structField
	conflicts []Conflict
}

func (m *Model) typeFields(t types.Type) *typeFieldsOf {
	if tf, ok := m.fields.At(t).(*typeFieldsOf); ok {
		return tf
	}
	tf := &typeFieldsOf{}
	tf.fields, tf.conflicts = typeFields(t)
	m.fields.Set(t, tf)
	return tf
}

func (m *Model) structFields(t types.Type) []structField { return m.typeFields(t).fields }

// Conflicts is the package-level Conflicts with m's memory: the wire
// checks ask it of every struct they walk, in both directions.
func (m *Model) Conflicts(t types.Type) []Conflict { return m.typeFields(t).conflicts }

// encode returns the Marshal shape of t; addr says whether the value is
// addressable, which decides whether pointer-receiver methods apply.
func (m *Model) encode(t types.Type, addr bool) *Shape {
	t = types.Unalias(t)
	if addr && !m.addrSensitive(t) {
		addr = false
	}
	slot := slotEncode
	if addr {
		slot = slotEncodeAddr
	}
	if s := m.lookup(slot, t); s != nil {
		return s
	}
	s := &Shape{Type: t, Dir: Marshal, addr: addr, building: true}
	m.store(slot, t, s)
	m.buildEncode(s, t, addr)
	return s
}

// addrSensitive reports whether t's Marshal shape differs between an
// addressable value and one that is not: a method with a pointer receiver
// that Marshal calls only through an address, on t or on a field or
// element that shares t's addressability. Shapes of other types are kept
// once, so that Compatible compares them once (see checker.check).
func (m *Model) addrSensitive(t types.Type) bool {
	if !addrMatters(t) {
		return false
	}
	if v, ok := m.sensFast[t]; ok {
		return v
	}
	v, ok := m.sens.At(t).(bool)
	if !ok {
		m.sens.Set(t, false) // value types cannot contain themselves; be safe anyway
		v = m.addrSensitiveUncached(t)
		m.sens.Set(t, v)
	}
	m.sensFast[t] = v
	return v
}

func (m *Model) addrSensitiveUncached(t types.Type) bool {
	// newTypeEncoder with and without the address: a method on t wins
	// either way; one only on *t makes the difference.
	pt := types.NewPointer(t)
	if method(t, "MarshalJSON", sigMarshal) != nil {
		return false
	}
	if method(pt, "MarshalJSON", sigMarshal) != nil {
		return true
	}
	if method(t, "MarshalText", sigMarshal) != nil {
		return false
	}
	if method(pt, "MarshalText", sigMarshal) != nil {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Struct:
		for _, sf := range m.structFields(t) {
			// Fields promoted through a pointer are addressable anyway.
			if !sf.viaPointer && m.addrSensitive(types.Unalias(sf.typ)) {
				return true
			}
		}
	case *types.Array:
		return m.addrSensitive(types.Unalias(u.Elem()))
	}
	return false
}

// addrMatters reports whether addressability may change t's Marshal shape:
// through methods with pointer receivers on a named t, or on the fields and
// elements of a struct or array, which share its addressability. A pointer
// is handled the same either way, and *I has no methods for an interface.
// It is the cheap filter in front of addrSensitive.
func addrMatters(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface:
		return false
	case *types.Struct, *types.Array:
		return true
	}
	_, named := t.(*types.Named)
	return named
}

func (m *Model) buildEncode(s *Shape, t types.Type, addr bool) {
	defer m.finish(s)
	if _, ok := t.(*types.TypeParam); ok {
		s.Kind, s.Problem = Opaque, "type parameter "+t.String()
		return
	}
	_, isPtr := t.Underlying().(*types.Pointer)

	// Marshaler, then TextMarshaler; each first through the address when
	// the value is addressable (encode.go newTypeEncoder).
	var fn *types.Func
	text := false
	if !isPtr && addr {
		fn = method(types.NewPointer(t), "MarshalJSON", sigMarshal)
	}
	if fn == nil {
		fn = method(t, "MarshalJSON", sigMarshal)
	}
	if fn == nil {
		text = true
		if !isPtr && addr {
			fn = method(types.NewPointer(t), "MarshalText", sigMarshal)
		}
		if fn == nil {
			fn = method(t, "MarshalText", sigMarshal)
		}
	}
	if fn != nil {
		m.methodShape(s, t, fn, text)
		return
	}

	switch u := t.Underlying().(type) {
	case *types.Basic:
		basicShape(s, t, u)
	case *types.Interface:
		s.Kind, s.Nullable = Any, true
	case *types.Struct:
		s.Kind = Object
		sfs := m.structFields(t)
		s.Fields = newFields(sfs)
		for i, sf := range sfs {
			f := s.Fields[i]
			// Fields of an addressable struct are addressable, and so is
			// everything behind a pointer.
			f.Shape = m.encode(sf.typ, addr || sf.viaPointer)
			f.Quoted = sf.quoted && f.Shape.Method == nil &&
				(f.Shape.Kind == Bool || f.Shape.Kind == Number || f.Shape.Kind == String)
			if f.OmitZero {
				f.ZeroMethod = zeroMethod(sf.typ)
			}
			if sf.readOnly && (f.Shape.Method != nil || f.ZeroMethod != nil) {
				f.Shape = readOnlyPanic(f.Shape, f.ZeroMethod, sf)
			}
		}
		s.indexFields()
	case *types.Map:
		key := types.Unalias(u.Key())
		s.Key = m.encodeKey(key)
		if s.Key == nil {
			s.Kind, s.Problem = Unsupported, "map key type "+typeString(key)+" is not a string, an integer or an encoding.TextMarshaler"
			return
		}
		s.Kind, s.Nullable = Map, true
		s.Elem = m.encode(u.Elem(), false) // map values are not addressable
	case *types.Slice:
		s.Nullable, s.Len = true, -1
		s.Elem = m.encode(u.Elem(), true) // slice elements are addressable
		// A byte slice is base64 unless *elem has a marshal method
		// (encode.go newSliceEncoder); arrays never are.
		if isUint8(u.Elem()) {
			pe := types.NewPointer(u.Elem())
			if method(pe, "MarshalJSON", sigMarshal) == nil && method(pe, "MarshalText", sigMarshal) == nil {
				s.Kind, s.Base64 = String, true
				return
			}
		}
		s.Kind = Array
	case *types.Array:
		s.Kind, s.Len = Array, u.Len()
		s.Elem = m.encode(u.Elem(), addr)
	case *types.Pointer:
		m.pointerTo(s, m.encode(u.Elem(), true))
	case *types.Chan:
		s.Kind, s.Problem = Unsupported, "json.Marshal cannot encode channel type "+typeString(t)
	case *types.Signature:
		s.Kind, s.Problem = Unsupported, "json.Marshal cannot encode func type "+typeString(t)
	default:
		s.Kind, s.Problem = Opaque, "type "+typeString(t)
	}
}

// methodShape fills s from the marshal or unmarshal method fn found for t.
func (m *Model) methodShape(s *Shape, t types.Type, fn *types.Func, text bool) {
	s.Method = fn
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface:
		// A nil pointer or interface is null; the method is not called.
		s.Nullable = true
	}
	switch {
	case isTimeMethod(fn):
		s.Kind, s.Format = String, "date-time"
	case text:
		s.Kind = String
	default:
		s.Kind = Opaque
	}
}

// readOnlyPanic is the shape of a field whose value reflect marks
// read-only (an unexported embedded struct under a tag name): reflect
// panics when encoding/json calls its marshal method, or the IsZero method
// omitzero wants, unless the value is a nil pointer, which encoding/json
// writes as null or omits first.
func readOnlyPanic(sh *Shape, zero *types.Func, sf structField) *Shape {
	// omitzero asks IsZero before the value is written.
	m := zero
	if m == nil {
		m = sh.Method
	}
	return &Shape{
		Kind:     Unsupported,
		Dir:      sh.Dir,
		Type:     sh.Type,
		Nullable: sh.Nullable || isPointer(sf.typ),
		Method:   sh.Method,
		Problem: "json.Marshal panics: reflect cannot call " + MethodString(m) + " on unexported embedded field " +
			sf.goPath[len(sf.goPath)-1],
	}
}

// newFields allocates the fields of an object in one block.
func newFields(sfs []structField) []*Field {
	block := make([]Field, len(sfs))
	out := make([]*Field, len(sfs))
	for i, sf := range sfs {
		block[i] = Field{
			Name:       sf.name,
			GoPath:     sf.goPath,
			Index:      sf.index,
			Type:       sf.typ,
			Tagged:     sf.tagged,
			OmitEmpty:  sf.omitEmpty,
			OmitZero:   sf.omitZero,
			ViaPointer: sf.viaPointer,
		}
		out[i] = &block[i]
	}
	return out
}

// zeroMethod returns the IsZero method omitzero calls for a field of type
// t: t's own (value receiver, or any receiver for a pointer or interface
// t), else *t's, which encoding/json reaches by copying the value.
func zeroMethod(t types.Type) *types.Func {
	if fn := method(t, "IsZero", sigIsZero); fn != nil {
		return fn
	}
	if _, isPtr := t.Underlying().(*types.Pointer); isPtr {
		return nil
	}
	if _, isIface := t.Underlying().(*types.Interface); isIface {
		return nil
	}
	return method(types.NewPointer(t), "IsZero", sigIsZero)
}

// encodeKey returns the shape of a map key on Marshal, or nil if
// encoding/json rejects the key type. String kinds are written as they
// are even with a MarshalText method (encode.go resolveKeyName).
func (m *Model) encodeKey(k types.Type) *Shape {
	s := &Shape{Type: k, Dir: Marshal}
	if b, ok := k.Underlying().(*types.Basic); ok && b.Info()&types.IsString != 0 {
		s.Kind = String
		return s
	}
	if fn := method(k, "MarshalText", sigMarshal); fn != nil {
		s.Kind, s.Method = String, fn
		if isTimeMethod(fn) {
			s.Format = "date-time"
		}
		return s
	}
	if b, ok := k.Underlying().(*types.Basic); ok && b.Info()&types.IsInteger != 0 {
		s.Kind, s.Number = Number, numberInfo(b)
		return s
	}
	return nil
}

// pointerTo makes s, the shape of a pointer, a nullable copy of its
// element's shape, now or, if the element is still being built (a
// recursive type), as soon as it is.
func (m *Model) pointerTo(s, elem *Shape) {
	if elem.building {
		s.building = true
		elem.pending = append(elem.pending, s)
		m.unsettled = append(m.unsettled, s)
		return
	}
	copyShape(s, elem)
}

func copyShape(dst, src *Shape) {
	t, dir := dst.Type, dst.Dir
	pending := dst.pending
	*dst = *src
	dst.Type, dst.Dir, dst.Nullable = t, dir, true
	dst.pending, dst.building = pending, false
}

// finish marks s built and fills the pointer shapes that waited for it.
func (m *Model) finish(s *Shape) {
	if s.Kind == 0 {
		// A pointer waiting for its element; pointerTo queued it.
		return
	}
	s.building = false
	pending := s.pending
	s.pending = nil
	for _, p := range pending {
		copyShape(p, s)
		m.finish(p)
	}
}

func basicShape(s *Shape, t types.Type, b *types.Basic) {
	info := b.Info()
	switch {
	case info&types.IsBoolean != 0:
		s.Kind = Bool
	case info&types.IsComplex != 0:
		s.Kind, s.Problem = Unsupported, "json cannot encode complex type "+typeString(t)
	case info&(types.IsInteger|types.IsFloat) != 0:
		s.Kind, s.Number = Number, numberInfo(b)
	case info&types.IsString != 0:
		if isNamed(t, "encoding/json", "Number") {
			s.Kind, s.Number = Number, NumberInfo{Float: true, Bits: 64, JSONNumber: true}
		} else {
			s.Kind = String
		}
	case b.Kind() == types.UnsafePointer:
		s.Kind, s.Problem = Unsupported, "json cannot encode unsafe.Pointer"
	case b.Kind() == types.Invalid:
		// A type the type checker could not resolve (its package does
		// not type-check): nothing is known of its wire shape.
		s.Kind, s.Problem = Opaque, "the type is unknown: "+typeString(t)+" comes from a package that does not type-check"
	default:
		s.Kind, s.Problem = Unsupported, "json cannot encode "+typeString(t)
	}
}

func numberInfo(b *types.Basic) NumberInfo {
	switch b.Kind() {
	case types.Int8:
		return NumberInfo{Bits: 8}
	case types.Int16:
		return NumberInfo{Bits: 16}
	case types.Int32:
		return NumberInfo{Bits: 32}
	case types.Int, types.Int64:
		return NumberInfo{Bits: 64}
	case types.Uint8:
		return NumberInfo{Unsigned: true, Bits: 8}
	case types.Uint16:
		return NumberInfo{Unsigned: true, Bits: 16}
	case types.Uint32:
		return NumberInfo{Unsigned: true, Bits: 32}
	case types.Uint, types.Uint64, types.Uintptr:
		return NumberInfo{Unsigned: true, Bits: 64}
	case types.Float32:
		return NumberInfo{Float: true, Bits: 32}
	}
	return NumberInfo{Float: true, Bits: 64}
}

func isUint8(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Uint8
}

func typeString(t types.Type) string { return types.TypeString(t, shortQualifier) }

// decode returns the Unmarshal shape of t. viaAddr says whether
// Unmarshal looks for methods through the value's address: true for named
// values it can address and for the top level, false for the element of a
// pointer (whose own method set was searched) and for unnamed types.
func (m *Model) decode(t types.Type, viaAddr bool) *Shape {
	t = types.Unalias(t)
	if !viaAddr && !addrMethodsPossible(t) {
		viaAddr = true // no difference: keep one memo entry
	}
	slot := slotDecode
	if !viaAddr {
		slot = slotDecodeNoMethods
	}
	if s := m.lookup(slot, t); s != nil {
		return s
	}
	s := &Shape{Type: t, Dir: Unmarshal, building: true}
	m.store(slot, t, s)
	m.buildDecode(s, t, viaAddr)
	return s
}

// fieldDecode is the Unmarshal shape of a struct field, map value or
// element: addressable, so methods are found through the address if the
// type is named (decode.go indirect).
func (m *Model) fieldDecode(t types.Type) *Shape {
	t = types.Unalias(t)
	_, named := t.(*types.Named)
	return m.decode(t, named)
}

func (m *Model) buildDecode(s *Shape, t types.Type, viaAddr bool) {
	defer m.finish(s)
	if _, ok := t.(*types.TypeParam); ok {
		s.Kind, s.Problem = Opaque, "type parameter "+t.String()
		return
	}
	pt, isPtr := t.Underlying().(*types.Pointer)

	// indirect checks a pointer's own method set, or a named addressable
	// value's address; Unmarshaler before TextUnmarshaler.
	var recv types.Type
	switch {
	case isPtr:
		recv = t
	case viaAddr:
		recv = types.NewPointer(t)
	}
	if recv != nil {
		if fn := method(recv, "UnmarshalJSON", sigUnmarshal); fn != nil {
			m.methodShape(s, t, fn, false)
			return
		}
		if fn := method(recv, "UnmarshalText", sigUnmarshal); fn != nil {
			m.methodShape(s, t, fn, true)
			return
		}
	}

	switch u := t.Underlying().(type) {
	case *types.Basic:
		basicShape(s, t, u)
		if s.Kind == Unsupported {
			s.Problem = "json.Unmarshal cannot decode into " + typeString(t)
		}
	case *types.Interface:
		s.Nullable = true
		if u.NumMethods() == 0 {
			s.Kind = Any
		} else {
			s.Kind, s.Problem = Unsupported, "json.Unmarshal cannot decode into non-empty interface "+typeString(t)
		}
	case *types.Struct:
		s.Kind = Object
		sfs := m.structFields(t)
		s.Fields = newFields(sfs)
		for i, sf := range sfs {
			f := s.Fields[i]
			switch {
			case sf.unsettable:
				f.Shape = &Shape{Kind: Unsupported, Dir: Unmarshal, Type: sf.typ,
					Problem: "json.Unmarshal cannot set embedded pointer to unexported struct on the way to " + sf.name}
			case sf.readOnly && isPointer(sf.typ):
				f.Shape = &Shape{Kind: Unsupported, Dir: Unmarshal, Type: sf.typ,
					Problem: "json.Unmarshal panics: it cannot allocate unexported embedded field " + sf.goPath[len(sf.goPath)-1]}
			case sf.readOnly:
				// reflect hides a read-only value's methods from indirect.
				f.Shape = m.decode(sf.typ, false)
			default:
				f.Shape = m.fieldDecode(sf.typ)
			}
			f.Quoted = sf.quoted
			if f.OmitZero {
				f.ZeroMethod = zeroMethod(sf.typ)
			}
		}
		s.indexFields()
	case *types.Map:
		s.Nullable = true
		key := types.Unalias(u.Key())
		s.Key = m.decodeKey(key)
		if s.Key == nil {
			s.Kind, s.Problem = Unsupported, "json.Unmarshal cannot decode into map with key type "+typeString(key)
			return
		}
		s.Kind = Map
		s.Elem = m.fieldDecode(u.Elem())
	case *types.Slice:
		s.Nullable, s.Len = true, -1
		s.Elem = m.fieldDecode(u.Elem())
		// literalStore decodes a string into any slice of a uint8 kind,
		// whatever the element's methods.
		if isUint8(u.Elem()) {
			s.Kind, s.Base64 = String, true
			return
		}
		s.Kind = Array
	case *types.Array:
		s.Kind, s.Len = Array, u.Len()
		s.Elem = m.fieldDecode(u.Elem())
	case *types.Pointer:
		// The element's methods were in the pointer's method set, so
		// indirect does not search them again; a pointer element repeats
		// the search with its own method set.
		m.pointerTo(s, m.decode(pt.Elem(), false))
	case *types.Chan, *types.Signature:
		s.Kind, s.Problem = Unsupported, "json.Unmarshal cannot decode into "+typeString(t)
	default:
		s.Kind, s.Problem = Opaque, "type "+typeString(t)
	}
}

// decodeKey returns the shape of a map key on Unmarshal, or nil if
// encoding/json rejects the key type. UnmarshalText comes first, even for
// string kinds (decode.go object).
func (m *Model) decodeKey(k types.Type) *Shape {
	s := &Shape{Type: k, Dir: Unmarshal}
	pk := types.NewPointer(k)
	if fn := method(pk, "UnmarshalText", sigUnmarshal); fn != nil {
		// The key then goes through literalStore, where an UnmarshalJSON
		// method, if any, wins and gets the quoted key.
		if j := method(pk, "UnmarshalJSON", sigUnmarshal); j != nil {
			fn = j
		}
		s.Kind, s.Method = String, fn
		if isTimeMethod(fn) {
			s.Format = "date-time"
		}
		return s
	}
	b, ok := k.Underlying().(*types.Basic)
	switch {
	case ok && b.Info()&types.IsString != 0:
		s.Kind = String
	case ok && b.Info()&types.IsInteger != 0:
		s.Kind, s.Number = Number, numberInfo(b)
	default:
		return nil
	}
	return s
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// addrMethodsPossible reports whether searching *t's method set can find
// anything: a pointer's own method set is searched either way.
func addrMethodsPossible(t types.Type) bool {
	switch u := t.(type) {
	case *types.Named:
		_, isPtr := u.Underlying().(*types.Pointer)
		return !isPtr
	case *types.Struct:
		return hasEmbedded(u)
	}
	return false
}
