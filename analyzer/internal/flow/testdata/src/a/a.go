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
