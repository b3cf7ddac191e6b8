package asl

import (
	"slices"
	"strconv"
	"strings"

	"github.com/faasvet/faasvet/jsonshape"
	"github.com/faasvet/faasvet/manifest/node"
)

// A varset is the workflow variables at one point of an execution:
// sorted by name, never changed once built. A variable present with a
// nil value is assigned something the simulation does not know.
type varset struct {
	names []string
	vals  []*val
}

func (vs *varset) get(name string) (*val, bool) {
	if vs == nil {
		return nil, false
	}
	i, ok := slices.BinarySearch(vs.names, name)
	if !ok {
		return nil, false
	}
	return vs.vals[i], true
}

// with returns vs with the assignments made: Step Functions evaluates
// every value of an Assign against the variables before it, then sets
// them all.
func (vs *varset) with(names []string, vals []*val) *varset {
	if len(names) == 0 {
		return vs
	}
	out := &varset{}
	if vs != nil {
		out.names = append(out.names, vs.names...)
		out.vals = append(out.vals, vs.vals...)
	}
	for i, n := range names {
		j, ok := slices.BinarySearch(out.names, n)
		if ok {
			out.vals[j] = vals[i]
			continue
		}
		out.names = slices.Insert(out.names, j, n)
		out.vals = slices.Insert(out.vals, j, vals[i])
	}
	return out
}

// forget returns vs with the variables an Assign sets made unknown: what
// a JSONPath state or rule assigns is not followed.
func (vs *varset) forget(assign *node.Node) *varset {
	var names []string
	for _, f := range assign.Fields() {
		names = append(names, strings.TrimSuffix(f.Key, ".$"))
	}
	return vs.with(names, make([]*val, len(names)))
}

// vars fingerprints a variable set, "" when too large.
func (fp *fingerprinter) vars(vs *varset) string {
	if vs == nil {
		return "-"
	}
	var b strings.Builder
	for i, n := range vs.names {
		b.WriteString(strconv.Quote(n))
		b.WriteString("=")
		fp.write(&b, vs.vals[i])
		b.WriteString(";")
		if b.Len() > maxPrint {
			return ""
		}
	}
	return b.String()
}

// jctx is what a JSONata expression in one state sees: $states.input,
// $states.result (Output and Assign of a Task, Parallel or Map),
// $states.errorOutput (a Catch), the variables and the context object.
type jctx struct {
	st          *State
	input       *val
	result      *val
	hasResult   bool
	errorOutput *val
	hasError    bool
	vars        *varset
	fr          frame
}

