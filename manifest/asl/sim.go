package asl

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/jsonshape"
	"github.com/faasvet/faasvet/manifest/node"
)

// A Simulation is what Simulate found.
type Simulation struct {
	// Tasks lists every Task state bound to a function (Function != ""),
	// in Walk order, with what reaches the function.
	Tasks []*TaskInput
	// Sends lists every message a service integration sends (the Sends
	// of every Task), in Walk order, with the payload.
	Sends []*SendInput
	// Problems are the paths that read keys the JSON certainly does not
	// have, sorted by position.
	Problems []Problem
	// Complete is false when the simulation gave up (a definition too
	// large to follow): then Problems is empty and no Task's input is
	// known.
	Complete bool
}

// A TaskInput is what reaches one Task's function.
type TaskInput struct {
	State    *State
	Function string
	// Shapes are the distinct Marshal shapes of the JSON the function
	// receives, one per way the state machine can reach the Task with a
	// known, different value. Parts the simulation does not know are Any.
	Shapes []*jsonshape.Shape
	// Unknown: some way in carries a value the simulation does not know
	// (the execution input, an expression it does not evaluate), which
	// no shape stands for.
	Unknown bool
	// From are the functions whose output reaches this one's input, in
	// whole or in part, on some way in: the machine's data flow from
	// Task to Task. Sorted; the Task's own function only when a loop
	// feeds its output back.
	From []string
}

// A SendInput is what one service integration sends.
type SendInput struct {
	State *State
	Send  *Send
	// Shapes, Unknown and From are as for a TaskInput, for the payload:
	// the message, the message body, the event's detail, the execution
	// input. A string payload counts as the JSON it encodes when the
	// state builds it with States.JsonToString or $string, else as
	// unknown.
	Shapes  []*jsonshape.Shape
	Unknown bool
	From    []string
}

// A Problem is a path that reads a key or index that does not exist in
// the JSON it reads, on every way the state machine reaches the state.
// Step Functions fails the execution there with States.Runtime.
type Problem struct {
	State   string   // the state's name
	Field   string   // where the path is: InputPath, Parameters.orderId.$, Choices[0].Variable, ...
	Path    string   // the path as written
	At      string   // the part of the path that exists
	Missing string   // the segment that does not, as written
	Has     string   // what the value at At is: an object with keys ..., a string
	Pos     node.Pos // the path in the manifest
	// Error is the error Step Functions fails the execution with:
	// States.Runtime for a JSONPath path, States.QueryEvaluationError for
	// a JSONata expression whose value is undefined. "" means
	// States.Runtime.
	Error string
}

// Message says what is wrong and how to fix it, in one line.
func (p Problem) Message() string {
	return fmt.Sprintf("state %q: %s %s reads %s, but %s is %s: Step Functions fails the execution with %s here; read a key the input has, or change the state that produces %s",
		p.State, p.Field, p.Path, p.Missing, p.At, p.Has, cmp.Or(p.Error, "States.Runtime"), p.At)
}

// maxAlternatives bounds the distinct values kept per state (its input
// and the workflow variables): beyond it the state's input is unknown.
const maxAlternatives = 6

// maxSteps bounds the state evaluations of one Simulate call.
const maxSteps = 20000

// Simulate follows the JSON through m in JSONPath mode. input is the
// execution input's shape (nil: unknown); output returns the Marshal
// shape of a bound function's result (nil: unknown). It computes what
// reaches each function and which paths read keys that do not exist.
// Where a shape is unknown, or the query language is JSONata, it reports
// nothing.
func (m *Machine) Simulate(input *jsonshape.Shape, output func(function string) *jsonshape.Shape) *Simulation {
	s := &sim{
		output: output,
		fp:     newFingerprinter(),
		tally:  map[tallyKey]*tallyEntry{},
		tasks:  map[*State]*taskAcc{},
		sends:  map[*Send]*taskAcc{},
	}
	if s.output == nil {
		s.output = func(string) *jsonshape.Shape { return nil }
	}
	exec := shapeVal(input)
	s.run(m, exec, nil, frame{exec: exec}, 0)
	res := &Simulation{Complete: !s.gaveUp}
	m.Walk(func(st *State) {
		if st.Type != "Task" {
			return
		}
		if st.Function != "" {
			ti := &TaskInput{State: st, Function: st.Function}
			ti.Shapes, ti.Unknown, ti.From = s.result(s.tasks[st])
			res.Tasks = append(res.Tasks, ti)
		}
		for _, sd := range st.Sends {
			si := &SendInput{State: st, Send: sd}
			si.Shapes, si.Unknown, si.From = s.result(s.sends[sd])
			res.Sends = append(res.Sends, si)
		}
	})
	if !s.gaveUp {
		for _, e := range s.tally {
			if !e.ok && e.first != nil {
				res.Problems = append(res.Problems, *e.first)
			}
		}
	}
	slices.SortFunc(res.Problems, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Pos.File, b.Pos.File), cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col), cmp.Compare(a.Field, b.Field), cmp.Compare(a.Path, b.Path))
	})
	return res
}

