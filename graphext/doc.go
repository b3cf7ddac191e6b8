// Package graphext is faasvet's function graph: functions and channels
// (topics, queues, buses) as nodes, routes as edges that carry the Go
// payload types of both ends and the source position that declared them.
//
// It keeps github.com/dominikbraun/graph behind its API: the library holds
// the adjacency, and this package adds what the library lacks, parallel
// edges with data, deterministic iteration and elementary cycles.
// Everything iterates in sorted order, so that every output built on the
// graph is byte-identical from run to run.
package graphext
