package jsonshape

import (
	"cmp"
	"go/types"
	"reflect"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// A structField is one field of a struct as encoding/json's typeFields
// selects it. It holds what both directions share; shapes come later.
type structField struct {
	name       string
	tagged     bool
	index      []int
	goPath     []string
	typ        types.Type // declared type (typeByIndex)
	omitEmpty  bool
	omitZero   bool
	quoted     bool // the string option applies to the field's kind
	viaPointer bool // promoted through an embedded pointer
	// unsettable: the path crosses an unexported embedded pointer, which
	// Unmarshal cannot allocate ("cannot set embedded pointer to
	// unexported struct").
	unsettable bool
	// readOnly: the field is itself an unexported embedded struct kept
	// under a tag name, so reflect marks its value read-only: Marshal
	// panics if a method must be called on it, and Unmarshal does not look
	// for its methods.
	readOnly bool
}

// embedded is a struct reached through anonymous fields, queued for the
// next depth.
type embedded struct {
	typ        types.Type
	index      []int
	goPath     []string
	viaPointer bool
	unsettable bool
}

// typeCount counts types by identity. Structs embed few distinct types, so
// a slice scanned with types.Identical beats hashing.
type typeCount struct {
	types []types.Type
	n     []int
}

func (c *typeCount) find(t types.Type) int {
	for i, u := range c.types {
		if u == t || types.Identical(u, t) {
			return i
		}
	}
	return -1
}

func (c *typeCount) get(t types.Type) int {
	if i := c.find(t); i >= 0 {
		return c.n[i]
	}
	return 0
}

func (c *typeCount) inc(t types.Type) int {
	if i := c.find(t); i >= 0 {
		c.n[i]++
		return c.n[i]
	}
	c.types = append(c.types, t)
	c.n = append(c.n, 1)
	return 1
}

// A Conflict is a JSON name that several fields of one struct claim at
// the same depth, with none of them tagged or all of them: encoding/json
// drops the name, and none of the fields travels.
type Conflict struct {
	Name   string
	GoPath [][]string // the Go paths of the fields that cancel out
	Tagged bool       // all of them take the name from a json tag
}

// Conflicts returns the names that t's fields cancel out, sorted by name.
// t's underlying type must be a struct.
func Conflicts(t types.Type) []Conflict {
	_, dropped := typeFields(t)
	return dropped
}

// typeFields ports typeFields from encoding/json/encode.go: a
// breadth-first walk over embedded structs, then Go's dominance rule as
// amended by JSON tags; it also returns the names that the dominance
// rule drops. t's underlying type must be a struct.
func typeFields(t types.Type) ([]structField, []Conflict) {
	var current []embedded
	next := []embedded{{typ: t}}
	var count, nextCount typeCount
	var visited typeCount
	var fields []structField

	for len(next) > 0 {
		current, next = next, current[:0]
		count, nextCount = nextCount, typeCount{}

		for _, f := range current {
			if visited.get(f.typ) > 0 {
				continue
			}
			visited.inc(f.typ)

			st := f.typ.Underlying().(*types.Struct)
			for i := 0; i < st.NumFields(); i++ {
				sf := st.Field(i)
				sfType := types.Unalias(sf.Type())
				if sf.Embedded() {
					et := sfType
					if p, ok := et.Underlying().(*types.Pointer); ok {
						et = p.Elem()
					}
					if !sf.Exported() && !isStruct(et) {
						// Embedded unexported non-struct types are ignored;
						// unexported structs may still promote exported fields.
						continue
					}
				} else if !sf.Exported() {
					continue
				}
				tag := reflect.StructTag(st.Tag(i)).Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if !isValidTag(name) {
					name = ""
				}
				index := append(slices.Clip(f.index), i)
				goPath := append(slices.Clip(f.goPath), sf.Name())

				// Only an unnamed pointer is followed: a named pointer type
				// is a type of its own to reflect.
				ft := sfType
				if p, ok := ft.(*types.Pointer); ok {
					ft = types.Unalias(p.Elem())
				}

				if name != "" || !sf.Embedded() || !isStruct(ft) {
					field := structField{
						name:       name,
						tagged:     name != "",
						index:      index,
						goPath:     goPath,
						typ:        sfType,
						omitEmpty:  hasOption(opts, "omitempty"),
						omitZero:   hasOption(opts, "omitzero"),
						quoted:     hasOption(opts, "string") && quotable(ft),
						viaPointer: f.viaPointer,
						unsettable: f.unsettable,
						readOnly:   sf.Embedded() && !sf.Exported(),
					}
					if field.name == "" {
						field.name = sf.Name()
					}
					fields = append(fields, field)
					if count.get(f.typ) > 1 {
						// Several copies of f.typ at this depth: a second
						// entry makes the dominance pass drop the name.
						fields = append(fields, field)
					}
					continue
				}

				// An anonymous struct to explore at the next depth.
				if nextCount.inc(ft) == 1 {
					_, isPtr := sfType.(*types.Pointer)
					next = append(next, embedded{
						typ:        ft,
						index:      index,
						goPath:     goPath,
						viaPointer: f.viaPointer || isPtr,
						unsettable: f.unsettable || (isPtr && !sf.Exported()),
					})
				}
			}
		}
	}

	slices.SortFunc(fields, func(a, b structField) int {
		// By name, then depth, then tagged first, then index sequence.
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := cmp.Compare(len(a.index), len(b.index)); c != 0 {
			return c
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return +1
		}
		return slices.Compare(a.index, b.index)
	})

	// Keep one dominant field per name; a tie at the shallowest depth
	// (both tagged or both untagged) drops the name silently.
	out := fields[:0:0]
	var dropped []Conflict
	for advance, i := 0, 0; i < len(fields); i += advance {
		fi := fields[i]
		for advance = 1; i+advance < len(fields); advance++ {
			if fields[i+advance].name != fi.name {
				break
			}
		}
		if advance > 1 {
			fj := fields[i+1]
			if len(fi.index) == len(fj.index) && fi.tagged == fj.tagged {
				c := Conflict{Name: fi.name, Tagged: fi.tagged}
				for _, f := range fields[i : i+advance] {
					if len(f.index) == len(fi.index) && f.tagged == fi.tagged && !slices.ContainsFunc(c.GoPath, func(p []string) bool { return slices.Equal(p, f.goPath) }) {
						c.GoPath = append(c.GoPath, f.goPath)
					}
				}
				dropped = append(dropped, c)
				continue
			}
		}
		out = append(out, fi)
	}
	slices.SortFunc(out, func(a, b structField) int { return slices.Compare(a.index, b.index) })
	return out, dropped
}

func isStruct(t types.Type) bool {
	_, ok := t.Underlying().(*types.Struct)
	return ok
}

// quotable reports whether the string option applies to a field of type t
// (after one unnamed pointer): bools, numbers and strings only.
func quotable(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	if !ok {
		return false
	}
	info := b.Info()
	return info&(types.IsBoolean|types.IsInteger|types.IsFloat|types.IsString) != 0 &&
		info&types.IsUntyped == 0
}

// hasOption is tagOptions.Contains from encoding/json/tags.go.
func hasOption(opts, name string) bool {
	for opts != "" {
		var o string
		o, opts, _ = strings.Cut(opts, ",")
		if o == name {
			return true
		}
	}
	return false
}

// isValidTag is encoding/json's: letters, digits and ASCII punctuation
// other than quote, backslash and comma. An invalid name falls back to the
// Go field name, and then does not count as tagged.
func isValidTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}

// canBeEmpty reports whether omitempty can omit a value of type t: never
// for structs, arrays only of length zero (encode.go isEmptyValue).
func canBeEmpty(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Info()&(types.IsBoolean|types.IsNumeric|types.IsString) != 0 &&
			u.Info()&types.IsComplex == 0
	case *types.Array:
		return u.Len() == 0
	case *types.Slice, *types.Map, *types.Pointer, *types.Interface:
		return true
	}
	return false
}

// foldName is encoding/json's fold.go: equal results exactly when
// strings.EqualFold holds. Only the map index of large structs needs it.
func foldName(s string) string {
	var buf [32]byte
	out := buf[:0]
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if 'a' <= c && c <= 'z' {
				c -= 'a' - 'A'
			}
			out = append(out, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		out = utf8.AppendRune(out, foldRune(r))
		i += n
	}
	return string(out)
}

func foldRune(r rune) rune {
	for {
		r2 := unicode.SimpleFold(r)
		if r2 <= r {
			return r2
		}
		r = r2
	}
}
