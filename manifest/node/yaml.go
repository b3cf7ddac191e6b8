package node

import (
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxNodes bounds the nodes one file may expand to, aliases included: a
// CloudFormation template has at most 500 resources, and the largest real
// manifests have some tens of thousands of nodes.
const MaxNodes = 1_000_000

// MaxAliasNodes bounds the nodes that expanding aliases may add to one
// file. Anchors in real manifests name small shared blocks (environment
// variables, common settings) used some tens of times; a document whose
// aliases expand further is an alias bomb or a mistake. The bound is
// lower than MaxNodes because, unlike the file's own nodes, expanded ones
// cost time and memory out of proportion to the file: a 300-byte document
// can expand to a million nodes, which takes seconds to build.
const MaxAliasNodes = 100_000

// MaxDepth bounds nesting after alias expansion; real manifests nest some
// tens of levels deep.
const MaxDepth = 200

// MaxDocuments bounds the documents of one YAML stream.
const MaxDocuments = 10_000

// cfnTags are the CloudFormation short forms. !Ref and !Condition keep
// their names; the others are Fn::NAME.
var cfnTags = map[string]string{
	"!Ref": "Ref", "!Condition": "Condition",
	"!GetAtt": "Fn::GetAtt", "!Sub": "Fn::Sub", "!If": "Fn::If", "!Join": "Fn::Join",
	"!Select": "Fn::Select", "!ImportValue": "Fn::ImportValue", "!FindInMap": "Fn::FindInMap",
	"!Base64": "Fn::Base64", "!Cidr": "Fn::Cidr", "!GetAZs": "Fn::GetAZs", "!Split": "Fn::Split",
	"!Equals": "Fn::Equals", "!And": "Fn::And", "!Or": "Fn::Or", "!Not": "Fn::Not",
	"!Transform": "Fn::Transform", "!ToJsonString": "Fn::ToJsonString", "!Length": "Fn::Length",
	"!ForEach": "Fn::ForEach",
}

// ParseYAML parses every document of a YAML stream. file names the
// positions. A document that does not parse ends the stream with an
// *Error at its line; the documents before it are returned.
func ParseYAML(file string, data []byte) ([]*Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*Node
	c := &converter{file: file}
	for len(docs) < MaxDocuments {
		var y yaml.Node
		err := decode(dec, &y)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, yamlError(file, data, err)
		}
		n, err := c.convert(&y)
		if err != nil {
			// {{ name }} as a key is valid YAML (a map keyed by a map),
			// so a template may fail here rather than in the parser.
			if e := (*Error)(nil); errors.As(err, &e) && e.mapKey {
				if te := templateError(file, data); te != nil {
					return docs, te
				}
			}
			return docs, err
		}
		if n != nil && !(n.Kind == Null && n.Text == "") {
			docs = append(docs, n)
		}
	}
	return docs, errorf(Pos{File: file}, "more than %d YAML documents", MaxDocuments)
}

// decode runs the YAML decoder, turning a panic into an error: the parser
// is fuzzed upstream, but a crash on user input must never reach the user.
func decode(dec *yaml.Decoder, y *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("yaml: the parser failed on this input")
		}
	}()
	return dec.Decode(y)
}

var (
	lineRE   = regexp.MustCompile(`line (\d+)`)
	anchorRE = regexp.MustCompile(`unknown anchor '([^']*)'`)
)

// yamlError turns a parser error into an *Error at its line, and names a
// text template (Jinja, cookiecutter, Helm) when the file holds one, which
// is why most such files do not parse.
func yamlError(file string, data []byte, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	pos := Pos{File: file}
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		msg = strings.TrimPrefix(strings.Replace(msg, m[0], "", 1), ": ")
	}
	if e := templateError(file, data); e != nil {
		return e
	}
	if m := anchorRE.FindStringSubmatch(msg); m != nil && pos.Line == 0 {
		// The parser names no line for an unknown anchor: find its use.
		if i := bytes.Index(data, []byte("*"+m[1])); i >= 0 {
			pos.Line = bytes.Count(data[:i], []byte("\n")) + 1
		}
	}
	return &Error{Pos: pos, Msg: "invalid YAML: " + msg}
}

