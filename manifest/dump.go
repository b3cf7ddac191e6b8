package manifest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/faasvet/faasvet/manifest/asl"
)

// WriteJSON writes the model as indented JSON: every element with its
// position, links with their resolved ends, state machines with their
// states. The output is deterministic; it is a debugging and test format,
// not a stable interchange format.
func (m *Model) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(m)
}

// WriteText writes the model one element a line, with indented details:
// a compact, deterministic form for golden tests and for reading.
func (m *Model) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(indent int, format string, args ...any) {
		fmt.Fprint(bw, strings.Repeat("  ", indent))
		fmt.Fprintf(bw, format, args...)
		fmt.Fprintln(bw)
	}
	for _, f := range m.Files {
		p(0, "file %s %s", f.Path, f.Format)
	}
	for _, f := range m.Functions {
		line := fmt.Sprintf("function %s %s %s", f.ID, f.Platform, f.Pos)
		for _, kv := range [][2]string{{"name", f.Name}, {"code", f.CodeDir}, {"from", f.CodeFrom}, {"handler", f.Handler}, {"runtime", f.Runtime}, {"image", f.Image}} {
			if kv[1] != "" {
				line += " " + kv[0] + "=" + kv[1]
			}
		}
		p(0, "%s", line)
		for _, e := range f.Env {
			p(1, "env %s = %s  %s", e.Name, valueText(e.Value), e.Pos)
		}
		for _, a := range f.Annotations {
			p(1, "annotation %s = %q", a.Name, a.Value)
		}
	}
	for _, c := range m.Channels {
		line := fmt.Sprintf("channel %s %s %s", c.ID, c.Kind, c.Pos)
		if c.Name != "" {
			line += " name=" + c.Name
		}
		if c.FIFO {
			line += " fifo"
		}
		if c.Implicit {
			line += " implicit"
		}
		p(0, "%s", line)
	}
	for _, l := range m.Links {
		line := fmt.Sprintf("link %s -> %s %s", endText(l.From), endText(l.To), l.Event)
		if l.Name != "" {
			line += fmt.Sprintf(" %q", l.Name)
		}
		line += " " + l.Pos.String()
		p(0, "%s", line)
		var details []string
		add := func(k, v string) {
			if v != "" {
				details = append(details, k+"="+v)
			}
		}
		if l.RawMessageDelivery {
			details = append(details, "raw")
		}
		if l.ViaQueue {
			details = append(details, "via-queue")
		}
		add("destination", l.Destination)
		add("method", l.Method)
		add("path", l.Path)
		add("schedule", l.Schedule)
		add("filter-policy", l.FilterPolicy)
		for _, a := range l.Filter {
			add("filter."+a.Name, a.Value)
		}
		if l.Pattern != nil {
			add("source", strings.Join(l.Pattern.Sources, ","))
			add("detail-type", strings.Join(l.Pattern.DetailTypes, ","))
			add("pattern", l.Pattern.JSON)
		}
		if l.Input != nil {
			add("input", l.Input.Constant)
			add("input-path", l.Input.Path)
			add("input-template", l.Input.Template)
		}
		if len(details) > 0 {
			p(1, "%s", strings.Join(details, " "))
		}
	}
	for _, s := range m.StateMachines {
		line := fmt.Sprintf("state-machine %s %s", s.ID, s.Pos)
		if s.Name != "" {
			line += " name=" + s.Name
		}
		if s.DefinitionFile != "" {
			line += " definition=" + s.DefinitionFile
		}
		p(0, "%s", line)
		writeMachine(p, s.Definition, 1)
	}
	for _, t := range m.Templates {
		p(0, "openfaas-template %s %s %s", t.Name, t.Source, t.Pos)
	}
	for _, e := range m.Errors {
		if e.Note != "" {
			p(0, "note %s %s", e.Note, e.Error())
			continue
		}
		p(0, "error %s", e.Error())
	}
	return bw.Flush()
}

func writeMachine(p func(int, string, ...any), m *asl.Machine, indent int) {
	if m == nil {
		p(indent, "(no definition)")
		return
	}
	p(indent, "start %s query=%s", m.StartAt, m.QueryLanguage)
	for _, st := range m.States {
		line := fmt.Sprintf("state %s %s %s", st.Name, st.Type, st.Pos)
		if st.Type == "Task" {
			switch {
			case st.Function != "":
				line += " function=" + st.Function
			case st.FunctionRef != "":
				line += " unbound=" + st.FunctionRef
			}
			if st.Service != "" {
				line += " service=" + st.Service
				if st.Action != "" {
					line += ":" + st.Action
				}
				if st.Pattern != "" {
					line += "." + st.Pattern
				}
			}
		}
		if t := st.Transitions(); len(t) > 0 {
			line += " -> " + strings.Join(t, ",")
		}
		if st.Terminal() {
			line += " end"
		}
		if st.QueryLanguage != m.QueryLanguage {
			line += " query=" + st.QueryLanguage
		}
		p(indent+1, "%s", line)
		for _, b := range st.Branches {
			p(indent+2, "branch")
			writeMachine(p, b, indent+3)
		}
		if st.Iterator != nil {
			p(indent+2, "iterator")
			writeMachine(p, st.Iterator, indent+3)
		}
	}
}

func endText(e Endpoint) string {
	switch e.Kind {
	case EndExternal:
		return "external:" + e.Text
	case EndUnresolved:
		return fmt.Sprintf("unresolved:%q", e.Text)
	}
	return string(e.Kind) + ":" + e.ID
}

func valueText(v Value) string {
	switch v.Kind {
	case Literal:
		return fmt.Sprintf("%q", v.Text)
	case Reference:
		s := refText(v.Ref) + " (" + v.Ref.Is
		if v.Text != "" {
			s += fmt.Sprintf(", default %q", v.Text)
		}
		if v.Ref.Target.ID != "" {
			s += " of " + string(v.Ref.Target.Kind) + " " + v.Ref.Target.ID
		}
		return s + ")"
	}
	s := "unresolved " + v.Text
	for _, r := range v.Refs {
		s += " [" + refText(r) + "]"
	}
	return s
}
