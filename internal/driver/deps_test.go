package driver

import (
	"slices"
	"testing"

	"golang.org/x/tools/go/packages"
)

// graph builds packages from "path: imports..." lines; a path's module
// is its first three elements (or mods[path]).
func graph(edges map[string][]string, mods map[string]string) map[string]*packages.Package {
	pkgs := map[string]*packages.Package{}
	get := func(path string) *packages.Package {
		if p, ok := pkgs[path]; ok {
			return p
		}
		p := &packages.Package{ID: path, PkgPath: path, Imports: map[string]*packages.Package{}}
		if !standard(path) {
			p.Module = &packages.Module{Path: mods[path]}
		}
		pkgs[path] = p
		return p
	}
	for from, tos := range edges {
		p := get(from)
		for _, to := range tos {
			p.Imports[to] = get(to)
		}
	}
	return pkgs
}

func TestSourceDeps(t *testing.T) {
	const (
		sqs    = "github.com/aws/aws-sdk-go-v2/service/sqs"
		s3     = "github.com/aws/aws-sdk-go-v2/service/s3"
		lambda = "github.com/aws/aws-lambda-go/lambda"
		events = "github.com/aws/aws-lambda-go/events"
		pubsub = "cloud.google.com/go/pubsub"
	)
	edges := map[string][]string{
		"example.com/app/orders":   {"example.com/app/msg", "example.com/corp/awsutil", "example.com/corp/log", "example.com/corp/platform", "example.com/corp/s3util", "example.com/corp/web", "example.com/corp/types"},
		"example.com/app/msg":      {"encoding/json"},
		"example.com/corp/awsutil": {sqs, "os"},
		// through another dependency that wraps the SDK
		"example.com/corp/platform":         {"example.com/corp/platform/run"},
		"example.com/corp/platform/run":     {lambda},
		"example.com/corp/log":              {"fmt"},
		"example.com/corp/s3util":           {s3},
		"example.com/corp/web":              {"net/http"},
		"example.com/corp/types":            {events},
		sqs:                                 {"github.com/aws/aws-sdk-go-v2/aws"},
		"cloud.google.com/go/pubsub/pstest": {pubsub},
		"example.com/app/gcp":               {"cloud.google.com/go/pubsub/pstest"},
	}
	mods := map[string]string{
		"example.com/app/orders": "example.com/app", "example.com/app/msg": "example.com/app", "example.com/app/gcp": "example.com/app",
		"example.com/corp/awsutil": "example.com/corp/awsutil", "example.com/corp/log": "example.com/corp/log",
		"example.com/corp/platform": "example.com/corp/platform", "example.com/corp/platform/run": "example.com/corp/platform",
		"example.com/corp/s3util": "example.com/corp/s3util", "example.com/corp/web": "example.com/corp/web", "example.com/corp/types": "example.com/corp/types",
		sqs: sqs, s3: s3, "github.com/aws/aws-sdk-go-v2/aws": "github.com/aws/aws-sdk-go-v2", lambda: "github.com/aws/aws-lambda-go", events: "github.com/aws/aws-lambda-go",
		pubsub: pubsub, "cloud.google.com/go/pubsub/pstest": pubsub,
	}
	pkgs := graph(edges, mods)
	var got []string
	for _, p := range sourceDeps([]*packages.Package{pkgs["example.com/app/orders"], pkgs["example.com/app/msg"], pkgs["example.com/app/gcp"]}, noSource) {
		got = append(got, p.PkgPath)
	}
	// Not: the roots, the SDKs, the standard library, corp/log (no SDK),
	// corp/s3util (S3 sends to no function), corp/web (net/http only),
	// corp/types (aws-lambda-go's events: types, no registrar), pstest
	// (in Pub/Sub's own module).
	want := []string{"example.com/corp/awsutil", "example.com/corp/platform", "example.com/corp/platform/run"}
	if !slices.Equal(got, want) {
		t.Errorf("sourceDeps = %q, want %q", got, want)
	}

	// A graph with no SDK in it (golang.org/x/tools, grpc): nothing.
	quiet := graph(map[string][]string{"example.com/tool": {"example.com/dep", "net/http"}, "example.com/dep": {"fmt"}},
		map[string]string{"example.com/tool": "example.com/tool", "example.com/dep": "example.com/dep"})
	if got := sourceDeps([]*packages.Package{quiet["example.com/tool"]}, noSource); len(got) != 0 {
		t.Errorf("sourceDeps without an SDK = %v, want none", got)
	}
}

func noSource(*packages.Package) bool { return false }

// The user's own modules (replaced by a directory, or in the go.work
// workspace) are read from source when a root reaches them through such
// packages, SDK or not; a module required by version is not, nor a
// local one reached only through a versioned module, nor one replaced
// by another version, nor a package of the root's own module that the
// patterns left out.
func TestSourceDepsLocal(t *testing.T) {
	edges := map[string][]string{
		"example.com/app/api":          {"example.com/app/testdata", "example.com/obs", "example.com/core/model", "example.com/vendorlib", "example.com/forked", "example.com/ws/util", "encoding/json"},
		"example.com/obs":              {"encoding/json", "example.com/obs/internal/enc"},
		"example.com/obs/internal/enc": {"bytes"},
		"example.com/core/model":       {"time"},
		"example.com/vendorlib":        {"example.com/hidden"},
		"example.com/hidden":           {"fmt"},
		"example.com/forked":           {"fmt"},
		"example.com/ws/util":          {"strings"},
		// in the root's own module but left out of the patterns
		"example.com/app/testdata": {"fmt"},
	}
	mods := map[string]string{
		"example.com/app/api": "example.com/app", "example.com/obs": "example.com/obs", "example.com/obs/internal/enc": "example.com/obs",
		"example.com/core/model": "example.com/core", "example.com/vendorlib": "example.com/vendorlib", "example.com/hidden": "example.com/hidden",
		"example.com/forked": "example.com/forked", "example.com/ws/util": "example.com/ws", "example.com/app/testdata": "example.com/app",
	}
	pkgs := graph(edges, mods)
	pkgs["example.com/app/api"].Module.Main = true
	pkgs["example.com/app/testdata"].Module.Main = true
	for _, path := range []string{"example.com/obs", "example.com/obs/internal/enc", "example.com/core/model", "example.com/hidden"} {
		pkgs[path].Module.Replace = &packages.Module{Path: "../" + path[len("example.com/"):]}
	}
	pkgs["example.com/forked"].Module.Replace = &packages.Module{Path: "example.org/fork", Version: "v1.2.0"}
	pkgs["example.com/ws/util"].Module.Main = true // a go.work module
	var got []string
	for _, p := range sourceDeps([]*packages.Package{pkgs["example.com/app/api"]}, noSource) {
		got = append(got, p.PkgPath)
	}
	want := []string{"example.com/core/model", "example.com/obs", "example.com/obs/internal/enc", "example.com/ws/util"}
	if !slices.Equal(got, want) {
		t.Errorf("sourceDeps = %q, want %q", got, want)
	}
}
