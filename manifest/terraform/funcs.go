package terraform

import (
	"path"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// pure are the functions that depend only on their arguments. Functions
// not listed (timestamp, uuid, filebase64sha256, the provider functions)
// make the expression unknown.
var pure = map[string]function.Function{
	"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "chomp": stdlib.ChompFunc, "chunklist": stdlib.ChunklistFunc,
	"coalesce": stdlib.CoalesceFunc, "coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc,
	"concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc, "csvdecode": stdlib.CSVDecodeFunc,
	"distinct": stdlib.DistinctFunc, "element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc,
	"floor": stdlib.FloorFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
	"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "jsondecode": stdlib.JSONDecodeFunc,
	"jsonencode": stdlib.JSONEncodeFunc, "keys": stdlib.KeysFunc, "length": stdlib.LengthFunc,
	"lookup": stdlib.LookupFunc, "lower": stdlib.LowerFunc, "max": stdlib.MaxFunc, "merge": stdlib.MergeFunc,
	"min": stdlib.MinFunc, "range": stdlib.RangeFunc, "regex": stdlib.RegexFunc, "regexall": stdlib.RegexAllFunc,
	"reverse": stdlib.ReverseListFunc, "setunion": stdlib.SetUnionFunc, "slice": stdlib.SliceFunc,
	"sort": stdlib.SortFunc, "split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc,
	"title": stdlib.TitleFunc, "tonumber": stdlib.MakeToFunc(cty.Number), "tostring": stdlib.MakeToFunc(cty.String),
	"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
	"tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)), "toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)),
	"trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc, "trimspace": stdlib.TrimSpaceFunc,
	"trimsuffix": stdlib.TrimSuffixFunc, "upper": stdlib.UpperFunc, "values": stdlib.ValuesFunc,
	"zipmap": stdlib.ZipmapFunc, "replace": stdlib.ReplaceFunc,
	"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
}

// functions are the pure functions and those that read files, relative
// to the root module's directory as Terraform's working directory.
func (in *instance) functions() map[string]function.Function {
	fs := make(map[string]function.Function, len(pure)+6)
	for k, f := range pure {
		fs[k] = f
	}
	r := in.cfg.r
	cwd := r.abs(in.rootInstance().mod.dir)
	// resolve makes a path as a configuration writes it relative to the
	// analysed root; ok is false outside the bound.
	resolve := func(p string) (string, bool) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		rel, err := filepath.Rel(r.root, filepath.Clean(p))
		if err != nil {
			return "", false
		}
		rel = filepath.ToSlash(rel)
		return rel, r.inBound(rel)
	}
	str1 := func(impl func(s string) (cty.Value, error)) function.Function {
		return function.New(&function.Spec{
			Params: []function.Parameter{{Name: "path", Type: cty.String}},
			Type:   function.StaticReturnType(cty.String),
			Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
				if strings.ContainsRune(args[0].AsString(), sentinelStart) {
					return cty.UnknownVal(cty.String), nil
				}
				return impl(args[0].AsString())
			},
		})
	}
	fs["abspath"] = str1(func(p string) (cty.Value, error) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(cwd, p)
		}
		return cty.StringVal(filepath.ToSlash(filepath.Clean(p))), nil
	})
	fs["basename"] = str1(func(p string) (cty.Value, error) { return cty.StringVal(path.Base(p)), nil })
	fs["dirname"] = str1(func(p string) (cty.Value, error) { return cty.StringVal(path.Dir(p)), nil })
	// read reads a file that file() or templatefile() names, recording it;
	// false when the path is outside the tree or unreadable (the value is
	// then unknown).
	read := func(p string) (string, []byte, bool) {
		rel, ok := resolve(p)
		if !ok {
			return "", nil, false
		}
		data, err := r.readFile(rel)
		if err != nil {
			return "", nil, false
		}
		in.cfg.files = append(in.cfg.files, rel)
		return rel, data, true
	}
	fs["file"] = str1(func(p string) (cty.Value, error) {
		if _, data, ok := read(p); ok {
			return cty.StringVal(string(data)), nil
		}
		return cty.UnknownVal(cty.String), nil
	})
	fs["templatefile"] = function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}, {Name: "vars", Type: cty.DynamicPseudoType}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			if strings.ContainsRune(args[0].AsString(), sentinelStart) || !args[1].IsWhollyKnown() && !args[1].CanIterateElements() {
				return cty.UnknownVal(cty.String), nil
			}
			rel, data, ok := read(args[0].AsString())
			if !ok {
				return cty.UnknownVal(cty.String), nil
			}
			tmpl, diags := hclsyntax.ParseTemplate(data, rel, hcl.InitialPos)
			if diags.HasErrors() {
				return cty.UnknownVal(cty.String), nil
			}
			vars := map[string]cty.Value{}
			if args[1].CanIterateElements() && !args[1].IsNull() {
				for it := args[1].ElementIterator(); it.Next(); {
					k, v := it.Element()
					if k.Type() == cty.String && k.IsKnown() {
						vars[k.AsString()] = v
					}
				}
			}
			tfs := make(map[string]function.Function, len(pure))
			for k, f := range pure {
				tfs[k] = f
			}
			v, diags := tmpl.Value(&hcl.EvalContext{Variables: vars, Functions: tfs})
			if diags.HasErrors() {
				return cty.UnknownVal(cty.String), nil
			}
			return v, nil
		},
	})
	return fs
}
