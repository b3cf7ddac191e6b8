package report

import (
	"bytes"
	"encoding/json"
	"io"
	"net/url"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/faasvet/faasvet/checks"
)

// The SARIF 2.1.0 subset that faasvet writes, as GitHub code scanning
// reads it. Hand-written rather than a general SARIF model so that every
// field is one we mean: a generated model (such as go-sarif's) serialises
// empty arrays and zero offsets (byteOffset, charOffset, location ids)
// that claim things about a region we never computed.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool       sarifTool     `json:"tool"`
		Results    []sarifResult `json:"results"`
		ColumnKind string        `json:"columnKind"`
		// OriginalURIBaseIDs is left out: it would name this machine's
		// checkout, and the log must not depend on where it was made.
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name"`
		ShortDescription     sarifText      `json:"shortDescription"`
		FullDescription      sarifText      `json:"fullDescription"`
		Help                 sarifMarkdown  `json:"help"`
		HelpURI              string         `json:"helpUri"`
		DefaultConfiguration sarifConfig    `json:"defaultConfiguration"`
		Properties           sarifRuleProps `json:"properties"`
	}
	sarifRuleProps struct {
		Tags      []string `json:"tags"`
		Precision string   `json:"precision"`
	}
	sarifConfig struct {
		Level string `json:"level"`
	}
	sarifText struct {
		Text string `json:"text"`
	}
	sarifMarkdown struct {
		Text     string `json:"text"`
		Markdown string `json:"markdown"`
	}
	sarifResult struct {
		RuleID              string            `json:"ruleId"`
		RuleIndex           int               `json:"ruleIndex"`
		Level               string            `json:"level"`
		Message             sarifText         `json:"message"`
		Locations           []sarifLocation   `json:"locations,omitempty"`
		RelatedLocations    []sarifLocation   `json:"relatedLocations,omitempty"`
		PartialFingerprints map[string]string `json:"partialFingerprints"`
		BaselineState       string            `json:"baselineState,omitempty"`
		Fixes               []sarifFix        `json:"fixes,omitempty"`
	}
	sarifFix struct {
		Description     sarifText             `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifact      `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion `json:"deletedRegion"`
		InsertedContent *sarifText  `json:"insertedContent,omitempty"`
	}
	sarifLocation struct {
		ID               *int          `json:"id,omitempty"`
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
		Message          *sarifText    `json:"message,omitempty"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifact `json:"artifactLocation"`
		Region           *sarifRegion  `json:"region,omitempty"`
	}
	sarifArtifact struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
)

// SARIFSchema is the schema URI written into SARIF logs: the OASIS
// standard's, as published with errata 01.
const SARIFSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// SrcRoot is the uriBaseId of every location: the repository root, which
// GitHub code scanning resolves relative URIs against.
const SrcRoot = "%SRCROOT%"

// sarifLevel maps a severity name to a SARIF level.
func sarifLevel(sev string) string {
	switch s, _ := checks.ParseSeverity(sev); s {
	case checks.Error:
		return "error"
	case checks.Warning:
		return "warning"
	}
	return "note"
}

// ruleName turns a check ID into the PascalCase name SARIF viewers show:
// handler-signature → HandlerSignature.
func ruleName(id string) string {
	var b strings.Builder
	for part := range strings.SplitSeq(id, "-") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// WriteSARIF writes the results as one SARIF 2.1.0 log with one run: a
// rule per check of the catalogue, and a result per finding with its
// check's rule, level, repository-relative location, the related
// locations (the other ends of an edge) and a partial fingerprint that
// survives line shifts.
func WriteSARIF(w io.Writer, r *Results) error {
	all := checks.All()
	index := map[string]int{}
	rules := make([]sarifRule, 0, len(all))
	for i, c := range all {
		index[c.ID] = i
		full := strings.ToUpper(c.Summary[:1]) + c.Summary[1:] + "."
		if c.Driver == checks.WholeProgram {
			full += " A whole-program check: it runs in faasvet check, which sees every function of the application at once."
		} else {
			full += " A per-package check: it runs in faasvet check, under go vet -vettool and in golangci-lint."
		}
		rules = append(rules, sarifRule{
			ID:                   c.ID,
			Name:                 ruleName(c.ID),
			ShortDescription:     sarifText{c.Summary},
			FullDescription:      sarifText{full},
			Help:                 sarifMarkdown{Text: full + " Documentation: " + c.URL(), Markdown: full + " [Documentation](" + c.URL() + ")"},
			HelpURI:              c.URL(),
			DefaultConfiguration: sarifConfig{sarifLevel(c.Severity.String())},
			Properties:           sarifRuleProps{Tags: []string{"faasvet", "serverless", string(c.Driver)}, Precision: "very-high"},
		})
	}
	cols := newColumns(r.Source)
	fps := Occurrences(r.Findings)
	results := make([]sarifResult, 0, len(r.Findings))
	for i, f := range r.Findings {
		res := sarifResult{
			RuleID:              f.Check,
			RuleIndex:           -1,
			Level:               sarifLevel(f.Severity),
			Message:             sarifText{f.Message},
			PartialFingerprints: map[string]string{FingerprintVersion: fps[i]},
		}
		if j, ok := index[f.Check]; ok {
			res.RuleIndex = j
		}
		if r.Filtered() {
			res.BaselineState = "new"
		}
		if f.File != "" && f.Line > 0 {
			reg := &sarifRegion{StartLine: f.Line, StartColumn: cols.convert(f.File, f.Line, f.Column)}
			// A span that ends where it starts is left open: the region
			// then runs to the end of the line, which viewers can show.
			if f.EndLine > f.Line || f.EndLine == f.Line && f.EndColumn > f.Column {
				reg.EndLine, reg.EndColumn = f.EndLine, cols.convert(f.File, f.EndLine, f.EndColumn)
			}
			res.Locations = []sarifLocation{{PhysicalLocation: sarifPhysical{r.artifact(f.File), reg}}}
		}
		for k, rel := range f.Related {
			if rel.File == "" || rel.Line <= 0 {
				continue
			}
			id := k + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID: &id,
				PhysicalLocation: sarifPhysical{r.artifact(rel.File),
					&sarifRegion{StartLine: rel.Line, StartColumn: cols.convert(rel.File, rel.Line, rel.Column)}},
				Message: &sarifText{rel.Message},
			})
		}
		if f.Fix != nil {
			res.Fixes = []sarifFix{r.sarifFix(cols, f.Fix)}
		}
		results = append(results, res)
	}
	log := sarifLog{
		Schema:  SARIFSchema,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{sarifDriver{Name: "faasvet", Version: r.Version,
				InformationURI: "https://github.com/faasvet/faasvet", Rules: rules}},
			Results:    results,
			ColumnKind: "utf16CodeUnits",
		}},
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// sarifFix is a finding's fix: one artifact change per file, in file
// order, each with its replacements in the file's order. A deleted region
// that starts where it ends is an insertion point.
func (r *Results) sarifFix(cols *columns, fix *Fix) sarifFix {
	out := sarifFix{Description: sarifText{fix.Message}}
	for _, e := range sortedEdits(fix.Edits) {
		n := len(out.ArtifactChanges)
		if n == 0 || out.ArtifactChanges[n-1].ArtifactLocation != r.artifact(e.Path) {
			out.ArtifactChanges = append(out.ArtifactChanges, sarifArtifactChange{ArtifactLocation: r.artifact(e.Path)})
			n++
		}
		rep := sarifReplacement{DeletedRegion: sarifRegion{
			StartLine: e.StartLine, StartColumn: cols.convert(e.Path, e.StartLine, e.StartCol),
			EndLine: e.EndLine, EndColumn: cols.convert(e.Path, e.EndLine, e.EndCol),
		}}
		if e.New != "" {
			rep.InsertedContent = &sarifText{e.New}
		}
		out.ArtifactChanges[n-1].Replacements = append(out.ArtifactChanges[n-1].Replacements, rep)
	}
	return out
}

// artifact is the location of a file: relative to the repository root
// and escaped as a URI reference, or an absolute file URI for files
// outside the analysed tree.
func (r *Results) artifact(file string) sarifArtifact {
	if strings.HasPrefix(file, "/") {
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: file}).String()}
	}
	return sarifArtifact{URI: (&url.URL{Path: r.RepoPath(file)}).EscapedPath(), URIBaseID: SrcRoot}
}

// columns converts go/token's byte columns to UTF-16 code units, reading
// each file once.
type columns struct {
	read  func(string) ([]byte, error)
	lines map[string][][]byte
}

func newColumns(read func(string) ([]byte, error)) *columns {
	return &columns{read: read, lines: map[string][][]byte{}}
}

// convert returns the UTF-16 column of a 1-based byte column; 0 stays 0
// (no column), and a line it cannot read keeps the byte column.
func (c *columns) convert(file string, line, col int) int {
	if col <= 1 || c.read == nil {
		return col
	}
	ls, ok := c.lines[file]
	if !ok {
		if data, err := c.read(file); err == nil {
			ls = bytes.Split(data, []byte("\n"))
		}
		c.lines[file] = ls
	}
	if line > len(ls) {
		return col
	}
	text := ls[line-1]
	if col-1 > len(text) {
		return col
	}
	n := 0
	for prefix := text[:col-1]; len(prefix) > 0; {
		r, size := utf8.DecodeRune(prefix) // an invalid byte is U+FFFD: one unit
		n += utf16.RuneLen(r)
		prefix = prefix[size:]
	}
	return n + 1
}
