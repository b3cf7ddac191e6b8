package node

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"sort"
)

// ParseJSON parses one JSON document. Duplicate keys are an error: JSON
// parsers disagree on which one wins, and so do CloudFormation and the
// tools that feed it.
func ParseJSON(file string, data []byte) (*Node, error) {
	if bytes.HasPrefix(data, []byte("\ufeff")) {
		// encoding/json rejects a byte order mark; blank it out so that
		// offsets, and so columns, stay those of the file.
		data = append([]byte("   "), data[3:]...)
	}
	p := &jsonParser{file: file, data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	p.dec.UseNumber()
	p.lineStarts()
	n, err := p.value(0)
	if err != nil {
		return nil, err
	}
	if _, err := p.dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errorf(p.pos(p.start()), "invalid JSON: text after the end of the document")
	}
	return n, nil
}

type jsonParser struct {
	file  string
	data  []byte
	dec   *json.Decoder
	lines []int // offsets where lines start
	count int
}

func (p *jsonParser) lineStarts() {
	p.lines = append(p.lines, 0)
	for i, c := range p.data {
		if c == '\n' {
			p.lines = append(p.lines, i+1)
		}
	}
}

// pos converts a byte offset.
func (p *jsonParser) pos(off int) Pos {
	i := sort.Search(len(p.lines), func(i int) bool { return p.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return Pos{File: p.file, Line: i + 1, Col: off - p.lines[i] + 1}
}

// start is the offset of the next token: the decoder's offset is the end
// of the last one, before separators and space.
func (p *jsonParser) start() int {
	off := int(p.dec.InputOffset())
	for off < len(p.data) {
		switch p.data[off] {
		case ' ', '\t', '\r', '\n', ',', ':':
			off++
			continue
		}
		break
	}
	return off
}

func (p *jsonParser) token() (json.Token, Pos, error) {
	at := p.pos(p.start())
	t, err := p.dec.Token()
	if err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			at = p.pos(int(se.Offset))
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, at, errorf(p.pos(len(p.data)), "invalid JSON: unexpected end of file")
		}
		return nil, at, errorf(at, "invalid JSON: %v", err)
	}
	return t, at, nil
}

func (p *jsonParser) value(depth int) (*Node, error) {
	t, at, err := p.token()
	if err != nil {
		return nil, err
	}
	return p.build(t, at, depth)
}

func (p *jsonParser) build(t json.Token, at Pos, depth int) (*Node, error) {
	p.count++
	if p.count > MaxNodes {
		return nil, errorf(at, "the document has more than %d nodes", MaxNodes)
	}
	if depth > MaxDepth {
		return nil, errorf(at, "nested more than %d levels deep", MaxDepth)
	}
	n := &Node{Pos: at}
	switch t := t.(type) {
	case nil:
		n.Kind = Null
	case bool:
		n.Kind = Bool
		n.Text = "false"
		if t {
			n.Text = "true"
		}
	case json.Number:
		n.Kind, n.Text = Number, string(t)
	case string:
		n.Kind, n.Text = String, t
	case json.Delim:
		switch t {
		case '[':
			n.Kind = Seq
			for p.dec.More() {
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Items = append(n.Items, v)
			}
		case '{':
			n.Kind = Map
			seen := map[string]Pos{}
			for p.dec.More() {
				kt, kat, err := p.token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				if first, dup := seen[k]; dup {
					return nil, errorf(kat, "invalid JSON: duplicate key %q (first at line %d)", k, first.Line)
				}
				seen[k] = kat
				v, err := p.value(depth + 1)
				if err != nil {
					return nil, err
				}
				n.Field = append(n.Field, &Field{Key: k, KeyPos: kat, Value: v})
			}
		default:
			return nil, errorf(at, "invalid JSON: unexpected %v", t)
		}
		if _, _, err := p.token(); err != nil { // the closing delimiter
			return nil, err
		}
	}
	return n, nil
}

// Parse parses a manifest file: JSON when the name ends in .json or the
// text is a JSON object, else a YAML stream. JSON that the YAML parser
// also reads (a .yaml file holding a JSON object) is read as JSON first,
// for its stricter duplicate-key rule; when that fails it is read as YAML.
func Parse(file string, data []byte) ([]*Node, error) {
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\ufeff")), " \t\r\n")
	isJSONName := len(file) > 5 && file[len(file)-5:] == ".json"
	if isJSONName || bytes.HasPrefix(trimmed, []byte("{")) {
		n, err := ParseJSON(file, data)
		if err == nil {
			return []*Node{n}, nil
		}
		if isJSONName {
			if e := templateError(file, data); e != nil {
				return nil, e
			}
			return nil, err
		}
	}
	return ParseYAML(file, data)
}
