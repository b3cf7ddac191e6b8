package link

// A runner runs whole-program checks over the linked program and emits
// their findings.
type runner struct {
	// checks are the catalogue IDs of the checks it reports.
	checks []string
	run    func(*program)
}

// wholeProgram is the function that runs each whole-program check of the
// catalogue (package checks), in the order they run. The catalogue cannot
// name these functions itself (link imports it through the analyzers), so
// TestCatalogue keeps the two in step: every whole-program record is run
// here, or reported while the graph is built (buildChecks), or last of
// all (unused-ignore, by Link).
var wholeProgram = []runner{
	{[]string{"cycle"}, (*program).checkCycles},
	{[]string{"orphan-channel"}, (*program).checkChannels},
	{[]string{"route-without-output"}, (*program).checkOutputs},
	{[]string{"envelope-mismatch"}, (*program).checkEnvelopes},
	{[]string{"trigger-type"}, (*program).checkTriggers},
	{[]string{"catch-unreachable"}, (*program).checkCatches},
	{[]string{"unreachable"}, (*program).checkUnreachable},
	// Every edge's payloads, then the Step Functions data flow.
	{[]string{"wire-type", "wire-quoted", "wire-missing", "wire-dropped", "wire-case", "wire-narrowing", "wire-unsupported", "path-missing"}, (*program).checkWire},
}

// buildChecks are the whole-program checks that building the graph
// reports: what cannot be linked.
var buildChecks = []string{"manifest", "unknown-target"}

// check runs the whole-program checks.
func (p *program) check() {
	for _, r := range wholeProgram {
		r.run(p)
	}
}
