package jsonshape

import (
	"fmt"
	"go/types"
	"strings"
)

// A Kind is what a Go value looks like on the wire.
type Kind uint8

const (
	// Null means the value is always null, as for a pointer type whose only
	// values are nil pointers (type P *P).
	Null Kind = iota + 1
	// Bool is true or false on the wire.
	Bool
	// Number is a JSON number; Shape.Number says which.
	Number
	// String is a JSON string; Base64, Method and Format say more.
	String
	// Array is a JSON array of Elem (a Go slice or array).
	Array
	// Object is a JSON object with the fixed keys of a Go struct (Fields).
	Object
	// Map is a JSON object with dynamic keys (Key) and values (Elem).
	Map
	// Any is any JSON value, as for interface types on Marshal and empty
	// interfaces on Unmarshal.
	Any
	// Opaque means a MarshalJSON or UnmarshalJSON method (Method) or a
	// bare type parameter decides the value; the model cannot see through it.
	Opaque
	// Unsupported means encoding/json fails on the value (Problem says why).
	// On Marshal a Nullable unsupported shape is still written as null
	// when nil; on Unmarshal null is accepted unless Problem says
	// otherwise.
	Unsupported
)

var kindNames = [...]string{
	Null:        "null",
	Bool:        "bool",
	Number:      "number",
	String:      "string",
	Array:       "array",
	Object:      "object",
	Map:         "map",
	Any:         "any",
	Opaque:      "opaque",
	Unsupported: "unsupported",
}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("kind(%d)", k)
}

// Direction says which side of the wire a shape describes.
type Direction uint8

const (
	// Marshal is what json.Marshal writes for a value.
	Marshal Direction = iota + 1
	// Unmarshal is what json.Unmarshal accepts into a value.
	Unmarshal
)

func (d Direction) String() string {
	switch d {
	case Marshal:
		return "marshal"
	case Unmarshal:
		return "unmarshal"
	}
	return fmt.Sprintf("direction(%d)", d)
}

// NumberInfo describes the Go number type behind a Number shape, which
// decides what Unmarshal accepts: ParseInt, ParseUint or ParseFloat with
// Bits, and an error for anything out of range or fractional.
type NumberInfo struct {
	Float    bool // float32 or float64
	Unsigned bool // uint kinds, including uintptr
	// Bits is 8, 16, 32 or 64. int, uint and uintptr count as 64: faasvet
	// targets 64-bit platforms, where Lambda and Cloud Functions run.
	Bits int
	// JSONNumber marks encoding/json.Number: any number literal, kept as
	// text; Unmarshal also takes a string that holds a valid number.
	JSONNumber bool
}

// A Shape is the JSON that encoding/json writes for a Go type (Dir
// Marshal) or accepts into it (Dir Unmarshal). Shapes are shared and may
// be cyclic (a recursive type refers to its own shape); treat them as
// read-only.
type Shape struct {
	Kind Kind
	Dir  Direction
	// Type is the Go type the shape was computed for. A pointer's shape is
	// its element's shape with Type set to the pointer type and Nullable.
	Type types.Type
	// Nullable: on Marshal, the value may be written as null (a nil
	// pointer, slice, map or interface); on Unmarshal, null sets the value
	// to nil. Unmarshal accepts null into every other kind too, and leaves
	// the value alone.
	Nullable bool

	Elem   *Shape   // Array and Map elements; the byte element of Base64
	Key    *Shape   // Map keys: String (maybe with Method) or Number (the integer as text)
	Len    int64    // Array: the Go array length, or -1 for a slice
	Fields []*Field // Object: in encoding/json's order (Go field index order)

	Number NumberInfo // Number
	// Base64: a []byte-like slice, written as a base64 string. On Unmarshal
	// every slice of a uint8 kind takes a base64 string, and also a JSON
	// array of numbers (decoded element by element into Elem).
	Base64 bool
	// Format names a known string format: "date-time" (RFC 3339) for
	// time.Time.
	Format string
	// Method is the method that decides the shape: MarshalJSON or
	// MarshalText on Marshal, UnmarshalJSON or UnmarshalText on Unmarshal.
	// Its receiver may be an embedded type whose method is promoted.
	Method *types.Func
	// Problem says why a shape is Unsupported or Opaque without a Method.
	Problem string

	byName map[string]*Field // Object with many fields: exact names
	byFold map[string]*Field // Object with many fields: folded names, first wins

	// pending lists pointer shapes that copy this shape once it is built:
	// a recursive type's pointer shape is created while the pointee is
	// still under construction.
	pending  []*Shape
	building bool
	// addr: a Marshal shape of an addressable value whose shape differs
	// from the same type's non-addressable one (see addrSensitive).
	addr bool
}

