package emit

import (
	"bytes"
	"errors"

	"github.com/faasvet/faasvet/report"
)

// diagram draws the whole graph, as faasvet graph does: functions as
// boxes, channels as cylinders, the payload type on each edge, dashed
// asynchronous hops, and the edges that findings are on in red.
func (e *emitter) diagram() ([]File, error) {
	var buf bytes.Buffer
	switch e.opts.Target {
	case Mermaid:
		if err := report.WriteMermaid(&buf, e.in.Graph, e.in.Findings); err != nil {
			return nil, err
		}
		return []File{{Path: "graph.mmd", Data: buf.Bytes()}}, nil
	case DOT:
		if err := report.WriteDOT(&buf, e.in.Graph, e.in.Findings); err != nil {
			return nil, err
		}
		return []File{{Path: "graph.dot", Data: buf.Bytes()}}, nil
	}
	if err := report.WriteDOT(&buf, e.in.Graph, e.in.Findings); err != nil {
		return nil, err
	}
	if e.opts.RenderSVG == nil {
		return nil, errors.New("svg: no renderer: --target svg runs faasvet-svg (go install github.com/faasvet/faasvet/cmd/faasvet-svg@latest)")
	}
	svg, err := e.opts.RenderSVG(buf.Bytes())
	if err != nil {
		return nil, err
	}
	return []File{{Path: "graph.svg", Data: svg}}, nil
}
