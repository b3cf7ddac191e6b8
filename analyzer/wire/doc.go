// Package wire defines the faaswire analyzer, which checks every type
// that crosses a function boundary as JSON.
//
// # Analyzer faaswire
//
// faaswire: check the payload types that FaaS functions send and receive
//
// Every input and output of a FaaS handler, and every payload type that a
// //faas: directive names, travels as JSON through encoding/json. The
// analyzer computes the JSON shape of each with the jsonshape model and
// reports what encoding/json does wrong with it at run time:
// unsupported-type (json.Marshal always fails), marshaler-receiver (a
// MarshalJSON or MarshalText method that is never called), unexported-field
// (a struct whose data is all in unexported fields), ambiguous-field
// (embedded fields that cancel each other out), interface-field (a
// non-empty interface that cannot be decoded, or an empty one that decodes
// to generic maps and float64), tag-option (json tag options that do
// nothing) and embedded-pointer (an embedded pointer to an unexported
// struct that json.Unmarshal cannot set).
package wire