// result is what an accumulator knows once the simulation is done; a
// simulation that gave up knows nothing.
func (s *sim) result(acc *taskAcc) (shapes []*jsonshape.Shape, unknown bool, from []string) {
	if acc == nil || s.gaveUp {
		return nil, true, nil
	}
	for _, v := range acc.vals {
		shapes = append(shapes, toShape(v, 0))
	}
	for f := range acc.from {
		from = append(from, f)
	}
	slices.Sort(from)
	return shapes, acc.unknown, from
}

type sim struct {
	output func(string) *jsonshape.Shape
	fp     *fingerprinter
	steps  int
	gaveUp bool
	tally  map[tallyKey]*tallyEntry
	tasks  map[*State]*taskAcc
	sends  map[*Send]*taskAcc
}

// The tally decides which path reads are reported: a read is reported
// only if it missed on every evaluation of its state, so that a state
// reached with several values is judged on all of them.
type tallyKey struct {
	st          *State
	field, path string
}

type tallyEntry struct {
	ok    bool
	first *Problem
}

// taskAcc collects the values that reach a function or a send.
type taskAcc struct {
	vals    []*val
	seen    map[string]bool
	unknown bool
	from    map[string]bool
}

// frame is the context a machine runs in: the execution input ($$.Execution.Input)
// and, inside a Map, the current item ($$.Map.Item.Value).
type frame struct {
	exec, item *val
	inMap      bool
}

// An item is one way into a state: its input and the workflow variables.
type item struct {
	v    *val
	vars *varset
}

// inputs are the distinct items that reach one state.
type inputs struct {
	items   []item
	seen    map[string]bool
	top     bool // too many ways in: the state is evaluated once, on unknowns
	done    int  // items already evaluated
	topDone bool
}

func (s *sim) add(in *inputs, it item) bool {
	if in.top {
		return false
	}
	k := s.fp.of(it.v)
	if k != "" {
		if vk := s.fp.vars(it.vars); vk != "" {
			k += "|" + vk
		} else {
			k = ""
		}
	}
	if k == "" || len(in.items) >= maxAlternatives && !in.seen[k] {
		in.top = true
		return true
	}
	if in.seen[k] {
		return false
	}
	in.seen[k] = true
	in.items = append(in.items, it)
	return true
}

// run computes the fixpoint of m from input and returns what the machine
// outputs: the value its terminal states output if they agree, else
// unknown. vars are the variables the machine starts with (a branch or
// an iteration sees its parent's, and its assignments stay inside).
func (s *sim) run(m *Machine, input *val, vars *varset, fr frame, depth int) *val {
	if m == nil || depth > 60 {
		return nil
	}
	start := m.State(m.StartAt)
	if start == nil {
		return nil
	}
	in := map[*State]*inputs{}
	get := func(st *State) *inputs {
		x := in[st]
		if x == nil {
			x = &inputs{seen: map[string]bool{}}
			in[st] = x
		}
		return x
	}
	var queue []*State
	queued := map[*State]bool{}
	push := func(st *State, it item) {
		if st == nil {
			return
		}
		if s.add(get(st), it) && !queued[st] {
			queued[st] = true
			queue = append(queue, st)
		}
	}
	var outs []*val
	outUnknown := false
	push(start, item{input, vars})
	for len(queue) > 0 {
		st := queue[0]
		queue = queue[1:]
		queued[st] = false
		x := get(st)
		var batch []item
		if x.top {
			if x.topDone {
				continue
			}
			x.topDone = true
			batch = []item{{}}
		} else {
			batch = x.items[x.done:]
			x.done = len(x.items)
		}
		for _, it := range batch {
			s.steps++
			if s.steps > maxSteps {
				s.gaveUp = true
				return nil
			}
			for _, e := range s.state(st, it.v, it.vars, fr, depth) {
				if e.to == "" {
					if e.terminal {
						if e.v == nil {
							outUnknown = true
						} else {
							outs = append(outs, e.v)
						}
					}
					continue
				}
				push(m.State(e.to), item{e.v, e.vars})
			}
		}
	}
	if outUnknown || len(outs) == 0 {
		return nil
	}
	first := s.fp.of(outs[0])
	for _, o := range outs[1:] {
		if s.fp.of(o) != first || first == "" {
			return nil
		}
	}
	return outs[0]
}

