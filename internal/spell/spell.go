package spell

import "math"

// Distance is the optimal string alignment distance between a and b: the
// edits (insert, delete, replace, swap of two neighbours) that turn one
// into the other. A swap counts as one edit, as typos make it ("retyr"
// for "retry").
func Distance(a, b string) int {
	var m Matcher
	return m.distance(a, b, math.MaxInt-1)
}

// Nearest returns the name closest to s, if it is within a third of s's
// length (at least one edit); ties go to the name that sorts first. It
// returns "" when nothing is that close.
func Nearest(s string, names []string) string {
	var m Matcher
	return m.Nearest(s, names)
}

// A Matcher is Nearest with rows reused from one call to the next, for a
// caller that compares many strings with many names (every unknown target
// of a program with every node name). The zero value is ready to use.
type Matcher struct {
	rows [3][]int
}

// Nearest is the package's Nearest.
func (m *Matcher) Nearest(s string, names []string) string {
	best, bestD := "", len(s)/3+1
	for _, n := range names {
		// The difference in length is a lower bound of the distance: a
		// name that cannot beat the best, or tie with it and sort before
		// it, is not worth the computation.
		if lb := abs(len(s) - len(n)); lb > bestD || lb == bestD && (best == "" || n >= best) {
			continue
		}
		if d := m.distance(s, n, bestD); d < bestD || d == bestD && best != "" && n < best {
			best, bestD = n, d
		}
	}
	return best
}

// distance returns the distance of a and b when it is at most limit, and
// some number above limit otherwise.
func (m *Matcher) distance(a, b string, limit int) int {
	n := len(b) + 1
	for i := range m.rows {
		if cap(m.rows[i]) < n {
			m.rows[i] = make([]int, n)
		}
		m.rows[i] = m.rows[i][:n]
	}
	// prev2, prev and cur are the rows i-2, i-1 and i of the table.
	prev2, prev, cur := m.rows[0], m.rows[1], m.rows[2]
	for j := range prev {
		prev[j] = j
	}
	prevMin := 0
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		curMin := i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = d
			curMin = min(curMin, d)
		}
		// Every later cell adds to a cell of the last two rows: once both
		// exceed the limit, so does the distance.
		if curMin > limit && prevMin > limit {
			return limit + 1
		}
		prevMin = curMin
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