// jsonataState evaluates a JSONata state on one input value and the
// variables.
func (s *sim) jsonataState(st *State, input *val, vars *varset, fr frame, depth int) []exit {
	c := &jctx{st: st, input: input, vars: vars, fr: fr}
	result := input // Pass, Wait, Succeed, Choice: the output defaults to the input
	switch st.Type {
	case "Task":
		args := input
		if st.Arguments != nil {
			args = s.jtemplate(c, "Arguments", st.Arguments, 0)
		}
		fnIn := args
		if st.Invoke {
			fnIn = nil
			if st.Arguments != nil {
				if p, r, _ := step(args, segment{kind: segKey, key: "Payload"}); r == found {
					fnIn = p
				}
			}
		}
		if st.Function != "" {
			s.record(s.task(st), fnIn)
		}
		for _, sd := range st.Sends {
			s.record(s.send(sd), payloadOf(args, sd))
		}
		result, c.hasResult = s.taskResult(st), true
	case "Parallel":
		args := input
		if st.Arguments != nil {
			args = s.jtemplate(c, "Arguments", st.Arguments, 0)
		}
		tuple := &val{kind: vArray, tuple: true}
		for _, b := range st.Branches {
			tuple.items = append(tuple.items, s.run(b, args, vars, frame{exec: fr.exec}, depth+1))
		}
		result, c.hasResult = tuple, true
	case "Map":
		var items *val
		switch {
		case st.ItemReader != nil:
		case st.Items != nil:
			items = s.jtemplate(c, "Items", st.Items, 0)
		default:
			items = input
		}
		var elem *val
		if items != nil && (items.kind == vArray && !items.tuple || items.kind == vShape && items.shape.Kind == jsonshape.Array) {
			if e, r, _ := step(items, segment{kind: segIndex}); r == found {
				elem = e
			}
		}
		inner := frame{exec: fr.exec, item: elem, inMap: true}
		iterIn := elem
		if st.Parameters != nil {
			ic := &jctx{st: st, input: input, vars: vars, fr: inner}
			iterIn = s.jtemplate(ic, "ItemSelector", st.Parameters, 0)
		}
		result, c.hasResult = arrayOf(s.run(st.Iterator, iterIn, vars, inner, depth+1)), true
	case "Fail":
		return nil
	}
	c.result = result
	out := result
	if st.Output != nil {
		out = s.jtemplate(c, "Output", st.Output, 0)
	}
	after := s.jassign(c, "Assign", st.Assign)
	if st.Type == "Choice" {
		var exits []exit
		for i, r := range st.Choices {
			o, vs := out, after
			field := "Choices[" + strconv.Itoa(i) + "]"
			if r.Output != nil {
				o = s.jtemplate(c, field+".Output", r.Output, 0)
			}
			if r.Assign != nil {
				vs = s.jassign(c, field+".Assign", r.Assign)
			}
			exits = append(exits, exit{to: r.Next, v: o, vars: vs})
		}
		return append(exits, exit{to: st.Default, v: out, vars: after})
	}
	exits := []exit{{to: st.Next, v: out, vars: after, terminal: st.Terminal()}}
	for i, k := range st.Catch {
		ec := &jctx{st: st, input: input, errorOutput: errorOutput(), hasError: true, vars: vars, fr: fr}
		field := "Catch[" + strconv.Itoa(i) + "]"
		o := ec.errorOutput
		if k.Output != nil {
			o = s.jtemplate(ec, field+".Output", k.Output, 0)
		}
		exits = append(exits, exit{to: k.Next, v: o, vars: s.jassign(ec, field+".Assign", k.Assign)})
	}
	return exits
}

// jassign evaluates an Assign and returns the variables after it.
func (s *sim) jassign(c *jctx, field string, n *node.Node) *varset {
	if !n.IsMap() {
		return c.vars
	}
	var names []string
	var vals []*val
	for _, f := range n.Fields() {
		names = append(names, f.Key)
		vals = append(vals, s.jtemplate(c, field+"."+f.Key, f.Value, 0))
	}
	return c.vars.with(names, vals)
}

// jtemplate evaluates a JSONata field: a value whose strings in {% %}
// are expressions, or one expression.
func (s *sim) jtemplate(c *jctx, field string, n *node.Node, depth int) *val {
	if n == nil || depth > node.MaxDepth {
		return nil
	}
	switch n.Kind {
	case node.String:
		text := strings.TrimSpace(n.Text)
		// "{%}" opens and closes on one shared %: no expression, a
		// literal (and no slice [2:1]).
		if len(text) < len("{%%}") || !strings.HasPrefix(text, "{%") || !strings.HasSuffix(text, "%}") {
			return literal(n, depth)
		}
		e, ok := parseJSONata(strings.TrimSpace(text[2 : len(text)-2]))
		if !ok {
			return nil
		}
		if e.op == jPath {
			// A field whose whole value is a path that reads an absent
			// key is undefined, which Step Functions rejects.
			return s.jpath(c, e, field, n.Pos, true)
		}
		return s.jeval(c, e, 0)
	case node.Map:
		if _, _, ok := n.Intrinsic(); ok {
			return literal(n, depth)
		}
		obj := &val{kind: vObject}
		for _, f := range n.Fields() {
			obj.fields = append(obj.fields, vfield{f.Key, s.jtemplate(c, field+"."+f.Key, f.Value, depth+1)})
		}
		return obj
	case node.Seq:
		arr := &val{kind: vArray, tuple: true}
		for i, it := range n.List() {
			arr.items = append(arr.items, s.jtemplate(c, field+"["+strconv.Itoa(i)+"]", it, depth+1))
		}
		return arr
	}
	return literal(n, depth)
}

