package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// lambdaErrors are the errors of the Lambda service itself, not of the
// function: the ones the Step Functions console's Lambda task retries by
// default, with throttling. A function's own errors are not retried: a
// retry would run its side effects again.
var lambdaErrors = []string{
	"Lambda.ClientExecutionTimeoutException",
	"Lambda.ServiceException",
	"Lambda.AWSLambdaException",
	"Lambda.SdkClientException",
	"Lambda.TooManyRequestsException",
}

// asl renders one Amazon States Language file per chain.
func (e *emitter) asl() ([]File, error) {
	if len(e.t.chains) == 0 {
		e.notef("no direct routes between functions: there is no chain for a state machine to run (topics and queues are in the sam and serverless output)")
	}
	var files []File
	for _, c := range e.t.chains {
		data, err := aslJSON(aslMachine(c, func(f *function) any { return "${" + arnVar(f) + "}" }))
		if err != nil {
			return nil, err
		}
		files = append(files, File{Path: c.file, Data: data})
	}
	return files, nil
}

// arnVar is the DefinitionSubstitutions variable of a function's ARN.
func arnVar(f *function) string { return f.id + "FunctionArn" }

// aslMachine is a chain's definition: each function a Task on its ARN,
// a fan-out a Parallel state with a branch per successor, an End where
// the chain ends.
func aslMachine(c *chain, resource func(*function) any) object {
	names := newNamer()
	var flow func(s *step) []string
	flow = func(s *step) []string {
		if len(s.next) == 0 {
			return []string{s.fn.name}
		}
		if len(s.next) == 1 {
			return append([]string{s.fn.name}, flow(s.next[0])...)
		}
		return []string{s.fn.name, "(" + fmt.Sprint(len(s.next)) + " branches)"}
	}
	comment := fmt.Sprintf("%s The chain of direct routes from %s: %s.", Generated, c.entry.name, strings.Join(flow(c.root), " → "))
	m := aslStates(c.root, names, resource)
	return object{
		{"Comment", comment},
		{"QueryLanguage", "JSONPath"},
		{"StartAt", m[0].key},
		{"States", m},
	}
}

// aslStates renders the states from s on, in the order they run, with
// each function's Resource as resource gives it.
func aslStates(s *step, names *namer, resource func(*function) any) object {
	var states object
	for s != nil {
		name := names.uniqueSep(stateName(s.fn.name), " ")
		task := object{
			{"Type", "Task"},
			{"Comment", fmt.Sprintf("%s (%s)", s.fn.name, s.fn.dir)},
			{"Resource", resource(s.fn)},
			{"Retry", []object{{
				{"ErrorEquals", lambdaErrors},
				{"IntervalSeconds", 2},
				{"MaxAttempts", 6},
				{"BackoffRate", 2},
			}}},
		}
		switch len(s.next) {
		case 0:
			task = append(task, member{"End", true})
			states = append(states, member{name, task})
			s = nil
		case 1:
			next := s.next[0]
			task = append(task, member{"Next", names.peek(stateName(next.fn.name), " ")})
			states = append(states, member{name, task})
			s = next
		default:
			fan := names.uniqueSep(stateName(s.fn.name)+" fan-out", " ")
			task = append(task, member{"Next", fan})
			var branches []object
			for _, n := range s.next {
				bs := aslStates(n, names, resource)
				branches = append(branches, object{{"StartAt", bs[0].key}, {"States", bs}})
			}
			states = append(states, member{name, task}, member{fan, object{
				{"Type", "Parallel"},
				{"Comment", fmt.Sprintf("%s's output goes to each branch", s.fn.name)},
				{"Branches", branches},
				{"End", true},
			}})
			s = nil
		}
	}
	return states
}

// stateName is a function's name as a state's: Step Functions takes at
// most 80 characters, and a state may need " fan-out" and a number more.
func stateName(name string) string {
	if r := []rune(name); len(r) > 64 {
		return string(r[:64])
	}
	return name
}

// peek is the name uniqueSep would give next, without taking it: a
// Task's Next names the state that the loop makes after it.
func (n *namer) peek(base, sep string) string {
	name := base
	for i := 2; n.used[name]; i++ {
		name = fmt.Sprintf("%s%s%d", base, sep, i)
	}
	return name
}

// A member is one key and value of an object; an object keeps its keys
// in order, as a person writes a state (Type first).
type member struct {
	key string
	val any
}

type object []member

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := marshalNoEscape(m.key)
		if err != nil {
			return nil, err
		}
		v, err := marshalNoEscape(m.val)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// aslJSON is a definition as a file: indented, ending in a newline.
func aslJSON(o object) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(o); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// objectNode converts a definition to YAML, for serverless.yml.
func objectNode(v any) *yaml.Node {
	switch v := v.(type) {
	case object:
		m := ymap()
		for _, x := range v {
			put(m, x.key, objectNode(x.val))
		}
		return m
	case []object:
		s := yseq()
		for _, x := range v {
			s.Content = append(s.Content, objectNode(x))
		}
		return s
	}
	return yval(v)
}
