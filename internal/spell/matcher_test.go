package spell

import (
	"math/rand/v2"
	"testing"
)

// osa is the optimal string alignment distance computed on the whole
// table, as nearest did before it bounded and reused its rows.
func osa(a, b string) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+c)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

// nearestFull is Nearest without its shortcuts.
func nearestFull(s string, names []string) string {
	best, bestD := "", len(s)/3+1
	for _, n := range names {
		if d := osa(s, n); d < bestD || d == bestD && n < best && best != "" {
			best, bestD = n, d
		}
	}
	return best
}

// TestMatcher: the length bound, the early exit and the reused rows
// change nothing: same distance under the limit, same suggestion.
func TestMatcher(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]byte, r.IntN(14))
		for i := range b {
			b[i] = "abcde-"[r.IntN(6)]
		}
		return string(b)
	}
	var dd Matcher
	for range 2000 {
		a, b := word(), word()
		want := osa(a, b)
		for limit := range 16 {
			got := dd.distance(a, b, limit)
			if want <= limit && got != want || want > limit && got <= limit {
				t.Fatalf("distance(%q, %q, %d) = %d, distance %d", a, b, limit, got, want)
			}
		}
	}
	for range 2000 {
		s := word()
		names := make([]string, r.IntN(30))
		for i := range names {
			names[i] = word()
		}
		if got, want := dd.Nearest(s, names), nearestFull(s, names); got != want {
			t.Fatalf("nearest(%q, %q) = %q, want %q", s, names, got, want)
		}
	}
	for _, c := range []struct{ s, want string }{
		{"retyr", "retry"}, {"ordres", "orders"}, {"shipping", ""}, {"", ""},
	} {
		if got := dd.Nearest(c.s, []string{"orders", "retry", "notify"}); got != c.want {
			t.Errorf("nearest(%q) = %q, want %q", c.s, got, c.want)
		}
	}
}
