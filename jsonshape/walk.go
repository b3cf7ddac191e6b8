package jsonshape

import (
	"go/types"
	"strconv"
)

// Walk calls visit for s and every shape reachable from it, depth first
// and in field order, with the wire path of each (see the package doc for
// the notation) and the field that holds it (nil for s itself, array
// elements, map values). If visit returns false, Walk does not descend
// into that shape. A shape already on the current path (a recursive type)
// is visited but not entered again, so Walk always terminates.
func Walk(s *Shape, root string, visit func(path string, f *Field, s *Shape) bool) {
	w := walker{visit: visit, path: []byte(root)}
	w.walk(s, nil)
}

type walker struct {
	visit func(string, *Field, *Shape) bool
	path  []byte
	stack []*Shape
}

func (w *walker) walk(s *Shape, f *Field) {
	if !w.visit(string(w.path), f, s) {
		return
	}
	for _, t := range w.stack {
		if t == s {
			return
		}
	}
	w.stack = append(w.stack, s)
	n := len(w.path)
	switch s.Kind {
	case Object:
		for _, f := range s.Fields {
			w.path = appendKey(w.path[:n], f.Name)
			w.walk(f.Shape, f)
		}
	case Array:
		w.path = append(w.path[:n], "[]"...)
		w.walk(s.Elem, nil)
	case Map:
		w.path = append(w.path[:n], "{}"...)
		w.walk(s.Elem, nil)
	}
	w.path = w.path[:n]
	w.stack = w.stack[:len(w.stack)-1]
}

// appendKey appends .key, or ["key"] when the key is not made of letters,
// digits, '_', '-' and '$' only, so that every path reads back
// unambiguously.
func appendKey(path []byte, key string) []byte {
	if simpleKey(key) {
		if len(path) > 0 {
			path = append(path, '.')
		}
		return append(path, key...)
	}
	path = append(path, '[')
	path = strconv.AppendQuote(path, key)
	return append(path, ']')
}

func simpleKey(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '$') {
			return false
		}
	}
	return true
}

// RootName is the path root Compatible uses for a shape of type t: the
// type's name without package or pointers, or "$" for an unnamed type.
func RootName(t types.Type) string {
	for {
		t = types.Unalias(t)
		p, ok := t.(*types.Pointer)
		if !ok {
			break
		}
		t = p.Elem()
	}
	if n, ok := t.(*types.Named); ok {
		return n.Obj().Name()
	}
	return "$"
}

// FindUnsupported returns an UnsupportedValue problem for every
// Unsupported shape reachable from s. On the Marshal side these are the
// values that make json.Marshal fail whenever it reaches them (a Nullable
// one only when not nil); on the Unmarshal side, the values that make
// json.Unmarshal fail on anything but null.
func FindUnsupported(s *Shape, root string) []Problem {
	var out []Problem
	Walk(s, root, func(path string, f *Field, s *Shape) bool {
		if s.Kind != Unsupported {
			return true
		}
		p := Problem{Path: path, Kind: UnsupportedValue, Effect: Failing, Message: s.Problem}
		if s.Dir == Marshal {
			p.Producer, p.ProducerField = s, f
		} else {
			p.Consumer, p.ConsumerField = s, f
		}
		out = append(out, p)
		return false
	})
	return out
}
