package jsonshape

// harnessMain is the main.go of the differential test's program. It runs
// the real encoding/json on every registered type: Marshal of a zero and a
// filled value, by value and through a pointer; Unmarshal of the probe
// documents; and the producer/consumer round trips. It prints one JSON
// line per result.
const harnessMain = `package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"time"
	"unsafe"
)

type result struct {
	Out json.RawMessage ` + "`json:\"out,omitempty\"`" + `
	Err string          ` + "`json:\"err,omitempty\"`" + `
}

func marshal(v any) (r result) {
	defer func() {
		if p := recover(); p != nil {
			r = result{Err: fmt.Sprint("PANIC: ", p)}
		}
	}()
	b, err := json.Marshal(v)
	if err != nil {
		return result{Err: err.Error()}
	}
	return result{Out: b}
}

func unmarshal(doc []byte, v any) (err string) {
	err, _ = unmarshalAt(doc, v)
	return err
}

// unmarshalAt is unmarshal, also returning the field path of a type error
// (UnmarshalTypeError.Field: the JSON keys from the root, with the Go
// names of embedded structs a promoted field is reached through).
func unmarshalAt(doc []byte, v any) (err, field string) {
	defer func() {
		if p := recover(); p != nil {
			err, field = fmt.Sprint("PANIC: ", p), ""
		}
	}()
	if e := json.Unmarshal(doc, v); e != nil {
		var te *json.UnmarshalTypeError
		if errors.As(e, &te) {
			field = te.Field
		}
		return e.Error(), field
	}
	return "", ""
}

func deref(p any) any { return reflect.ValueOf(p).Elem().Interface() }

var (
	numberType = reflect.TypeFor[json.Number]()
	rawType    = reflect.TypeFor[json.RawMessage]()
	timeType   = reflect.TypeFor[time.Time]()
	impls      = []any{TagImpl{N: 1}, ZImpl{N: 1}}
	dummy      int
)

// fill sets every settable part of v to a deterministic non-zero value;
// pointers, slices and maps stop at depth 4, so recursive types end.
func fill(v reflect.Value, depth int) {
	switch v.Kind() {
	case reflect.Struct:
		if v.Type() == timeType {
			if v.CanSet() {
				v.Set(reflect.ValueOf(time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)))
			}
			return
		}
		// Exported fields of an unexported embedded struct are settable
		// even though the struct is not.
		for i := 0; i < v.NumField(); i++ {
			fill(v.Field(i), depth+1)
		}
		return
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i), depth+1)
		}
		return
	}
	if !v.CanSet() {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(7)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		v.SetUint(7)
	case reflect.Float32, reflect.Float64:
		v.SetFloat(1.5)
	case reflect.Complex64, reflect.Complex128:
		v.SetComplex(1 + 2i)
	case reflect.String:
		if v.Type() == numberType {
			v.SetString("12")
		} else {
			v.SetString("s")
		}
	case reflect.Pointer:
		if depth < 4 {
			p := reflect.New(v.Type().Elem())
			fill(p.Elem(), depth+1)
			v.Set(p)
		}
	case reflect.Slice:
		if v.Type() == rawType {
			v.SetBytes([]byte(` + "`" + `{"raw":1}` + "`" + `))
		} else if depth < 4 {
			s := reflect.MakeSlice(v.Type(), 1, 1)
			fill(s.Index(0), depth+1)
			v.Set(s)
		}
	case reflect.Map:
		if depth < 4 {
			m := reflect.MakeMap(v.Type())
			k := reflect.New(v.Type().Key()).Elem()
			fill(k, depth+1)
			e := reflect.New(v.Type().Elem()).Elem()
			fill(e, depth+1)
			m.SetMapIndex(k, e)
			v.Set(m)
		}
	case reflect.Interface:
		if v.NumMethod() == 0 {
			v.Set(reflect.ValueOf("iv"))
			return
		}
		for _, x := range impls {
			if reflect.TypeOf(x).Implements(v.Type()) {
				v.Set(reflect.ValueOf(x))
				return
			}
		}
	case reflect.Chan:
		v.Set(reflect.MakeChan(v.Type(), 0))
	case reflect.Func:
		v.Set(reflect.MakeFunc(v.Type(), func([]reflect.Value) []reflect.Value { return nil }))
	case reflect.UnsafePointer:
		v.SetPointer(unsafe.Pointer(&dummy))
	}
}

// landed lists the Go paths of the non-zero fields of a struct, going
// into embedded structs, where promoted fields live.
func landed(v reflect.Value, prefix string, out []string) []string {
	if v.Kind() != reflect.Struct {
		if !v.IsZero() {
			out = append(out, "")
		}
		return out
	}
	t := v.Type()
	for i := 0; i < v.NumField(); i++ {
		fv := v.Field(i)
		if fv.IsZero() {
			continue
		}
		sf := t.Field(i)
		path := prefix + sf.Name
		if sf.Anonymous {
			in := fv
			if in.Kind() == reflect.Pointer {
				in = in.Elem()
			}
			if in.Kind() == reflect.Struct {
				n := len(out)
				out = landed(in, path+".", out)
				if len(out) > n {
					continue
				}
			}
		}
		out = append(out, path)
	}
	return out
}

type typeResult struct {
	Kind    string ` + "`json:\"kind\"`" + `
	I       int    ` + "`json:\"i\"`" + `
	ZeroVal result ` + "`json:\"zv\"`" + `
	ZeroPtr result ` + "`json:\"zp\"`" + `
	FillVal result ` + "`json:\"fv\"`" + `
	FillPtr result ` + "`json:\"fp\"`" + `
}

type probeResult struct {
	Kind   string   ` + "`json:\"kind\"`" + `
	I      int      ` + "`json:\"i\"`" + `
	Err    string   ` + "`json:\"err,omitempty\"`" + `
	Landed []string ` + "`json:\"landed,omitempty\"`" + `
	Calls  []string ` + "`json:\"calls,omitempty\"`" + `
}

type pairResult struct {
	Kind    string ` + "`json:\"kind\"`" + `
	I       int    ` + "`json:\"i\"`" + `
	FillErr string ` + "`json:\"fe,omitempty\"`" + `
	ZeroErr string ` + "`json:\"ze,omitempty\"`" + `
	FillAt  string ` + "`json:\"fa,omitempty\"`" + `
	ZeroAt  string ` + "`json:\"za,omitempty\"`" + `
}

func main() {
	out := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for i, newT := range registry {
		z, f := newT(), newT()
		fill(reflect.ValueOf(f).Elem(), 0)
		enc.Encode(typeResult{Kind: "type", I: i,
			ZeroVal: marshal(deref(z)), ZeroPtr: marshal(z),
			FillVal: marshal(deref(f)), FillPtr: marshal(f)})
	}

	in := bufio.NewScanner(os.Stdin)
	in.Buffer(nil, 1<<24)
	for i := 0; in.Scan(); i++ {
		var p struct {
			T    int    ` + "`json:\"t\"`" + `
			Doc  string ` + "`json:\"doc\"`" + `
			Pair bool   ` + "`json:\"pair\"`" + `
			Q    int    ` + "`json:\"q\"`" + `
		}
		if err := json.Unmarshal(in.Bytes(), &p); err != nil {
			panic(err)
		}
		if p.Pair {
			r := pairResult{Kind: "pair", I: i}
			for _, zero := range []bool{false, true} {
				src := registry[p.T]()
				if !zero {
					fill(reflect.ValueOf(src).Elem(), 0)
				}
				m := marshal(deref(src))
				e, at := "MARSHAL: "+m.Err, ""
				if m.Err == "" {
					e, at = unmarshalAt(m.Out, registry[p.Q]())
				}
				if zero {
					r.ZeroErr, r.ZeroAt = e, at
				} else {
					r.FillErr, r.FillAt = e, at
				}
			}
			enc.Encode(r)
			continue
		}
		v := registry[p.T]()
		calls = nil
		r := probeResult{Kind: "probe", I: i, Err: unmarshal([]byte(p.Doc), v)}
		rv := reflect.ValueOf(v).Elem()
		for rv.Kind() == reflect.Pointer && !rv.IsNil() {
			rv = rv.Elem()
		}
		r.Landed = landed(rv, "", nil)
		r.Calls = calls
		enc.Encode(r)
	}
}
`
