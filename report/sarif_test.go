package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/faasvet/faasvet/graphext"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden compares got with testdata/golden/name, or rewrites it with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	file := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n--- got\n%s\n--- want\n%s", name, got, want)
	}
}

// fixture is a run with the tricky parts: every severity, related
// locations, multi-line spans, characters that each format must escape,
// and a non-ASCII line for UTF-16 columns.
func fixture() *Results {
	pkg := types.NewPackage("example.com/app/msg", "msg")
	named := func(name string) types.Type {
		return types.NewNamed(types.NewTypeName(token.NoPos, pkg, name, nil), types.NewStruct(nil, nil), nil)
	}
	order, receipt := named("Order"), named("Receipt")
	g := graphext.New()
	for _, n := range []*graphext.Node{
		{ID: graphext.FunctionID("charge"), Name: "charge", Kind: graphext.FunctionNode, Platform: "aws-lambda", Package: "example.com/app/charge", Func: "charge", Input: order, Output: receipt, Pos: graphext.Pos{File: "charge/main.go", Line: 12, Column: 1}},
		{ID: graphext.FunctionID("refund"), Name: "refund", Kind: graphext.FunctionNode, Platform: "aws-lambda", Package: "example.com/app/refund", Func: "refund", Input: receipt, Output: order, Pos: graphext.Pos{File: "refund/main.go", Line: 9, Column: 1}},
		{ID: graphext.ChannelID("refund-events"), Name: "refund-events", Kind: graphext.ChannelNode, ChannelKind: "topic"},
	} {
		if err := g.AddNode(n); err != nil {
			panic(err)
		}
	}
	for _, e := range []*graphext.Edge{
		{From: "fn:charge", To: "fn:refund", Via: "sqs", Async: true, Producer: receipt, Consumer: receipt, Source: "directive", Pos: graphext.Pos{File: "charge/main.go", Line: 10, Column: 1}},
		{From: "fn:refund", To: "fn:charge", Via: "direct", Producer: order, Consumer: order, Source: "directive", Pos: graphext.Pos{File: "refund/main.go", Line: 7, Column: 1}},
		{From: "fn:refund", To: "ch:refund-events", Via: "topic", Async: true, Producer: order, Source: "directive", Pos: graphext.Pos{File: "refund/main.go", Line: 8, Column: 1}},
	} {
		if err := g.AddEdge(e); err != nil {
			panic(err)
		}
	}
	src := map[string]string{
		"charge/main.go": strings.Repeat("\n", 9) + "//faas:route to=refund via=sqs\n",
		"refund/main.go": strings.Repeat("\n", 6) + "//faas:route to=charge\n//faas:publish topic=refund-events\n",
		// "é" is two bytes and one UTF-16 unit, "𝄞" four bytes and two units.
		"naïve/main.go": strings.Repeat("\n", 4) + "\tx := \"é𝄞\"; lambda.Start(h)\n",
	}
	return &Results{
		Version: "devel",
		Root:    "services/app",
		Graph:   g,
		Source: func(file string) ([]byte, error) {
			if s, ok := src[file]; ok {
				return []byte(s), nil
			}
			return nil, os.ErrNotExist
		},
		Findings: []Finding{
			{Check: "cycle", Severity: "error", File: "charge/main.go", Line: 10, Column: 1,
				Message: "routes loop: charge → refund → charge; an asynchronous hop lets the loop run on its own",
				URL:     "https://github.com/faasvet/faasvet/blob/main/docs/checks/cycle.md",
				Related: []Related{{File: "refund/main.go", Line: 7, Column: 1, Message: "refund → charge (direct)"}},
				Keys:    []string{"fn:charge", "fn:refund"}},
			{Check: "handler-signature", Severity: "error", File: "naïve/main.go", Line: 5, Column: 26, EndLine: 5, EndColumn: 27,
				Message: "lambda.Start handler func(ctx context.Context, a, b string) error: 100% broken,\r\nsee <below> | *twice* [x]_y_ `z`",
				URL:     "https://github.com/faasvet/faasvet/blob/main/docs/checks/handler-signature.md",
				// Two edits, given out of order: a replacement after the
				// non-ASCII characters (UTF-16 columns) and an insertion.
				Fix: &Fix{Message: "call the handler h2", Edits: []Edit{
					{File: "/abs/naïve/main.go", Path: "naïve/main.go", Start: 33, End: 34, StartLine: 5, StartCol: 26, EndLine: 5, EndCol: 27, New: "h2", Size: 40},
					{File: "/abs/naïve/main.go", Path: "naïve/main.go", Start: 4, End: 4, StartLine: 5, StartCol: 1, EndLine: 5, EndCol: 1, New: "// fixed\n", Size: 40},
				}}},
			{Check: "orphan-channel", Severity: "warning", File: "refund/main.go", Line: 8, Column: 1, EndLine: 9, EndColumn: 4,
				Message: "channel \"refund-events\" has publishers (refund) but no subscriber in the analysed tree",
				URL:     "https://github.com/faasvet/faasvet/blob/main/docs/checks/orphan-channel.md"},
			{Check: "no-such-check", Severity: "info", File: "a,b:c%d.go", Line: 3,
				Message: "a note"},
		},
	}
}

