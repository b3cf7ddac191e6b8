// Package wire defines the faaswire analyzer, which checks every type
// that crosses a function boundary as JSON.
//
// # Analyzer faaswire
//
// faaswire: check the payload types that FaaS functions send and receive
//
// Every input and output of a FaaS handler, every payload type that a
// //faas: directive names, every payload that an SDK call sends or whose
// response it decodes (faassdk), and every type that a consumer decodes
// its message body into (faasconsumer) travels as JSON through
// encoding/json. The
// analyzer computes the JSON shape of each with the jsonshape model and
// reports what encoding/json does wrong with it at run time:
// unsupported-type (json.Marshal always fails), marshaler-receiver (a
// MarshalJSON or MarshalText method that is never called), unexported-field
// (a struct whose data is all in unexported fields), ambiguous-field
// (embedded fields that cancel each other out), interface-field (a
// non-empty interface that cannot be decoded, or an empty one that decodes
// to generic maps and float64), tag-option (json tag options that do
// nothing) and embedded-pointer (an embedded pointer to an unexported
// struct that json.Unmarshal cannot set). Each is reported once per
// field or type, at its declaration when the package declares it, else at
// the use. The analyzer's Result records every report with the
// declaration it is about, so that faasvet check, which sees every
// package, reports a type that several packages use once, at its
// declaration (internal/driver), with the fix that a Report builds from
// the declaring package's Decls (fix.go: what the fixes read of its
// syntax, read once while it is there, so that the driver can drop the
// syntax before the packages that use the type are analysed).
//
// Where one edit is certainly right, the finding carries it as a
// suggested fix: a misspelt tag option close to exactly one known option;
// omitzero for omitempty on a struct or array field, when the file is
// built with Go 1.24 or later; the value receiver for a marshal method on
// *T that provably does not change its receiver; json:"-" on a field that
// cannot be marshalled and that no code of the package names.
package wire
