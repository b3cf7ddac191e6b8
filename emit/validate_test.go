package emit

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"github.com/faasvet/faasvet/emit/svg"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/faasvet/faasvet/manifest"
	"github.com/faasvet/faasvet/manifest/asl"
)

// The validators are the tools people run on these files:
//
//   - asl-validator (npm, 4.0.0) on every state machine;
//   - cfn-lint (Python) on the SAM template and on the CloudFormation
//     that osls compiles from serverless.yml, where it is installed;
//   - osls (npm, 4.3.1) with serverless-step-functions (3.31.2) and
//     serverless-go-plugin (2.4.1): sls print with configValidationMode
//     error, and sls package, which validates the state machines with
//     the plugin's schema and asl-validator and builds every function;
//   - JSON Schemas of the fields faas-cli and Knative read, in
//     testdata/schema (their $comment says where each field comes from).
//
// .ci/emit.sh installs the npm tools into .ci/node_modules and runs these
// tests with FAASVET_EMIT_VALIDATORS=require, which turns a missing tool
// into a failure; elsewhere a missing tool skips its test, saying so.

// tool finds an installed validator: a binary of .ci/node_modules (or
// $FAASVET_NODE_MODULES), or one on PATH.
func tool(t *testing.T, name string, npm bool) string {
	t.Helper()
	if npm {
		dir := os.Getenv("FAASVET_NODE_MODULES")
		if dir == "" {
			dir, _ = filepath.Abs(filepath.Join("..", ".ci", "node_modules"))
		}
		p := filepath.Join(dir, ".bin", name)
		if _, err := os.Stat(p); err == nil {
			return p
		}
	} else if p, err := exec.LookPath(name); err == nil {
		return p
	}
	msg := name + " is not installed, so this output is not checked by it"
	if npm {
		msg += " (run .ci/emit.sh, which installs it with npm into .ci/node_modules)"
	}
	if os.Getenv("FAASVET_EMIT_VALIDATORS") == "require" {
		t.Fatal(msg)
	}
	t.Skip("SKIP: " + msg)
	return ""
}

func runTool(t *testing.T, dir string, env []string, name string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// writeShop writes a target of the shop into a copy of the tree, under
// deploy/, and returns the copy's directory.
func writeShop(t *testing.T, target Target) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(shopDir)); err != nil {
		t.Fatal(err)
	}
	res := shop(t)
	r, err := Emit(Input{Graph: res.Graph, Root: dir, Service: "shop"}, Options{Target: target, Out: filepath.Join(dir, "deploy"), RenderSVG: svg.Render})
	if err != nil {
		t.Fatal(err)
	}
	if err := Write(filepath.Join(dir, "deploy"), r.Files, false); err != nil {
		t.Fatal(err)
	}
	return dir
}

// aslFiles are state machines to validate: the shop's, the example's
// committed ones, and the shapes of topology_test.go.
func aslFiles(t *testing.T) map[string][]byte {
	files := map[string][]byte{}
	for _, f := range emitShop(t, ASL).Files {
		files["shop/"+f.Path] = f.Data
	}
	matches, _ := filepath.Glob(filepath.Join(exampleDir, "emitted", "statemachines", "*.json"))
	for _, m := range matches {
		data, err := os.ReadFile(m)
		if err != nil {
			t.Fatal(err)
		}
		files["example/"+filepath.Base(m)] = data
	}
	for name, g := range shapes() {
		r, err := Emit(Input{Graph: g, Root: "/src"}, Options{Target: ASL})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range r.Files {
			files[name+"/"+f.Path] = f.Data
		}
	}
	return files
}

