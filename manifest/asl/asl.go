package asl

import (
	"fmt"
	"slices"
	"strings"

	"github.com/faasvet/faasvet/manifest/node"
)

// The query languages.
const (
	JSONPath = "JSONPath"
	JSONata  = "JSONata"
)

// A Machine is a state machine definition, or a branch of a Parallel
// state, or the item processor of a Map state.
type Machine struct {
	StartAt       string   `json:"start_at,omitempty"`
	StartPos      node.Pos `json:"start_pos,omitzero"`
	QueryLanguage string   `json:"query_language,omitempty"` // JSONPath (the default) or JSONata, as declared at the top
	States        []*State `json:"states,omitempty"`         // sorted by name
	Pos           node.Pos `json:"pos,omitzero"`

	byName map[string]*State
}

// State returns the state with the given name, or nil.
func (m *Machine) State(name string) *State {
	if m == nil {
		return nil
	}
	return m.byName[name]
}

// A State is one state. The fields a state's type does not use are zero.
type State struct {
	Name string   `json:"name,omitempty"`
	Type string   `json:"type,omitempty"` // Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map
	Pos  node.Pos `json:"pos,omitzero"`   // the state's name in the definition
	// QueryLanguage is the state's effective query language.
	QueryLanguage string `json:"query_language,omitempty"`

	Next    string   `json:"next,omitempty"`
	NextPos node.Pos `json:"next_pos,omitzero"`
	End     bool     `json:"end,omitempty"`

	// JSONPath input and output processing. A Path is zero when the field
	// is absent (the default "$" applies) and Null when it is null.
	InputPath  Path `json:"input_path,omitzero"`
	OutputPath Path `json:"output_path,omitzero"`
	ResultPath Path `json:"result_path,omitzero"`
	// Parameters (ItemSelector on Map), ResultSelector and Result (Pass)
	// are payload templates: keys ending in ".$" take a path or an
	// intrinsic function such as States.Format(...).
	Parameters     *node.Node `json:"parameters,omitempty"`
	ResultSelector *node.Node `json:"result_selector,omitempty"`
	Result         *node.Node `json:"result,omitempty"`
	// JSONata: Arguments and Output are expressions or templates with
	// {% ... %} expressions; Assign sets variables.
	Arguments *node.Node `json:"arguments,omitempty"`
	Output    *node.Node `json:"output,omitempty"`
	Assign    *node.Node `json:"assign,omitempty"`

	// Task.
	Resource    *node.Node `json:"resource,omitempty"`     // as written: an ARN, a ${substitution}, an intrinsic
	Service     string     `json:"service,omitempty"`      // "lambda" (a function ARN or lambda:invoke), "sqs", "sns", "events", "states", ..., "" when unknown
	Action      string     `json:"action,omitempty"`       // the integration's action, such as "invoke" or "sendMessage"; "" for a function ARN
	Pattern     string     `json:"pattern,omitempty"`      // "", "sync" or "waitForTaskToken"
	Function    string     `json:"function,omitempty"`     // the bound function (Options.Bind); "" when not bound
	FunctionRef string     `json:"function_ref,omitempty"` // the function as written: ARN, name, ${substitution}
	FunctionPos node.Pos   `json:"function_pos,omitzero"`
	// Invoke: the function is called through arn:aws:states:::lambda:invoke,
	// which hands it Parameters.Payload and returns the Lambda Invoke
	// response, with the function's output in its Payload field.
	Invoke bool `json:"invoke,omitempty"`
	// Sends are the messages a service integration sends to a channel or
	// another state machine: SNS Publish, SQS SendMessage, EventBridge
	// PutEvents (one per entry), Step Functions StartExecution, through
	// the optimised integrations or the AWS SDK ones.
	Sends []*Send `json:"sends,omitempty"`

	// Choice.
	Choices []*Rule `json:"choices,omitempty"`
	Default string  `json:"default,omitempty"`
	// Parallel: one machine per branch.
	Branches []*Machine `json:"branches,omitempty"`
	// Map.
	Iterator  *Machine `json:"iterator,omitempty"` // ItemProcessor or Iterator
	ItemsPath Path     `json:"items_path,omitzero"`
	// ItemReader: a distributed Map reads its items from elsewhere (S3);
	// the items' shape is unknown.
	ItemReader *node.Node `json:"item_reader,omitempty"`
	// Items is a JSONata Map's items expression.
	Items *node.Node `json:"items,omitempty"`
	// Wait and Fail paths (SecondsPath, TimestampPath, ErrorPath,
	// CausePath), by field name.
	ExtraPaths []NamedPath `json:"extra_paths,omitzero"`

	Catch []*Catcher `json:"catch,omitempty"`
	Retry int        `json:"retry,omitempty"` // the number of retriers
	// Retriers are the Retry entries' error names.
	Retriers []*Retrier `json:"retriers,omitempty"`
}

