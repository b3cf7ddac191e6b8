package link

import (
	"fmt"
	"strings"

	"github.com/faasvet/faasvet/analyzer/handler"
	"github.com/faasvet/faasvet/checks"
	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/manifest/asl"
	"github.com/faasvet/faasvet/report"
)

// runtimeErrors are the errorType names a Go Lambda function can fail
// with whatever its handler returns: aws-lambda-go's decoding of the
// event and encoding of the result (encoding/json's errors), and the
// runtime's panics (a nil dereference is a runtime.errorString, an index
// out of range a runtime.boundsError, panic("...") a string).
var runtimeErrors = map[string]bool{
	"SyntaxError": true, "UnmarshalTypeError": true, "InvalidUnmarshalError": true,
	"UnsupportedTypeError": true, "UnsupportedValueError": true, "MarshalerError": true,
	"errorString": true, "plainError": true, "boundsError": true, "TypeAssertionError": true,
	"string": true,
}

// checkCatches compares the error names of each Lambda Task's Catch and
// Retry with the error types its Go handler can fail with. aws-lambda-go
// reports an error by its dynamic type's name, so a name that no type the
// handler returns has never matches. Only complete sets are judged: a
// handler that returns an error faasvet cannot follow may fail with
// anything.
func (p *program) checkCatches() {
	if p.model == nil {
		return
	}
	for _, sm := range p.model.StateMachines {
		sm.Definition.Walk(func(st *asl.State) {
			if st.Type != "Task" || st.Function == "" || st.Pattern == "waitForTaskToken" {
				return // a token's sender names its own errors
			}
			rec := p.bound[st.Function]
			if rec == nil || rec.fn.Platform != handler.Lambda {
				return
			}
			set := p.errors[rec.fn]
			if !set.Known() {
				return
			}
			for _, c := range st.Catch {
				p.catchNames(sm.ID, st, rec, "catches", c.ErrorEquals, c.ErrorPos)
			}
			for _, r := range st.Retriers {
				p.catchNames(sm.ID, st, rec, "retries", r.ErrorEquals, r.ErrorPos)
			}
		})
	}
}

func (p *program) catchNames(machine string, st *asl.State, rec *fnRec, verb string, names []string, at []manifest.Pos) {
	set := p.errors[rec.fn]
	for i, name := range names {
		// States.ALL, States.TaskFailed, Lambda.ServiceException,
		// Sandbox.Timedout...: the service's own names, or a family.
		if name == "" || strings.Contains(name, ".") || runtimeErrors[name] || set.Has(name) {
			continue
		}
		pos := st.Pos
		if i < len(at) {
			pos = at[i]
		}
		returns := "no error at all"
		switch len(set.Names) {
		case 0:
		case 1:
			returns = "only the error type " + set.Names[0]
		default:
			returns = "only the error types " + strings.Join(set.Names, ", ")
		}
		h := rec.fn.Name
		if rec.fn.HandlerName != "" {
			h += " (handler " + rec.fn.HandlerName + ")"
		}
		what := "Catch"
		if verb == "retries" {
			what = "Retry"
		}
		p.emit(finding{check: "catch-unreachable", at: mpos(pos),
			keys:    []string{machine, st.Name, verb, name},
			related: []report.Related{related(p, rec.fn.HandlerAt, rec.fn.Name+"'s handler")},
			sites:   []checks.Site{{Ignores: ignores(rec.sum), Pos: rec.fn.HandlerAt}},
			msg: fmt.Sprintf("state %q of %s %s %q, but its function %s returns %s (aws-lambda-go reports an error's Go type name, pointer stripped, as its errorType): this %s never fires; return an error of a type named %s from the handler, or name one of the types it returns",
				st.Name, machine, verb, name, h, returns, what, name)})
	}
}
