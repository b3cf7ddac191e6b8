package node

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// Pos is a position in a manifest: the file relative to the analysed
// root, slash-separated, and the 1-based line and column.
type Pos struct {
	File string `json:"file"`
	Line int    `json:"line"`
	Col  int    `json:"col,omitempty"`
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d", p.File, p.Line)
}

// IsValid reports whether the position names a file.
func (p Pos) IsValid() bool { return p.File != "" }

// Kind is the JSON kind of a node.
type Kind uint8

// The kinds. YAML scalars map to the JSON kind their resolved tag names:
// timestamps and binary data are strings.
const (
	Null Kind = iota + 1
	Bool
	Number
	String
	Seq
	Map
)

var kindNames = [...]string{Null: "null", Bool: "bool", Number: "number", String: "string", Seq: "sequence", Map: "map"}

func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// A Node is one value of a manifest. Nodes are shared where a YAML alias
// repeats an anchor; treat them as read-only.
type Node struct {
	Kind  Kind
	Text  string   // scalars: the text as written (numbers are not normalised)
	Items []*Node  // Seq
	Field []*Field // Map, in document order; keys are unique
	// Tag is a YAML tag that is neither a standard one nor a CloudFormation
	// short form (say !Custom): the node is kept as if untagged.
	Tag string
	Pos Pos
}

// A Field is one key of a Map node.
type Field struct {
	Key    string
	KeyPos Pos
	Value  *Node
}

// Get returns the value of key in a Map node, or nil. A nil node has no
// keys, so lookups chain: n.Get("Properties").Get("Events").
func (n *Node) Get(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	for _, f := range n.Field {
		if f.Key == key {
			return f.Value
		}
	}
	return nil
}

// GetFold is Get with ASCII case-insensitive keys, for formats whose
// readers ignore case (OpenFaaS environment keys do not; CloudFormation
// attribute names in some tools do).
func (n *Node) GetFold(key string) *Node {
	if n == nil || n.Kind != Map {
		return nil
	}
	if v := n.Get(key); v != nil {
		return v
	}
	for _, f := range n.Field {
		if strings.EqualFold(f.Key, key) {
			return f.Value
		}
	}
	return nil
}

// Path follows keys from n.
func (n *Node) Path(keys ...string) *Node {
	for _, k := range keys {
		n = n.Get(k)
	}
	return n
}

// Scalar returns the text of a String, Number or Bool node.
func (n *Node) Scalar() (string, bool) {
	if n == nil {
		return "", false
	}
	switch n.Kind {
	case String, Number, Bool:
		return n.Text, true
	}
	return "", false
}

// Str returns the text of a scalar node, or "".
func (n *Node) Str() string {
	s, _ := n.Scalar()
	return s
}

// IsString reports whether n is a String node.
func (n *Node) IsString() bool { return n != nil && n.Kind == String }

// IsMap reports whether n is a Map node.
func (n *Node) IsMap() bool { return n != nil && n.Kind == Map }

// IsSeq reports whether n is a Seq node.
func (n *Node) IsSeq() bool { return n != nil && n.Kind == Seq }

// Truthy reports whether n is true or the string "true" (CloudFormation
// takes both for booleans).
func (n *Node) Truthy() bool {
	s, ok := n.Scalar()
	return ok && (n.Kind == Bool || n.Kind == String) && strings.EqualFold(s, "true")
}

// Intrinsic returns the function name and argument of a CloudFormation
// intrinsic: a map with the single key Ref, Condition or Fn::NAME.
func (n *Node) Intrinsic() (name string, arg *Node, ok bool) {
	if n == nil || n.Kind != Map || len(n.Field) != 1 {
		return "", nil, false
	}
	k := n.Field[0].Key
	if k == "Ref" || k == "Condition" || strings.HasPrefix(k, "Fn::") {
		return k, n.Field[0].Value, true
	}
	return "", nil, false
}

