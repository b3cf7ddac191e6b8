package emit

import (
	"fmt"
	"strings"
	"unicode"
)

// words splits a name into its words: at every character that is not a
// letter or digit, and where a lower-case letter or digit meets an upper
// case one (ShipQueue, orderEvents), so that every target spells one
// name the same way.
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r)):
			flush()
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// camel is a name as a CloudFormation logical ID (alphanumeric):
// order-events becomes OrderEvents.
func camel(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		b.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	if b.Len() == 0 {
		return "X"
	}
	return b.String()
}

// snake is a name as an environment variable: order-events becomes
// ORDER_EVENTS.
func snake(s string) string {
	ws := words(s)
	for i, w := range ws {
		ws[i] = strings.ToUpper(w)
	}
	out := strings.Join(ws, "_")
	if out == "" || out[0] >= '0' && out[0] <= '9' {
		out = "X_" + out
	}
	return out
}

// dns is a name as a Kubernetes object or OpenFaaS function name (an RFC
// 1123 label): ShipQueue becomes ship-queue.
func dns(s string) string {
	ws := words(s)
	for i, w := range ws {
		ws[i] = strings.ToLower(w)
	}
	out := strings.Join(ws, "-")
	if out == "" || out[0] >= '0' && out[0] <= '9' {
		out = "x-" + out
	}
	if len(out) > 63 {
		out = strings.TrimRight(out[:63], "-")
	}
	return out
}

// withSuffix appends a kind word unless the name already ends with it:
// ShipQueue stays ShipQueue, ship becomes ShipQueue.
func withSuffix(id, suffix string) string {
	if strings.HasSuffix(id, suffix) && id != suffix {
		return id
	}
	return id + suffix
}

// A namer hands out unique names: the second user of a name gets a
// number, in the order names are asked for, which is sorted.
type namer struct{ used map[string]bool }

func newNamer() *namer { return &namer{used: map[string]bool{}} }

func (n *namer) unique(base string) string {
	name := base
	for i := 2; n.used[name]; i++ {
		name = fmt.Sprintf("%s%d", base, i)
	}
	n.used[name] = true
	return name
}

// uniqueSep is unique with a separator before the number, for names
// whose last word may be a number (dns names, state names).
func (n *namer) uniqueSep(base, sep string) string {
	name := base
	for i := 2; n.used[name]; i++ {
		name = fmt.Sprintf("%s%s%d", base, sep, i)
	}
	n.used[name] = true
	return name
}