// A Retrier is one entry of a state's Retry: the errors it retries.
type Retrier struct {
	ErrorEquals []string   `json:"error_equals,omitempty"`
	ErrorPos    []node.Pos `json:"error_pos,omitempty"` // of each name
	Pos         node.Pos   `json:"pos,omitzero"`
}

// A NamedPath is a path-valued field other than the standard ones.
type NamedPath struct {
	Field string `json:"field,omitempty"`
	Path  Path   `json:"path,omitzero"`
}

// A Path is a path-valued field as written.
type Path struct {
	Set  bool     `json:"set,omitempty"`  // the field is present
	Null bool     `json:"null,omitempty"` // the field is null
	Text string   `json:"text,omitempty"`
	Pos  node.Pos `json:"pos,omitzero"`
}

// A Rule is one Choice rule, or a nested condition of one.
type Rule struct {
	Variable string     `json:"variable,omitempty"`
	Op       string     `json:"op,omitempty"` // StringEquals, IsPresent, NumericGreaterThanPath, ...
	Value    *node.Node `json:"value,omitempty"`
	And      []*Rule    `json:"and,omitempty"`
	Or       []*Rule    `json:"or,omitempty"`
	Not      *Rule      `json:"not,omitempty"`
	// Condition is a JSONata rule's condition; Assign and Output its
	// variables and output.
	Condition string     `json:"condition,omitempty"`
	Assign    *node.Node `json:"assign,omitempty"`
	Output    *node.Node `json:"output,omitempty"`
	Next      string     `json:"next,omitempty"` // top-level rules only
	Pos       node.Pos   `json:"pos,omitzero"`
}

// A Catcher is one entry of a state's Catch.
type Catcher struct {
	ErrorEquals []string   `json:"error_equals,omitempty"`
	ErrorPos    []node.Pos `json:"error_pos,omitempty"` // of each name
	Next        string     `json:"next,omitempty"`
	ResultPath  Path       `json:"result_path,omitzero"`
	// JSONata: the catcher's Assign and Output, which see
	// $states.errorOutput.
	Assign *node.Node `json:"assign,omitempty"`
	Output *node.Node `json:"output,omitempty"`
	Pos    node.Pos   `json:"pos,omitzero"`
}

// The kinds of target a Send goes to.
const (
	SendTopic   = "sns-topic"
	SendQueue   = "sqs-queue"
	SendBus     = "eventbridge-bus"
	SendMachine = "state-machine"
)

// A Send is one message a service integration Task sends.
type Send struct {
	Kind string `json:"kind"` // SendTopic, SendQueue, SendBus or SendMachine
	// Target is the topic, queue, bus or state machine as written (an
	// ARN, a URL, a name, a ${substitution}, an intrinsic); nil when the
	// state computes it at run time (TopicArn.$, a JSONata expression),
	// or, for EventBridge, when the entry names no bus (the default one).
	Target *node.Node `json:"target,omitempty"`
	// Field is where the payload is in the state's Parameters or
	// Arguments: Message, MessageBody, Input, Entries[0].Detail.
	Field string `json:"field"`
	// Structured: an SNS Message with MessageStructure json, a map of
	// messages per protocol rather than the message.
	Structured bool     `json:"structured,omitempty"`
	Pos        node.Pos `json:"pos,omitzero"`
}

// Options configure Parse.
type Options struct {
	// Bind resolves a Task's function reference (a Resource, or the
	// FunctionName of lambda:invoke) to a function's ID, or "" when it
	// names no known function. Nil binds nothing.
	Bind func(ref *node.Node) string
	// QueryLanguage is the default query language when the definition
	// does not declare one (a branch inherits its parent's).
	QueryLanguage string
}

// maxStates bounds a definition: Step Functions allows at most 10000
// states.
const maxStates = 10000

// Parse reads a state machine definition. It returns a machine whenever
// def has States, and errors for what Step Functions would reject
// (unknown state types, transitions to states that do not exist).
func Parse(def *node.Node, opts Options) (*Machine, []*node.Error) {
	p := &parser{opts: opts}
	ql := opts.QueryLanguage
	if ql == "" {
		ql = JSONPath
	}
	m := p.machine(def, ql, 0)
	return m, p.errs
}