func TestASLValidator(t *testing.T) {
	bin := tool(t, "asl-validator", true)
	dir := t.TempDir()
	files := aslFiles(t)
	var args []string
	for _, name := range slices.Sorted(maps.Keys(files)) {
		p := filepath.Join(dir, strings.ReplaceAll(name, "/", "_"))
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, "--json-path", p)
	}
	if out, err := runTool(t, dir, nil, bin, args...); err != nil {
		t.Errorf("asl-validator rejects a state machine: %v\n%s", err, out)
	} else {
		t.Logf("asl-validator accepts %d state machines:\n%s", len(files), out)
	}
	// The validator must be able to say no.
	bad := filepath.Join(dir, "bad.json")
	_ = os.WriteFile(bad, []byte(`{"StartAt": "a", "States": {"a": {"Type": "Task", "Resource": "${AFunctionArn}", "Next": "missing"}}}`), 0o644)
	if _, err := runTool(t, dir, nil, bin, "--json-path", bad); err == nil {
		t.Error("asl-validator accepted a Next to a missing state")
	}
}

// TestSAMReadBack runs everywhere: the SAM template and its state
// machines parse with the manifest package's CloudFormation reader, as
// SAM and ASL files, without errors.
func TestSAMReadBack(t *testing.T) {
	dir := writeShop(t, SAM)
	m, errs := manifest.Discover(dir, manifest.Options{Files: []string{"deploy/template.yaml"}})
	for _, e := range errs {
		t.Errorf("%v", e)
	}
	formats := map[string]manifest.Format{}
	for _, f := range m.Files {
		formats[f.Path] = f.Format
	}
	if formats["deploy/template.yaml"] != manifest.SAM || formats["deploy/statemachines/order.asl.json"] != manifest.StatesLanguage {
		t.Errorf("read back as %v, want the template as sam and its definition as asl", formats)
	}
	if len(m.StateMachines) != 1 || m.StateMachines[0].Definition == nil {
		t.Fatalf("state machines read back: %+v", m.StateMachines)
	}
	m.StateMachines[0].Definition.Walk(func(st *asl.State) {
		if st.Type == "Task" && st.Function == "" {
			t.Errorf("task %s is bound to no function", st.Name)
		}
	})
}

func TestCFNLint(t *testing.T) {
	bin := tool(t, "cfn-lint", false)
	dir := writeShop(t, SAM)
	if out, err := runTool(t, filepath.Join(dir, "deploy"), nil, bin, "template.yaml"); err != nil {
		t.Errorf("cfn-lint rejects the SAM template: %v\n%s", err, out)
	}
	// The example's committed template, too.
	if out, err := runTool(t, filepath.Join(exampleDir, "emitted"), nil, bin, "template.yaml"); err != nil {
		t.Errorf("cfn-lint rejects examples/orders/emitted/template.yaml: %v\n%s", err, out)
	}
	bad := filepath.Join(dir, "deploy", "bad.yaml")
	_ = os.WriteFile(bad, []byte("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      FifoQueueX: true\n"), 0o644)
	if _, err := runTool(t, dir, nil, bin, bad); err == nil {
		t.Error("cfn-lint accepted a property that does not exist")
	}
}

