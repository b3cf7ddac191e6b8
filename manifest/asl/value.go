package asl

import (
	"strconv"
	"strings"

	"github.com/faasvet/faasvet/jsonshape"
	"github.com/faasvet/faasvet/manifest/node"
)

// A val is what the simulation knows about a JSON value. nil means
// unknown: anything may be there, and nothing is reported about it.
type val struct {
	kind vkind
	// vShape: a value whose shape the model computed (a function's output
	// or part of one).
	shape *jsonshape.Shape
	// vObject: an object the state machine built (Parameters, a ResultPath
	// merge). open: keys other than fields may be present.
	fields []vfield
	open   bool
	// vArray: items for a tuple (a Parallel state's result), else elem
	// (nil: elements unknown).
	tuple bool
	items []*val
	elem  *val
	// vScalar: a literal's kind; float for a number with a fraction.
	scalar jsonshape.Kind
	float  bool
	// json: a string that holds this value as JSON text
	// (States.JsonToString, JSONata's $string), which is what a consumer
	// of a message whose body is the string decodes.
	json *val
	// from is the function whose output this value is, or is part of:
	// the data flow from one Task's function to another's.
	from string
}

type vkind uint8

const (
	vShape vkind = iota + 1
	vObject
	vArray
	vScalar
)

type vfield struct {
	name string
	v    *val
}

func shapeVal(s *jsonshape.Shape) *val {
	if s == nil {
		return nil
	}
	switch s.Kind {
	case jsonshape.Any, jsonshape.Opaque, jsonshape.Unsupported, 0:
		return nil
	}
	return &val{kind: vShape, shape: s}
}

func scalarVal(k jsonshape.Kind) *val { return &val{kind: vScalar, scalar: k} }

func arrayOf(elem *val) *val { return &val{kind: vArray, elem: elem} }

// lookResult says what a step along a path found.
type lookResult uint8

const (
	found   lookResult = iota + 1
	missing            // the key or index certainly does not exist
	unknown            // nothing can be said
)

// step follows one path segment from v. what describes v when the
// segment is missing. A part of a function's output is still that
// function's.
func step(v *val, sg segment) (child *val, r lookResult, what string) {
	child, r, what = step1(v, sg)
	if v != nil && v.kind == vShape && v.from != "" {
		child = withFrom(child, v.from)
	}
	return child, r, what
}

// withFrom marks a value computed from a function's output as that
// function's, copying what it marks.
func withFrom(v *val, fn string) *val {
	if v == nil || fn == "" {
		return v
	}
	c := *v
	c.from = fn
	if c.kind == vArray && c.elem != nil {
		c.elem = withFrom(c.elem, fn)
	}
	return &c
}

// sources adds to out the functions whose output makes up v, or part of
// it.
func sources(v *val, out map[string]bool, depth int) {
	if v == nil || depth > node.MaxDepth {
		return
	}
	if v.from != "" {
		out[v.from] = true
	}
	for _, f := range v.fields {
		sources(f.v, out, depth+1)
	}
	for _, it := range v.items {
		sources(it, out, depth+1)
	}
	sources(v.elem, out, depth+1)
	sources(v.json, out, depth+1)
}

func step1(v *val, sg segment) (child *val, r lookResult, what string) {
	if v == nil {
		return nil, unknown, ""
	}
	switch v.kind {
	case vShape:
		s := v.shape
		switch s.Kind {
		case jsonshape.Object:
			switch sg.kind {
			case segKey:
				for _, f := range s.Fields {
					if f.Name == sg.key {
						return shapeVal(f.Shape), found, ""
					}
				}
				return nil, missing, describeFields(fieldNames(s))
			case segAll:
				return arrayOf(nil), found, ""
			}
			return nil, unknown, ""
		case jsonshape.Map:
			if sg.kind == segKey {
				return shapeVal(s.Elem), found, ""
			}
			if sg.kind == segAll {
				return arrayOf(shapeVal(s.Elem)), found, ""
			}
			return nil, unknown, ""
		case jsonshape.Array:
			switch sg.kind {
			case segIndex:
				if s.Len >= 0 && int64(sg.index) >= s.Len {
					return nil, missing, "an array of " + strconv.FormatInt(s.Len, 10)
				}
				return shapeVal(s.Elem), found, ""
			case segAll:
				return arrayOf(shapeVal(s.Elem)), found, ""
			}
			return nil, unknown, ""
		case jsonshape.String, jsonshape.Number, jsonshape.Bool, jsonshape.Null:
			if sg.kind == segAll {
				return nil, unknown, ""
			}
			return nil, missing, "a " + s.Kind.String()
		}
		return nil, unknown, ""
	case vObject:
		switch sg.kind {
		case segKey:
			for _, f := range v.fields {
				if f.name == sg.key {
					return f.v, found, ""
				}
			}
			if v.open {
				return nil, unknown, ""
			}
			names := make([]string, len(v.fields))
			for i, f := range v.fields {
				names[i] = f.name
			}
			return nil, missing, describeFields(names)
		case segAll:
			return arrayOf(nil), found, ""
		}
		return nil, unknown, ""
	case vArray:
		switch sg.kind {
		case segIndex:
			if v.tuple {
				if sg.index >= len(v.items) {
					return nil, missing, "an array of " + strconv.Itoa(len(v.items))
				}
				return v.items[sg.index], found, ""
			}
			return v.elem, found, ""
		case segAll:
			if v.tuple {
				return arrayOf(nil), found, ""
			}
			return v, found, ""
		}
		return nil, unknown, ""
	case vScalar:
		if sg.kind == segAll {
			return nil, unknown, ""
		}
		return nil, missing, "a " + v.scalar.String()
	}
	return nil, unknown, ""
}

