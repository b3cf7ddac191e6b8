package manifest

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestRecipeBuilds(t *testing.T) {
	const makefile = `# sam build runs these
.PHONY: build-HelloFunction
build-HelloFunction:
	GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -tags lambda.norpc -ldflags "-s -w" -o $(ARTIFACTS_DIR)/bootstrap ./cmd/hello

build-WorldFunction: build-common
	cd cmd/world && go build -o $(ARTIFACTS_DIR)/bootstrap
	cp config.json $(ARTIFACTS_DIR)/

build-FileFunction:
	go build -trimpath -o $(ARTIFACTS_DIR)/bootstrap functions/file/main.go

build-VarFunction:
	go build -o $(ARTIFACTS_DIR)/bootstrap $(PKG)

build-common:
	go build ./cmd/other
`
	for _, tc := range []struct {
		target string
		want   []string
	}{
		{"build-HelloFunction", []string{"cmd/hello"}},
		{"build-WorldFunction", []string{"cmd/world"}},
		{"build-FileFunction", []string{"functions/file"}},
		{"build-VarFunction", nil},
		{"build-Missing", nil},
	} {
		if got := recipeBuilds(makefile, tc.target); !slices.Equal(got, tc.want) {
			t.Errorf("%s: %q, want %q", tc.target, got, tc.want)
		}
	}
}

// TestSAMMakefile: functions that share CodeUri "." and are built by make
// are bound to the package their build target compiles.
func TestSAMMakefile(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{
		"template.yaml": `Transform: AWS::Serverless-2016-10-31
Resources:
  HelloFunction:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: makefile
    Properties:
      CodeUri: .
      Handler: bootstrap
      Runtime: provided.al2023
  WorldFunction:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: makefile
    Properties:
      CodeUri: .
      Handler: bootstrap
      Runtime: provided.al2023
  PlainFunction:
    Type: AWS::Serverless::Function
    Metadata:
      BuildMethod: go1.x
    Properties:
      CodeUri: .
      Handler: bootstrap
      Runtime: provided.al2023
`,
		"Makefile":          "build-HelloFunction:\n\tgo build -o $(ARTIFACTS_DIR)/bootstrap ./cmd/hello\n\nbuild-WorldFunction:\n\tgo build -o $(ARTIFACTS_DIR)/bootstrap ./cmd/nowhere\n",
		"main.go":           "package main\n",
		"cmd/hello/main.go": "package main\n",
	}
	for name, content := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	m, err := Discover(root, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]string{}
	for _, f := range m.Functions {
		got[f.LogicalID] = [2]string{f.CodeDir, f.CodeFrom}
	}
	want := map[string][2]string{
		"HelloFunction": {"cmd/hello", "Makefile"},
		"WorldFunction": {".", "CodeUri"}, // its package has no Go files here
		"PlainFunction": {".", "CodeUri"},
	}
	for id, w := range want {
		if got[id] != w {
			t.Errorf("%s: code %q from %q, want %q from %q", id, got[id][0], got[id][1], w[0], w[1])
		}
	}
}