// An exit is a value leaving a state: to the next state, or out of the
// machine (terminal).
type exit struct {
	to       string
	v        *val
	vars     *varset
	terminal bool
}

// state evaluates st on one input value and the variables.
func (s *sim) state(st *State, raw *val, vars *varset, fr frame, depth int) []exit {
	if st.QueryLanguage == JSONata {
		return s.jsonataState(st, raw, vars, fr, depth)
	}
	// JSONPath states may assign variables too; what they assign is not
	// followed, so it becomes unknown.
	after := vars.forget(st.Assign)
	effective := raw
	if st.Type != "Fail" {
		effective = s.readPath(st, "InputPath", st.InputPath, raw, fr)
	}
	var result *val
	var exits []exit
	switch st.Type {
	case "Task":
		params := effective
		if st.Parameters != nil {
			params = s.template(st, "Parameters", st.Parameters, effective, fr)
		}
		fnIn := params
		if st.Invoke {
			fnIn = nil
			if st.Parameters != nil {
				fnIn, _, _ = step(params, segment{kind: segKey, key: "Payload"})
			}
		}
		if st.Function != "" {
			s.record(s.task(st), fnIn)
		}
		for _, sd := range st.Sends {
			if st.Parameters == nil {
				s.record(s.send(sd), nil)
				continue
			}
			s.record(s.send(sd), payloadOf(params, sd))
		}
		result = s.taskResult(st)
	case "Pass":
		result = effective
		if st.Parameters != nil {
			result = s.template(st, "Parameters", st.Parameters, effective, fr)
		}
		if st.Result != nil {
			result = literal(st.Result, 0)
		}
	case "Parallel":
		params := effective
		if st.Parameters != nil {
			params = s.template(st, "Parameters", st.Parameters, effective, fr)
		}
		tuple := &val{kind: vArray, tuple: true}
		for _, b := range st.Branches {
			tuple.items = append(tuple.items, s.run(b, params, vars, frame{exec: fr.exec}, depth+1))
		}
		result = tuple
	case "Map":
		var items *val
		if st.ItemReader == nil {
			items = s.readPath(st, "ItemsPath", st.ItemsPath, effective, fr)
		}
		elem, r, _ := step(items, segment{kind: segAll})
		if r != found || elem == nil || elem.kind != vArray {
			elem = nil
		} else {
			elem = elem.elem
		}
		iterIn := elem
		inner := frame{exec: fr.exec, item: elem, inMap: true}
		if st.Parameters != nil {
			iterIn = s.template(st, "ItemSelector", st.Parameters, effective, inner)
		}
		result = arrayOf(s.run(st.Iterator, iterIn, vars, inner, depth+1))
	case "Choice":
		var guards []string
		for i, r := range st.Choices {
			s.ruleReads(st, fmt.Sprintf("Choices[%d]", i), r, effective, &guards)
		}
		out := s.readPath(st, "OutputPath", st.OutputPath, effective, fr)
		for _, r := range st.Choices {
			if !s.canMatch(r, effective) {
				continue
			}
			exits = append(exits, exit{to: r.Next, v: out, vars: after.forget(r.Assign)})
		}
		exits = append(exits, exit{to: st.Default, v: out, vars: after})
		return exits
	case "Wait", "Succeed":
		for _, ep := range st.ExtraPaths {
			s.readPath(st, ep.Field, ep.Path, effective, fr)
		}
		out := s.readPath(st, "OutputPath", st.OutputPath, effective, fr)
		return []exit{{to: st.Next, v: out, vars: after, terminal: st.Terminal()}}
	case "Fail":
		for _, ep := range st.ExtraPaths {
			s.readPath(st, ep.Field, ep.Path, raw, fr)
		}
		return nil
	}
	if st.ResultSelector != nil && st.Type != "Pass" {
		result = s.template(st, "ResultSelector", st.ResultSelector, result, fr)
	}
	merged := s.resultPath(st.ResultPath, raw, result)
	out := s.readPath(st, "OutputPath", st.OutputPath, merged, fr)
	exits = append(exits, exit{to: st.Next, v: out, vars: after, terminal: st.Terminal()})
	for _, c := range st.Catch {
		exits = append(exits, exit{to: c.Next, v: s.resultPath(c.ResultPath, raw, errorOutput()), vars: vars.forget(c.Assign)})
	}
	return exits
}

