// Package spell suggests the name a typo meant: "did you mean" for check
// IDs, function names and JSON tag options.
package spell
