// Package config reads keys with in-code defaults: Get returns the
// default when the lookup finds nothing (through a helper that picks one
// of its arguments, or a variable set to it), Prefixed makes another
// value out of it, and Last returns it only when the key is empty.
package config

import "os"

type Config interface {
	Get(key, def string) string      // want Get:`default\(\$2\)`
	Prefixed(key, def string) string // no fact: an implementation makes a value of def
}

func New() Config { return &mapConfig{vals: map[string]string{}} }

type mapConfig struct {
	vals map[string]string
}

func (c *mapConfig) lookup(key string) (string, bool) {
	v, ok := c.vals[key]
	return v, ok
}

func (c *mapConfig) Get(key, def string) string { // want Get:`default\(\$2\)`
	v, ok := c.lookup(key)
	return pick(ok, v, def)
}

func (c *mapConfig) Prefixed(key, def string) string {
	if v, ok := c.lookup(key); ok {
		return v
	}
	return "app-" + def
}

func pick(found bool, v, def string) string {
	if found {
		return v
	}
	return def
}

type envConfig struct{}

func (envConfig) Get(key, def string) string { // want Get:`default\(\$2\)`
	v := os.Getenv(key)
	if v == "" {
		v = def
	}
	return v
}

func (envConfig) Prefixed(key, def string) string { // want Prefixed:`default\(\$2\)`
	return pick(os.Getenv(key) != "", os.Getenv(key), def)
}

// Fixed never reads its key: no accessor, but a func that hands back
// its argument, whatever the key (PassFact).
func Fixed(key, def string) string { return def } // want Fixed:`passes`
