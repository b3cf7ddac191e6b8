package driver

import (
	"runtime/debug"
	"testing"
)

// TestCapHeap: the analysis's soft memory limit is below no limit, never
// above a lower limit of the user's, and the previous limit comes back.
func TestCapHeap(t *testing.T) {
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	for _, user := range []int64{1 << 62, 1 << 20} {
		debug.SetMemoryLimit(user)
		restore := capHeap()
		got := debug.SetMemoryLimit(-1)
		if got > user {
			t.Errorf("user limit %d: the analysis's limit %d is above it", user, got)
		}
		if user == 1<<62 && got == user {
			t.Errorf("no user limit: the analysis's limit was not set")
		}
		if user == 1<<20 && got != user {
			t.Errorf("user limit %d: replaced by %d", user, got)
		}
		restore()
		if after := debug.SetMemoryLimit(-1); after != user {
			t.Errorf("user limit %d: %d after restore", user, after)
		}
	}
}
