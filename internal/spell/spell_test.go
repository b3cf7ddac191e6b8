package spell

import "testing"

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"wire-type", "wire-type", 0},
		{"wire-tpye", "wire-type", 1}, // a swap is one edit
		{"retyr", "retry", 1},
		{"kitten", "sitting", 3},
		{"cycel", "cycle", 1},
		{"ca", "abc", 3}, // OSA, not Damerau: no edit of a swapped pair
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := Distance(tc.b, tc.a); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetric)", tc.b, tc.a, got, tc.want)
		}
	}
}

func TestNearest(t *testing.T) {
	names := []string{"cycle", "wire-case", "wire-type", "unknown-target"}
	for _, tc := range []struct{ s, want string }{
		{"wire-tpye", "wire-type"},
		{"cycles", "cycle"},
		{"wire-cas", "wire-case"},
		{"unknwn-target", "unknown-target"},
		{"frobnicate", ""},
		{"", ""},
		{"wire-xase", "wire-case"}, // ties: wire-case (1) beats wire-type (3)
	} {
		if got := Nearest(tc.s, names); got != tc.want {
			t.Errorf("Nearest(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
	// Equal distances: the name that sorts first, whatever the order.
	if got := Nearest("abcd", []string{"abcx", "abca"}); got != "abca" {
		t.Errorf("Nearest(abcd) = %q, want abca", got)
	}
}
