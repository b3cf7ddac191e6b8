package manifest

import (
	"os"
	"path/filepath"
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