// templateError reports the first template marker of a file that did not
// parse, or nil. CloudFormation's own {{resolve:...}} dynamic references
// are not template markers.
func templateError(file string, data []byte) *Error {
	line := 1
	for len(data) > 0 {
		l := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		i := bytes.Index(l, []byte("{%"))
		if i < 0 {
			if i = bytes.Index(l, []byte("{{")); i >= 0 && bytes.HasPrefix(bytes.TrimLeft(l[i+2:], " "), []byte("resolve:")) {
				i = -1
			}
		}
		if i >= 0 {
			e := errorf(Pos{File: file, Line: line, Col: i + 1}, "the file is a text template (%s), not a manifest: render it first and name the rendered file", marker(l[i:]))
			e.Template = true
			return e
		}
		line++
	}
	return nil
}

func marker(s []byte) string {
	end := bytes.Index(s, []byte("}}"))
	if e := bytes.Index(s, []byte("%}")); e >= 0 && (end < 0 || e < end) {
		end = e
	}
	if end < 0 || end > 60 {
		if len(s) > 40 {
			s = s[:40]
		}
		return strings.TrimSpace(string(s)) + "..."
	}
	return string(s[:end+2])
}

// A converter turns yaml.Node trees into Nodes, expanding aliases within
// the node budget.
type converter struct {
	file     string
	count    int
	expanded int                 // nodes built by expanding aliases
	outer    *yaml.Node          // the alias use being expanded, outermost
	active   map[*yaml.Node]bool // anchors being expanded: a recursive alias
}

func (c *converter) pos(y *yaml.Node) Pos { return Pos{File: c.file, Line: y.Line, Col: y.Column} }

func (c *converter) convert(y *yaml.Node) (*Node, error) {
	if y.Kind == yaml.DocumentNode {
		if len(y.Content) == 0 {
			return nil, nil
		}
		y = y.Content[0]
	}
	return c.node(y, 0)
}

func (c *converter) node(y *yaml.Node, depth int) (*Node, error) {
	c.count++
	if c.count > MaxNodes {
		return nil, errorf(c.pos(y), "the document expands to more than %d nodes (YAML aliases?)", MaxNodes)
	}
	if len(c.active) > 0 {
		if c.expanded++; c.expanded > MaxAliasNodes {
			return nil, errorf(c.pos(c.outer), "YAML aliases expand to more than %d nodes (an alias bomb?)", MaxAliasNodes)
		}
	}
	if depth > MaxDepth {
		return nil, errorf(c.pos(y), "nested more than %d levels deep", MaxDepth)
	}
	if y.Kind == yaml.AliasNode {
		return c.alias(y, depth)
	}
	if name, ok := cfnTags[y.Tag]; ok {
		return c.intrinsic(y, name, depth)
	}
	n := &Node{Pos: c.pos(y)}
	if y.Tag != "" && !strings.HasPrefix(y.Tag, "!!") && y.Tag != "!" {
		n.Tag = y.Tag
	}
	switch y.Kind {
	case yaml.ScalarNode:
		n.Text = y.Value
		switch y.ShortTag() {
		case "!!null":
			n.Kind = Null
		case "!!bool":
			n.Kind = Bool
		case "!!int", "!!float":
			n.Kind = Number
		default:
			n.Kind = String
		}
		if n.Tag != "" {
			n.Kind = String // a custom tag on a plain scalar: keep the text
		}
	case yaml.SequenceNode:
		n.Kind = Seq
		n.Items = make([]*Node, 0, len(y.Content))
		for _, it := range y.Content {
			v, err := c.node(it, depth+1)
			if err != nil {
				return nil, err
			}
			n.Items = append(n.Items, v)
		}
	case yaml.MappingNode:
		n.Kind = Map
		if err := c.mapping(n, y, depth); err != nil {
			return nil, err
		}
	default:
		return nil, errorf(c.pos(y), "unexpected YAML node")
	}
	return n, nil
}

