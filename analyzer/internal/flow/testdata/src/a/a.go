package a

import (
	"errors"
	"os"
)

func sink(any) {}

var pkgLevel = "constant"

type config struct{ url string }

func lookup(name string) (string, error) {
	v := os.Getenv(name)
	if v == "" {
		return "", errors.New("unset")
	}
	return v, nil
}

func main() {
	sink(pkgLevel) // want `origins \["constant"\] `

	u := "a"
	if len(os.Args) > 1 {
		u = "b"
	}
	sink(u) // want `origins \["a" "b"\] `

	c := config{url: "https://x"}
	sink(c.url) // want `origins \["https://x"\] `

	var n int
	n += 2
	sink(n) // want `origins \[\] variable n is computed at run time`

	for _, q := range []string{"q1", "q2"} {
		sink(q) // want `origins \["q1" "q2"\] `
	}

	v, _ := lookup("X") // want `calls a.lookup static=true live \[v\]`
	sink(v)             // want `origins \[lookup\("X"\)\] `

	f := func() string { return "lit" }
	sink(f()) // want `calls  static=false live \["lit"\]` `origins \[f\(\)\] `
}

type T struct{}

func (t T) bindM(p string) {}

func bindV(p string, rest ...string) {}

// Bind binds receivers (a method expression's first argument), the
// parameters before a variadic one, a spread slice, and a literal's.
func binds() {
	T.bindM(T{}, "m")            // want `binds \[p="m" t=T\{\}\]`
	T{}.bindM("v")               // want `binds \[p="v" t=T\{\}\]`
	bindV("a", "b")              // want `binds \[p="a"\]`
	bindV("a", []string{"b"}...) // want `binds \[p="a" rest=\[\]string\{…\}\]`
	bindLit := func(p string) {}
	bindLit("l") // want `binds \[p="l"\]`
}

// A memo table gives back what its func stores under the same key (u's
// value, once from the table and once as assigned); a
// map another func fills, or stored under another key, is not one.
type cache struct {
	urls  map[string]string
	other map[string]string
}

func newCache() *cache { return &cache{urls: map[string]string{}, other: make(map[string]string)} }

func (c *cache) url(name string) string {
	u, ok := c.urls[name]
	if !ok {
		u = "https://q/" + name
		c.urls[name] = u
	}
	sinkIn(u) // want `origins \["https://q/" \+ name "https://q/" \+ name\] `
	w := c.other[name]
	c.other["fixed"] = "x"
	sinkIn(w) // want `origins \[c.other\[name\]\] `
	return u
}

func sinkIn(any) {}
