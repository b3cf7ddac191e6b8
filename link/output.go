package link

import (
	"fmt"
	"go/types"
	"strings"

	"github.com/faasvet/faasvet/analyzer/handler"
)

// checkOutputs: a JSON handler with no result that routes its output
// somewhere sends null.
func (p *program) checkOutputs() {
	for _, rr := range p.routes {
		fn := rr.fn.fn
		if rr.r.Payload != nil || rr.r.Kind == handler.Subscribe || !fn.OutputNull {
			continue
		}
		target := "topic " + rr.r.Topic
		if rr.r.Kind == handler.RouteTo {
			target = strings.Join(rr.r.To, ", ")
		}
		p.report("route-without-output", rr.r.Pos, []string{fn.Name, target}, fmt.Sprintf(
			"%s routes its output to %s, but its handler %s returns no value: the platform sends null, which the receiver decodes as an empty payload; return the payload, or name it with payload=TYPE if the function sends it another way",
			fn.Name, target, types.TypeString(fn.Signature, qualifier)), siteOf(rr))
	}
}
