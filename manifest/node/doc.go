// Package node parses the YAML and JSON documents that infrastructure
// manifests are written in into one tree of [Node] values, each with the
// file, line and column it came from, because every diagnostic built on a
// manifest names file:line.
//
// The readers of package manifest never see YAML or JSON syntax: YAML
// anchors and merge keys are expanded, CloudFormation's short-form tags
// (!Ref, !GetAtt, !Sub, ...) become the long form ({"Ref": ...},
// {"Fn::GetAtt": [...]}) that JSON templates use, and JSON and YAML give
// the same tree.
//
// Parsing is bounded, because manifests are user input and a walk of a
// tree reads files nobody vetted: go.yaml.in/yaml/v3 limits nesting while
// it parses (depth 10000) and guards alias expansion only when it decodes
// into Go values, not into the yaml.Node tree this package reads. So the
// conversion counts every node it builds, aliases expanded, and stops at
// [MaxNodes], or at [MaxAliasNodes] built by expanding aliases (a
// "billion laughs" document stops there, in milliseconds); it also rejects
// recursive aliases, nesting deeper than [MaxDepth], and duplicate keys,
// which CloudFormation and JSON parsers disagree on.
package node