// jpath evaluates a path expression. With report, a key that the value
// certainly lacks is tallied as a problem of field.
func (s *sim) jpath(c *jctx, e *jexpr, field string, pos node.Pos, report bool) *val {
	var tally *tallyEntry
	if report && e.root != "" {
		key := tallyKey{c.st, field, e.text}
		tally = s.tally[key]
		if tally == nil {
			tally = &tallyEntry{}
			s.tally[key] = tally
		}
	}
	// unknownHere: this evaluation cannot tell, so the read is not
	// reported whatever the other evaluations find.
	unknownHere := func() *val {
		if tally != nil {
			tally.ok = true
		}
		return nil
	}
	var cur *val
	segs := e.segs
	switch e.root {
	case "$states":
		if len(segs) == 0 || segs[0].kind != segKey {
			return unknownHere()
		}
		switch segs[0].key {
		case "input":
			cur = c.input
		case "result":
			if !c.hasResult {
				return unknownHere()
			}
			cur = c.result
		case "errorOutput":
			if !c.hasError {
				return unknownHere()
			}
			cur = c.errorOutput
		case "context":
			// The context object's shape is the service's: what it holds
			// is followed where known, never reported.
			base, rest := contextBase(jsonPath{context: true, segs: segs[1:]}, c.fr)
			unknownHere()
			tally = nil
			if base == nil {
				return nil
			}
			cur, segs = base, append([]segment{segs[0]}, rest.segs...)
		default:
			return unknownHere()
		}
		segs = segs[1:]
	case "":
		return nil // $: the context value, not followed
	default:
		v, ok := c.vars.get(e.root)
		if !ok {
			return unknownHere() // assigned where the simulation does not see, or undefined
		}
		cur = v
	}
	for i, sg := range segs {
		if sg.kind == segIndex && !isArray(cur) {
			// JSONata indexes a single value as a one-item array.
			return unknownHere()
		}
		next, r, what := step(cur, sg)
		switch r {
		case unknown:
			return unknownHere()
		case missing:
			if tally != nil && tally.first == nil {
				tally.first = &Problem{State: c.st.Name, Field: field, Path: e.text, At: e.prefix(len(e.segs) - len(segs) + i),
					Missing: sg.text, Has: what, Pos: pos, Error: "States.QueryEvaluationError"}
			}
			return nil
		}
		cur = next
	}
	unknownHere()
	return cur
}

func isArray(v *val) bool {
	return v != nil && (v.kind == vArray || v.kind == vShape && v.shape.Kind == jsonshape.Array)
}

// jeval evaluates an expression of the subset followed here; anything
// else is unknown.
func (s *sim) jeval(c *jctx, e *jexpr, depth int) *val {
	if e == nil || depth > 50 {
		return nil
	}
	switch e.op {
	case jPath:
		return s.jpath(c, e, "", node.Pos{}, false)
	case jString:
		return scalarVal(jsonshape.String)
	case jNumber:
		v := scalarVal(jsonshape.Number)
		v.float = strings.ContainsAny(e.text, ".eE")
		return v
	case jBool:
		return scalarVal(jsonshape.Bool)
	case jNull:
		return scalarVal(jsonshape.Null)
	case jConcat:
		return derived(scalarVal(jsonshape.String), s.jargs(c, e, depth))
	case jArith:
		return derived(scalarVal(jsonshape.Number), s.jargs(c, e, depth))
	case jObject:
		obj := &val{kind: vObject}
		for i, k := range e.keys {
			// An unknown value may also be undefined, which leaves the
			// key out: either way the key says nothing to a consumer.
			obj.fields = append(obj.fields, vfield{k, s.jeval(c, e.items[i], depth+1)})
		}
		return obj
	case jArray:
		arr := &val{kind: vArray, tuple: true}
		for _, it := range e.items {
			arr.items = append(arr.items, s.jeval(c, it, depth+1))
		}
		return arr
	case jCall:
		return s.jcall(c, e, depth)
	}
	return nil
}