// Len is the number of items or fields.
func (n *Node) Len() int {
	if n == nil {
		return 0
	}
	return len(n.Items) + len(n.Field)
}

// maxRender bounds String and MarshalJSON on shared (alias-expanded)
// trees, which can be large.
const maxRender = 1 << 16

// MarshalJSON writes the node as plain JSON: positions and tags dropped,
// numbers as written when they are valid JSON numbers.
func (n *Node) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	n.writeJSON(&b, 0)
	return b.Bytes(), nil
}

// String renders the node compactly for messages: a scalar as its text, a
// CloudFormation intrinsic in short form (!GetAtt Queue.Arn), anything
// else as JSON, truncated.
func (n *Node) String() string {
	if n == nil {
		return "null"
	}
	switch n.Kind {
	case String, Number, Bool:
		return n.Text
	}
	if name, arg, ok := n.Intrinsic(); ok {
		short := "!" + strings.TrimPrefix(name, "Fn::")
		if name == "Fn::GetAtt" && arg.IsSeq() && len(arg.Items) == 2 && arg.Items[0].IsString() {
			if a, ok := arg.Items[1].Scalar(); ok {
				return short + " " + arg.Items[0].Text + "." + a
			}
		}
		if s, ok := arg.Scalar(); ok {
			return short + " " + s
		}
		return short + " " + arg.String()
	}
	var b bytes.Buffer
	n.writeJSON(&b, 0)
	s := b.String()
	if len(s) > 200 {
		s = s[:200] + "..."
	}
	return s
}

func (n *Node) writeJSON(b *bytes.Buffer, depth int) {
	if b.Len() > maxRender || depth > MaxDepth {
		b.WriteString("null")
		return
	}
	if n == nil {
		b.WriteString("null")
		return
	}
	switch n.Kind {
	case Null:
		b.WriteString("null")
	case Bool:
		if strings.EqualFold(n.Text, "true") {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case Number:
		if json.Valid([]byte(n.Text)) {
			b.WriteString(n.Text)
		} else {
			writeString(b, n.Text)
		}
	case String:
		writeString(b, n.Text)
	case Seq:
		b.WriteByte('[')
		for i, it := range n.Items {
			if i > 0 {
				b.WriteByte(',')
			}
			it.writeJSON(b, depth+1)
		}
		b.WriteByte(']')
	case Map:
		b.WriteByte('{')
		for i, f := range n.Field {
			if i > 0 {
				b.WriteByte(',')
			}
			writeString(b, f.Key)
			b.WriteByte(':')
			f.Value.writeJSON(b, depth+1)
		}
		b.WriteByte('}')
	default:
		b.WriteString("null")
	}
}

func writeString(b *bytes.Buffer, s string) {
	// An encoder, unlike json.Marshal, can leave <, > and & alone: the
	// text is for people and golden files, not for HTML.
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)       // never fails for a string
	b.Truncate(b.Len() - 1) // the newline Encode adds
}

// Error is a manifest that could not be read, at the position that says
// why.
type Error struct {
	Pos Pos
	Msg string
	// Template says that the file did not parse because it is a text
	// template (Jinja, Go's text/template, cookiecutter), which is not yet
	// a manifest of any kind.
	Template bool

	mapKey bool // a key that is not a scalar, as {{ name }} is
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

func errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Fields returns the fields of a Map node, or nil for any other node,
// including nil: readers range over manifests without checking shapes.
func (n *Node) Fields() []*Field {
	if n == nil || n.Kind != Map {
		return nil
	}
	return n.Field
}

// List returns the items of a Seq node, or nil for any other node.
func (n *Node) List() []*Node {
	if n == nil || n.Kind != Seq {
		return nil
	}
	return n.Items
}

// At returns the node's position, or the zero Pos for nil.
func (n *Node) At() Pos {
	if n == nil {
		return Pos{}
	}
	return n.Pos
}