func fieldNames(s *jsonshape.Shape) []string {
	out := make([]string, len(s.Fields))
	for i, f := range s.Fields {
		out[i] = f.Name
	}
	return out
}

// describeFields names an object's keys for a message, a few of them.
func describeFields(names []string) string {
	if len(names) == 0 {
		return "an object with no keys"
	}
	const most = 8
	more := ""
	if len(names) > most {
		more = ", ..."
		names = names[:most]
	}
	return "an object with keys " + strings.Join(names, ", ") + more
}

// setPath returns base with the value at the reference path segs
// replaced by x, as ResultPath does.
func setPath(base *val, segs []segment, x *val, depth int) *val {
	if len(segs) == 0 {
		return x
	}
	if depth > node.MaxDepth {
		return nil
	}
	var obj *val
	switch {
	case base == nil:
		obj = &val{kind: vObject, open: true}
	case base.kind == vObject:
		obj = &val{kind: vObject, open: base.open, fields: append([]vfield(nil), base.fields...)}
	case base.kind == vShape && base.shape.Kind == jsonshape.Object:
		obj = &val{kind: vObject}
		for _, f := range base.shape.Fields {
			obj.fields = append(obj.fields, vfield{f.Name, withFrom(shapeVal(f.Shape), base.from)})
		}
	case base.kind == vShape && base.shape.Kind == jsonshape.Map:
		obj = &val{kind: vObject, open: true}
	default:
		// ResultPath into a scalar or array fails at run time; not a path
		// read, so the simulation just stops knowing.
		return nil
	}
	for i, f := range obj.fields {
		if f.name == segs[0].key {
			obj.fields[i].v = setPath(f.v, segs[1:], x, depth+1)
			return obj
		}
	}
	obj.fields = append(obj.fields, vfield{segs[0].key, nest(segs[1:], x)})
	return obj
}

// nest builds the objects that a ResultPath creates where its keys did
// not exist: they hold only what the path puts in them.
func nest(segs []segment, x *val) *val {
	for i := len(segs) - 1; i >= 0; i-- {
		x = &val{kind: vObject, fields: []vfield{{segs[i].key, x}}}
	}
	return x
}

// known reports whether v says enough to be compared with a consumer:
// not unknown and not an object with unknown keys at the top.
func (v *val) known() bool {
	return v != nil && !(v.kind == vObject && v.open)
}