// jResults are the kinds the JSONata functions followed here return.
var jResults = map[string]jsonshape.Kind{
	"uppercase": jsonshape.String, "lowercase": jsonshape.String, "trim": jsonshape.String, "substring": jsonshape.String,
	"substringBefore": jsonshape.String, "substringAfter": jsonshape.String, "join": jsonshape.String, "now": jsonshape.String,
	"uuid": jsonshape.String, "formatNumber": jsonshape.String, "fromMillis": jsonshape.String, "base64encode": jsonshape.String,
	"base64decode": jsonshape.String, "pad": jsonshape.String, "replace": jsonshape.String, "hash": jsonshape.String,
	"number": jsonshape.Number, "count": jsonshape.Number, "sum": jsonshape.Number, "length": jsonshape.Number,
	"round": jsonshape.Number, "floor": jsonshape.Number, "ceil": jsonshape.Number, "abs": jsonshape.Number,
	"millis": jsonshape.Number, "max": jsonshape.Number, "min": jsonshape.Number, "average": jsonshape.Number,
	"random": jsonshape.Number, "toMillis": jsonshape.Number,
	"exists": jsonshape.Bool, "boolean": jsonshape.Bool, "not": jsonshape.Bool, "contains": jsonshape.Bool,
}

func (s *sim) jargs(c *jctx, e *jexpr, depth int) []*val {
	args := make([]*val, len(e.items))
	for i, a := range e.items {
		args[i] = s.jeval(c, a, depth+1)
	}
	return args
}

// derived marks a value computed from others as the function's whose
// output they all come from, if one: the data still flows from it.
func derived(v *val, args []*val) *val {
	from := map[string]bool{}
	for _, a := range args {
		sources(a, from, 0)
	}
	if len(from) != 1 {
		return v
	}
	for f := range from {
		v.from = f
	}
	return v
}

func (s *sim) jcall(c *jctx, e *jexpr, depth int) *val {
	args := s.jargs(c, e, depth)
	switch e.name {
	case "string":
		if len(args) == 1 && args[0] != nil && (args[0].kind == vObject || args[0].kind == vArray ||
			args[0].kind == vShape && (args[0].shape.Kind == jsonshape.Object || args[0].shape.Kind == jsonshape.Array || args[0].shape.Kind == jsonshape.Map)) {
			return &val{kind: vScalar, scalar: jsonshape.String, json: args[0]}
		}
		return derived(scalarVal(jsonshape.String), args)
	case "merge":
		if len(args) != 1 || args[0] == nil || args[0].kind != vArray || !args[0].tuple {
			return nil
		}
		obj := &val{kind: vObject}
		for _, it := range args[0].items {
			fields, ok := objectFields(it)
			if !ok {
				return nil
			}
			for _, f := range fields {
				if i := slices.IndexFunc(obj.fields, func(g vfield) bool { return g.name == f.name }); i >= 0 {
					obj.fields[i] = f
				} else {
					obj.fields = append(obj.fields, f)
				}
			}
		}
		return obj
	}
	if k, ok := jResults[e.name]; ok {
		return derived(scalarVal(k), args)
	}
	return nil
}

// objectFields lists a known object's keys and values.
func objectFields(v *val) ([]vfield, bool) {
	switch {
	case v == nil:
	case v.kind == vObject && !v.open:
		return v.fields, true
	case v.kind == vShape && v.shape.Kind == jsonshape.Object:
		var out []vfield
		for _, f := range v.shape.Fields {
			out = append(out, vfield{f.Name, withFrom(shapeVal(f.Shape), v.from)})
		}
		return out, true
	}
	return nil, false
}

