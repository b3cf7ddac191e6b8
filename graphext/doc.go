// Package graphext is faasvet's function graph: functions and channels
// (topics, queues, buses) as nodes, routes as typed edges that carry the
// Go payload types of both ends and the source position that declared
// them.
//
// github.com/dominikbraun/graph holds the graph: the nodes are its
// vertices, and the routes between one ordered pair of nodes are the data
// of its one edge for the pair (an app may route twice between two
// functions). Out, In and Edges read the library's adjacency, sorted;
// Cycles takes the strongly connected components from the library and
// enumerates elementary cycles inside them with Johnson's algorithm, the
// one piece the library lacks, written iteratively. Filter and Transpose
// cut out one kind of route and reverse it, so that the library's
// breadth-first search answers reachability (Reachable: which channels
// feed a queue, what a chain of direct routes covers), and Order is the
// library's topological sort of the strongly connected components (the
// order emit builds state machines in). Everything iterates
// in sorted order, so that every output built on the graph is
// byte-identical from run to run.
package graphext
