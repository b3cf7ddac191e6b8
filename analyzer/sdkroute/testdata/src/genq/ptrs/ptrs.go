// Package ptrs is a utility package that imports no SDK: its one-line
// helpers hand back their argument, and say so in a fact.
package ptrs

func To[T any](v T) *T { return &v } // want To:"passes"

func Str(s string) string { return string(s) } // want Str:"passes"

// Not facts: two statements, a method, a computed result.
func Twice(s string) string {
	s += s
	return s
}

type P struct{}

func (P) To(s string) *string { return &s }

func Len(s string) int { return len(s) }