// A Field is one key of an Object shape: a struct field as encoding/json's
// typeFields selects it, after the embedding and dominance rules.
type Field struct {
	// Name is the JSON key: the tag name if valid, else the Go name.
	Name string
	// GoPath is the Go field names from the outer struct to the field,
	// through embedded structs; Index is the same as field indices.
	GoPath []string
	Index  []int
	// Type is the field's declared Go type.
	Type  types.Type
	Shape *Shape
	// Tagged: the name came from the json tag; a tagged field wins a name
	// conflict against untagged fields at the same depth.
	Tagged bool
	// OmitEmpty and OmitZero are the tag options as written. omitempty
	// has no effect on struct fields and non-empty arrays: see Omittable.
	OmitEmpty, OmitZero bool
	// Quoted: the value travels inside a JSON string (the ",string"
	// option). On Marshal only where encoding/json honours it: a bool,
	// number or string field (or pointer to one) without a marshal method.
	// On Unmarshal whenever the option applies to the field's kind, even if
	// the type has an unmarshal method, which then gets the unquoted text.
	Quoted bool
	// ViaPointer: the field is promoted through an embedded pointer. Marshal
	// leaves the key out while that pointer is nil.
	ViaPointer bool
	// ZeroMethod is the IsZero method that omitzero calls, if any. Its
	// receiver is an interface when the field has interface type.
	ZeroMethod *types.Func
}

// Omittable reports whether Marshal may leave the field's key out: an
// omitempty that can take effect, omitzero, or a nil embedded pointer on
// the way.
func (f *Field) Omittable() bool {
	return f.OmitZero || f.ViaPointer || (f.OmitEmpty && canBeEmpty(f.Type))
}

// Lookup finds the field that json.Unmarshal fills for key: the field
// with exactly that name, else the first field whose name equals it under
// Unicode case folding. exact says which rule matched.
func (s *Shape) Lookup(key string) (f *Field, exact bool) {
	if s.byName != nil {
		if f := s.byName[key]; f != nil {
			return f, true
		}
		if f := s.byFold[foldName(key)]; f != nil {
			return f, false
		}
		return nil, false
	}
	for _, f := range s.Fields {
		if f.Name == key {
			return f, true
		}
	}
	// strings.EqualFold is the same relation as encoding/json's foldName
	// (simple Unicode folding), and it does not allocate.
	for _, f := range s.Fields {
		if strings.EqualFold(f.Name, key) {
			return f, false
		}
	}
	return nil, false
}

// manyFields is where Lookup switches from scanning to maps.
const manyFields = 16

func (s *Shape) indexFields() {
	if len(s.Fields) < manyFields {
		return
	}
	s.byName = make(map[string]*Field, len(s.Fields))
	s.byFold = make(map[string]*Field, len(s.Fields))
	for _, f := range s.Fields {
		s.byName[f.Name] = f
		k := foldName(f.Name)
		if _, ok := s.byFold[k]; !ok {
			s.byFold[k] = f
		}
	}
}

// String describes the shape in one line, without descending into fields.
func (s *Shape) String() string {
	var b strings.Builder
	b.WriteString(s.Kind.String())
	switch s.Kind {
	case Number:
		b.WriteString("(")
		b.WriteString(s.Number.String())
		b.WriteString(")")
	case String:
		if s.Base64 {
			b.WriteString("(base64)")
		}
		if s.Format != "" {
			b.WriteString("(" + s.Format + ")")
		}
	case Array:
		if s.Len >= 0 {
			fmt.Fprintf(&b, "[%d]", s.Len)
		}
		b.WriteString(" of " + s.Elem.Kind.String())
	case Map:
		b.WriteString(" of " + s.Elem.Kind.String())
	case Unsupported:
		b.WriteString(": " + s.Problem)
	}
	if s.Method != nil {
		b.WriteString(" via " + MethodString(s.Method))
	}
	if s.Nullable {
		b.WriteString(" or null")
	}
	return b.String()
}

func (n NumberInfo) String() string {
	switch {
	case n.JSONNumber:
		return "json.Number"
	case n.Float:
		return fmt.Sprintf("float%d", n.Bits)
	case n.Unsigned:
		return fmt.Sprintf("uint%d", n.Bits)
	}
	return fmt.Sprintf("int%d", n.Bits)
}

// MethodString names a method with its receiver: (*T).MarshalJSON.
func MethodString(m *types.Func) string {
	sig, _ := m.Type().(*types.Signature)
	if sig == nil || sig.Recv() == nil {
		return m.Name()
	}
	return "(" + types.TypeString(sig.Recv().Type(), shortQualifier) + ")." + m.Name()
}

// shortQualifier writes package names, not paths: messages stay short and
// stable across module layouts.
func shortQualifier(p *types.Package) string { return p.Name() }
