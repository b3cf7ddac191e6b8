package emit

import (
	"bytes"
	"encoding/xml"
	"flag"
	"github.com/faasvet/faasvet/emit/svg"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/faasvet/faasvet/internal/driver"
	"github.com/faasvet/faasvet/manifest"
)

var update = flag.Bool("update", false, "rewrite the golden files and the example's emitted files")

// The shop fixture (testdata/shop) is a module on the real aws-lambda-go
// and CloudEvents SDKs with a chain that fans out (order → price →
// invoice, order → stock), a queue route (invoice → mailer), and a topic
// with subscribers of every kind: an SNS handler, an SQS handler, a
// CloudEvents receiver and an OpenFaaS function. faasvet check is quiet
// on it.
const shopDir = "testdata/shop"

var shopOnce = sync.OnceValues(func() (*driver.Result, error) {
	dir, err := filepath.Abs(shopDir)
	if err != nil {
		return nil, err
	}
	return driver.Run(driver.Options{Dir: dir})
})

func shop(t *testing.T) *driver.Result {
	t.Helper()
	res, err := shopOnce()
	if err != nil {
		t.Fatal(err)
	}
	if len(res.LoadErrors) > 0 {
		t.Fatalf("the fixture does not load: %v", res.LoadErrors)
	}
	return res
}

// emitShop emits a target of the shop fixture as if into shop/deploy.
func emitShop(t *testing.T, target Target) *Result {
	t.Helper()
	res := shop(t)
	root, _ := filepath.Abs(shopDir)
	r, err := Emit(Input{Graph: res.Graph, Findings: res.Findings, Root: root},
		Options{Target: target, RenderSVG: svg.Render, Out: filepath.Join(root, "deploy"), Command: "faasvet emit --target " + string(target) + " --out deploy"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestShopIsClean(t *testing.T) {
	for _, f := range shop(t).Findings {
		t.Errorf("the fixture must be correct code, but: %s:%d: %s (%s)", f.File, f.Line, f.Message, f.Check)
	}
}

// TestGolden compares every target's output for the shop with
// testdata/golden/shop/TARGET; go test -update rewrites them.
func TestGolden(t *testing.T) {
	for _, target := range Targets {
		t.Run(string(target), func(t *testing.T) {
			r := emitShop(t, target)
			dir := filepath.Join("testdata", "golden", "shop", string(target))
			var notes bytes.Buffer
			for _, n := range r.Notes {
				notes.WriteString(n + "\n")
			}
			files := append(slices.Clone(r.Files), File{Path: "NOTES", Data: notes.Bytes()})
			if *update {
				_ = os.RemoveAll(dir)
				for _, f := range files {
					p := filepath.Join(dir, filepath.FromSlash(f.Path))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(p, f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			var want []string
			_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
				if err == nil && !d.IsDir() {
					rel, _ := filepath.Rel(dir, p)
					want = append(want, filepath.ToSlash(rel))
				}
				return nil
			})
			var got []string
			for _, f := range files {
				got = append(got, f.Path)
				w, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
				if err != nil {
					t.Errorf("%s: %v (go test -update writes it)", f.Path, err)
					continue
				}
				if !bytes.Equal(w, f.Data) {
					t.Errorf("%s differs from %s (go test -update rewrites it):\n%s", f.Path, dir, f.Data)
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("files: got %v, want %v (go test -update rewrites them)", got, want)
			}
		})
	}
}

// TestDeterministic: two runs from scratch, the driver's included, give
// the same bytes for every target.
func TestDeterministic(t *testing.T) {
	root, _ := filepath.Abs(shopDir)
	run := func() map[Target][]File {
		res, err := driver.Run(driver.Options{Dir: root})
		if err != nil {
			t.Fatal(err)
		}
		model, _ := manifest.Discover(root, manifest.Options{})
		out := map[Target][]File{}
		for _, target := range Targets {
			r, err := Emit(Input{Graph: res.Graph, Findings: res.Findings, Manifests: model, Root: root}, Options{Target: target, RenderSVG: svg.Render})
			if err != nil {
				t.Fatal(err)
			}
			out[target] = r.Files
		}
		return out
	}
	a, b := run(), run()
	for _, target := range Targets {
		if len(a[target]) != len(b[target]) {
			t.Errorf("%s: %d files, then %d", target, len(a[target]), len(b[target]))
			continue
		}
		for i := range a[target] {
			if a[target][i].Path != b[target][i].Path || !bytes.Equal(a[target][i].Data, b[target][i].Data) {
				t.Errorf("%s: %s differs between two runs", target, a[target][i].Path)
			}
		}
	}
}

// TestSVG renders the shop in-process, with no dot on PATH needed: an
// SVG document with a node per function and channel and an edge per
// route. TestGolden pins its bytes.
func TestSVG(t *testing.T) {
	res := shop(t)
	r, err := Emit(Input{Graph: res.Graph, Findings: res.Findings, Root: shopDir}, Options{Target: SVG, RenderSVG: svg.Render})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		XMLName xml.Name
		Groups  []struct {
			Class  string `xml:"class,attr"`
			Groups []struct {
				Class string `xml:"class,attr"`
				Title string `xml:"title"`
			} `xml:"g"`
		} `xml:"g"`
	}
	if err := xml.Unmarshal(r.Files[0].Data, &doc); err != nil {
		t.Fatalf("graph.svg is not XML: %v", err)
	}
	count := map[string]int{}
	var titles []string
	for _, g := range doc.Groups {
		for _, x := range g.Groups {
			count[x.Class]++
			titles = append(titles, x.Title)
		}
	}
	nodes, edges := res.Graph.Len()
	if doc.XMLName.Local != "svg" || count["node"] != nodes || count["edge"] != edges {
		t.Errorf("graph.svg: <%s> with %v, want %d nodes and %d edges", doc.XMLName.Local, count, nodes, edges)
	}
	if !slices.Contains(titles, "fn:order->fn:price") {
		t.Errorf("no edge order → price among %q", titles)
	}
}