func (c *converter) alias(y *yaml.Node, depth int) (*Node, error) {
	if y.Alias == nil {
		return nil, errorf(c.pos(y), "unknown anchor %q", y.Value)
	}
	if c.active[y.Alias] {
		return nil, errorf(c.pos(y), "alias *%s refers to itself", y.Value)
	}
	if c.active == nil {
		c.active = map[*yaml.Node]bool{}
	}
	if len(c.active) == 0 {
		c.outer = y
	}
	c.active[y.Alias] = true
	defer delete(c.active, y.Alias)
	// Each use of an alias is expanded anew, so that positions stay those
	// of the anchor and the budget counts the expansion.
	return c.node(y.Alias, depth+1)
}

// intrinsic builds {"Fn::X": arg} from !X arg. !GetAtt takes "A.B" as
// well as [A, B]; the attribute may itself hold dots (Endpoint.Address).
func (c *converter) intrinsic(y *yaml.Node, name string, depth int) (*Node, error) {
	plain := *y
	plain.Tag = ""
	if y.Kind == yaml.ScalarNode {
		plain.Tag = "!!str"
	}
	arg, err := c.node(&plain, depth+1)
	if err != nil {
		return nil, err
	}
	if name == "Fn::GetAtt" && arg.Kind == String {
		if res, attr, ok := strings.Cut(arg.Text, "."); ok {
			arg = &Node{Kind: Seq, Pos: arg.Pos, Items: []*Node{
				{Kind: String, Text: res, Pos: arg.Pos},
				{Kind: String, Text: attr, Pos: arg.Pos},
			}}
		}
	}
	p := c.pos(y)
	return &Node{Kind: Map, Pos: p, Field: []*Field{{Key: name, KeyPos: p, Value: arg}}}, nil
}

func (c *converter) mapping(n *Node, y *yaml.Node, depth int) error {
	seen := map[string]Pos{}
	var merges []*yaml.Node
	for i := 0; i+1 < len(y.Content); i += 2 {
		k, v := y.Content[i], y.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		if k.Kind == yaml.AliasNode && k.Alias != nil && k.Alias.Kind == yaml.ScalarNode {
			k = k.Alias
		}
		if k.Kind != yaml.ScalarNode {
			e := errorf(c.pos(k), "a map key must be a scalar")
			e.mapKey = true
			return e
		}
		if first, dup := seen[k.Value]; dup {
			return errorf(c.pos(k), "duplicate key %q (first at line %d)", k.Value, first.Line)
		}
		seen[k.Value] = c.pos(k)
		val, err := c.node(v, depth+1)
		if err != nil {
			return err
		}
		n.Field = append(n.Field, &Field{Key: k.Value, KeyPos: c.pos(k), Value: val})
	}
	// Merge keys (<<: *base, or a list of them): keys of the map itself
	// win, then earlier merged maps.
	for _, m := range merges {
		var srcs []*yaml.Node
		if m.Kind == yaml.SequenceNode {
			srcs = m.Content
		} else {
			srcs = []*yaml.Node{m}
		}
		for _, s := range srcs {
			mv, err := c.node(s, depth+1)
			if err != nil {
				return err
			}
			if mv.Kind != Map {
				return errorf(c.pos(s), "a merge key (<<) needs a map")
			}
			for _, f := range mv.Field {
				if _, ok := seen[f.Key]; ok {
					continue
				}
				seen[f.Key] = f.KeyPos
				n.Field = append(n.Field, f)
			}
		}
	}
	return nil
}
