package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWorkflowImages: a workflow's docker/build-push-action steps bind
// the images they tag to the package their Dockerfile builds with their
// build arguments (tags as lines or comma-separated, Docker Hub's host
// implied); a step whose build argument is an expression, two steps that
// build one image from different packages, and an image no step tags
// bind nothing.
func TestWorkflowImages(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"build/Dockerfile":        "FROM golang\nARG main_path\nRUN go build -o /app $main_path\n",
		"cmd/ticker/main.go":      "package main\nfunc main() {}\n",
		"cmd/mapper/main.go":      "package main\nfunc main() {}\n",
		"cmd/other/main.go":       "package main\nfunc main() {}\n",
		"svc/Dockerfile":          "FROM golang\nRUN go build -o /app ./cmd\n",
		"svc/cmd/main.go":         "package main\nfunc main() {}\n",
		".github/workflows/a.yml": workflowYAML,
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b := newBuilder(dir, Options{})
	b.readWorkflows()
	for img, want := range map[string]string{
		"docker.io/acme/ticker:v1":  "cmd/ticker",
		"acme/mapper":               "cmd/mapper",
		"index.docker.io/acme/svc":  "svc/cmd",
		"ghcr.io/acme/dynamic:main": "",
		"acme/twice":                "",
		"acme/untagged":             "",
	} {
		if got := b.workflowPackage(imageRepo(img)); got != want {
			t.Errorf("%s: package %q, want %q", img, got, want)
		}
	}
}

const workflowYAML = `
jobs:
  images:
    steps:
      - uses: actions/checkout@v4
      - uses: docker/build-push-action@v6
        with:
          tags: |
            docker.io/acme/ticker:latest
            docker.io/acme/ticker:${{ github.ref_name }}
          file: ./build/Dockerfile
          build-args: |
            main_path=cmd/ticker/main.go
      - uses: docker/build-push-action@v6
        with:
          tags: acme/mapper:latest,acme/mapper:edge
          context: .
          file: build/Dockerfile
          build-args: main_path=./cmd/mapper
      - uses: docker/build-push-action@v6
        with:
          context: svc
          tags: acme/svc
      - uses: docker/build-push-action@v6
        with:
          tags: ghcr.io/acme/dynamic:main
          file: build/Dockerfile
          build-args: main_path=${{ matrix.path }}
      - uses: docker/build-push-action@v6
        with:
          tags: acme/twice
          file: build/Dockerfile
          build-args: main_path=cmd/ticker
      - uses: docker/build-push-action@v6
        with:
          tags: acme/twice
          file: build/Dockerfile
          build-args: main_path=cmd/other
`

// TestKnCommandsBesideYAML: a README's kn service create makes a
// Knative Service that a Sequence of the YAML references by name, bound
// to its code by the image; a Service that the YAML also declares is the
// YAML's alone (one function, not two of one name).
func TestKnCommandsBesideYAML(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"README.md": "```bash\nkn service create mapper --image=ko://example.com/app/mapper\n" +
			"kn service create audit --image=ko://example.com/app/other\n```\n",
		"go.mod":         "module example.com/app\n",
		"mapper/main.go": "package main\nfunc main() {}\n",
		"audit/main.go":  "package main\nfunc main() {}\n",
		"other/main.go":  "package main\nfunc main() {}\n",
		"flow.yaml": `apiVersion: flows.knative.dev/v1
kind: Sequence
metadata:
  name: pipeline
spec:
  steps:
    - ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: mapper}
    - ref: {apiVersion: serving.knative.dev/v1, kind: Service, name: audit}
---
apiVersion: serving.knative.dev/v1
kind: Service
metadata:
  name: audit
spec:
  template:
    spec:
      containers:
        - image: ko://example.com/app/audit
`,
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, errs := Discover(dir, Options{})
	if len(errs) > 0 {
		t.Fatalf("errors: %v", errs)
	}
	var got []string
	for _, f := range m.Functions {
		got = append(got, f.ID+" "+string(f.Format)+" "+f.CodeDir)
	}
	want := "audit knative audit, mapper shell mapper"
	if strings.Join(got, ", ") != want {
		t.Errorf("functions %q, want %q", strings.Join(got, ", "), want)
	}
	steps := 0
	for _, l := range m.Links {
		if l.Event == "knative-sequence" && l.To.Kind == EndFunction {
			steps++
		}
	}
	if steps != 2 {
		t.Errorf("%d Sequence steps reach a function, want 2", steps)
	}
}