// errorOutput is what a Catch gets: the error's name and cause.
func errorOutput() *val {
	return &val{kind: vObject, fields: []vfield{{"Error", scalarVal(jsonshape.String)}, {"Cause", scalarVal(jsonshape.String)}}}
}

func (s *sim) task(st *State) *taskAcc {
	acc := s.tasks[st]
	if acc == nil {
		acc = &taskAcc{seen: map[string]bool{}, from: map[string]bool{}}
		s.tasks[st] = acc
	}
	return acc
}

func (s *sim) send(sd *Send) *taskAcc {
	acc := s.sends[sd]
	if acc == nil {
		acc = &taskAcc{seen: map[string]bool{}, from: map[string]bool{}}
		s.sends[sd] = acc
	}
	return acc
}

// record adds one value that reaches a function or a send.
func (s *sim) record(acc *taskAcc, v *val) {
	sources(v, acc.from, 0)
	k := ""
	if v.known() {
		k = s.fp.of(v)
	}
	if k == "" || len(acc.vals) >= maxAlternatives && !acc.seen[k] {
		acc.unknown = true
		return
	}
	if !acc.seen[k] {
		acc.seen[k] = true
		acc.vals = append(acc.vals, v)
	}
}

// payloadOf finds a send's payload in the state's evaluated Parameters
// or Arguments. A string is the JSON it encodes when the state built it
// so, else unknown: its text is not followed.
func payloadOf(args *val, sd *Send) *val {
	if sd.Structured {
		return nil
	}
	p, ok := parsePath("$." + sd.Field)
	if !ok {
		return nil
	}
	cur := args
	for _, sg := range p.segs {
		next, r, _ := step(cur, sg)
		if r != found {
			return nil
		}
		cur = next
	}
	if cur == nil {
		return nil
	}
	if cur.kind == vScalar && cur.scalar == jsonshape.String || cur.kind == vShape && cur.shape.Kind == jsonshape.String {
		return cur.json
	}
	return cur
}

// taskResult is what a Task hands to ResultSelector: the function's
// output, or for lambda:invoke the Invoke response around it.
func (s *sim) taskResult(st *State) *val {
	if st.Service != "lambda" || st.Function == "" || st.Pattern == "waitForTaskToken" {
		return nil
	}
	out := withFrom(shapeVal(s.output(st.Function)), st.Function)
	if st.Invoke {
		return &val{kind: vObject, fields: []vfield{
			{"ExecutedVersion", scalarVal(jsonshape.String)},
			{"Payload", out},
			{"SdkHttpMetadata", nil},
			{"SdkResponseMetadata", nil},
			{"StatusCode", scalarVal(jsonshape.Number)},
		}}
	}
	return out
}

// resultPath places result into the raw input as ResultPath says.
func (s *sim) resultPath(p Path, raw, result *val) *val {
	switch {
	case !p.Set:
		return result
	case p.Null:
		return raw
	}
	segs, ok := refPath(p.Text)
	if !ok {
		return nil
	}
	return setPath(raw, segs, result, 0)
}

// readPath applies an InputPath, OutputPath or ItemsPath to v.
func (s *sim) readPath(st *State, field string, p Path, v *val, fr frame) *val {
	switch {
	case !p.Set:
		return v
	case p.Null:
		return &val{kind: vObject} // {}: the state gets an empty object
	}
	return s.read(st, field, p.Text, p.Pos, v, fr)
}