// toShape converts v to a Marshal shape. Unknown parts, and objects with
// unknown keys, become Any, which jsonshape.Compatible does not check.
func toShape(v *val, depth int) *jsonshape.Shape {
	if v == nil || depth > node.MaxDepth {
		return &jsonshape.Shape{Kind: jsonshape.Any, Dir: jsonshape.Marshal}
	}
	switch v.kind {
	case vShape:
		return v.shape
	case vObject:
		if v.open {
			return &jsonshape.Shape{Kind: jsonshape.Any, Dir: jsonshape.Marshal}
		}
		s := &jsonshape.Shape{Kind: jsonshape.Object, Dir: jsonshape.Marshal}
		for _, f := range v.fields {
			s.Fields = append(s.Fields, &jsonshape.Field{Name: f.name, GoPath: []string{f.name}, Shape: toShape(f.v, depth+1)})
		}
		return s
	case vArray:
		s := &jsonshape.Shape{Kind: jsonshape.Array, Dir: jsonshape.Marshal, Len: -1}
		switch {
		case v.tuple && len(v.items) > 0 && allSame(v.items):
			s.Elem = toShape(v.items[0], depth+1)
		case v.tuple:
			s.Elem = &jsonshape.Shape{Kind: jsonshape.Any, Dir: jsonshape.Marshal}
		default:
			s.Elem = toShape(v.elem, depth+1)
		}
		return s
	case vScalar:
		s := &jsonshape.Shape{Kind: v.scalar, Dir: jsonshape.Marshal}
		switch v.scalar {
		case jsonshape.Number:
			s.Number = jsonshape.NumberInfo{Bits: 64, Float: v.float}
		case jsonshape.Null:
			s.Nullable = true
		}
		return s
	}
	return &jsonshape.Shape{Kind: jsonshape.Any, Dir: jsonshape.Marshal}
}

func allSame(vs []*val) bool {
	fp := newFingerprinter()
	first := fp.of(vs[0])
	for _, v := range vs[1:] {
		if fp.of(v) != first {
			return false
		}
	}
	return true
}

// A fingerprinter names values so that equal values have equal names:
// the simulation keeps one input per distinct value that reaches a state.
type fingerprinter struct {
	ids map[*jsonshape.Shape]int
}

func newFingerprinter() *fingerprinter { return &fingerprinter{ids: map[*jsonshape.Shape]int{}} }

// maxPrint bounds a fingerprint; a larger value counts as unknown.
const maxPrint = 4096

// of returns v's fingerprint, or "" when it is too large to tell apart.
func (fp *fingerprinter) of(v *val) string {
	var b strings.Builder
	fp.write(&b, v)
	if b.Len() > maxPrint {
		return ""
	}
	return b.String()
}

func (fp *fingerprinter) write(b *strings.Builder, v *val) {
	if b.Len() > maxPrint {
		return
	}
	if v == nil {
		b.WriteString("?")
		return
	}
	if v.from != "" {
		b.WriteString("@")
		b.WriteString(strconv.Quote(v.from))
	}
	switch v.kind {
	case vShape:
		id, ok := fp.ids[v.shape]
		if !ok {
			id = len(fp.ids) + 1
			fp.ids[v.shape] = id
		}
		b.WriteString("S")
		b.WriteString(strconv.Itoa(id))
	case vObject:
		b.WriteString("{")
		for _, f := range v.fields {
			b.WriteString(strconv.Quote(f.name))
			b.WriteString(":")
			fp.write(b, f.v)
			b.WriteString(",")
		}
		if v.open {
			b.WriteString("...")
		}
		b.WriteString("}")
	case vArray:
		b.WriteString("[")
		if v.tuple {
			for _, it := range v.items {
				fp.write(b, it)
				b.WriteString(",")
			}
		} else {
			b.WriteString("*")
			fp.write(b, v.elem)
		}
		b.WriteString("]")
	case vScalar:
		b.WriteString(v.scalar.String())
		if v.float {
			b.WriteString("f")
		}
		if v.json != nil {
			b.WriteString("<")
			fp.write(b, v.json)
			b.WriteString(">")
		}
	}
}

// literal converts a template's literal JSON value.
func literal(n *node.Node, depth int) *val {
	if n == nil || depth > node.MaxDepth {
		return nil
	}
	switch n.Kind {
	case node.String:
		return scalarVal(jsonshape.String)
	case node.Number:
		v := scalarVal(jsonshape.Number)
		v.float = strings.ContainsAny(n.Text, ".eE")
		return v
	case node.Bool:
		return scalarVal(jsonshape.Bool)
	case node.Null:
		return scalarVal(jsonshape.Null)
	case node.Seq:
		v := &val{kind: vArray, tuple: true}
		for _, it := range n.List() {
			v.items = append(v.items, literal(it, depth+1))
		}
		return v
	case node.Map:
		if name, _, ok := n.Intrinsic(); ok {
			// A CloudFormation intrinsic inside an inline definition: the
			// deployed value is a string for those that name things.
			switch name {
			case "Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::ImportValue", "Fn::FindInMap", "Fn::Select":
				return scalarVal(jsonshape.String)
			}
			return nil
		}
		v := &val{kind: vObject}
		for _, f := range n.Fields() {
			v.fields = append(v.fields, vfield{f.Key, literal(f.Value, depth+1)})
		}
		return v
	}
	return nil
}
