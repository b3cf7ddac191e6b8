package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDockerImageFunctions binds SAM image functions to the package their
// Dockerfile builds: the build argument each function passes, else the
// ARG's default; a Dockerfile that builds two packages binds to none.
func TestDockerImageFunctions(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"Dockerfile": `FROM golang:1.26 AS build
WORKDIR /src
COPY . ./
# which package to build
ARG GO_MAIN=./cmd/worker
RUN set -eux; \
    CGO_ENABLED=0 GOARCH="$(go env GOARCH)" \
    go build -trimpath -ldflags="-s -w" -o /out/bootstrap ${GO_MAIN}
FROM public.ecr.aws/lambda/provided:al2
COPY --from=build /out/bootstrap /var/runtime/bootstrap
`,
		"two/Dockerfile": "FROM golang\nRUN go build -o /a ./cmd/a && go build -o /b ./cmd/b\n",
		"template.yaml": `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  ApiFunction:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
    Metadata:
      Dockerfile: Dockerfile
      DockerContext: .
      DockerBuildArgs:
        GO_MAIN: ./cmd/api
  WorkerFunction:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
    Metadata:
      DockerContext: .
  TwoFunction:
    Type: AWS::Serverless::Function
    Properties:
      PackageType: Image
    Metadata:
      DockerContext: ./two
`,
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, errs := Discover(dir, Options{})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := map[string][2]string{
		"ApiFunction":    {"cmd/api", "Dockerfile"},
		"WorkerFunction": {"cmd/worker", "Dockerfile"},
		"TwoFunction":    {"two", "Metadata.DockerContext"},
	}
	for id, w := range want {
		f := m.Function(id)
		if f == nil {
			t.Fatalf("no function %s", id)
		}
		if f.CodeDir != w[0] || f.CodeFrom != w[1] {
			t.Errorf("%s: code %q from %s, want %q from %s", id, f.CodeDir, f.CodeFrom, w[0], w[1])
		}
	}
}

// TestDockerUnsetArgs: a go build whose package needs a build argument
// that nothing sets names the argument (not those of its flags, nor of
// other commands); one that resolves names none.
func TestDockerUnsetArgs(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"unset/Dockerfile": "FROM golang\nARG SVC\nARG TAGS\nRUN echo ${OTHER} && go build -tags \"$TAGS\" -o /b ./cmd/${SVC}\n",
		"set/Dockerfile":   "FROM golang\nARG SVC=orders\nRUN go build -o /b ./cmd/${SVC}\n",
	}
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := newBuilder(dir, Options{})
	if pkg, unset := b.dockerBuild("unset", "Dockerfile", nil); pkg != "" || strings.Join(unset, ",") != "SVC" {
		t.Errorf("unset: package %q, unset %v; want none and [SVC]", pkg, unset)
	}
	if pkg, unset := b.dockerBuild("unset", "Dockerfile", map[string]string{"SVC": "refunds", "TAGS": "lambda"}); pkg != "unset/cmd/refunds" || unset != nil {
		t.Errorf("unset with build arguments: package %q, unset %v; want unset/cmd/refunds and none", pkg, unset)
	}
	if pkg, unset := b.dockerBuild("set", "Dockerfile", nil); pkg != "set/cmd/orders" || unset != nil {
		t.Errorf("set: package %q, unset %v; want set/cmd/orders and none", pkg, unset)
	}
}