// read evaluates a path on v and tallies the outcome.
func (s *sim) read(st *State, field, text string, pos node.Pos, v *val, fr frame) *val {
	p, ok := parsePath(text)
	if !ok {
		return nil
	}
	base := v
	report := true
	if p.context {
		// Context reads are never reported: the context object's shape is
		// the service's, not the app's.
		base, p = contextBase(p, fr)
		report = false
		if base == nil {
			return nil
		}
	}
	key := tallyKey{st, field, text}
	e := s.tally[key]
	if e == nil {
		e = &tallyEntry{}
		s.tally[key] = e
	}
	cur := base
	multi := false
	for i, sg := range p.segs {
		if multi {
			// After a wildcard, keys apply to each element and a miss is
			// an empty list, not an error: nothing to report.
			if cur == nil || cur.kind != vArray || cur.tuple {
				e.ok = true
				return nil
			}
			next, r, _ := step(cur.elem, sg)
			if r != found {
				e.ok = true
				return nil
			}
			cur = arrayOf(next)
			continue
		}
		next, r, what := step(cur, sg)
		switch r {
		case unknown:
			e.ok = true
			return nil
		case missing:
			if report && e.first == nil {
				e.first = &Problem{State: st.Name, Field: field, Path: text, At: p.prefix(i), Missing: sg.text, Has: what, Pos: pos}
			}
			if !report {
				e.ok = true
			}
			return nil
		}
		if sg.kind == segAll {
			multi = true
		}
		cur = next
	}
	e.ok = true
	return cur
}

// contextBase resolves the context object's paths the simulation knows:
// $$.Execution.Input and $$.Map.Item.Value. It returns the value and the
// rest of the path.
func contextBase(p jsonPath, fr frame) (*val, jsonPath) {
	keys := func(names ...string) bool {
		if len(p.segs) < len(names) {
			return false
		}
		for i, n := range names {
			if p.segs[i].kind != segKey || p.segs[i].key != n {
				return false
			}
		}
		return true
	}
	rest := func(n int) jsonPath { return jsonPath{segs: p.segs[n:]} }
	switch {
	case keys("Execution", "Input"):
		return fr.exec, rest(2)
	case keys("Map", "Item", "Value") && fr.inMap:
		return fr.item, rest(3)
	case keys("Map", "Item", "Index") && len(p.segs) == 3:
		return scalarVal(jsonshape.Number), rest(3)
	case keys("Task", "Token") && len(p.segs) == 2:
		return scalarVal(jsonshape.String), rest(2)
	}
	return nil, p
}

// template evaluates a payload template (Parameters, ItemSelector,
// ResultSelector) against v.
func (s *sim) template(st *State, field string, n *node.Node, v *val, fr frame) *val {
	return s.tmpl(st, field, n, v, fr, 0)
}

func (s *sim) tmpl(st *State, field string, n *node.Node, v *val, fr frame, depth int) *val {
	if n == nil || depth > node.MaxDepth {
		return nil
	}
	switch n.Kind {
	case node.Map:
		if _, _, ok := n.Intrinsic(); ok {
			return literal(n, depth)
		}
		obj := &val{kind: vObject}
		for _, f := range n.Fields() {
			name, dyn := strings.CutSuffix(f.Key, ".$")
			var x *val
			if dyn {
				x = s.expr(st, field+"."+f.Key, f.Value, v, fr)
			} else {
				x = s.tmpl(st, field+"."+f.Key, f.Value, v, fr, depth+1)
			}
			obj.fields = append(obj.fields, vfield{name, x})
		}
		return obj
	case node.Seq:
		arr := &val{kind: vArray, tuple: true}
		for i, it := range n.List() {
			arr.items = append(arr.items, s.tmpl(st, fmt.Sprintf("%s[%d]", field, i), it, v, fr, depth+1))
		}
		return arr
	}
	return literal(n, depth)
}

// expr evaluates the value of a ".$" key: a path, a context path, or an
// intrinsic function.
func (s *sim) expr(st *State, field string, n *node.Node, v *val, fr frame) *val {
	text, ok := n.Scalar()
	if !ok {
		return nil
	}
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "States.") {
		return s.intrinsic(st, field, text, n.Pos, v, fr, 0)
	}
	return s.read(st, field, text, n.Pos, v, fr)
}

// intrinsicResults are the kinds the intrinsic functions return; those
// not listed return something the simulation does not follow.
var intrinsicResults = map[string]jsonshape.Kind{
	"States.Format": jsonshape.String, "States.JsonToString": jsonshape.String,
	"States.Base64Encode": jsonshape.String, "States.Base64Decode": jsonshape.String,
	"States.Hash": jsonshape.String, "States.UUID": jsonshape.String,
	"States.ArrayContains": jsonshape.Bool, "States.ArrayLength": jsonshape.Number,
	"States.MathRandom": jsonshape.Number, "States.MathAdd": jsonshape.Number,
	"States.Array": jsonshape.Array, "States.ArrayPartition": jsonshape.Array,
	"States.ArrayRange": jsonshape.Array, "States.StringSplit": jsonshape.Array,
	"States.ArrayUnique": jsonshape.Array,
}