type parser struct {
	opts   Options
	errs   []*node.Error
	states int
}

func (p *parser) errorf(pos node.Pos, format string, args ...any) {
	p.errs = append(p.errs, &node.Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) machine(def *node.Node, ql string, depth int) *Machine {
	if !def.IsMap() {
		if def != nil {
			p.errorf(def.Pos, "a state machine definition must be an object")
		}
		return nil
	}
	if depth > 50 {
		p.errorf(def.Pos, "state machines nested more than 50 levels deep")
		return nil
	}
	m := &Machine{Pos: def.Pos, byName: map[string]*State{}}
	if q := def.Get("QueryLanguage"); q != nil {
		if s := q.Str(); s == JSONPath || s == JSONata {
			ql = s
		} else {
			p.errorf(q.Pos, "unknown QueryLanguage %q (want JSONPath or JSONata)", q.Text)
		}
	}
	m.QueryLanguage = ql
	if sa := def.Get("StartAt"); sa.IsString() {
		m.StartAt, m.StartPos = sa.Text, sa.Pos
	} else {
		p.errorf(def.Pos, "the state machine has no StartAt")
	}
	states := def.Get("States")
	if !states.IsMap() {
		p.errorf(def.Pos, "the state machine has no States object")
		return m
	}
	for _, f := range states.Fields() {
		p.states++
		if p.states > maxStates {
			p.errorf(f.KeyPos, "more than %d states", maxStates)
			return m
		}
		s := p.state(f, ql, depth)
		if s != nil {
			m.States = append(m.States, s)
			m.byName[s.Name] = s
		}
	}
	slices.SortFunc(m.States, func(a, b *State) int { return strings.Compare(a.Name, b.Name) })
	if m.StartAt != "" && m.byName[m.StartAt] == nil {
		p.errorf(m.StartPos, "StartAt names state %q, which does not exist", m.StartAt)
	}
	for _, s := range m.States {
		p.checkTarget(m, s.Next, s.NextPos, s.Name, "Next")
		if s.Default != "" {
			p.checkTarget(m, s.Default, s.Pos, s.Name, "Default")
		}
		for _, r := range s.Choices {
			p.checkTarget(m, r.Next, r.Pos, s.Name, "Choice rule's Next")
		}
		for _, c := range s.Catch {
			p.checkTarget(m, c.Next, c.Pos, s.Name, "Catch's Next")
		}
	}
	return m
}

func (p *parser) checkTarget(m *Machine, name string, pos node.Pos, from, field string) {
	if name != "" && m.byName[name] == nil {
		p.errorf(pos, "state %q: %s names state %q, which does not exist", from, field, name)
	}
}

func path(n *node.Node) Path {
	if n == nil {
		return Path{}
	}
	if n.Kind == node.Null {
		return Path{Set: true, Null: true, Pos: n.Pos}
	}
	return Path{Set: true, Text: n.Str(), Pos: n.Pos}
}

var stateTypes = map[string]bool{"Task": true, "Pass": true, "Choice": true, "Wait": true, "Succeed": true, "Fail": true, "Parallel": true, "Map": true}

func (p *parser) state(f *node.Field, ql string, depth int) *State {
	n := f.Value
	s := &State{Name: f.Key, Pos: f.KeyPos}
	if !n.IsMap() {
		p.errorf(f.KeyPos, "state %q must be an object", f.Key)
		return nil
	}
	s.Type = n.Get("Type").Str()
	if !stateTypes[s.Type] {
		p.errorf(f.KeyPos, "state %q has unknown Type %q", f.Key, s.Type)
		return nil
	}
	s.QueryLanguage = ql
	if q := n.Get("QueryLanguage").Str(); q == JSONPath || q == JSONata {
		s.QueryLanguage = q
	}
	if nx := n.Get("Next"); nx != nil {
		s.Next, s.NextPos = nx.Str(), nx.Pos
	}
	s.End = n.Get("End").Truthy()
	s.InputPath = path(n.Get("InputPath"))
	s.OutputPath = path(n.Get("OutputPath"))
	s.ResultPath = path(n.Get("ResultPath"))
	s.Parameters = n.Get("Parameters")
	s.ResultSelector = n.Get("ResultSelector")
	s.Result = n.Get("Result")
	s.Arguments = n.Get("Arguments")
	s.Output = n.Get("Output")
	s.Assign = n.Get("Assign")
	for _, c := range n.Get("Catch").List() {
		k := &Catcher{Next: c.Get("Next").Str(), ResultPath: path(c.Get("ResultPath")), Assign: c.Get("Assign"), Output: c.Get("Output"), Pos: c.Pos}
		for _, e := range c.Get("ErrorEquals").List() {
			k.ErrorEquals = append(k.ErrorEquals, e.Str())
			k.ErrorPos = append(k.ErrorPos, e.Pos)
		}
		s.Catch = append(s.Catch, k)
	}
	s.Retry = n.Get("Retry").Len()
	for _, r := range n.Get("Retry").List() {
		k := &Retrier{Pos: r.Pos}
		for _, e := range r.Get("ErrorEquals").List() {
			k.ErrorEquals = append(k.ErrorEquals, e.Str())
			k.ErrorPos = append(k.ErrorPos, e.Pos)
		}
		s.Retriers = append(s.Retriers, k)
	}
	switch s.Type {
	case "Task":
		p.task(s, n)
	case "Choice":
		for _, c := range n.Get("Choices").List() {
			r := p.rule(c, 0)
			r.Next = c.Get("Next").Str()
			r.Assign, r.Output = c.Get("Assign"), c.Get("Output")
			s.Choices = append(s.Choices, r)
		}
		s.Default = n.Get("Default").Str()
	case "Parallel":
		for _, b := range n.Get("Branches").List() {
			if m := p.machine(b, s.QueryLanguage, depth+1); m != nil {
				s.Branches = append(s.Branches, m)
			}
		}
	case "Map":
		it := n.Get("ItemProcessor")
		if it == nil {
			it = n.Get("Iterator")
		}
		s.Iterator = p.machine(it, s.QueryLanguage, depth+1)
		s.ItemsPath = path(n.Get("ItemsPath"))
		if sel := n.Get("ItemSelector"); sel != nil {
			s.Parameters = sel
		}
		s.ItemReader = n.Get("ItemReader")
		s.Items = n.Get("Items")
	case "Wait":
		for _, k := range []string{"SecondsPath", "TimestampPath"} {
			if v := n.Get(k); v != nil {
				s.ExtraPaths = append(s.ExtraPaths, NamedPath{k, path(v)})
			}
		}
	case "Fail":
		for _, k := range []string{"ErrorPath", "CausePath"} {
			if v := n.Get(k); v != nil {
				s.ExtraPaths = append(s.ExtraPaths, NamedPath{k, path(v)})
			}
		}
	}
	return s
}

// task reads a Task's resource: a function ARN, an optimised service
// integration (arn:aws:states:::SERVICE:ACTION[.PATTERN]), an activity,
// or a reference that only Bind can resolve.
func (p *parser) task(s *State, n *node.Node) {
	s.Resource = n.Get("Resource")
	res, isText := s.Resource.Scalar()
	args := s.Parameters
	if s.QueryLanguage == JSONata {
		args = s.Arguments
	}
	switch {
	case isText && strings.HasPrefix(res, "arn:aws:states:::"):
		rest := strings.TrimPrefix(res, "arn:aws:states:::")
		svc, action, _ := strings.Cut(rest, ":")
		action, pattern, _ := strings.Cut(action, ".")
		s.Service, s.Action, s.Pattern = svc, action, pattern
		s.Sends = sends(svc, action, args)
		if svc == "lambda" && action == "invoke" {
			s.Invoke = true
			fn := args.Get("FunctionName")
			if fn == nil {
				if d := args.Get("FunctionName.$"); d != nil {
					s.FunctionRef, s.FunctionPos = d.Str(), d.Pos
				}
				return
			}
			s.FunctionRef, s.FunctionPos = fn.String(), fn.Pos
			s.Function = p.bind(fn)
		}
	case isText && strings.HasPrefix(res, "arn:aws:states:") && strings.Contains(res, ":activity:"):
		s.Service = "activity"
	case isText && strings.HasPrefix(res, "arn:") && !strings.Contains(res, ":lambda:"):
		// Another service's ARN: not a function.
	case s.Resource != nil:
		s.FunctionRef, s.FunctionPos = s.Resource.String(), s.Resource.Pos
		s.Function = p.bind(s.Resource)
		if s.Function != "" || isText && strings.Contains(res, ":lambda:") {
			s.Service = "lambda"
		}
	}
}

// sendActions are the integrations that send a message, by service and
// action as the optimised integrations name them, with the kind of
// target, the field that names it and the field that holds the payload.
var sendActions = map[[2]string]struct{ kind, target, payload string }{
	{"sns", "publish"}:           {SendTopic, "TopicArn", "Message"},
	{"sqs", "sendMessage"}:       {SendQueue, "QueueUrl", "MessageBody"},
	{"states", "startExecution"}: {SendMachine, "StateMachineArn", "Input"},
	{"events", "putEvents"}:      {SendBus, "EventBusName", "Detail"},
}

// sdkServices maps the AWS SDK integrations' service names
// (arn:aws:states:::aws-sdk:SERVICE:ACTION) to the optimised ones'.
var sdkServices = map[string]string{"sns": "sns", "sqs": "sqs", "sfn": "states", "eventbridge": "events"}

// sends reads what a service integration sends from its Parameters (or
// Arguments): the target and where the payload is.
func sends(svc, action string, args *node.Node) []*Send {
	if svc == "aws-sdk" {
		svc, action, _ = strings.Cut(action, ":")
		svc = sdkServices[svc]
		action = lowerFirst(action)
	}
	a, ok := sendActions[[2]string{svc, action}]
	if !ok || !args.IsMap() {
		return nil
	}
	target := func(n *node.Node) *node.Node {
		t := n.Get(a.target)
		if t == nil || isJSONata(t) {
			return nil
		}
		return t
	}
	if a.kind != SendBus {
		t := target(args)
		if t == nil {
			return nil
		}
		structured := a.kind == SendTopic && strings.EqualFold(args.Get("MessageStructure").Str(), "json")
		return []*Send{{Kind: a.kind, Target: t, Field: a.payload, Structured: structured, Pos: t.Pos}}
	}
	var out []*Send
	for i, e := range args.Get("Entries").List() {
		if !e.IsMap() {
			continue
		}
		sd := &Send{Kind: SendBus, Target: target(e), Field: fmt.Sprintf("Entries[%d].Detail", i), Pos: e.Pos}
		if (e.Get(a.target) != nil || e.Get(a.target+".$") != nil) && sd.Target == nil {
			continue // a bus computed at run time
		}
		out = append(out, sd)
	}
	return out
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func isJSONata(n *node.Node) bool {
	t, ok := n.Scalar()
	return ok && strings.HasPrefix(strings.TrimSpace(t), "{%")
}

func (p *parser) bind(ref *node.Node) string {
	if p.opts.Bind == nil {
		return ""
	}
	return p.opts.Bind(ref)
}

// comparisons lists the operators of a Choice rule, so that a rule's
// operator is found whatever else it holds.
var comparisons = func() map[string]bool {
	m := map[string]bool{}
	for _, t := range []string{"String", "Numeric", "Timestamp"} {
		for _, op := range []string{"Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"} {
			m[t+op] = true
			m[t+op+"Path"] = true
		}
	}
	for _, op := range []string{"BooleanEquals", "BooleanEqualsPath", "StringMatches", "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp"} {
		m[op] = true
	}
	return m
}()

func (p *parser) rule(n *node.Node, depth int) *Rule {
	r := &Rule{Pos: n.Pos}
	if depth > 50 || !n.IsMap() {
		return r
	}
	if v := n.Get("Variable"); v != nil {
		r.Variable, r.Pos = v.Str(), v.Pos
	}
	r.Condition = n.Get("Condition").Str()
	for _, f := range n.Fields() {
		if comparisons[f.Key] {
			r.Op, r.Value = f.Key, f.Value
		}
	}
	for _, c := range n.Get("And").List() {
		r.And = append(r.And, p.rule(c, depth+1))
	}
	for _, c := range n.Get("Or").List() {
		r.Or = append(r.Or, p.rule(c, depth+1))
	}
	if c := n.Get("Not"); c != nil {
		r.Not = p.rule(c, depth+1)
	}
	return r
}

// Transitions returns the states a state may go to next: Next, the
// Choice targets and Default, and the Catch targets, without duplicates,
// in that order.
func (s *State) Transitions() []string {
	var out []string
	add := func(n string) {
		if n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	add(s.Next)
	for _, r := range s.Choices {
		add(r.Next)
	}
	add(s.Default)
	for _, c := range s.Catch {
		add(c.Next)
	}
	return out
}

// Terminal reports whether the machine may end at s.
func (s *State) Terminal() bool {
	return s.End || s.Type == "Succeed" || s.Type == "Fail"
}

// Walk calls f for every state of m and of its branches and item
// processors, depth first, in sorted order.
func (m *Machine) Walk(f func(*State)) {
	if m == nil {
		return
	}
	for _, s := range m.States {
		f(s)
		for _, b := range s.Branches {
			b.Walk(f)
		}
		s.Iterator.Walk(f)
	}
}
