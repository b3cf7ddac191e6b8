package emit

import (
	"bytes"
	"context"
	"fmt"
	"sync"

	"github.com/goccy/go-graphviz"

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
	svg, err := renderSVG(buf.Bytes())
	if err != nil {
		return nil, err
	}
	return []File{{Path: "graph.svg", Data: svg}}, nil
}

// svgMu serialises renders: go-graphviz runs one WebAssembly instance of
// Graphviz for the whole process, and its C state is not safe for
// concurrent use.
var svgMu sync.Mutex

// renderSVG lays DOT out with Graphviz's dot layout, in-process:
// github.com/goccy/go-graphviz runs Graphviz compiled to WebAssembly on
// wazero, so --target svg needs no cgo and no dot binary on PATH. The
// output depends only on the DOT and on the Graphviz version that
// go-graphviz embeds (named in the SVG's comment), which go.mod pins.
//
// The price is paid at program start, not here: go-graphviz's package
// initialisation compiles the module (about 2 s of CPU, cached under
// $TMPDIR/go-graphviz, then tens of milliseconds), in every process that
// links this package. Layout runs with no timeout because wazero stops a
// call on its context only when the runtime is built for it, and
// go-graphviz builds it without; the graphs faasvet draws lay out in
// milliseconds.
func renderSVG(dot []byte) (_ []byte, err error) {
	svgMu.Lock()
	defer svgMu.Unlock()
	ctx := context.Background()
	gv, err := graphviz.New(ctx)
	if err != nil {
		return nil, fmt.Errorf("svg: starting Graphviz: %w", err)
	}
	defer func() {
		if cerr := gv.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("svg: %w", cerr)
		}
	}()
	g, err := graphviz.ParseBytes(dot)
	if err != nil {
		return nil, fmt.Errorf("svg: Graphviz rejects the DOT: %w", err)
	}
	defer func() {
		if cerr := g.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("svg: %w", cerr)
		}
	}()
	var out bytes.Buffer
	if err := gv.Render(ctx, g, graphviz.SVG, &out); err != nil {
		return nil, fmt.Errorf("svg: Graphviz layout: %w", err)
	}
	return out.Bytes(), nil
}