func (s *sim) intrinsic(st *State, field, text string, pos node.Pos, v *val, fr frame, depth int) *val {
	in, ok := parseIntrinsic(text)
	if !ok || depth > 20 {
		return nil
	}
	var args []*val
	for _, a := range in.args {
		var x *val
		switch {
		case strings.HasPrefix(a, "States."):
			x = s.intrinsic(st, field, a, pos, v, fr, depth+1)
		case strings.HasPrefix(a, "$"):
			x = s.read(st, field, a, pos, v, fr)
		}
		args = append(args, x)
	}
	if in.name == "States.JsonToString" && len(args) == 1 && args[0] != nil {
		return &val{kind: vScalar, scalar: jsonshape.String, json: args[0]}
	}
	k, ok := intrinsicResults[in.name]
	if !ok {
		return nil
	}
	if k == jsonshape.Array {
		return derived(arrayOf(nil), args)
	}
	return derived(scalarVal(k), args)
}

// ruleReads tallies the paths a Choice rule reads. A path that an
// IsPresent test in the same Choice state guards is not reported: the
// rule exists to handle its absence.
func (s *sim) ruleReads(st *State, field string, r *Rule, v *val, guards *[]string) {
	collectGuards(r, guards, 0)
	var walk func(r *Rule, field string, depth int)
	walk = func(r *Rule, field string, depth int) {
		if r == nil || depth > 50 {
			return
		}
		if r.Variable != "" && r.Op != "IsPresent" && !guarded(r.Variable, *guards) {
			s.read(st, field+".Variable", r.Variable, r.Pos, v, frame{})
		}
		if strings.HasSuffix(r.Op, "Path") && r.Value != nil {
			if p := r.Value.Str(); p != "" && !guarded(p, *guards) {
				s.read(st, field+"."+r.Op, p, r.Value.Pos, v, frame{})
			}
		}
		for i, c := range r.And {
			walk(c, fmt.Sprintf("%s.And[%d]", field, i), depth+1)
		}
		for i, c := range r.Or {
			walk(c, fmt.Sprintf("%s.Or[%d]", field, i), depth+1)
		}
		walk(r.Not, field+".Not", depth+1)
	}
	walk(r, field, 0)
}

func collectGuards(r *Rule, out *[]string, depth int) {
	if r == nil || depth > 50 {
		return
	}
	if r.Op == "IsPresent" && r.Variable != "" {
		*out = append(*out, r.Variable)
	}
	for _, c := range r.And {
		collectGuards(c, out, depth+1)
	}
	for _, c := range r.Or {
		collectGuards(c, out, depth+1)
	}
	collectGuards(r.Not, out, depth+1)
}

func guarded(p string, guards []string) bool {
	for _, g := range guards {
		if p == g || strings.HasPrefix(p, g+".") || strings.HasPrefix(p, g+"[") || strings.HasPrefix(g, p+".") {
			return true
		}
	}
	return false
}

// canMatch reports whether a top-level rule may match v: a rule that
// requires IsPresent true on a path v certainly lacks cannot, so the
// branch it guards does not get v.
func (s *sim) canMatch(r *Rule, v *val) bool {
	var reqs []*Rule
	if r.Op == "IsPresent" {
		reqs = append(reqs, r)
	}
	for _, c := range r.And {
		if c.Op == "IsPresent" {
			reqs = append(reqs, c)
		}
	}
	for _, q := range reqs {
		if q.Value == nil || q.Value.Kind != node.Bool || !q.Value.Truthy() {
			continue
		}
		if lookup(v, q.Variable) == missing {
			return false
		}
	}
	return true
}

// lookup follows a path without tallying.
func lookup(v *val, text string) lookResult {
	p, ok := parsePath(text)
	if !ok || p.context {
		return unknown
	}
	cur := v
	for _, sg := range p.segs {
		if sg.kind == segAll {
			return unknown
		}
		next, r, _ := step(cur, sg)
		if r != found {
			return r
		}
		cur = next
	}
	return found
}