// The expression kinds.
const (
	jPath = iota + 1
	jString
	jNumber
	jBool
	jNull
	jConcat
	jArith
	jObject
	jArray
	jCall
)

// A jexpr is a parsed JSONata expression of the subset followed here:
// paths from $states and variables, literals, object and array
// constructors, & and arithmetic, and function calls.
type jexpr struct {
	op    int
	root  string    // jPath: "$states", a variable's name, "" for $
	segs  []segment // jPath
	name  string    // jCall: the function's name without $
	keys  []string  // jObject
	items []*jexpr  // jObject values, jArray items, jCall arguments, operands
	text  string    // as written
}

// prefix writes a path up to segment i, for messages.
func (e *jexpr) prefix(i int) string {
	var b strings.Builder
	b.WriteString("$" + strings.TrimPrefix(e.root, "$"))
	for _, s := range e.segs[:i] {
		b.WriteString(s.text)
	}
	return b.String()
}

// parseJSONata parses an expression, or says it is outside the subset.
func parseJSONata(src string) (*jexpr, bool) {
	p := &jparser{src: src}
	e := p.expr(0)
	p.space()
	if e == nil || p.failed || p.i != len(p.src) {
		return nil, false
	}
	return e, true
}

type jparser struct {
	src    string
	i      int
	failed bool
}

func (p *jparser) space() {
	for p.i < len(p.src) && strings.IndexByte(" \t\r\n", p.src[p.i]) >= 0 {
		p.i++
	}
	// Comments: /* ... */.
	if strings.HasPrefix(p.src[p.i:], "/*") {
		if end := strings.Index(p.src[p.i+2:], "*/"); end >= 0 {
			p.i += end + 4
			p.space()
		}
	}
}

func (p *jparser) peek() byte {
	p.space()
	if p.i < len(p.src) {
		return p.src[p.i]
	}
	return 0
}

func (p *jparser) fail() *jexpr {
	p.failed = true
	return nil
}

// expr: concatenation and arithmetic over primaries, without telling
// their precedence apart: the result's kind is all that is kept.
func (p *jparser) expr(depth int) *jexpr {
	if depth > 50 {
		return p.fail()
	}
	start := p.i
	first := p.primary(depth + 1)
	if first == nil {
		return p.fail()
	}
	ops := []*jexpr{first}
	concat, arith := false, false
	for {
		c := p.peek()
		switch c {
		case '&':
			concat = true
		case '+', '*', '/', '%', '-':
			arith = true
		default:
			switch {
			case concat:
				return &jexpr{op: jConcat, items: ops, text: strings.TrimSpace(p.src[start:p.i])}
			case arith:
				return &jexpr{op: jArith, items: ops, text: strings.TrimSpace(p.src[start:p.i])}
			}
			return first
		}
		p.i++
		next := p.primary(depth + 1)
		if next == nil {
			return p.fail()
		}
		ops = append(ops, next)
		if concat && arith {
			return p.fail() // mixed: precedence would decide the kind
		}
	}
}