// TestJSONGolden: the documented --format json object, a fix included.
func TestJSONGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, fixture().Findings); err != nil {
		t.Fatal(err)
	}
	golden(t, "report.json", buf.Bytes())
}

func TestSARIFGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	golden(t, "sarif.json", buf.Bytes())
}

// TestSARIFSchema validates logs against the official SARIF 2.1.0 schema
// (OASIS, errata 01), formats included.
func TestSARIFSchema(t *testing.T) {
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	schema, err := c.Compile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	filtered := fixture()
	filtered.Baseline = true
	for name, r := range map[string]*Results{
		"fixture":  fixture(),
		"filtered": filtered,
		"empty":    {Version: "devel"},
	} {
		var buf bytes.Buffer
		if err := WriteSARIF(&buf, r); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// The validator must be able to say no.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}`))
	if schema.Validate(bad) == nil {
		t.Error("a driver without a name validated")
	}
}

func TestSARIFContents(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSARIF(&buf, fixture()); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }      `json:"artifactLocation"`
						Region           struct{ StartColumn, EndColumn int } `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	for _, res := range run.Results {
		if res.RuleIndex >= 0 && run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s points at rule %d", res.RuleID, res.RuleIndex)
		}
		if res.RuleID == "no-such-check" && res.RuleIndex != -1 {
			t.Errorf("an unknown check has rule index %d", res.RuleIndex)
		}
		if res.PartialFingerprints[FingerprintVersion] == "" {
			t.Errorf("%s: no fingerprint", res.RuleID)
		}
	}
	loc := run.Results[1].Locations[0].PhysicalLocation
	if loc.ArtifactLocation.URI != "services/app/na%C3%AFve/main.go" {
		t.Errorf("uri %q", loc.ArtifactLocation.URI)
	}
	// \t x := "é𝄞"; : byte column 26 is UTF-16 column 23 (é: 2 bytes,
	// 1 unit; 𝄞: 4 bytes, 2 units).
	if loc.Region.StartColumn != 23 || loc.Region.EndColumn != 24 {
		t.Errorf("columns %d-%d, want 23-24", loc.Region.StartColumn, loc.Region.EndColumn)
	}
}

func TestFingerprint(t *testing.T) {
	f := Finding{Check: "duplicate-function", File: "legacy/main.go", Line: 16, Message: "also the name of the function in package p (functions/notify/notify.go:13)"}
	g := f
	g.Line, g.Message = 40, "also the name of the function in package p (functions/notify/notify.go:99:2)"
	if Fingerprint(f) != Fingerprint(g) {
		t.Error("moving lines changed the fingerprint")
	}
	g.Message = "also the name of the function in package q (functions/notify/notify.go:13)"
	if Fingerprint(f) == Fingerprint(g) {
		t.Error("another message kept the fingerprint")
	}
	k1 := Finding{Check: "cycle", File: "a.go", Message: "x", Keys: []string{"fn:a", "fn:b"}}
	k2 := Finding{Check: "cycle", File: "b.go", Message: "y", Keys: []string{"fn:a", "fn:b"}}
	if Fingerprint(k1) != Fingerprint(k2) {
		t.Error("keys do not decide the fingerprint")
	}
	occ := Occurrences([]Finding{k1, k2, f})
	if !strings.HasSuffix(occ[0], ":1") || !strings.HasSuffix(occ[1], ":2") || !strings.HasSuffix(occ[2], ":1") {
		t.Errorf("occurrences %v", occ)
	}
}
