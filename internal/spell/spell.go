package spell

// Distance is the optimal string alignment distance between a and b: the
// edits (insert, delete, replace, swap of two neighbours) that turn one
// into the other. A swap counts as one edit, as typos make it ("retyr"
// for "retry").
func Distance(a, b string) int {
	// Three rows: the swap looks two rows back.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := 1
			if a[i-1] == b[j-1] {
				c = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+c)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// Nearest returns the name closest to s, if it is within a third of s's
// length (at least one edit); ties go to the name that sorts first. It
// returns "" when nothing is that close.
func Nearest(s string, names []string) string {
	best, bestD := "", len(s)/3+1
	for _, n := range names {
		if abs(len(n)-len(s)) > bestD {
			continue // the distance is at least the difference in length
		}
		if d := Distance(s, n); d < bestD || d == bestD && best != "" && n < best {
			best, bestD = n, d
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