func (p *jparser) primary(depth int) *jexpr {
	if depth > 50 {
		return p.fail()
	}
	c := p.peek()
	start := p.i
	switch {
	case c == '\'' || c == '"':
		if _, ok := p.quoted(c); !ok {
			return p.fail()
		}
		return &jexpr{op: jString, text: p.src[start:p.i]}
	case c >= '0' && c <= '9' || c == '-':
		p.i++
		for p.i < len(p.src) && strings.IndexByte("0123456789.eE+-", p.src[p.i]) >= 0 {
			p.i++
		}
		if _, err := strconv.ParseFloat(p.src[start:p.i], 64); err != nil {
			return p.fail()
		}
		return &jexpr{op: jNumber, text: p.src[start:p.i]}
	case c == '(':
		p.i++
		e := p.expr(depth + 1)
		if e == nil || p.peek() != ')' {
			return p.fail()
		}
		p.i++
		return e
	case c == '{':
		p.i++
		obj := &jexpr{op: jObject}
		for p.peek() != '}' {
			q := p.peek()
			if q != '\'' && q != '"' {
				return p.fail()
			}
			k, ok := p.quoted(q)
			if !ok || p.peek() != ':' {
				return p.fail()
			}
			p.i++
			v := p.expr(depth + 1)
			if v == nil {
				return p.fail()
			}
			obj.keys, obj.items = append(obj.keys, k), append(obj.items, v)
			if p.peek() == ',' {
				p.i++
				continue
			}
			if p.peek() != '}' {
				return p.fail()
			}
		}
		p.i++
		obj.text = p.src[start:p.i]
		return obj
	case c == '[':
		p.i++
		arr := &jexpr{op: jArray}
		for p.peek() != ']' {
			v := p.expr(depth + 1)
			if v == nil {
				return p.fail()
			}
			arr.items = append(arr.items, v)
			if p.peek() == ',' {
				p.i++
				continue
			}
			if p.peek() != ']' {
				return p.fail()
			}
		}
		p.i++
		arr.text = p.src[start:p.i]
		return arr
	case c == '$':
		p.i++
		name := p.ident()
		if p.i < len(p.src) && p.src[p.i] == '(' {
			p.i++
			call := &jexpr{op: jCall, name: name}
			for p.peek() != ')' {
				v := p.expr(depth + 1)
				if v == nil {
					return p.fail()
				}
				call.items = append(call.items, v)
				if p.peek() == ',' {
					p.i++
					continue
				}
				if p.peek() != ')' {
					return p.fail()
				}
			}
			p.i++
			call.text = p.src[start:p.i]
			return call
		}
		e := &jexpr{op: jPath, root: "$" + name}
		if name == "" {
			e.root = ""
		}
		for p.i < len(p.src) {
			segStart := p.i
			switch p.src[p.i] {
			case '.':
				p.i++
				var key string
				if p.i < len(p.src) && p.src[p.i] == '`' {
					end := strings.IndexByte(p.src[p.i+1:], '`')
					if end < 0 {
						return p.fail()
					}
					key = p.src[p.i+1 : p.i+1+end]
					p.i += end + 2
				} else {
					key = p.ident()
				}
				if key == "" {
					return p.fail()
				}
				e.segs = append(e.segs, segment{kind: segKey, key: key, text: p.src[segStart:p.i]})
				continue
			case '[':
				end := strings.IndexByte(p.src[p.i:], ']')
				if end < 0 {
					return p.fail()
				}
				n, err := strconv.Atoi(strings.TrimSpace(p.src[p.i+1 : p.i+end]))
				if err != nil || n < 0 {
					return p.fail() // a filter or a negative index
				}
				p.i += end + 1
				e.segs = append(e.segs, segment{kind: segIndex, index: n, text: p.src[segStart:p.i]})
				continue
			}
			break
		}
		if e.root != "" && e.root != "$states" {
			e.root = name // a variable
		}
		e.text = p.src[start:p.i]
		return e
	}
	switch w := p.ident(); w {
	case "true", "false":
		return &jexpr{op: jBool, text: w}
	case "null":
		return &jexpr{op: jNull, text: w}
	}
	return p.fail()
}

func (p *jparser) ident() string {
	start := p.i
	for p.i < len(p.src) {
		c := p.src[p.i]
		if c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || p.i > start && c >= '0' && c <= '9' {
			p.i++
			continue
		}
		break
	}
	return p.src[start:p.i]
}

// quoted reads a string literal.
func (p *jparser) quoted(q byte) (string, bool) {
	var b strings.Builder
	for p.i++; p.i < len(p.src); p.i++ {
		c := p.src[p.i]
		switch c {
		case '\\':
			p.i++
			if p.i < len(p.src) {
				b.WriteByte(p.src[p.i])
			}
		case q:
			p.i++
			return b.String(), true
		default:
			b.WriteByte(c)
		}
	}
	return "", false
}
