package jsonshape

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"regexp"
	"strconv"
	"strings"
)

func regexpMust(s string) *regexp.Regexp { return regexp.MustCompile(s) }

var (
	numberRE = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)
	intRE    = regexp.MustCompile(`^-?[0-9]+$`)
)

// jobj is a JSON object with its keys in order: the order of Marshal's
// keys is part of what the model predicts.
type jobj struct {
	keys []string
	vals []any
}

// parseOrdered parses JSON into nil, bool, json.Number, string, []any and
// *jobj.
func parseOrdered(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	v, err := parseValue(dec)
	if err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data")
	}
	return v, nil
}

func parseValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch tok {
	case json.Delim('['):
		arr := []any{}
		for dec.More() {
			v, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		_, err := dec.Token()
		return arr, err
	case json.Delim('{'):
		obj := &jobj{}
		for dec.More() {
			k, err := dec.Token()
			if err != nil {
				return nil, err
			}
			v, err := parseValue(dec)
			if err != nil {
				return nil, err
			}
			obj.keys = append(obj.keys, k.(string))
			obj.vals = append(obj.vals, v)
		}
		_, err := dec.Token()
		return obj, err
	}
	return tok, nil
}

func show(v any) string {
	var b strings.Builder
	writeJSON(&b, v)
	return b.String()
}

func writeJSON(b *strings.Builder, v any) {
	switch v := v.(type) {
	case *jobj:
		b.WriteByte('{')
		for i, k := range v.keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(k))
			b.WriteByte(':')
			writeJSON(b, v.vals[i])
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSON(b, e)
		}
		b.WriteByte(']')
	case json.Number:
		b.WriteString(string(v))
	default:
		x, _ := json.Marshal(v)
		b.Write(x)
	}
}

func base64Decode(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }

func unquoteJSON(lit string) (string, error) {
	var s string
	err := json.Unmarshal([]byte(lit), &s)
	return s, err
}

// parseNumber predicts whether a number literal fits a Go number type
// (decode.go literalStore).
func parseNumber(lit string, n NumberInfo) tri {
	if n.JSONNumber {
		return no
	}
	var err error
	switch {
	case n.Float:
		var f float64
		f, err = strconv.ParseFloat(lit, n.Bits)
		if err == nil && n.Bits == 32 && math.Abs(f) > math.MaxFloat32 {
			err = fmt.Errorf("overflow")
		}
	case n.Unsigned:
		var u uint64
		u, err = strconv.ParseUint(lit, 10, 64)
		if err == nil && n.Bits < 64 && u >= 1<<n.Bits {
			err = fmt.Errorf("overflow")
		}
	default:
		var i int64
		i, err = strconv.ParseInt(lit, 10, 64)
		if err == nil && n.Bits < 64 && (i >= 1<<(n.Bits-1) || i < -(1<<(n.Bits-1))) {
			err = fmt.Errorf("overflow")
		}
	}
	if err != nil {
		return yes
	}
	return no
}

func reflectTag(tag string) string { return reflect.StructTag(tag).Get("json") }
