package svg

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sync"

	"github.com/goccy/go-graphviz"
)

// svgMu serialises renders: go-graphviz runs one WebAssembly instance of
// Graphviz for the whole process, and its C state is not safe for
// concurrent use.
var svgMu sync.Mutex

// Render lays DOT out with Graphviz's dot layout, in-process:
// github.com/goccy/go-graphviz runs Graphviz compiled to WebAssembly on
// wazero, so --target svg needs no cgo and no dot binary on PATH. The
// output depends only on the DOT and on the Graphviz version that
// go-graphviz embeds (named in the SVG's comment), which go.mod pins.
//
// The price is paid at program start, not here: go-graphviz's package
// initialisation compiles the module (about 2 s of CPU, cached under
// $TMPDIR/go-graphviz, then tens of milliseconds), in every process that
// links this package, which is why only faasvet-svg does (doc.go). Layout runs with no timeout because wazero stops a
// call on its context only when the runtime is built for it, and
// go-graphviz builds it without; the graphs faasvet draws lay out in
// milliseconds.
func Render(dot []byte) (_ []byte, err error) {
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

// Filter reads DOT from r and writes its SVG to w: faasvet-svg's work.
func Filter(r io.Reader, w io.Writer) error {
	dot, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	out, err := Render(dot)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}
