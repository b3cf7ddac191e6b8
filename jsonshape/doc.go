// Package jsonshape models the JSON that encoding/json (v1) writes for a
// Go type on Marshal and accepts into it on Unmarshal, from go/types alone.
// Every edge of a FaaS function graph is such a round trip: the producer's
// value goes through json.Marshal, the consumer's json.Unmarshal reads it.
//
// The model follows encoding/json's source, not its documentation, and a
// differential test holds it to the real package: it generates thousands of
// random types, marshals and unmarshals values of them with encoding/json,
// and compares every field with the model.
//
// # Shapes
//
// [Encode] returns the Marshal shape of a type passed by value, [Decode]
// the Unmarshal shape of a type decoded through a pointer. A [Model] does
// the same and remembers shapes per type (by identity), which is what an
// analyzer should keep per pass. A [Shape] is a JSON kind with details:
// the fields of an object as encoding/json's typeFields selects them (tag
// names, "-", invalid names falling back to the Go name, embedding,
// dominance), options (omitempty, omitzero with IsZero methods, string),
// number types, base64 byte slices, map key kinds, and the methods that take
// over (MarshalJSON before MarshalText, UnmarshalJSON before
// UnmarshalText).
//
// Where encoding/json's two directions differ, so do the shapes. Notably:
//
//   - Marshal uses pointer-receiver methods only for addressable values: not
//     for the top-level value, map values, or fields of a struct passed by
//     value; yes for pointer targets, slice elements, and fields of those.
//     Unmarshal always has an address, but only for named types: a field of
//     an unnamed struct type that embeds an Unmarshaler is decoded field by
//     field, and a named pointer type hides its element's methods.
//   - The string option: Marshal ignores it when a method writes the value;
//     Unmarshal still unwraps the string and hands the content to the method.
//   - Byte slices: Marshal writes base64 unless *elem has a marshal method;
//     Unmarshal takes base64 into any slice of a uint8 kind, and also an
//     array of numbers.
//   - Map keys: Marshal writes string kinds as they are even if they have
//     MarshalText; Unmarshal tries UnmarshalText first, and then gives the
//     quoted key to UnmarshalJSON instead if the key type has both.
//   - An unexported embedded struct kept under a tag name is read-only to
//     reflect: Marshal panics if it must call its MarshalJSON, MarshalText
//     or IsZero (omitzero); Unmarshal ignores its methods, or panics if it
//     is a pointer it must allocate. Fields
//     promoted through an unexported embedded pointer cannot be set:
//     Unmarshal fails on them, even on null.
//   - Unmarshal into a non-empty interface fails on anything but null; the
//     model assumes the consumer's zero value, not an interface pre-set to
//     a pointer.
//
// Types encoding/json rejects (channels, funcs, complex numbers,
// unsafe.Pointer, maps with other keys, non-empty interfaces on Unmarshal)
// are Unsupported shapes, found by type whether or not a value would reach
// them at run time. Recursive types give cyclic shapes; every traversal in
// this package terminates. Generic types are modelled at their
// instantiation; a bare type parameter is Opaque.
//
// # Paths
//
// A wire path starts at a root name (see [RootName]) and names JSON keys,
// not Go fields: ".key" for an object key ("[\"key\"]", Go-quoted, when the
// key has characters other than letters, digits, '_', '-' and '$'), "[]"
// for the elements of an array and "{}" for the values of a map:
//
//	Order.items[].price
//	Shipment.notes{}.author
//	Event["x.y"].when
//
// [Walk] visits every shape of a tree with its path.
//
// # Compatibility
//
// [Compatible] compares a producer's Marshal shape with a consumer's
// Unmarshal shape and reports [Problem] values as data: a [ProblemKind]
// (a JSON kind the consumer cannot take, a ",string" option on one side
// only, a number the consumer's type may not hold, a required consumer
// field the producer never sends, a producer key the consumer drops, a
// key that matches only case-insensitively, a value one side cannot
// handle at all), the wire path, the fields at both ends, and the
// [Effect] encoding/json has at run time (Quiet, Lossy, Failing), which
// the differential tests prove against the real package. The package
// knows nothing of checks or severities: package link maps each kind to
// a check of the catalogue, which decides how serious a finding is.
// Null is never a problem: Unmarshal
// accepts it into every kind. Interfaces, custom marshalers,
// json.RawMessage and TextUnmarshaler contents are opaque: no finding, but
// their paths are listed as unchecked.
//
// A type checked against itself can still fail, where encoding/json's two
// directions disagree: a pointer-receiver MarshalText that Marshal skips
// for a value while Unmarshal calls UnmarshalText, or ",string" on a type
// whose MarshalText ignores it while Unmarshal insists on it. Compatible
// reports those; every other Failing problem of a type against itself is
// a bug in this package, and the fuzz test looks for them.
package jsonshape
