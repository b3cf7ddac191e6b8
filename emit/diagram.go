package emit

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

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

// ErrNoDot is returned for --target svg where Graphviz is not installed.
var ErrNoDot = errors.New("svg: Graphviz's dot is not on PATH: install Graphviz (apt-get install graphviz, brew install graphviz), or emit --target dot and render it elsewhere")

// dotTimeout bounds a layout: dot is fast on any graph faasvet draws, and
// a hang must not hang the CLI.
const dotTimeout = time.Minute

// renderSVG lays DOT out with Graphviz's dot. Graphviz in-process
// (github.com/goccy/go-graphviz, compiled to WebAssembly) builds without
// cgo, but its package init compiles the whole module at every start of
// the program and writes a cache under $TMPDIR: every faasvet run,
// go vet's per-package runs included, would pay for a picture few ask
// for.
func renderSVG(dot []byte) ([]byte, error) {
	bin, err := exec.LookPath("dot")
	if err != nil {
		return nil, ErrNoDot
	}
	ctx, cancel := context.WithTimeout(context.Background(), dotTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-Tsvg")
	cmd.Stdin = bytes.NewReader(dot)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("svg: dot -Tsvg: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out.Bytes(), nil
}
