package emit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// The YAML targets build yaml.Nodes rather than marshal maps: a node
// keeps the key order a reader expects (Type before Properties), carries
// CloudFormation's short-form tags (!Ref, !GetAtt) and comments, and
// quotes strings that would otherwise read back as numbers or dates.

// ymap returns a mapping of key and value pairs; a nil value leaves its
// key out.
func ymap(kv ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	for i := 0; i+1 < len(kv); i += 2 {
		put(m, kv[i].(string), kv[i+1])
	}
	return m
}

// put appends a key to a mapping, unless the value is nil or empty.
func put(m *yaml.Node, key string, v any) {
	n := yval(v)
	if n == nil {
		return
	}
	m.Content = append(m.Content, ystr(key), n)
}

// yval converts a value to a node: nodes as they are, strings, ints,
// bools, string slices and node slices as sequences.
func yval(v any) *yaml.Node {
	switch v := v.(type) {
	case nil:
		return nil
	case *yaml.Node:
		if v == nil || (v.Kind == yaml.MappingNode || v.Kind == yaml.SequenceNode) && len(v.Content) == 0 {
			return nil // an empty section is left out
		}
		return v
	case string:
		return ystr(v)
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(v)}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(v)}
	case []string:
		if len(v) == 0 {
			return nil
		}
		s := yseq()
		for _, x := range v {
			s.Content = append(s.Content, ystr(x))
		}
		return s
	case []*yaml.Node:
		if len(v) == 0 {
			return nil
		}
		s := yseq()
		s.Content = v
		return s
	}
	panic(fmt.Sprintf("emit: no YAML for %T", v))
}

func ystr(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

func yseq(items ...*yaml.Node) *yaml.Node {
	return &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Content: items}
}

// ref is CloudFormation's !Ref NAME.
func ref(id string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!Ref", Value: id}
}

// getAtt is CloudFormation's !GetAtt NAME.ATTR.
func getAtt(id, attr string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!GetAtt", Value: id + "." + attr}
}

// cfnAttr is a resource attribute: !Ref for "", else !GetAtt.
func cfnAttr(id, attr string) *yaml.Node {
	if attr == "" {
		return ref(id)
	}
	return getAtt(id, attr)
}

// longRef and longGetAtt are the long forms, for serverless.yml.
func longRef(id string) *yaml.Node { return ymap("Ref", id) }

func longGetAtt(id, attr string) *yaml.Node {
	return ymap("Fn::GetAtt", []string{id, attr})
}

func longAttr(id, attr string) *yaml.Node {
	if attr == "" {
		return longRef(id)
	}
	return longGetAtt(id, attr)
}

// jsonNode parses JSON text (an event pattern) into a node, or nil.
func jsonNode(text string) *yaml.Node {
	var v any
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		return nil
	}
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return nil
	}
	return &n
}

// encodeYAML writes documents, separated by ---, with a comment on top.
func encodeYAML(comment string, docs ...*yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	for _, line := range bytes.Split([]byte(comment), []byte("\n")) {
		buf.WriteString("# ")
		buf.Write(line)
		buf.WriteByte('\n')
	}
	for i, d := range docs {
		if i > 0 {
			buf.WriteString("---\n")
		}
		var one bytes.Buffer
		enc := yaml.NewEncoder(&one)
		enc.SetIndent(2)
		if err := enc.Encode(d); err != nil {
			return nil, err
		}
		if err := enc.Close(); err != nil {
			return nil, err
		}
		buf.Write(one.Bytes())
	}
	return buf.Bytes(), nil
}