// TestServerless runs osls on serverless.yml: sls print validates the
// configuration with configValidationMode error (the plugins' schemas
// included), and sls package compiles it to CloudFormation, validating
// the state machines and building every function with go build.
func TestServerless(t *testing.T) {
	bin := tool(t, "sls", true)
	dir := writeShop(t, Serverless)
	svc := filepath.Join(dir, "deploy")
	nm := filepath.Dir(filepath.Dir(bin)) // node_modules, above .bin
	if err := os.Symlink(nm, filepath.Join(svc, "node_modules")); err != nil {
		t.Fatal(err)
	}
	// osls writes state under $HOME: give it its own, and keep Go's
	// caches where they are, so that the builds need no network.
	env := []string{"SLS_TELEMETRY_DISABLED=1", "SLS_NOTIFICATIONS_MODE=off", "SLS_DEPRECATION_DISABLE=*",
		"AWS_REGION=us-east-1", "GOFLAGS=-mod=mod", "GOPROXY=off", "HOME=" + t.TempDir()}
	for _, v := range []string{"GOCACHE", "GOMODCACHE", "GOPATH"} {
		out, err := exec.Command("go", "env", v).Output()
		if err != nil {
			t.Fatal(err)
		}
		env = append(env, v+"="+strings.TrimSpace(string(out)))
	}
	out, err := runTool(t, svc, env, bin, "print")
	if err != nil {
		t.Fatalf("sls print rejects serverless.yml: %v\n%s", err, out)
	}
	if os.Getenv("FAASVET_EMIT_VALIDATORS") == "" {
		t.Skip("SKIP: sls package builds every function (a minute or two): it runs under .ci/emit.sh, or with FAASVET_EMIT_VALIDATORS=1")
	}
	out, err = runTool(t, svc, env, bin, "package")
	if err != nil {
		t.Fatalf("sls package fails: %v\n%s", err, out)
	}
	cfn := filepath.Join(svc, ".serverless", "cloudformation-template-update-stack.json")
	data, err := os.ReadFile(cfn)
	if err != nil {
		t.Fatal(err)
	}
	var compiled struct {
		Resources map[string]struct{ Type string }
	}
	if err := json.Unmarshal(data, &compiled); err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	for _, r := range compiled.Resources {
		count[r.Type]++
	}
	if count["AWS::Lambda::Function"] != 9 || count["AWS::StepFunctions::StateMachine"] != 1 || count["AWS::SNS::Subscription"] < 1 {
		t.Errorf("the compiled template has %v, want 9 functions, a state machine and the subscriptions", count)
	}
	if lint, err := exec.LookPath("cfn-lint"); err == nil {
		// W3005: serverless-step-functions gives its role both a GetAtt
		// and a DependsOn; that is the plugin's template, not ours.
		if out, err := runTool(t, svc, nil, lint, "--ignore-checks", "W3005", "--", cfn); err != nil {
			t.Errorf("cfn-lint rejects what osls compiles: %v\n%s", err, out)
		}
	} else {
		t.Log("SKIP: cfn-lint is not installed: the compiled template is not linted")
	}
}

// TestSchemas checks the OpenFaaS and Knative output against the schemas
// of the fields their tools read.
func TestSchemas(t *testing.T) {
	c := jsonschema.NewCompiler()
	stack, err := c.Compile(filepath.Join("testdata", "schema", "openfaas-stack.json"))
	if err != nil {
		t.Fatal(err)
	}
	kn, err := c.Compile(filepath.Join("testdata", "schema", "knative.json"))
	if err != nil {
		t.Fatal(err)
	}
	validate := func(s *jsonschema.Schema, name string, data []byte) error {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		n := 0
		for {
			var v any
			err := dec.Decode(&v)
			if err != nil {
				if errors.Is(err, io.EOF) {
					break
				}
				return err
			}
			n++
			j, _ := json.Marshal(v)
			inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(j))
			if err != nil {
				return err
			}
			if err := s.Validate(inst); err != nil {
				return err
			}
		}
		if n == 0 {
			t.Errorf("%s: no document", name)
		}
		return nil
	}
	for name, r := range map[string]*Result{"shop": emitShop(t, OpenFaaS)} {
		if err := validate(stack, name, r.Files[0].Data); err != nil {
			t.Errorf("%s stack.yml: %v", name, err)
		}
	}
	for name, r := range map[string]*Result{"shop": emitShop(t, Knative)} {
		if err := validate(kn, name, r.Files[0].Data); err != nil {
			t.Errorf("%s knative.yaml: %v", name, err)
		}
	}
	// Each handler directory exists, relative to the stack file.
	dir := writeShop(t, OpenFaaS)
	m, _ := manifest.Discover(dir, manifest.Options{Files: []string{"deploy/stack.yml"}})
	for _, f := range m.Functions {
		if f.CodeDir == "" {
			t.Errorf("OpenFaaS function %s: handler %s is not a directory of the tree", f.Name, f.Handler)
		}
	}
	// The schemas must be able to say no.
	if validate(stack, "bad", []byte("version: \"1.0\"\nprovider: {name: openfaas}\nfunctions:\n  f: {lang: go, handler: ./f, image: f, image_pull_policy: Always}\n")) == nil {
		t.Error("the stack schema accepted a field faas-cli does not read")
	}
	if validate(kn, "bad", []byte("apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata: {name: t}\nspec: {broker: b, subscriber: {ref: {kind: Service, name: s}}}\n")) == nil {
		t.Error("the Knative schema accepted a ref without apiVersion")
	}
}
